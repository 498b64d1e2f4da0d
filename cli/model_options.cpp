// The options that say how to score, shared by score and calibrate: the model file, the
// scoring day and the outcomes file. Each is checked before the (long) ingest starts.
#include <cstdio>

#include "commands.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/model/model_json.hpp"

namespace pqlscope::cli {

Model load_model_file(const std::string& path) {
  ModelParseResult parsed = try_parse_model(read_text_file(path));
  if (!parsed.validation.ok()) {
    throw std::runtime_error(path + ": the model is not valid:\n" + parsed.validation.to_string());
  }
  for (const auto& w : parsed.validation.warnings) std::fprintf(stderr, "%s: warning: %s\n", path.c_str(), w.to_string().c_str());
  return std::move(parsed.model);
}

std::optional<int32_t> as_of_option(Args& args) {
  const auto text = args.value("--as-of");
  if (!text) return std::nullopt;
  const std::optional<int32_t> day = parse_model_date(*text);
  if (!day) throw UsageError("--as-of must be a date YYYY-MM-DD, got '" + *text + "'");
  return day;
}

std::vector<Outcome> read_outcomes_file(const std::string& path) {
  const OutcomesReadResult read = read_outcomes_csv(read_text_file(path));
  if (!read.errors.empty()) {
    std::string all;
    for (const std::string& e : read.errors) all += "\n  " + path + ": " + e;
    throw std::runtime_error("the outcomes file has problems:" + all);
  }
  return read.outcomes;
}

}  // namespace pqlscope::cli
