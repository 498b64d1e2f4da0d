// Paths, value descriptions and key suggestions for the model reader's messages.
#include <algorithm>
#include <cmath>
#include <vector>

#include "model/model_json_detail.hpp"

namespace pqlscope::model_json_detail {

// ---------------------------------------------------------------------------------------------
// Paths and value descriptions.

std::string escape_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string child(const std::string& path, std::string_view key) {
  return path + "/" + escape_token(key);
}
std::string child(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

std::string dump_text(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case json::value_t::object: return value.empty() ? "an empty object" : "an object";
    case json::value_t::array: return value.empty() ? "an empty array" : "an array";
    case json::value_t::string: {
      std::string text = dump_text(value);
      if (text.size() > 60) text = text.substr(0, 56) + "...\"";
      return text;
    }
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return dump_text(value);
    default: return "an unsupported value";
  }
}

std::string format_number(double value) {
  // The shortest text that reads back as the same double; integers without ".0".
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9e15) {
    return std::to_string(static_cast<int64_t>(value));
  }
  return dump_text(json(value));
}

std::string quoted_list(std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += '"';
    out += name;
    out += '"';
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// An integral JSON number as int64 (integral floats such as 14.0 included).
std::optional<int64_t> as_integer(const json& value) {
  if (value.is_number_integer() && !value.is_number_unsigned()) return value.get<int64_t>();
  if (value.is_number_unsigned()) {
    const auto u = value.get<uint64_t>();
    if (u <= static_cast<uint64_t>(kInt64Max)) return static_cast<int64_t>(u);
    return std::nullopt;
  }
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 9007199254740992.0) {
      return static_cast<int64_t>(d);
    }
  }
  return std::nullopt;
}

std::string integer_expectation(int64_t lo, int64_t hi) {
  if (hi == kIntMax || hi == kInt64Max) return "an integer >= " + std::to_string(lo);
  return "an integer between " + std::to_string(lo) + " and " + std::to_string(hi);
}

std::string combination_text(Level activation, Level engagement, CommunicationLevel communication) {
  return std::string("activation ") + to_string(activation) + ", engagement " +
         to_string(engagement) + ", communication " + to_string(communication);
}

// Keys of the draft shape (before format 1 was fixed) that moved (docs/model.md, "Changes from
// the draft model").
const char* moved_to(std::string_view path, std::string_view key) {
  struct Move {
    std::string_view path, key;
    const char* to;
  };
  static constexpr std::array<Move, 5> kMoves{{
      {"/segments", "trial_length_days", "/segments/trial/trial_length_days"},
      {"/segments", "new_trial_days", "/segments/trial/new_trial_days"},
      {"/segments", "soon_to_expire_days", "/segments/trial/soon_to_expire_days"},
      {"/segments", "red_hot_points", "/segments/trial/red_hot_points"},
      {"/segments", "not_converted_buckets_days", "/segments/trial/not_converted_buckets_days"},
  }};
  for (const Move& move : kMoves) {
    if (move.path == path && move.key == key) return move.to;
  }
  return nullptr;
}

}  // namespace pqlscope::model_json_detail
