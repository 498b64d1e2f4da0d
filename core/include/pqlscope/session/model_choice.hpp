// Which model a scoring uses, decided once for every caller (the CLI's `score`, the WebAssembly
// session): the model given, else the starter model suggested from the data (what `pqlscope
// init` writes); an as-of day given with the scoring (--as-of, the JS asOf option) overrides
// the model's.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/model/model_json.hpp"

namespace pqlscope {

// A model text that does not validate; `validation` lists every problem with its JSON path.
class InvalidModelError : public std::runtime_error {
 public:
  explicit InvalidModelError(ModelValidation validation);
  const ModelValidation& validation() const { return validation_; }

 private:
  ModelValidation validation_;
};

// The starter model for these aggregates (event importances and a checklist from the data).
Model suggested_model(const Aggregates& aggregates);

// `given` (nullopt: suggested_model) with `as_of_day`, when set, as its as-of day.
Model choose_model(const Aggregates& aggregates, std::optional<Model> given,
                   std::optional<int32_t> as_of_day);

// The model in `text` (JSON, docs/model.md); "" means none given (nullopt). Throws
// InvalidModelError for a text that does not validate.
std::optional<Model> model_from_text(std::string_view text);

}  // namespace pqlscope
