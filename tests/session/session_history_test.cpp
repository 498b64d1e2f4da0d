// The session's score-history queries: one account's series and segment moves as the API
// returns them, equal to the core's history of the same scoring, and reset by a new scoring.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "../metrics/metrics_test_util.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;

constexpr int32_t kStart = 19800;

std::string events_csv() {
  return "timestamp,account_id,user_id,event\n" + rows(kStart, "A", "ua", "create_project") +
         rows(kStart + 1, "A", "ua", "use", 10) + rows(kStart + 8, "A", "ua", "invite") +
         rows(kStart + 8, "B", "ub", "use", 20) + rows(kStart + 9, "A", "ua", "invite") +
         rows(kStart + 10, "A", "ua", "use", 5);
}

const char* kModel = R"({"activation": {"steps": [
    {"id": "create", "label": "Create", "level": "account", "events": ["create_project"]},
    {"id": "invite", "label": "Invite", "level": "account", "events": ["invite"], "min_count": 2}]},
  "engagement": {"importance": {"use": 1}}})";

// The events above, scored with kModel as of d14.
void ingest_and_score(Session& session) {
  session.begin_file("events.csv", FileOptions{});
  session.feed(events_csv());
  session.end_file();
  session.finish();
  session.score(kModel, kStart + 14);
}

TEST(SessionHistory, AccountHistoryIsTheScoringsHistoryWithItsMoves) {
  Session session{IngestOptions{}};
  ingest_and_score(session);
  const uint32_t a = session.aggregates().find_account("A");
  const auto json = session.account_history_json(a, 7);
  // Hand-worked in tests/metrics/history_test.cpp (HandComputedCase): weekly d0, d7, d14.
  EXPECT_EQ(json["id"], "A");
  EXPECT_EQ(json["interval_days"], 7);
  EXPECT_EQ(json["days"], nlohmann::ordered_json({format_day(kStart), format_day(kStart + 7), format_day(kStart + 14)}));
  EXPECT_EQ(json["activation"], nlohmann::ordered_json({50, 50, 100}));
  EXPECT_EQ(json["engagement"], nlohmann::ordered_json({0, 100, 25}));
  // Activation reaches 100% at d14 (trial, unknown size: PQL threshold 80%): A enters `pql` then.
  bool pql = false;
  for (const auto& m : json["moves"]) {
    if (m["segment"] == "pql") {
      pql = true;
      EXPECT_EQ(m["day"], format_day(kStart + 14));
      EXPECT_EQ(m["change"], "entered");
      EXPECT_EQ(m["label"], "Product-qualified leads");
    }
  }
  EXPECT_TRUE(pql);
  EXPECT_THROW(session.account_history_json(99, 7), std::out_of_range);
  EXPECT_THROW(session.account_history_json(a, 0), std::invalid_argument);
  // Another interval, then a new scoring: the history follows the last request and scoring.
  EXPECT_EQ(session.history(5, false).series.days.size(), 3u);  // d4, d9, d14
  session.score(kModel, kStart + 7);
  EXPECT_EQ(session.history(7, false).series.days.back(), kStart + 7);
  EXPECT_FALSE(session.history(7, false).has_moves);
}

// The session's history holds the accounts' series only (its callers read no others): writing
// it with the users' series is refused rather than reading past the empty ones.
TEST(SessionHistory, HoldsTheAccountsSeriesOnly) {
  Session session{IngestOptions{}};
  ingest_and_score(session);
  const ReportHistory& history = session.history(7, false);
  EXPECT_EQ(history.series.accounts.size, 2u);
  EXPECT_EQ(history.series.users.size, 0u);
  EXPECT_TRUE(history.series.users.engagement.empty());
  EXPECT_EQ(history_json(session.aggregates(), history, false)["accounts"].size(), 2u);
  EXPECT_THROW(history_json(session.aggregates(), history, true), std::logic_error);
}

}  // namespace
}  // namespace pqlscope
