// Internal to the model stage: the model reader, shared by the files that read its sections
// (model_json_read.cpp: the top level to deal_size; model_json_read_segments.cpp: segments,
// personas, rollup).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model_json_detail.hpp"

namespace pqlscope::model_json_detail {

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
  bool read_steps(const json& steps, const std::string& at, std::vector<ActivationStep>& out);
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
  // model_json_read_signals.cpp
  void read_trial_shape(const json& value, const std::string& path, TrialShapeModel& out);
  void read_signals(const json& value, const std::string& path, SignalsModel& out);
  void read_priority(const json& value, const std::string& path, PriorityWeights& out);
  void read_calibration(const json& value, const std::string& path, CalibrationModel& out);  // model_json_read_calibration.cpp

  ModelValidation& v_;
  const ModelParseOptions& options_;
  bool fill_persona_defaults_;
};

}  // namespace pqlscope::model_json_detail
