// The model JSON's entry points (see model_json.hpp and docs/model.md): the text parser with
// duplicate-key and syntax errors, then the reader (model_json_read*.cpp) and the writer
// (model_json_write.cpp).
//
// One reader does every check, so a model built in code (validate_model) and a model read from
// a file get the same rules and the same paths: validate_model writes the model to JSON and
// reads it back.
#include "pqlscope/model/model_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "pqlscope/io/calendar.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "model/model_json_detail.hpp"

namespace pqlscope {

using model_json_detail::json;
using model_json_detail::child;
using model_json_detail::read_document;

namespace {

void parse_text(std::string_view text, json& document, ModelValidation& validation) {
  // Duplicate keys: the DOM keeps the last value silently, so watch the key events.
  struct Frame {
    bool object = false;
    std::set<std::string> keys;
    std::string key;
    std::size_t index = 0;
  };
  std::vector<Frame> stack;
  auto path_of_top = [&stack]() {
    std::string path;
    for (std::size_t i = 0; i + 1 < stack.size(); ++i) {
      path = stack[i].object ? child(path, stack[i].key) : child(path, stack[i].index);
    }
    return path;
  };
  json::parser_callback_t callback = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: stack.push_back(Frame{true, {}, {}, 0}); break;
      case json::parse_event_t::array_start: stack.push_back(Frame{false, {}, {}, 0}); break;
      case json::parse_event_t::key: {
        Frame& top = stack.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second) {
          validation.errors.push_back(ModelIssue{
              child(path_of_top(), top.key),
              "duplicate key (JSON readers keep only the last value; remove one)", 0, 0});
        }
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        stack.pop_back();
        if (!stack.empty() && !stack.back().object) ++stack.back().index;
        break;
      case json::parse_event_t::value:
        if (!stack.empty() && !stack.back().object) ++stack.back().index;
        break;
    }
    return true;
  };
  try {
    document = json::parse(text.begin(), text.end(), callback);
  } catch (const json::parse_error& e) {
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line 3, column 7: ..."
    std::string what = e.what();
    int line = 0;
    int column = 0;
    std::string detail = what;
    const auto at = what.find(" at line ");
    if (at != std::string::npos &&
        std::sscanf(what.c_str() + at, " at line %d, column %d", &line, &column) == 2) {
      const auto colon = what.find(": ", at);
      if (colon != std::string::npos) detail = what.substr(colon + 2);
    } else {
      // Fall back to the byte offset of the error.
      const std::size_t end = std::min<std::size_t>(e.byte, text.size());
      line = 1;
      std::size_t line_start = 0;
      for (std::size_t i = 0; i + 1 < end; ++i) {
        if (text[i] == '\n') ++line, line_start = i + 1;
      }
      column = static_cast<int>(end - line_start);
      const auto colon = what.find("] ");
      if (colon != std::string::npos) detail = what.substr(colon + 2);
    }
    validation.errors.clear();  // duplicate-key findings before the error are moot
    validation.errors.push_back(ModelIssue{"", "invalid JSON: " + detail, line, column});
    document = json();
  } catch (const json::exception& e) {
    // Not a syntax error but a value nlohmann cannot hold, e.g. a number beyond double
    // (out_of_range.406, found by fuzz/model_fuzz): still a report, never an exception.
    std::string what = e.what();
    const auto bracket = what.find("] ");
    validation.errors.clear();
    validation.errors.push_back(ModelIssue{"", "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)), 0, 0});
    document = json();
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string ModelIssue::to_string() const {
  if (line > 0) {
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
  }
  return (path.empty() ? std::string("(root)") : path) + ": " + message;
}

std::string ModelValidation::to_string() const {
  std::string out;
  for (const ModelIssue& issue : errors) out += "error: " + issue.to_string() + "\n";
  for (const ModelIssue& issue : warnings) out += "warning: " + issue.to_string() + "\n";
  return out;
}

namespace {
std::string error_summary(const ModelValidation& validation) {
  std::string out = "invalid model (" + std::to_string(validation.errors.size()) +
                    (validation.errors.size() == 1 ? " error)" : " errors)");
  for (const ModelIssue& issue : validation.errors) out += "\n  " + issue.to_string();
  return out;
}
}  // namespace

ModelError::ModelError(ModelValidation validation)
    : std::runtime_error(error_summary(validation)), validation_(std::move(validation)) {}

ModelParseResult try_parse_model(std::string_view json_text, const ModelParseOptions& options) {
  ModelValidation validation;
  json document;
  parse_text(json_text, document, validation);
  if (!validation.errors.empty() && validation.errors.front().line > 0) {
    ModelParseResult result;
    result.validation = std::move(validation);
    return result;
  }
  return read_document(document, options, std::move(validation), /*fill_persona_defaults=*/true);
}

ModelParseResult try_model_from_json(const json& document, const ModelParseOptions& options) {
  return read_document(document, options, ModelValidation{}, /*fill_persona_defaults=*/true);
}

Model parse_model(std::string_view json_text) {
  ModelParseResult result = try_parse_model(json_text);
  if (!result.validation.ok()) throw ModelError(std::move(result.validation));
  return std::move(result.model);
}

Model model_from_json(const json& document) {
  ModelParseResult result = try_model_from_json(document);
  if (!result.validation.ok()) throw ModelError(std::move(result.validation));
  return std::move(result.model);
}

ModelValidation validate_model(const Model& model) {
  // The written form holds every field, so reading it back applies every rule; the table is
  // not completed from the defaults here, so a missing row is reported.
  return read_document(model_to_json(model), ModelParseOptions{}, ModelValidation{},
                       /*fill_persona_defaults=*/false)
      .validation;
}

std::optional<int32_t> parse_model_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count, unsigned& out) {
    out = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return true;
  };
  unsigned year = 0, month = 0, day = 0;
  if (!digits(0, 4, year) || !digits(5, 2, month) || !digits(8, 2, day)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > days_in_month(year, month)) return std::nullopt;
  const int64_t days = days_from_civil(year, month, day);
  if (days < kMinSupportedDay || days > kMaxSupportedDay) return std::nullopt;
  return static_cast<int32_t>(days);
}

std::string format_model_date(int32_t day) {
  int64_t y = 0;
  uint32_t m = 0, d = 0;
  civil_from_days(day, y, m, d);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buffer;
}

}  // namespace pqlscope
