// Internal to the model stage: what the model JSON files share (model_json.cpp parses the
// text, model_json_read*.cpp check and read the document, model_json_write.cpp writes it).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pqlscope/model/model_json.hpp"

namespace pqlscope::model_json_detail {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

// Longest window or day count accepted anywhere: ten years.
inline constexpr int64_t kMaxDays = 3650;
inline constexpr int64_t kIntMax = std::numeric_limits<int>::max();
inline constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

// --- Paths and value descriptions (model_json_paths.cpp)

// JSON Pointer (RFC 6901) paths: "/segments/trial", "/activation/steps/2".
std::string escape_token(std::string_view token);
std::string child(const std::string& path, std::string_view key);
std::string child(const std::string& path, std::size_t index);

std::string dump_text(const json& value);
// What was found, for "expected ..., got <describe>": "an empty array", "\"abc\"", "-3".
std::string describe(const json& value);
// The shortest text that reads back as the same double; integers without ".0".
std::string format_number(double value);
std::string quoted_list(std::initializer_list<std::string_view> names);
template <std::size_t N>
std::string quoted_list(const std::array<const char*, N>& names) {
  std::string out;
  for (const char* name : names) {
    if (!out.empty()) out += ", ";
    out += '"';
    out += name;
    out += '"';
  }
  return out;
}

// Levenshtein distance, for "did you mean" on unknown keys.
std::size_t edit_distance(std::string_view a, std::string_view b);
// An integral JSON number as int64 (integral floats such as 14.0 included).
std::optional<int64_t> as_integer(const json& value);
std::string integer_expectation(int64_t lo, int64_t hi);
std::string combination_text(Level activation, Level engagement, CommunicationLevel communication);

// The persona keys of personas.probabilities and of the table's "persona" column.
inline constexpr std::array<const char*, kPersonaCount> kPersonaKeys{
    "golden_lead", "silent_success",         "contrary_converter", "positive_procrastinator",
    "fizzler",     "incompatible_ignoramus", "heartbreaker",       "unclassified"};

// Keys of the draft shape that moved: where they live now, or nullptr.
const char* moved_to(std::string_view path, std::string_view key);

// --- The reader (model_json_read.cpp): every check, every problem collected in `validation`.
ModelParseResult read_document(const json& document, const ModelParseOptions& options,
                               ModelValidation validation, bool fill_persona_defaults);

}  // namespace pqlscope::model_json_detail
