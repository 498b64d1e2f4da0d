// Fitting the model to outcomes on a scored session, as the package's calibrate() calls it
// (the CLI's `pqlscope calibrate` does the same steps itself): docs/segments.md "Fitting the
// model to outcomes".
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "pqlscope/segments/model_fit.hpp"

namespace pqlscope {

class Session;

// {"l2": 1, "held_out_percent": 30, "prior_strength": 10}, every key optional; anything else
// (or a value out of range) throws std::invalid_argument naming the key.
ModelFitOptions model_fit_options_from_json(std::string_view options_json);

// Fits to the outcomes CSV text the model the session was last scored with (its full result:
// scoring as of the model's or the data's day). Returns {"report": the calibration report
// (docs/report.md), "model": the fitted model as `pqlscope calibrate --out` writes it (text)}.
// Throws std::runtime_error listing every bad outcomes row (by line), when no row was read, or
// when the fit part lacks converters or non-converters; std::logic_error before score().
nlohmann::ordered_json calibrate_session(Session& session, std::string_view outcomes_csv,
                                         const ModelFitOptions& options);

}  // namespace pqlscope
