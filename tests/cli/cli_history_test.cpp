// `pqlscope score` and the report's history section (docs/report.md, "History"): on by default
// with weekly points ending at the as-of day, left out with --no-history, users and moves on
// request, a bad interval a usage error (exit 64).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/cli_run.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using pqlscope::testing::run_cli;

// A creates a project on 2024-03-01 and reports on 03-09 and 03-15 (as of 03-15); B reports on
// 03-15. Weekly points back from 03-15 to the first event day: 03-01, 03-08, 03-15.
const char* kEvents =
    "timestamp,account_id,user_id,event\n"
    "2024-03-01T09:00:00Z,A,alice,project_created\n"
    "2024-03-09T09:00:00Z,A,alice,report_created\n"
    "2024-03-15T09:00:00Z,A,alice,report_created\n"
    "2024-03-15T10:00:00Z,B,bob,report_created\n";

const char* kModel = R"({"pqlscope_model": 1,
  "activation": {"steps": [{"id": "project", "events": ["project_created"]},
                           {"id": "report", "events": ["report_created"]}]},
  "engagement": {"importance": {"report_created": 1}}})";

class CliHistory : public pqlscope::testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    write("events.csv", kEvents);
    write("model.json", kModel);
  }
  nlohmann::json score(const std::string& flags, int expected_status = 0) {
    const auto r = run_cli("score " + (dir_ / "events.csv").string() + " --model " + (dir_ / "model.json").string() +
                           " --out " + (dir_ / "report.json").string() + " " + flags);
    EXPECT_EQ(r.status, expected_status) << r.output;
    if (r.status != 0) return nullptr;
    return nlohmann::json::parse(read("report.json"));
  }
};

TEST_F(CliHistory, OnByDefaultWeeklyToTheAsOfDay) {
  const auto report = score("");
  const auto& h = report["history"];
  EXPECT_EQ(h["interval_days"], 7);
  EXPECT_EQ(h["days"], nlohmann::json({"2024-03-01", "2024-03-08", "2024-03-15"}));
  ASSERT_EQ(h["accounts"].size(), 2u);
  EXPECT_EQ(h["accounts"][0]["id"], "A");
  // A: project on 03-01 (1 of 2 steps), first report on 03-09: 50, 50, 100.
  EXPECT_EQ(h["accounts"][0]["activation"], nlohmann::json({50, 50, 100}));
  // Engagement of the week ending at each point (p90 over the scored accounts): nothing scored
  // up to 03-08; 03-09..03-15: A 2 reports, B 1, n = 2, rank ceil(0.9 x 2) = 2, P90 = 2: A 100,
  // B 50.
  EXPECT_EQ(h["accounts"][0]["engagement"], nlohmann::json({0, 0, 100}));
  EXPECT_EQ(h["accounts"][1]["engagement"], nlohmann::json({0, 0, 50}));
  EXPECT_FALSE(h["accounts"][0].contains("moves"));
  EXPECT_FALSE(h.contains("users"));
}

TEST_F(CliHistory, FlagsChooseWhatItHolds) {
  EXPECT_FALSE(score("--no-history").contains("history"));
  const auto report = score("--history-interval 5 --history-users --history-moves");
  const auto& h = report["history"];
  EXPECT_EQ(h["days"], nlohmann::json({"2024-03-05", "2024-03-10", "2024-03-15"}));
  EXPECT_EQ(h["users"].size(), 2u);
  EXPECT_TRUE(h["accounts"][0]["moves"].is_array());
  score("--history-interval 0", 64);
  score("--history-interval week", 64);
}

}  // namespace
#endif
