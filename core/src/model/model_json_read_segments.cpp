// Reading the model document: the segments, personas and rollup sections.
#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "model/model_json_reader.hpp"

namespace pqlscope::model_json_detail {

void Reader::read_segments(const json& value, const std::string& path, SegmentModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path, {"trial", "product_led", "customer_success"});

  if (const json* trial = find(value, "trial")) {
    const std::string at = child(path, "trial");
    TrialSegments& t = out.trial;
    if (object_at(*trial, at)) {
      check_keys(*trial, at,
                 {"trial_length_days", "new_trial_days", "soon_to_expire_days", "red_hot_points",
                  "not_converted_buckets_days", "near_activation"});
      read_percent(*trial, "near_activation", at, t.near_activation);
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
             {"activation_levels", "engagement_levels", "sentiment", "table", "probabilities", "shape"});
  if (const json* shape = find(value, "shape")) read_trial_shape(*shape, child(path, "shape"), out.shape);
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

}  // namespace pqlscope::model_json_detail
