// `pqlscope sql` and `pqlscope score --aggregates` end to end. Native only (the WASM build has
// no CLI).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/cli_run.hpp"
#include "support/compressed_fixtures.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using pqlscope::testing::CliRun;
CliRun run(const std::string& arguments) { return pqlscope::testing::run_cli(arguments); }

// Three events; the day counts are the same events written by hand (docs/aggregates.md,
// version 2): 2024-03-01T09:00Z = 1709283600000 ms, day 19783.
const std::string kEvents =
    "timestamp,account_id,user_id,event\n"
    "2024-03-01T09:00:00Z,acme,alice,project_created\n"
    "2024-03-02T09:00:00Z,acme,bob,report_created\n"
    "2024-03-03T09:00:00Z,globex,carol,login\n";
const std::string kDayCounts =
    "level,entity_id,account_id,event,day,count,first_event_ms,last_event_ms,in_several_accounts\n"
    "event_total,project_created,,,,1,1709283600000,1709283600000,\n"
    "event_total,report_created,,,,1,1709370000000,1709370000000,\n"
    "event_total,login,,,,1,1709456400000,1709456400000,\n"
    "account_total,acme,,,,2,1709283600000,1709370000000,\n"
    "account_total,globex,,,,1,1709456400000,1709456400000,\n"
    "user_total,alice,acme,,,1,1709283600000,1709283600000,0\n"
    "user_total,bob,acme,,,1,1709370000000,1709370000000,0\n"
    "user_total,carol,globex,,,1,1709456400000,1709456400000,0\n"
    "account,acme,,project_created,19783,1,,,\n"
    "account,acme,,report_created,19784,1,,,\n"
    "account,globex,,login,19785,1,,,\n"
    "user,alice,,project_created,19783,1,,,\n"
    "user,bob,,report_created,19784,1,,,\n"
    "user,carol,,login,19785,1,,,\n";

class WarehouseCli : public pqlscope::testing::TempDirTest {
 protected:
};

TEST_F(WarehouseCli, ScoringDayCountsGivesTheRawEventsExport) {
  const std::string events = write("events.csv", kEvents);
  const std::string counts = write("counts.csv.gz", pqlscope::testing::gzip_member(kDayCounts));
  ASSERT_EQ(run("score " + events + " --csv " + path("raw.csv")).status, 0);
  const CliRun scored = run("score --aggregates " + counts + " --csv " + path("counts_scored.csv"));
  ASSERT_EQ(scored.status, 0) << scored.output;
  EXPECT_EQ(read("counts_scored.csv"), read("raw.csv"));
  // A day-count file given as a plain input is recognised by its header too.
  ASSERT_EQ(run("score " + counts + " --csv " + path("by_header.csv")).status, 0);
  EXPECT_EQ(read("by_header.csv"), read("raw.csv"));
}

TEST_F(WarehouseCli, AggregatesMustBeADayCountFile) {
  const CliRun r = run("score --aggregates " + write("events.csv", kEvents));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("events.csv: line 1: expected the header level,entity_id"), std::string::npos) << r.output;
}

TEST_F(WarehouseCli, SqlNeedsAKnownDialect) {
  EXPECT_EQ(run("sql").status, 64);
  const CliRun unknown = run("sql --dialect oracle");
  EXPECT_EQ(unknown.status, 64);
  EXPECT_NE(unknown.output.find("unknown --dialect 'oracle'"), std::string::npos);
  EXPECT_EQ(run("sql --dialect duckdb --map colour=x").status, 64);
  const CliRun sql = run("sql --dialect duckdb --table events");
  EXPECT_EQ(sql.status, 0);
  std::ifstream golden(std::string(PQLSCOPE_SOURCE_DIR) + "/tests/warehouse/golden/duckdb-plain.sql", std::ios::binary);
  std::stringstream text;
  text << golden.rdbuf();
  EXPECT_EQ(sql.output, text.str());
}

}  // namespace
#endif
