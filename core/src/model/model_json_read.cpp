// Reading the model document: the top level and the sections up to deal_size.
#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "model/model_json_reader.hpp"

namespace pqlscope::model_json_detail {

void Reader::read(const json& document, Model& model) {
  if (!document.is_object()) {
    expected("", "a JSON object (the model)", document);
    return;
  }
  check_keys(document, "",
             {"pqlscope_model", "name", "version", "as_of", "activation", "engagement", "adoption",
              "activity", "communication", "deal_size", "segments", "personas", "rollup",
              "signals", "priority",
              "calibration"},
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
  section("signals", &Reader::read_signals, model.signals);
  section("priority", &Reader::read_priority, model.priority);
  section("calibration", &Reader::read_calibration, model.calibration);
}

void Reader::read_activation(const json& value, const std::string& path, ActivationModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path, {"steps", "paid_steps"});
  if (const json* steps = find(value, "steps")) read_steps(*steps, child(path, "steps"), out.steps);
  if (const json* paid = find(value, "paid_steps")) {
    if (paid->is_null()) {
      out.paid_steps.reset();
    } else {
      std::vector<ActivationStep> list;
      if (read_steps(*paid, child(path, "paid_steps"), list)) out.paid_steps = std::move(list);
    }
  }
}

bool Reader::read_steps(const json& steps, const std::string& at, std::vector<ActivationStep>& out) {
  if (!steps.is_array()) {
    expected(at, "an array of steps", steps);
    return false;
  }
  out.clear();
  std::vector<std::string> id_paths;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    ActivationStep step;
    const std::string step_path = child(at, i);
    read_step(steps[i], step_path, step);
    if (!step.id.empty()) {
      for (std::size_t j = 0; j < out.size(); ++j) {
        if (out[j].id == step.id) {
          error(child(step_path, "id"), "duplicate step id \"" + step.id + "\" (already used at " +
                                            id_paths[j] + ")");
          break;
        }
      }
    }
    id_paths.push_back(child(step_path, "id"));
    out.push_back(std::move(step));
  }
  return true;
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

ModelParseResult read_document(const json& document, const ModelParseOptions& options,
                               ModelValidation validation, bool fill_persona_defaults) {
  ModelParseResult result;
  result.validation = std::move(validation);
  Reader reader(result.validation, options, fill_persona_defaults);
  reader.read(document, result.model);
  return result;
}

}  // namespace pqlscope::model_json_detail
