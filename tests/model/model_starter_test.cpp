// `pqlscope init`: the starter model's heuristics.
#include <gtest/gtest.h>

#include <algorithm>

#include "pqlscope/model/model_json.hpp"
#include "pqlscope/model/starter.hpp"

using namespace pqlscope;

namespace {

std::vector<EventNameStats> sample_stats() {
  // 100 accounts; login is done by all of them, many times.
  return {
      {"login", 50000, 100, 900},
      {"$pageview", 90000, 100, 950},
      {"Page Viewed", 30000, 95, 800},
      {"dashboard_viewed", 20000, 90, 700},
      {"project_created", 1000, 85, 300},
      {"user_invited", 400, 60, 150},
      {"report_created", 100, 30, 60},
      {"integration_connected", 10, 8, 8},
      {"payment_failed", 50, 20, 20},
  };
}

}  // namespace

TEST(StarterModel, ClassifiesEventNames) {
  for (const char* name : {"login", "Logged In", "user_logged_in", "logout", "session_start", "$pageview",
                           "$identify", "page_view", "pageview", "Page Viewed", "viewed_page", "identify",
                           "Application Opened", "app_open", "screen_view", "signup", "Signed Up",
                           "heartbeat", "page", "sign_in"}) {
    EXPECT_EQ(classify_event_name(name), EventNameKind::plumbing) << name;
  }
  for (const char* name : {"error_shown", "payment_failed", "subscription_cancelled", "Plan Downgraded",
                           "unsubscribed"}) {
    EXPECT_EQ(classify_event_name(name), EventNameKind::negative) << name;
  }
  for (const char* name : {"dashboard_viewed", "ReportOpened", "link clicked", "preview"}) {
    EXPECT_EQ(classify_event_name(name), EventNameKind::passive) << name;
  }
  for (const char* name : {"report_created", "projectCreated", "user_invited", "file uploaded", "Pageant Won",
                           "logbook_entry_added", "session_recording_shared", "Session Started", "new_session"}) {
    const bool session = std::string(name) == "Session Started" || std::string(name) == "new_session";
    EXPECT_EQ(classify_event_name(name), session ? EventNameKind::plumbing : EventNameKind::action) << name;
  }
}

TEST(StarterModel, SuggestsImportanceByRarity) {
  const Model m = starter_model(sample_stats());
  const auto& importance = m.engagement.importance;
  ASSERT_EQ(importance.size(), 9u);  // every event name seen
  EXPECT_EQ(importance.at("login"), 0);
  EXPECT_EQ(importance.at("$pageview"), 0);
  EXPECT_EQ(importance.at("Page Viewed"), 0);
  EXPECT_EQ(importance.at("payment_failed"), 0);
  // Scored events span 10 (integration_connected, rarest) to 20000 (dashboard_viewed, most frequent):
  // importance = 1 + round(9 x (ln 20000 - ln count) / (ln 20000 - ln 10)).
  EXPECT_EQ(importance.at("integration_connected"), 10);
  EXPECT_EQ(importance.at("dashboard_viewed"), 1);  // passive and most frequent
  EXPECT_EQ(importance.at("report_created"), 7);    // 1 + round(9 x 0.697)
  EXPECT_EQ(importance.at("user_invited"), 6);      // 1 + round(9 x 0.515)
  EXPECT_EQ(importance.at("project_created"), 5);   // 1 + round(9 x 0.394)
  EXPECT_EQ(m.engagement.default_importance, 0);
  EXPECT_TRUE(validate_model(m).ok()) << validate_model(m).to_string();
}

TEST(StarterModel, PassiveEventsAreCappedAt3) {
  const Model m = starter_model({{"chart_viewed", 1, 1, 1}, {"chart_created", 1000, 1, 1}});
  EXPECT_EQ(m.engagement.importance.at("chart_viewed"), 3);  // rarest: 10, capped
  EXPECT_EQ(m.engagement.importance.at("chart_created"), 1);
}

TEST(StarterModel, SingleScoredEventGetsTheMiddle) {
  const Model m = starter_model({{"login", 10, 5, 5}, {"report_created", 7, 3, 3}});
  EXPECT_EQ(m.engagement.importance.at("report_created"), 6);  // 1 + round(9 x 0.5)
  EXPECT_EQ(m.engagement.importance.at("login"), 0);
}

TEST(StarterModel, ChecklistFromWidespreadActions) {
  const Model m = starter_model(sample_stats());
  // Accounts estimated as 100 (login's reach). Reach >= 20%: project_created 85, user_invited 60,
  // report_created 30 (actions, most widespread first), then dashboard_viewed 90 (passive, last).
  // integration_connected (8%) and the plumbing / negative events are left out.
  ASSERT_EQ(m.activation.steps.size(), 4u);
  EXPECT_EQ(m.activation.steps[0].id, "project_created");
  EXPECT_EQ(m.activation.steps[0].label, "Project created");
  EXPECT_EQ(m.activation.steps[1].id, "user_invited");
  EXPECT_EQ(m.activation.steps[2].id, "report_created");
  EXPECT_EQ(m.activation.steps[3].id, "dashboard_viewed");
  for (const ActivationStep& step : m.activation.steps) {
    EXPECT_EQ(step.level, StepLevel::account);
    EXPECT_EQ(step.events, std::vector<std::string>{step.id});
    EXPECT_EQ(step.min_count, 1);
    EXPECT_EQ(step.min_users, 1);
    EXPECT_FALSE(step.window_days.has_value());
  }
}

TEST(StarterModel, ChecklistOptions) {
  StarterOptions options;
  options.max_steps = 2;
  EXPECT_EQ(starter_model(sample_stats(), options).activation.steps.size(), 2u);
  options = {};
  options.total_accounts = 1000;  // now nothing reaches 20%: the 3 widest still make an example
  const Model wide = starter_model(sample_stats(), options);
  ASSERT_EQ(wide.activation.steps.size(), 3u);
  EXPECT_EQ(wide.activation.steps[0].id, "dashboard_viewed");
  EXPECT_EQ(wide.activation.steps[1].id, "project_created");
  EXPECT_EQ(wide.activation.steps[2].id, "user_invited");
  options = {};
  options.min_step_reach = 0.5;
  EXPECT_EQ(starter_model(sample_stats(), options).activation.steps.size(), 3u);  // 85, 60, 90 (passive)
}

TEST(StarterModel, IdsAreSlugsAndUnique) {
  const Model m = starter_model({{"File Uploaded", 10, 10, 10}, {"file_uploaded", 5, 9, 9}, {"fileUploaded", 4, 8, 8}});
  ASSERT_EQ(m.activation.steps.size(), 3u);
  EXPECT_EQ(m.activation.steps[0].id, "file_uploaded");
  EXPECT_EQ(m.activation.steps[0].label, "File uploaded");
  EXPECT_EQ(m.activation.steps[0].events, std::vector<std::string>{"File Uploaded"});
  EXPECT_EQ(m.activation.steps[1].id, "file_uploaded_2");
  EXPECT_EQ(m.activation.steps[2].id, "file_uploaded_3");
  EXPECT_TRUE(validate_model(m).ok()) << validate_model(m).to_string();
}

TEST(StarterModel, DeterministicMergedAndRoundTrips) {
  std::vector<EventNameStats> stats = sample_stats();
  const Model a = starter_model(stats);
  std::reverse(stats.begin(), stats.end());
  EXPECT_EQ(starter_model(stats), a);
  EXPECT_EQ(a.name, "starter");
  EXPECT_EQ(parse_model(format_model(a)), a);

  // A repeated name is merged (counts summed, reach the larger), empty names are skipped.
  const Model merged = starter_model({{"x_created", 5, 2, 2}, {"x_created", 5, 3, 3}, {"", 9, 9, 9}, {"y_created", 100, 3, 3}});
  EXPECT_EQ(merged.engagement.importance.size(), 2u);
  EXPECT_EQ(merged.engagement.importance.at("x_created"), 10);  // 10 total vs 100
}

TEST(StarterModel, NoEventsGivesTheDefaultsWithoutSteps) {
  const Model m = starter_model({});
  EXPECT_TRUE(m.activation.steps.empty());
  EXPECT_TRUE(m.engagement.importance.empty());
  EXPECT_TRUE(validate_model(m).ok());
}

TEST(StarterModel, NamesTheInviteEventsOfTheData) {
  // Issue 16: the starter fills signals.invite_events from the names (docs/model.md, "Starter
  // model" 3); the invitee's side and an invitation undone are not the inviter acting.
  std::vector<EventNameStats> stats = sample_stats();
  stats.push_back({"Invite Accepted", 300, 50, 140});
  stats.push_back({"member_added", 40, 10, 12});
  stats.push_back({"invitation_revoked", 5, 3, 3});
  stats.push_back({"Teammate Invited", 20, 6, 8});
  const Model m = starter_model(stats);
  // In name order (the starter's merged list is sorted by name; upper case sorts first).
  EXPECT_EQ(m.signals.invite_events, (std::vector<std::string>{"Teammate Invited", "member_added", "user_invited"}));
  // And the data without any invite-like name leaves the list empty (no signals, said in the rules).
  const Model none = starter_model({{"login", 100, 10, 10}, {"report_created", 5, 3, 3}});
  EXPECT_TRUE(none.signals.invite_events.empty());
}
