// The JSON form of a model fit (`pqlscope calibrate --report`, the package's calibrate()):
// documented in docs/report.md "The calibration report".
#pragma once

#include <nlohmann/json.hpp>

#include "pqlscope/segments/model_fit.hpp"

namespace pqlscope {

nlohmann::ordered_json model_fit_json(const ModelFitReport& fit);

}  // namespace pqlscope
