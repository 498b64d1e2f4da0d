// Writing the model: every field, one template for both key orders, pretty printed.
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

#include "model/model_json_detail.hpp"

namespace pqlscope {

using model_json_detail::json;
using model_json_detail::ordered_json;

namespace {

using model_json_detail::dump_text;
using model_json_detail::kPersonaKeys;

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
Json steps_json(const std::vector<ActivationStep>& list) {
  Json steps = Json::array();
  for (const ActivationStep& step : list) {
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
  return steps;
}

template <typename Json>
Json write_model(const Model& model) {
  Json doc = Json::object();
  doc["pqlscope_model"] = model.format_version;
  doc["name"] = model.name;
  doc["version"] = model.version;
  doc["as_of"] = model.as_of_day ? Json(format_model_date(*model.as_of_day)) : Json(nullptr);

  doc["activation"] = Json::object();
  doc["activation"]["steps"] = steps_json<Json>(model.activation.steps);
  doc["activation"]["paid_steps"] =
      model.activation.paid_steps ? steps_json<Json>(*model.activation.paid_steps) : Json(nullptr);

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
  trial["near_activation"] = number<Json>(s.trial.near_activation);
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
  Json shape = Json::object();
  shape["fizzler_late_share"] = number<Json>(pm.shape.fizzler_late_share);
  shape["min_trial_days"] = pm.shape.min_trial_days;
  shape["golden_lead_min_added_users"] = pm.shape.golden_lead_min_added_users;
  personas["shape"] = std::move(shape);
  doc["personas"] = std::move(personas);

  Json rollup = Json::object();
  rollup["enabled"] = model.rollup.enabled;
  rollup["key"] = model.rollup.key;
  doc["rollup"] = std::move(rollup);

  const SignalsModel& sg = model.signals;
  Json signals = Json::object();
  signals["invite_events"] = string_array<Json>(sg.invite_events);
  signals["invite_burst_count"] = sg.invite_burst_count;
  signals["invite_burst_days"] = sg.invite_burst_days;
  signals["champion_min_engagement"] = number<Json>(sg.champion_min_engagement);
  signals["champion_min_invites"] = sg.champion_min_invites;
  signals["champion_window_days"] = sg.champion_window_days;
  doc["signals"] = std::move(signals);

  Json priority = Json::object();
  priority["activation"] = number<Json>(model.priority.activation);
  priority["engagement"] = number<Json>(model.priority.engagement);
  priority["trend"] = number<Json>(model.priority.trend);
  priority["deal_size"] = number<Json>(model.priority.deal_size);
  doc["priority"] = std::move(priority);

  // Written only when fitted, so a model never calibrated keeps its exact text.
  if (model.calibration.fitted) {
    const CalibrationModel& c = model.calibration;
    Json calibration = Json::object();
    calibration["intercept"] = number<Json>(c.intercept);
    Json weights = Json::object();
    for (const auto& [event, weight] : c.weights) weights[event] = number<Json>(weight);
    calibration["weights"] = std::move(weights);
    calibration["l2"] = number<Json>(c.l2);
    calibration["accounts"] = c.accounts;
    calibration["converted"] = c.converted;
    doc["calibration"] = std::move(calibration);
  }
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
    out += '\n';  // appended piecewise: g++ 12 warns falsely (-Wrestrict) on "\n" + string
    out.append(indent, ' ');
    out += '}';
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
    out += '\n';
    out.append(indent, ' ');
    out += '}';
  } else {
    out += "[\n";
    bool first = true;
    for (const auto& item : value) {
      if (!first) out += ",\n";
      first = false;
      out += pad;
      pretty_json(item, indent + 2, pad.size(), out);
    }
    out += '\n';
    out.append(indent, ' ');
    out += ']';
  }
}

}  // namespace

json model_to_json(const Model& model) { return write_model<json>(model); }

std::string format_model(const Model& model) {
  std::string out;
  pretty_json(write_model<ordered_json>(model), 0, 0, out);
  out += '\n';
  return out;
}

}  // namespace pqlscope
