// The JSON form of a file's mapping explanation: one definition for the report
// (ingest.files[].mapping, docs/report.md) and the npm package's ingest summary.
#pragma once

#include <nlohmann/json.hpp>

#include "pqlscope/io/mapping_explanation.hpp"

namespace pqlscope {

nlohmann::ordered_json mapping_explanation_json(const FileMappingExplanation& mapping);
nlohmann::ordered_json kind_guess_json(const KindGuess& guess);

}  // namespace pqlscope
