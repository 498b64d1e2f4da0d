// The model as JSON: parse with every problem collected, validate, write back.
//
// Reading rules (docs/model.md has the full page):
// - Every key is optional; a missing key keeps its documented default, so `{}` is valid.
// - Problems carry a JSON Pointer path (RFC 6901) and say what was expected and what was found:
//     /activation/steps/2/min_count: expected an integer >= 1, got -3
//   All problems are collected, not just the first.
// - Unknown keys are errors by default (a misspelt key silently falling back to its default is
//   the worst failure a hand-edited model can have); ModelParseOptions can make them warnings.
//   Keys starting with "_" are comments and ignored everywhere, "$schema" is allowed at the top;
//   neither survives a round trip.
// - A duplicated key in one object is an error (JSON parsers silently keep the last one).
// - Invalid JSON is one error with its line and column.
// - The persona table may list only some combinations: the rows given for a combination
//   replace the default rows of that combination, the others keep their defaults.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pqlscope/model/model.hpp"

namespace pqlscope {

struct ModelIssue {
  std::string path;     // JSON Pointer, "" for the whole document
  std::string message;  // "expected an integer >= 1, got -3"
  int line = 0;         // 1-based, only for JSON syntax errors (0 otherwise)
  int column = 0;       // 1-based byte column, only for JSON syntax errors

  // "/activation/steps/2/min_count: expected ..." or "line 3, column 7: ..."
  std::string to_string() const;
  bool operator==(const ModelIssue&) const = default;
};

struct ModelValidation {
  std::vector<ModelIssue> errors;
  std::vector<ModelIssue> warnings;

  bool ok() const { return errors.empty(); }
  // One issue per line, errors first ("error: ..." / "warning: ...").
  std::string to_string() const;
};

struct ModelParseOptions {
  bool unknown_keys_are_errors = true;  // false: unknown keys become warnings
};

struct ModelParseResult {
  Model model;                 // meaningful only when validation.ok()
  ModelValidation validation;
};

// Thrown by the throwing readers; what() lists every error, one per line.
class ModelError : public std::runtime_error {
 public:
  explicit ModelError(ModelValidation validation);
  const ModelValidation& validation() const { return validation_; }

 private:
  ModelValidation validation_;
};

// Never throw (beyond std::bad_alloc): every problem is in `validation`.
ModelParseResult try_parse_model(std::string_view json_text, const ModelParseOptions& options = {});
ModelParseResult try_model_from_json(const nlohmann::json& document,
                                     const ModelParseOptions& options = {});

// Throw ModelError when there is any error; warnings are dropped (use the try_ forms to see them).
Model parse_model(std::string_view json_text);
Model model_from_json(const nlohmann::json& document);

// The whole model, every field written (nulls included), keys in nlohmann::json's sorted order.
// model_from_json(model_to_json(m)) == m for every valid m (persona table in canonical order).
nlohmann::json model_to_json(const Model& model);

// The same document as text in the documented key order (the order of docs/model.md), two-space
// indent, small objects and arrays kept on one line; ends with a newline. What `pqlscope init`
// writes. Deterministic.
std::string format_model(const Model& model);

// Checks a model built in code with the same rules and paths as the JSON reader. The persona
// table must be complete here (no defaults are filled in).
ModelValidation validate_model(const Model& model);

// "YYYY-MM-DD" <-> days since 1970-01-01, for the as-of date. Only real dates in the range the
// aggregates support (1970-01-01 .. 2149-06-05) are accepted.
std::optional<int32_t> parse_model_date(std::string_view text);
std::string format_model_date(int32_t day);

}  // namespace pqlscope
