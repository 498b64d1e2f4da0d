// Reading, validating and writing the model JSON (see model_json.hpp and docs/model.md).
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

namespace pqlscope {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

namespace {

// Longest window or day count accepted anywhere: ten years.
constexpr int64_t kMaxDays = 3650;
constexpr int64_t kIntMax = std::numeric_limits<int>::max();
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

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

constexpr std::array<const char*, kPersonaCount> kPersonaKeys{
    "golden_lead", "silent_success",         "contrary_converter", "positive_procrastinator",
    "fizzler",     "incompatible_ignoramus", "heartbreaker",       "unclassified"};

// Keys of the draft shape (docs/model-draft.json, before format 1 was fixed) that moved.
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

// ---------------------------------------------------------------------------------------------
// The reader.

class Reader {
 public:
  Reader(ModelValidation& validation, const ModelParseOptions& options, bool fill_persona_defaults)
      : v_(validation), options_(options), fill_persona_defaults_(fill_persona_defaults) {}

  void read(const json& document, Model& model);

 private:
  // --- reporting
  void error(std::string path, std::string message) {
    v_.errors.push_back(ModelIssue{std::move(path), std::move(message), 0, 0});
  }
  void warning(std::string path, std::string message) {
    v_.warnings.push_back(ModelIssue{std::move(path), std::move(message), 0, 0});
  }
  void expected(const std::string& path, std::string_view what, const json& got) {
    error(path, "expected " + std::string(what) + ", got " + describe(got));
  }

  // --- structure
  bool object_at(const json& value, const std::string& path) {
    if (value.is_object()) return true;
    expected(path, "an object", value);
    return false;
  }

  void check_keys(const json& object, const std::string& path,
                  std::initializer_list<std::string_view> allowed, bool root = false) {
    for (auto it = object.begin(); it != object.end(); ++it) {
      const std::string& key = it.key();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      if (!key.empty() && key[0] == '_') continue;  // a comment
      if (root && key == "$schema") continue;
      if (const char* moved = moved_to(path, key)) {
        const std::string message = std::string("unknown key (moved to ") + moved + ")";
        if (options_.unknown_keys_are_errors) error(child(path, key), message);
        else warning(child(path, key), message);
        continue;
      }
      std::string_view best;
      std::size_t best_distance = std::numeric_limits<std::size_t>::max();
      for (std::string_view candidate : allowed) {
        const std::size_t d = edit_distance(key, candidate);
        if (d < best_distance) best_distance = d, best = candidate;
      }
      std::string message = "unknown key";
      if (!best.empty() && best_distance <= std::max<std::size_t>(2, best.size() / 3)) {
        message += " (did you mean \"" + std::string(best) + "\"?)";
      } else {
        message += "; expected one of " + quoted_list(allowed);
      }
      if (options_.unknown_keys_are_errors) error(child(path, key), message);
      else warning(child(path, key), message);
    }
  }

  static const json* find(const json& object, std::string_view key) {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  // --- scalar fields; a missing key keeps `out` (the default)
  bool read_integer(const json& object, std::string_view key, const std::string& path,
                    int64_t& out, int64_t lo, int64_t hi, bool nullable_hint = false) {
    const json* value = find(object, key);
    if (!value) return false;
    const std::string at = child(path, key);
    const auto number = as_integer(*value);
    if (!number || *number < lo || *number > hi) {
      std::string what = integer_expectation(lo, hi);
      if (number && *number > hi && (hi == kIntMax || hi == kInt64Max)) {
        what += " (at most " + std::to_string(hi) + ")";
      }
      if (nullable_hint) what += " or null";
      expected(at, what, *value);
      return false;
    }
    out = *number;
    return true;
  }

  void read_int(const json& object, std::string_view key, const std::string& path, int& out,
                int64_t lo, int64_t hi = kIntMax) {
    int64_t wide = out;
    if (read_integer(object, key, path, wide, lo, hi)) out = static_cast<int>(wide);
  }

  void read_int64(const json& object, std::string_view key, const std::string& path, int64_t& out,
                  int64_t lo, int64_t hi = kInt64Max) {
    read_integer(object, key, path, out, lo, hi);
  }

  template <typename Int>
  void read_optional_integer(const json& object, std::string_view key, const std::string& path,
                             std::optional<Int>& out, int64_t lo, int64_t hi) {
    const json* value = find(object, key);
    if (!value) return;
    if (value->is_null()) {
      out.reset();
      return;
    }
    int64_t wide = 0;
    if (read_integer(object, key, path, wide, lo, hi, /*nullable_hint=*/true)) {
      out = static_cast<Int>(wide);
    }
  }

  // Numbers in [lo, hi] (lo excluded when lo_exclusive).
  void read_number(const json& object, std::string_view key, const std::string& path, double& out,
                   double lo, double hi, bool lo_exclusive = false) {
    const json* value = find(object, key);
    if (!value) return;
    const bool is_number = value->is_number();
    const double number = is_number ? value->get<double>() : 0.0;
    const bool in_range = is_number && (lo_exclusive ? number > lo : number >= lo) && number <= hi;
    if (!in_range) {
      std::string what;
      if (hi == std::numeric_limits<double>::max()) {
        what = std::string("a number ") + (lo_exclusive ? "> " : ">= ") + format_number(lo);
      } else if (lo_exclusive) {
        what = "a number greater than " + format_number(lo) + " and at most " + format_number(hi);
      } else {
        what = "a number between " + format_number(lo) + " and " + format_number(hi);
      }
      expected(child(path, key), what, *value);
      return;
    }
    out = number;
  }

  void read_percent(const json& object, std::string_view key, const std::string& path, double& out) {
    read_number(object, key, path, out, 0.0, 100.0);
  }

  void read_string(const json& object, std::string_view key, const std::string& path,
                   std::string& out, bool non_empty) {
    const json* value = find(object, key);
    if (!value) return;
    if (!value->is_string() || (non_empty && value->get_ref<const std::string&>().empty())) {
      expected(child(path, key), non_empty ? "a non-empty string" : "a string", *value);
      return;
    }
    out = value->get<std::string>();
  }

  void read_bool(const json& object, std::string_view key, const std::string& path, bool& out) {
    const json* value = find(object, key);
    if (!value) return;
    if (!value->is_boolean()) {
      expected(child(path, key), "true or false", *value);
      return;
    }
    out = value->get<bool>();
  }

  template <typename Enum, std::size_t N>
  bool read_enum(const json& object, std::string_view key, const std::string& path, Enum& out,
                 std::optional<Enum> (*from_string)(std::string_view),
                 const std::array<const char*, N>& names) {
    const json* value = find(object, key);
    if (!value) return false;
    std::optional<Enum> parsed;
    if (value->is_string()) parsed = from_string(value->get_ref<const std::string&>());
    if (!parsed) {
      expected(child(path, key), "one of " + quoted_list(names), *value);
      return false;
    }
    out = *parsed;
    return true;
  }

  // An array of non-empty strings; a lone string is accepted as a one-element list when
  // `allow_single` (for "events": "project_created"). Returns false when the key was absent
  // or had errors.
  bool read_string_list(const json& object, std::string_view key, const std::string& path,
                        std::vector<std::string>& out, bool require_non_empty, bool allow_single,
                        std::string_view what) {
    const json* value = find(object, key);
    if (!value) return false;
    const std::string at = child(path, key);
    if (allow_single && value->is_string() && !value->get_ref<const std::string&>().empty()) {
      out = {value->get<std::string>()};
      return true;
    }
    if (!value->is_array() || (require_non_empty && value->empty())) {
      expected(at, std::string(require_non_empty ? "a non-empty array of " : "an array of ") +
                       std::string(what),
               *value);
      return false;
    }
    std::vector<std::string> list;
    bool ok = true;
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
        expected(child(at, i), "a non-empty string", item);
        ok = false;
        continue;
      }
      const std::string& text = item.get_ref<const std::string&>();
      if (std::find(list.begin(), list.end(), text) != list.end()) {
        warning(child(at, i), "\"" + text + "\" is listed twice");
        continue;
      }
      list.push_back(text);
    }
    if (ok) out = std::move(list);
    return ok;
  }

  // --- sections
  void read_activation(const json& value, const std::string& path, ActivationModel& out);
  void read_step(const json& value, const std::string& path, ActivationStep& out);
  void read_engagement(const json& value, const std::string& path, EngagementModel& out);
  void read_features(const json& object, std::string_view key, const std::string& path,
                     std::vector<Feature>& out);
  void read_adoption(const json& value, const std::string& path, AdoptionModel& out);
  void read_activity(const json& value, const std::string& path, ActivityModel& out);
  void read_communication(const json& value, const std::string& path, CommunicationModel& out);
  void read_per_deal_size(const json& object, std::string_view key, const std::string& path,
                          PerDealSize& out, double hi);
  void read_employee_range(const json& value, const std::string& path,
                           std::optional<int64_t>& min, std::optional<int64_t>& max);
  void read_deal_size(const json& value, const std::string& path, DealSizeModel& out);
  void read_segments(const json& value, const std::string& path, SegmentModel& out);
  void read_levels(const json& object, std::string_view key, const std::string& path,
                   LevelThresholds& out);
  void read_personas(const json& value, const std::string& path, PersonaModel& out);
  void read_persona_table(const json& value, const std::string& path, std::vector<PersonaRule>& out);
  void read_rollup(const json& value, const std::string& path, RollupModel& out);

  ModelValidation& v_;
  const ModelParseOptions& options_;
  bool fill_persona_defaults_;
};

void Reader::read(const json& document, Model& model) {
  if (!document.is_object()) {
    expected("", "a JSON object (the model)", document);
    return;
  }
  check_keys(document, "",
             {"pqlscope_model", "name", "version", "as_of", "activation", "engagement", "adoption",
              "activity", "communication", "deal_size", "segments", "personas", "rollup"},
             /*root=*/true);

  if (const json* format = find(document, "pqlscope_model")) {
    const auto number = as_integer(*format);
    if (!number || *number != kModelFormatVersion) {
      expected("/pqlscope_model",
               std::to_string(kModelFormatVersion) +
                   " (the only model format version this build reads)",
               *format);
    } else {
      model.format_version = static_cast<int>(*number);
    }
  }
  read_string(document, "name", "", model.name, false);
  read_string(document, "version", "", model.version, false);
  if (const json* as_of = find(document, "as_of")) {
    if (as_of->is_null()) {
      model.as_of_day.reset();
    } else {
      std::optional<int32_t> day;
      if (as_of->is_string()) day = parse_model_date(as_of->get_ref<const std::string&>());
      if (!day) {
        expected("/as_of", "a date \"YYYY-MM-DD\" between 1970-01-01 and 2149-06-05, or null",
                 *as_of);
      } else {
        model.as_of_day = day;
      }
    }
  }

  auto section = [&](const char* key, auto reader, auto& target) {
    if (const json* value = find(document, key)) (this->*reader)(*value, child("", key), target);
  };
  section("activation", &Reader::read_activation, model.activation);
  section("engagement", &Reader::read_engagement, model.engagement);
  section("adoption", &Reader::read_adoption, model.adoption);
  section("activity", &Reader::read_activity, model.activity);
  section("communication", &Reader::read_communication, model.communication);
  section("deal_size", &Reader::read_deal_size, model.deal_size);
  section("segments", &Reader::read_segments, model.segments);
  section("personas", &Reader::read_personas, model.personas);
  section("rollup", &Reader::read_rollup, model.rollup);
}

void Reader::read_activation(const json& value, const std::string& path, ActivationModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path, {"steps"});
  const json* steps = find(value, "steps");
  if (!steps) return;
  const std::string at = child(path, "steps");
  if (!steps->is_array()) {
    expected(at, "an array of steps", *steps);
    return;
  }
  out.steps.clear();
  std::vector<std::string> id_paths;
  for (std::size_t i = 0; i < steps->size(); ++i) {
    ActivationStep step;
    const std::string step_path = child(at, i);
    read_step((*steps)[i], step_path, step);
    if (!step.id.empty()) {
      for (std::size_t j = 0; j < out.steps.size(); ++j) {
        if (out.steps[j].id == step.id) {
          error(child(step_path, "id"), "duplicate step id \"" + step.id + "\" (already used at " +
                                            id_paths[j] + ")");
          break;
        }
      }
    }
    id_paths.push_back(child(step_path, "id"));
    out.steps.push_back(std::move(step));
  }
}

void Reader::read_step(const json& value, const std::string& path, ActivationStep& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path,
             {"id", "label", "level", "events", "min_count", "min_users", "window_days"});
  if (!find(value, "id")) error(path, "missing required key \"id\" (a non-empty string)");
  read_string(value, "id", path, out.id, true);
  out.label = out.id;
  read_string(value, "label", path, out.label, false);
  if (out.label.empty()) out.label = out.id;
  read_enum(value, "level", path, out.level, step_level_from_string,
            std::array<const char*, 2>{"account", "user"});
  if (!find(value, "events")) {
    error(path, "missing required key \"events\" (a non-empty array of event names)");
  }
  read_string_list(value, "events", path, out.events, true, true, "event names");
  read_int(value, "min_count", path, out.min_count, 1);
  read_int(value, "min_users", path, out.min_users, 1);
  read_optional_integer(value, "window_days", path, out.window_days, 1, kMaxDays);
  if (out.level == StepLevel::user && out.min_users != 1) {
    warning(child(path, "min_users"),
            "has no effect on a user-level step (each user is checked on their own)");
  }
}

void Reader::read_engagement(const json& value, const std::string& path, EngagementModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path,
             {"importance", "default_importance", "window_days", "history_windows", "normalization"});
  if (const json* importance = find(value, "importance")) {
    const std::string at = child(path, "importance");
    if (!importance->is_object()) {
      expected(at, "an object mapping event names to importance 0..10", *importance);
    } else {
      out.importance.clear();
      for (auto it = importance->begin(); it != importance->end(); ++it) {
        if (it.key().empty()) {
          error(child(at, it.key()), "an event name must not be empty");
          continue;
        }
        int64_t weight = 0;
        if (read_integer(*importance, it.key(), at, weight, 0, 10)) {
          out.importance[it.key()] = static_cast<int>(weight);
        }
      }
    }
  }
  read_int(value, "default_importance", path, out.default_importance, 0, 10);
  read_int(value, "window_days", path, out.window_days, 1, kMaxDays);
  read_int(value, "history_windows", path, out.history_windows, 1, 52);
  if (out.history_windows == 1 && find(value, "history_windows")) {
    warning(child(path, "history_windows"),
            "with a single window there is no trend (red-hot, at-risk and expansion segments "
            "stay empty)");
  }
  if (const json* normalization = find(value, "normalization")) {
    const std::string at = child(path, "normalization");
    if (object_at(*normalization, at)) {
      check_keys(*normalization, at, {"method", "percentile", "lifespan_days"});
      read_enum(*normalization, "method", at, out.normalization.method,
                normalization_method_from_string,
                std::array<const char*, 4>{"p90", "percentile_rank", "min_max", "recency_decay"});
      read_number(*normalization, "percentile", at, out.normalization.percentile, 0.0, 100.0,
                  /*lo_exclusive=*/true);
      read_int(*normalization, "lifespan_days", at, out.normalization.lifespan_days, 1, kMaxDays);
    }
  }
}

void Reader::read_features(const json& object, std::string_view key, const std::string& path,
                           std::vector<Feature>& out) {
  const json* list = find(object, key);
  if (!list) return;
  const std::string at = child(path, key);
  if (!list->is_array()) {
    expected(at, "an array of features ({\"id\", \"label\", \"events\"})", *list);
    return;
  }
  out.clear();
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const std::string item_path = child(at, i);
    Feature feature;
    if (object_at(item, item_path)) {
      check_keys(item, item_path, {"id", "label", "events"});
      if (!find(item, "id")) error(item_path, "missing required key \"id\" (a non-empty string)");
      read_string(item, "id", item_path, feature.id, true);
      feature.label = feature.id;
      read_string(item, "label", item_path, feature.label, false);
      if (feature.label.empty()) feature.label = feature.id;
      if (!find(item, "events")) {
        error(item_path, "missing required key \"events\" (a non-empty array of event names)");
      }
      read_string_list(item, "events", item_path, feature.events, true, true, "event names");
    }
    if (!feature.id.empty()) {
      for (std::size_t j = 0; j < out.size(); ++j) {
        if (out[j].id == feature.id) {
          error(child(item_path, "id"), "duplicate feature id \"" + feature.id +
                                            "\" (already used at " + child(child(at, j), "id") +
                                            ")");
          break;
        }
      }
    }
    out.push_back(std::move(feature));
  }
}

void Reader::read_adoption(const json& value, const std::string& path, AdoptionModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path, {"window_days", "key_features"});
  read_int(value, "window_days", path, out.window_days, 1, kMaxDays);
  read_features(value, "key_features", path, out.key_features);
}

void Reader::read_activity(const json& value, const std::string& path, ActivityModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path, {"active_events"});
  const json* events = find(value, "active_events");
  if (!events) return;
  if (events->is_null()) {
    out.active_events.reset();
    return;
  }
  std::vector<std::string> list;
  if (!events->is_array()) {
    expected(child(path, "active_events"),
             "an array of event names, or null (every event with importance > 0)", *events);
    return;
  }
  if (read_string_list(value, "active_events", path, list, false, false, "event names")) {
    if (list.empty()) {
      warning(child(path, "active_events"),
              "no event counts as active: every user and account will be inactive");
    }
    out.active_events = std::move(list);
  }
}

void Reader::read_communication(const json& value, const std::string& path,
                                CommunicationModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path, {"active_min_count", "window_days", "event_names"});
  read_int(value, "active_min_count", path, out.active_min_count, 1);
  read_optional_integer(value, "window_days", path, out.window_days, 1, kMaxDays);
  read_string_list(value, "event_names", path, out.event_names, false, false, "event names");
}

void Reader::read_per_deal_size(const json& object, std::string_view key, const std::string& path,
                                PerDealSize& out, double hi) {
  const json* value = find(object, key);
  if (!value) return;
  const std::string at = child(path, key);
  if (!object_at(*value, at)) return;
  check_keys(*value, at, {"small", "mid", "large"});
  read_number(*value, "small", at, out.small, 0.0, hi);
  read_number(*value, "mid", at, out.mid, 0.0, hi);
  read_number(*value, "large", at, out.large, 0.0, hi);
}

void Reader::read_employee_range(const json& value, const std::string& path,
                                 std::optional<int64_t>& min, std::optional<int64_t>& max) {
  read_optional_integer(value, "min_employees", path, min, 0, kInt64Max);
  read_optional_integer(value, "max_employees", path, max, 0, kInt64Max);
  if (min && max && *max < *min) {
    error(child(path, "max_employees"),
          "expected an integer >= min_employees (" + std::to_string(*min) + ") or null, got " +
              std::to_string(*max));
  }
}

void Reader::read_deal_size(const json& value, const std::string& path, DealSizeModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path,
             {"source", "mid_min_employees", "large_min_employees", "unknown_size",
              "pql_activation", "filters", "default_deal_value"});
  read_enum(value, "source", path, out.source, deal_size_source_from_string,
            std::array<const char*, 3>{"auto", "employees", "column"});
  read_int64(value, "mid_min_employees", path, out.mid_min_employees, 1);
  read_int64(value, "large_min_employees", path, out.large_min_employees, 2);
  if (out.large_min_employees <= out.mid_min_employees) {
    // Blame the key the document set (the large band's, when both are set).
    if (find(value, "large_min_employees") || !find(value, "mid_min_employees")) {
      error(child(path, "large_min_employees"),
            "expected an integer greater than mid_min_employees (" +
                std::to_string(out.mid_min_employees) + "), got " +
                std::to_string(out.large_min_employees));
    } else {
      error(child(path, "mid_min_employees"),
            "expected an integer below large_min_employees (" +
                std::to_string(out.large_min_employees) + "), got " +
                std::to_string(out.mid_min_employees));
    }
  }
  read_enum(value, "unknown_size", path, out.unknown_size, deal_size_from_string,
            std::array<const char*, 3>{"small", "mid", "large"});
  read_per_deal_size(value, "pql_activation", path, out.pql_activation, 100.0);
  const auto& pql = out.pql_activation;
  if (!(pql.small >= pql.mid && pql.mid >= pql.large)) {
    warning(child(path, "pql_activation"),
            "usually small >= mid >= large: larger deals are worth engaging earlier "
            "(the articles: 80-100 / 60-80 / 25-50 %)");
  }
  if (const json* filters = find(value, "filters")) {
    const std::string at = child(path, "filters");
    if (object_at(*filters, at)) {
      check_keys(*filters, at, {"regions", "min_employees", "max_employees"});
      read_string_list(*filters, "regions", at, out.filters.regions, false, false, "region names");
      read_employee_range(*filters, at, out.filters.min_employees, out.filters.max_employees);
    }
  }
  read_per_deal_size(value, "default_deal_value", path, out.default_deal_value,
                     std::numeric_limits<double>::max());
}

void Reader::read_segments(const json& value, const std::string& path, SegmentModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path, {"trial", "product_led", "customer_success"});

  if (const json* trial = find(value, "trial")) {
    const std::string at = child(path, "trial");
    TrialSegments& t = out.trial;
    if (object_at(*trial, at)) {
      check_keys(*trial, at,
                 {"trial_length_days", "new_trial_days", "soon_to_expire_days", "red_hot_points",
                  "not_converted_buckets_days"});
      read_int(*trial, "trial_length_days", at, t.trial_length_days, 1, kMaxDays);
      read_optional_integer(*trial, "new_trial_days", at, t.new_trial_days, 1, kMaxDays);
      if (t.new_trial_days && *t.new_trial_days > t.trial_length_days) {
        warning(child(at, "new_trial_days"),
                "longer than the trial (" + std::to_string(t.trial_length_days) +
                    " days): every trial account counts as new");
      }
      read_int(*trial, "soon_to_expire_days", at, t.soon_to_expire_days, 1, kMaxDays);
      if (t.soon_to_expire_days > t.trial_length_days) {
        warning(child(at, "soon_to_expire_days"),
                "longer than the trial (" + std::to_string(t.trial_length_days) +
                    " days): every trial account is soon to expire");
      }
      read_number(*trial, "red_hot_points", at, t.red_hot_points, 0.0, 100.0);
      if (const json* buckets = find(*trial, "not_converted_buckets_days")) {
        const std::string bucket_path = child(at, "not_converted_buckets_days");
        if (!buckets->is_array() || buckets->empty()) {
          expected(bucket_path, "a non-empty array of increasing day counts", *buckets);
        } else {
          std::vector<int> list;
          bool ok = true;
          for (std::size_t i = 0; i < buckets->size(); ++i) {
            const json& item = (*buckets)[i];
            const auto days = as_integer(item);
            const int64_t previous = list.empty() ? 0 : list.back();
            if (!days || *days < 1 || *days > kMaxDays) {
              expected(child(bucket_path, i), integer_expectation(1, kMaxDays), item);
              ok = false;
            } else if (*days <= previous) {
              expected(child(bucket_path, i),
                       "an integer greater than the previous bucket (" + std::to_string(previous) +
                           ")",
                       item);
              ok = false;
            } else {
              list.push_back(static_cast<int>(*days));
            }
          }
          if (ok) t.not_converted_buckets_days = std::move(list);
        }
      }
    }
  }

  if (const json* product_led = find(value, "product_led")) {
    const std::string at = child(path, "product_led");
    ProductLedSegments& p = out.product_led;
    if (object_at(*product_led, at)) {
      check_keys(*product_led, at,
                 {"fit", "top_accounts", "ready_min_engagement", "ready_min_adoption",
                  "low_seat_penetration", "enterprise_features", "low_enterprise_feature_adoption",
                  "opportunistic_max_engagement", "dead_zone_max_adoption",
                  "dead_zone_max_employees"});
      if (const json* fit = find(*product_led, "fit")) {
        const std::string fit_path = child(at, "fit");
        if (object_at(*fit, fit_path)) {
          check_keys(*fit, fit_path, {"min_employees", "max_employees", "regions", "industries"});
          read_employee_range(*fit, fit_path, p.fit.min_employees, p.fit.max_employees);
          read_string_list(*fit, "regions", fit_path, p.fit.regions, false, false, "region names");
          read_string_list(*fit, "industries", fit_path, p.fit.industries, false, false,
                           "industry names");
        }
      }
      read_int(*product_led, "top_accounts", at, p.top_accounts, 1, 1000000);
      read_percent(*product_led, "ready_min_engagement", at, p.ready_min_engagement);
      read_percent(*product_led, "ready_min_adoption", at, p.ready_min_adoption);
      read_percent(*product_led, "low_seat_penetration", at, p.low_seat_penetration);
      read_features(*product_led, "enterprise_features", at, p.enterprise_features);
      read_percent(*product_led, "low_enterprise_feature_adoption", at,
                   p.low_enterprise_feature_adoption);
      read_percent(*product_led, "opportunistic_max_engagement", at, p.opportunistic_max_engagement);
      read_percent(*product_led, "dead_zone_max_adoption", at, p.dead_zone_max_adoption);
      read_int64(*product_led, "dead_zone_max_employees", at, p.dead_zone_max_employees, 0);
    }
  }

  if (const json* customer_success = find(value, "customer_success")) {
    const std::string at = child(path, "customer_success");
    CustomerSuccessSegments& c = out.customer_success;
    if (object_at(*customer_success, at)) {
      check_keys(*customer_success, at,
                 {"onboarding_days", "at_risk_drop_points", "expansion_rise_points",
                  "power_user_min_engagement", "problem_user_drop_points"});
      read_int(*customer_success, "onboarding_days", at, c.onboarding_days, 1, kMaxDays);
      read_number(*customer_success, "at_risk_drop_points", at, c.at_risk_drop_points, 0.0, 100.0);
      read_number(*customer_success, "expansion_rise_points", at, c.expansion_rise_points, 0.0,
                  100.0);
      read_percent(*customer_success, "power_user_min_engagement", at, c.power_user_min_engagement);
      read_number(*customer_success, "problem_user_drop_points", at, c.problem_user_drop_points,
                  0.0, 100.0);
    }
  }
}

void Reader::read_levels(const json& object, std::string_view key, const std::string& path,
                         LevelThresholds& out) {
  const json* value = find(object, key);
  if (!value) return;
  const std::string at = child(path, key);
  if (!object_at(*value, at)) return;
  check_keys(*value, at, {"high", "low"});
  read_percent(*value, "high", at, out.high);
  read_percent(*value, "low", at, out.low);
  if (!(out.low < out.high)) {
    // Blame the key the document set (low, when both are set).
    if (find(*value, "low") || !find(*value, "high")) {
      error(child(at, "low"), "expected a number below high (" + format_number(out.high) +
                                  "), got " + format_number(out.low));
    } else {
      error(child(at, "high"), "expected a number above low (" + format_number(out.low) +
                                   "), got " + format_number(out.high));
    }
  }
}

void Reader::read_personas(const json& value, const std::string& path, PersonaModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path,
             {"activation_levels", "engagement_levels", "sentiment", "table", "probabilities"});
  read_levels(value, "activation_levels", path, out.activation_levels);
  read_levels(value, "engagement_levels", path, out.engagement_levels);
  if (const json* sentiment = find(value, "sentiment")) {
    const std::string at = child(path, "sentiment");
    if (object_at(*sentiment, at)) {
      check_keys(*sentiment, at, {"positive_above", "negative_below"});
      read_number(*sentiment, "positive_above", at, out.sentiment.positive_above, -1.0, 1.0);
      read_number(*sentiment, "negative_below", at, out.sentiment.negative_below, -1.0, 1.0);
      if (out.sentiment.negative_below > out.sentiment.positive_above) {
        if (find(*sentiment, "negative_below") || !find(*sentiment, "positive_above")) {
          error(child(at, "negative_below"),
                "expected a number <= positive_above (" +
                    format_number(out.sentiment.positive_above) + "), got " +
                    format_number(out.sentiment.negative_below));
        } else {
          error(child(at, "positive_above"),
                "expected a number >= negative_below (" +
                    format_number(out.sentiment.negative_below) + "), got " +
                    format_number(out.sentiment.positive_above));
        }
      }
    }
  }
  if (const json* table = find(value, "table")) {
    read_persona_table(*table, child(path, "table"), out.table);
  }
  if (const json* probabilities = find(value, "probabilities")) {
    const std::string at = child(path, "probabilities");
    if (object_at(*probabilities, at)) {
      check_keys(*probabilities, at,
                 {"golden_lead", "silent_success", "contrary_converter", "positive_procrastinator",
                  "fizzler", "incompatible_ignoramus", "heartbreaker", "unclassified"});
      for (std::size_t i = 0; i < kPersonaCount; ++i) {
        read_number(*probabilities, kPersonaKeys[i], at, out.probabilities[i], 0.0, 1.0);
      }
    }
  }
}

void Reader::read_persona_table(const json& value, const std::string& path,
                                std::vector<PersonaRule>& out) {
  if (!value.is_array()) {
    expected(path, "an array of rows ({\"activation\", \"engagement\", \"communication\", "
                   "\"sentiment\", \"persona\", \"reason\"})",
             value);
    return;
  }
  struct Row {
    PersonaRule rule;
    std::string path;
  };
  std::vector<Row> rows;
  constexpr std::array<const char*, 3> kLevels{"low", "medium", "high"};
  constexpr std::array<const char*, 2> kCommunication{"low", "active"};
  constexpr std::array<const char*, 6> kSentiments{"any",      "positive",     "neutral",
                                                   "negative", "not_positive", "not_negative"};
  for (std::size_t i = 0; i < value.size(); ++i) {
    const json& item = value[i];
    const std::string row_path = child(path, i);
    if (!object_at(item, row_path)) continue;
    check_keys(item, row_path,
               {"activation", "engagement", "communication", "sentiment", "persona", "reason"});
    PersonaRule rule;
    bool levels_ok = true;
    for (const char* key : {"activation", "engagement", "communication", "persona"}) {
      if (!find(item, key)) {
        error(row_path, std::string("missing required key \"") + key + "\"");
        if (std::string_view(key) != "persona") levels_ok = false;
      }
    }
    if (find(item, "activation") &&
        !read_enum(item, "activation", row_path, rule.activation, level_from_string, kLevels)) {
      levels_ok = false;
    }
    if (find(item, "engagement") &&
        !read_enum(item, "engagement", row_path, rule.engagement, level_from_string, kLevels)) {
      levels_ok = false;
    }
    if (find(item, "communication") &&
        !read_enum(item, "communication", row_path, rule.communication,
                   communication_level_from_string, kCommunication)) {
      levels_ok = false;
    }
    if (find(item, "sentiment") &&
        !read_enum(item, "sentiment", row_path, rule.sentiment, sentiment_match_from_string,
                   kSentiments)) {
      levels_ok = false;
    }
    read_enum(item, "persona", row_path, rule.persona, persona_from_string, kPersonaKeys);
    read_string(item, "reason", row_path, rule.reason, false);
    // A row whose cell is unreadable cannot take part in the coverage check.
    if (levels_ok) rows.push_back(Row{std::move(rule), row_path});
  }

  // Coverage: for each of the 18 cells, the given rows must cover each sentiment class exactly
  // once. Cells without rows keep the default rows (or are an error for validate_model).
  const std::vector<PersonaRule> defaults = default_persona_table();
  std::vector<PersonaRule> table;
  std::set<std::pair<std::size_t, std::size_t>> reported_overlaps;
  for (Level activation : {Level::high, Level::medium, Level::low}) {
    for (Level engagement : {Level::high, Level::medium, Level::low}) {
      for (CommunicationLevel communication : {CommunicationLevel::active, CommunicationLevel::low}) {
        auto in_cell = [&](const PersonaRule& r) {
          return r.activation == activation && r.engagement == engagement &&
                 r.communication == communication;
        };
        std::vector<std::size_t> given;
        for (std::size_t i = 0; i < rows.size(); ++i) {
          if (in_cell(rows[i].rule)) given.push_back(i);
        }
        const std::string cell = combination_text(activation, engagement, communication);
        if (given.empty()) {
          if (fill_persona_defaults_) {
            for (const PersonaRule& r : defaults) {
              if (in_cell(r)) table.push_back(r);
            }
          } else {
            error(path, "no row for " + cell +
                            " (every one of the 18 activation x engagement x communication "
                            "combinations needs a row)");
          }
          continue;
        }
        for (NetSentiment sentiment : {NetSentiment::positive, NetSentiment::neutral, NetSentiment::negative}) {
          std::vector<std::size_t> matching;
          for (std::size_t i : given) {
            if (sentiment_matches(rows[i].rule.sentiment, sentiment)) matching.push_back(i);
          }
          if (matching.empty()) {
            error(path, "no row for " + cell + " with " + to_string(sentiment) +
                            " sentiment (add a row for it, or use \"any\")");
          }
          for (std::size_t k = 1; k < matching.size(); ++k) {
            const auto pair = std::make_pair(matching[0], matching[k]);
            if (!reported_overlaps.insert(pair).second) continue;
            error(rows[matching[k]].path,
                  "overlaps " + rows[matching[0]].path + ": both apply to " + cell + " with " +
                      to_string(sentiment) + " sentiment");
          }
        }
        for (std::size_t i : given) table.push_back(rows[i].rule);
      }
    }
  }
  std::stable_sort(table.begin(), table.end(), canonical_persona_order);
  out = std::move(table);
}

void Reader::read_rollup(const json& value, const std::string& path, RollupModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path, {"enabled", "key"});
  read_bool(value, "enabled", path, out.enabled);
  read_string(value, "key", path, out.key, true);
}

// ---------------------------------------------------------------------------------------------
// The writer, one template for both key orders.

template <typename Json>
Json number(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9e15) {
    return Json(static_cast<int64_t>(value));
  }
  return Json(value);
}

template <typename Json, typename T>
Json optional_value(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

template <typename Json>
Json string_array(const std::vector<std::string>& list) {
  Json array = Json::array();
  for (const std::string& item : list) array.push_back(item);
  return array;
}

template <typename Json>
Json features_json(const std::vector<Feature>& features) {
  Json array = Json::array();
  for (const Feature& feature : features) {
    Json item = Json::object();
    item["id"] = feature.id;
    item["label"] = feature.label;
    item["events"] = string_array<Json>(feature.events);
    array.push_back(std::move(item));
  }
  return array;
}

template <typename Json>
Json per_deal_size_json(const PerDealSize& values) {
  Json object = Json::object();
  object["small"] = number<Json>(values.small);
  object["mid"] = number<Json>(values.mid);
  object["large"] = number<Json>(values.large);
  return object;
}

template <typename Json>
Json levels_json(const LevelThresholds& levels) {
  Json object = Json::object();
  object["high"] = number<Json>(levels.high);
  object["low"] = number<Json>(levels.low);
  return object;
}

template <typename Json>
Json write_model(const Model& model) {
  Json doc = Json::object();
  doc["pqlscope_model"] = model.format_version;
  doc["name"] = model.name;
  doc["version"] = model.version;
  doc["as_of"] = model.as_of_day ? Json(format_model_date(*model.as_of_day)) : Json(nullptr);

  Json steps = Json::array();
  for (const ActivationStep& step : model.activation.steps) {
    Json item = Json::object();
    item["id"] = step.id;
    item["label"] = step.label;
    item["level"] = to_string(step.level);
    item["events"] = string_array<Json>(step.events);
    item["min_count"] = step.min_count;
    item["min_users"] = step.min_users;
    item["window_days"] = optional_value<Json>(step.window_days);
    steps.push_back(std::move(item));
  }
  doc["activation"] = Json::object();
  doc["activation"]["steps"] = std::move(steps);

  const EngagementModel& e = model.engagement;
  Json engagement = Json::object();
  Json importance = Json::object();
  for (const auto& [event, weight] : e.importance) importance[event] = weight;
  engagement["importance"] = std::move(importance);
  engagement["default_importance"] = e.default_importance;
  engagement["window_days"] = e.window_days;
  engagement["history_windows"] = e.history_windows;
  Json normalization = Json::object();
  normalization["method"] = to_string(e.normalization.method);
  normalization["percentile"] = number<Json>(e.normalization.percentile);
  normalization["lifespan_days"] = e.normalization.lifespan_days;
  engagement["normalization"] = std::move(normalization);
  doc["engagement"] = std::move(engagement);

  Json adoption = Json::object();
  adoption["window_days"] = model.adoption.window_days;
  adoption["key_features"] = features_json<Json>(model.adoption.key_features);
  doc["adoption"] = std::move(adoption);

  Json activity = Json::object();
  activity["active_events"] = model.activity.active_events
                                  ? string_array<Json>(*model.activity.active_events)
                                  : Json(nullptr);
  doc["activity"] = std::move(activity);

  Json communication = Json::object();
  communication["active_min_count"] = model.communication.active_min_count;
  communication["window_days"] = optional_value<Json>(model.communication.window_days);
  communication["event_names"] = string_array<Json>(model.communication.event_names);
  doc["communication"] = std::move(communication);

  const DealSizeModel& d = model.deal_size;
  Json deal_size = Json::object();
  deal_size["source"] = to_string(d.source);
  deal_size["mid_min_employees"] = d.mid_min_employees;
  deal_size["large_min_employees"] = d.large_min_employees;
  deal_size["unknown_size"] = to_string(d.unknown_size);
  deal_size["pql_activation"] = per_deal_size_json<Json>(d.pql_activation);
  Json filters = Json::object();
  filters["regions"] = string_array<Json>(d.filters.regions);
  filters["min_employees"] = optional_value<Json>(d.filters.min_employees);
  filters["max_employees"] = optional_value<Json>(d.filters.max_employees);
  deal_size["filters"] = std::move(filters);
  deal_size["default_deal_value"] = per_deal_size_json<Json>(d.default_deal_value);
  doc["deal_size"] = std::move(deal_size);

  const SegmentModel& s = model.segments;
  Json trial = Json::object();
  trial["trial_length_days"] = s.trial.trial_length_days;
  trial["new_trial_days"] = optional_value<Json>(s.trial.new_trial_days);
  trial["soon_to_expire_days"] = s.trial.soon_to_expire_days;
  trial["red_hot_points"] = number<Json>(s.trial.red_hot_points);
  Json buckets = Json::array();
  for (int days : s.trial.not_converted_buckets_days) buckets.push_back(days);
  trial["not_converted_buckets_days"] = std::move(buckets);
  const ProductLedSegments& p = s.product_led;
  Json product_led = Json::object();
  Json fit = Json::object();
  fit["min_employees"] = optional_value<Json>(p.fit.min_employees);
  fit["max_employees"] = optional_value<Json>(p.fit.max_employees);
  fit["regions"] = string_array<Json>(p.fit.regions);
  fit["industries"] = string_array<Json>(p.fit.industries);
  product_led["fit"] = std::move(fit);
  product_led["top_accounts"] = p.top_accounts;
  product_led["ready_min_engagement"] = number<Json>(p.ready_min_engagement);
  product_led["ready_min_adoption"] = number<Json>(p.ready_min_adoption);
  product_led["low_seat_penetration"] = number<Json>(p.low_seat_penetration);
  product_led["enterprise_features"] = features_json<Json>(p.enterprise_features);
  product_led["low_enterprise_feature_adoption"] = number<Json>(p.low_enterprise_feature_adoption);
  product_led["opportunistic_max_engagement"] = number<Json>(p.opportunistic_max_engagement);
  product_led["dead_zone_max_adoption"] = number<Json>(p.dead_zone_max_adoption);
  product_led["dead_zone_max_employees"] = p.dead_zone_max_employees;
  const CustomerSuccessSegments& c = s.customer_success;
  Json customer_success = Json::object();
  customer_success["onboarding_days"] = c.onboarding_days;
  customer_success["at_risk_drop_points"] = number<Json>(c.at_risk_drop_points);
  customer_success["expansion_rise_points"] = number<Json>(c.expansion_rise_points);
  customer_success["power_user_min_engagement"] = number<Json>(c.power_user_min_engagement);
  customer_success["problem_user_drop_points"] = number<Json>(c.problem_user_drop_points);
  Json segments = Json::object();
  segments["trial"] = std::move(trial);
  segments["product_led"] = std::move(product_led);
  segments["customer_success"] = std::move(customer_success);
  doc["segments"] = std::move(segments);

  const PersonaModel& pm = model.personas;
  Json personas = Json::object();
  personas["activation_levels"] = levels_json<Json>(pm.activation_levels);
  personas["engagement_levels"] = levels_json<Json>(pm.engagement_levels);
  Json sentiment = Json::object();
  sentiment["positive_above"] = number<Json>(pm.sentiment.positive_above);
  sentiment["negative_below"] = number<Json>(pm.sentiment.negative_below);
  personas["sentiment"] = std::move(sentiment);
  std::vector<PersonaRule> rows = pm.table;
  std::stable_sort(rows.begin(), rows.end(), canonical_persona_order);
  Json table = Json::array();
  for (const PersonaRule& row : rows) {
    Json item = Json::object();
    item["activation"] = to_string(row.activation);
    item["engagement"] = to_string(row.engagement);
    item["communication"] = to_string(row.communication);
    item["sentiment"] = to_string(row.sentiment);
    item["persona"] = to_string(row.persona);
    item["reason"] = row.reason;
    table.push_back(std::move(item));
  }
  personas["table"] = std::move(table);
  Json probabilities = Json::object();
  for (std::size_t i = 0; i < kPersonaCount; ++i) {
    probabilities[kPersonaKeys[i]] = number<Json>(pm.probabilities[i]);
  }
  personas["probabilities"] = std::move(probabilities);
  doc["personas"] = std::move(personas);

  Json rollup = Json::object();
  rollup["enabled"] = model.rollup.enabled;
  rollup["key"] = model.rollup.key;
  doc["rollup"] = std::move(rollup);
  return doc;
}

// Pretty printing: a container stays on one line when it fits in kLineWidth columns.
constexpr std::size_t kLineWidth = 100;

std::string inline_json(const ordered_json& value) {
  if (value.is_object()) {
    if (value.empty()) return "{}";
    std::string out = "{ ";
    bool first = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!first) out += ", ";
      first = false;
      out += dump_text(json(it.key()));
      out += ": ";
      out += inline_json(it.value());
    }
    return out + " }";
  }
  if (value.is_array()) {
    if (value.empty()) return "[]";
    std::string out = "[";
    bool first = true;
    for (const auto& item : value) {
      if (!first) out += ", ";
      first = false;
      out += inline_json(item);
    }
    return out + "]";
  }
  return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

void pretty_json(const ordered_json& value, std::size_t indent, std::size_t column, std::string& out) {
  std::string flat = inline_json(value);
  if ((!value.is_object() && !value.is_array()) || value.empty() ||
      column + flat.size() + 1 <= kLineWidth) {
    out += flat;
    return;
  }
  const std::string pad(indent + 2, ' ');
  const bool all_scalars = std::all_of(value.begin(), value.end(), [](const ordered_json& item) {
    return !item.is_object() && !item.is_array();
  });
  if (value.is_object() && all_scalars) {
    // Pack "key": value members onto as few lines as fit (persona rows: cell, then reason).
    out += "{\n" + pad;
    std::size_t line = pad.size();
    bool first = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string member = dump_text(json(it.key())) + ": " + inline_json(it.value());
      if (!first) {
        if (line + 2 + member.size() + 1 <= kLineWidth) {
          out += ", ";
          line += 2;
        } else {
          out += ",\n" + pad;
          line = pad.size();
        }
      }
      first = false;
      out += member;
      line += member.size();
    }
    out += "\n" + std::string(indent, ' ') + "}";
    return;
  }
  if (value.is_object()) {
    out += "{\n";
    bool first = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!first) out += ",\n";
      first = false;
      const std::string key = dump_text(json(it.key())) + ": ";
      out += pad + key;
      pretty_json(it.value(), indent + 2, pad.size() + key.size(), out);
    }
    out += "\n" + std::string(indent, ' ') + "}";
  } else {
    out += "[\n";
    bool first = true;
    for (const auto& item : value) {
      if (!first) out += ",\n";
      first = false;
      out += pad;
      pretty_json(item, indent + 2, pad.size(), out);
    }
    out += "\n" + std::string(indent, ' ') + "]";
  }
}

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

ModelParseResult read_document(const json& document, const ModelParseOptions& options,
                               ModelValidation validation, bool fill_persona_defaults) {
  ModelParseResult result;
  result.validation = std::move(validation);
  Reader reader(result.validation, options, fill_persona_defaults);
  reader.read(document, result.model);
  return result;
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

json model_to_json(const Model& model) { return write_model<json>(model); }

std::string format_model(const Model& model) {
  std::string out;
  pretty_json(write_model<ordered_json>(model), 0, 0, out);
  out += '\n';
  return out;
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
