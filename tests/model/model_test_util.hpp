// Shared by the model tests: a model with every field away from its default.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "pqlscope/model/model.hpp"
#include "pqlscope/model/model_json.hpp"

namespace pqlscope::test {

inline Model full_model() {
  Model m;
  m.name = "acme";
  m.version = "2024-Q3 calibration";
  m.as_of_day = 19787;  // 2024-03-05
  m.activation.steps = {
      ActivationStep{"create_project", "Create a project", StepLevel::account, {"project_created"}, 1, 1, std::nullopt},
      ActivationStep{"invite_team", "Invite 2+ team members", StepLevel::account, {"user_invited", "member_added"}, 2, 1, 14},
      ActivationStep{"first_report", "Create a report", StepLevel::user, {"report_created"}, 1, 1, std::nullopt},
      ActivationStep{"two_editors", "Two people edit", StepLevel::account, {"doc_edited"}, 3, 2, 7},
  };
  m.engagement.importance = {{"report_created", 9}, {"dashboard_viewed", 2}, {"login", 0}, {"a/b~c", 5}};
  m.engagement.default_importance = 1;
  m.engagement.window_days = 14;
  m.engagement.history_windows = 12;
  m.engagement.normalization = {NormalizationMethod::recency_decay, 87.5, 45};
  m.adoption.window_days = 28;
  m.adoption.key_features = {Feature{"dashboards", "Dashboards", {"dashboard_created", "dashboard_viewed"}},
                             Feature{"alerts", "Alerts", {"alert_created"}}};
  m.activity.active_events = std::vector<std::string>{"report_created", "dashboard_viewed"};
  m.communication.active_min_count = 3;
  m.communication.window_days = 21;
  m.communication.event_names = {"email_replied", "meeting_booked"};
  m.deal_size.source = DealSizeSource::employees;
  m.deal_size.mid_min_employees = 100;
  m.deal_size.large_min_employees = 5000;
  m.deal_size.unknown_size = DealSize::mid;
  m.deal_size.pql_activation = {90, 66.5, 30};
  m.deal_size.filters = {{"NA", "EMEA"}, 10, 100000};
  m.deal_size.default_deal_value = {1200, 15000, 120000.5};
  m.segments.trial = {30, 7, 5, 12.5, {15, 45, 120}};
  m.segments.product_led.fit = {20, 5000, {"NA"}, {"software", "finance"}};
  m.segments.product_led.top_accounts = 50;
  m.segments.product_led.ready_min_engagement = 75;
  m.segments.product_led.ready_min_adoption = 60;
  m.segments.product_led.low_seat_penetration = 25;
  m.segments.product_led.enterprise_features = {Feature{"sso", "Single sign-on", {"sso_configured"}}};
  m.segments.product_led.low_enterprise_feature_adoption = 40;
  m.segments.product_led.opportunistic_max_engagement = 35;
  m.segments.product_led.dead_zone_max_adoption = 15;
  m.segments.product_led.dead_zone_max_employees = 5;
  m.segments.customer_success = {45, 15, 12, 80, 20};
  m.personas.activation_levels = {75, 35};
  m.personas.engagement_levels = {65.5, 30};
  m.personas.sentiment = {0.25, -0.25};
  for (PersonaRule& row : m.personas.table) {
    if (row.activation == Level::low && row.engagement == Level::high && row.communication == CommunicationLevel::low) {
      row.persona = Persona::silent_success;
      row.reason = "our checklist lags behind real use";
    }
  }
  m.personas.probabilities = {0.85, 0.7, 0.55, 0.33, 0.12, 0.04, 0.06, 0.02};
  m.rollup = {false, "company_id"};
  m.calibration = {true, -1.5, {{"report_created", 0.75}, {"login", -0.125}}, 2, 900, 210};
  return m;
}

// Whether `issues` holds one with this exact path whose message contains `text`.
inline bool has_issue(const std::vector<ModelIssue>& issues, std::string_view path, std::string_view text) {
  return std::any_of(issues.begin(), issues.end(), [&](const ModelIssue& issue) {
    return issue.path == path && issue.message.find(text) != std::string::npos;
  });
}

}  // namespace pqlscope::test
