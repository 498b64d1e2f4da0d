// The command line end to end: exit codes, messages, files written. Native only: the WASM
// build has no CLI (it is the npm package's job there).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/cli_run.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;

using pqlscope::testing::CliRun;
CliRun run(const std::string& arguments) { return pqlscope::testing::run_cli(arguments); }

class Cli : public pqlscope::testing::TempDirTest {
 protected:
};

const char* kEvents =
    "timestamp,account_id,user_id,event\n"
    "2024-03-01T09:00:00Z,acme,alice,project_created\n"
    "2024-03-02T09:00:00Z,acme,bob,report_created\n"
    "2024-03-03T09:00:00Z,=HYPERLINK(\"x\"),eve,report_created\n"
    "not-a-date,acme,alice,login\n";

const char* kModel = R"({
  "pqlscope_model": 1,
  "activation": {"steps": [
    {"id": "project", "events": ["project_created"]},
    {"id": "report", "events": ["report_created"]}]},
  "engagement": {"importance": {"report_created": 9, "project_created": 5}}
})";

TEST_F(Cli, HelpAndUnknownCommand) {
  EXPECT_EQ(run("--help").status, 0);
  EXPECT_EQ(run("score --help").status, 0);
  const CliRun bad = run("frobnicate");
  EXPECT_EQ(bad.status, 64);
  EXPECT_NE(bad.output.find("unknown command 'frobnicate'"), std::string::npos);
  EXPECT_EQ(run("score --no-such-option x.csv").status, 64);
}

TEST_F(Cli, ScoreWritesReportAndEscapedCsvAndListsRejectedRows) {
  const std::string events = write("events.csv", kEvents);
  const std::string model = write("model.json", kModel);
  const CliRun r = run("score " + events + " --model " + model + " --out " + (dir_ / "report.json").string() +
                    " --csv " + (dir_ / "accounts.csv").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("unknown_timestamp_format"), std::string::npos);
  EXPECT_NE(r.output.find("events.csv:5:1"), std::string::npos) << r.output;
  const auto report = nlohmann::json::parse(read("report.json"));
  EXPECT_EQ(report["report"], "pqlscope-report");
  EXPECT_EQ(report["as_of"], "2024-03-03");
  EXPECT_EQ(report["accounts"][0]["id"], "acme");
  EXPECT_EQ(report["accounts"][0]["activation"]["rate"], 100);
  EXPECT_EQ(report["ingest"]["rejected_by_code"]["unknown_timestamp_format"], 1);
  const std::string csv = read("accounts.csv");
  // The formula-looking account id is neutralised and quoted (it holds quotes).
  EXPECT_NE(csv.find("\n\"'=HYPERLINK(\"\"x\"\")\","), std::string::npos) << csv;
}

TEST_F(Cli, BadModelFailsWithItsJsonPathBeforeIngesting) {
  const std::string events = write("events.csv", kEvents);
  const std::string model = write("model.json", R"({"engagement": {"window_days": 0}, "colour": 1})");
  const CliRun r = run("score " + events + " --model " + model);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("/engagement/window_days"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("/colour"), std::string::npos) << r.output;
  const CliRun v = run("validate " + model);
  EXPECT_EQ(v.status, 1);
  EXPECT_EQ(run("validate " + write("ok.json", kModel)).status, 0);
}

TEST_F(Cli, StrictModeStopsWithTheRowPosition) {
  const CliRun r = run("ingest --strict " + write("events.csv", kEvents));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("events.csv:5:1: unknown_timestamp_format"), std::string::npos) << r.output;
}

TEST_F(Cli, InitWritesAModelThatValidatesAndScores) {
  const std::string events = write("events.csv", kEvents);
  const std::string model = (dir_ / "starter.json").string();
  ASSERT_EQ(run("init " + events + " --out " + model).status, 0);
  EXPECT_EQ(run("validate " + model).status, 0);
  const auto json = nlohmann::json::parse(read("starter.json"));
  // Both event names of the accepted rows get an importance (the login row was rejected).
  EXPECT_TRUE(json.at("engagement").at("importance").contains("report_created"));
  EXPECT_TRUE(json.at("engagement").at("importance").contains("project_created"));
  EXPECT_FALSE(json.at("engagement").at("importance").contains("login"));
  EXPECT_EQ(run("score " + events + " --model " + model).status, 0);
}

TEST_F(Cli, RollupScoresCompaniesAndOutcomesAddCalibration) {
  const std::string events = write("events.csv",
      "timestamp,account_id,user_id,event\n"
      "2024-03-01T09:00:00Z,ws1,alice,project_created\n"
      "2024-03-02T09:00:00Z,ws2,bob,report_created\n"
      "2024-03-02T10:00:00Z,solo,carol,report_created\n");
  const std::string accounts = write("accounts.csv",
      "account_id,domain,plan\nws1,acme.com,trial\nws2,ACME.com,trial\nsolo,solo.io,trial\n");
  const std::string outcomes = write("outcomes.csv", "account_id,converted\nws1,yes\nsolo,no\n");
  const std::string model = write("model.json", kModel);
  const std::string report = (dir_ / "report.json").string();
  const CliRun r = run("score " + events + " --accounts " + accounts + " --model " + model +
                       " --rollup --outcomes " + outcomes + " --out " + report);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("rolled up 3 workspaces into 2 companies"), std::string::npos) << r.output;
  const auto json = nlohmann::json::parse(read("report.json"));
  ASSERT_EQ(json["accounts"].size(), 2u);
  // The company has both workspaces' steps: 100% although each workspace alone has 50%.
  EXPECT_EQ(json["accounts"][0]["activation"]["rate"], 100);
  EXPECT_EQ(json["calibration"]["matched"], 2);
  EXPECT_EQ(json["calibration"]["auc"][0]["converters"], 1);
  const CliRun bad = run("score " + events + " --outcomes " + write("bad.csv", "account_id,converted\nws1,maybe\n"));
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.output.find("line 2"), std::string::npos) << bad.output;
}

TEST_F(Cli, MissingFileIsAClearError) {
  const CliRun r = run("score " + (dir_ / "nope.csv").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("nope.csv: cannot open the file"), std::string::npos);
}

TEST_F(Cli, NothingReadExitsOneWithTheReasonsAndAMapLine) {
  // A file whose columns match no role: no event can be read.
  const std::string events = write("export.csv", "when,what,who\n2024-03-01T09:00:00Z,login,alice\n");
  for (const char* command : {"score ", "ingest "}) {
    const CliRun r = run(command + events);
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("no event was read"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("missing_column"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("has the fields: when, what, who"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("--map timestamp=when --map event=what"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("as of 1970-01-01"), std::string::npos) << r.output;
  }
  // The suggested mapping works, and is explained as the user's choice.
  const CliRun fixed = run("ingest " + events + " --map timestamp=when --map event=what --map user=who");
  EXPECT_EQ(fixed.status, 0) << fixed.output;
  EXPECT_NE(fixed.output.find("event      <- what (chosen by you"), std::string::npos) << fixed.output;
}

TEST_F(Cli, MostRowsRejectedIsAWarningBeforeTheResults) {
  const std::string events = write("events.csv",
      "timestamp,account_id,user_id,event\n2024-03-01T09:00:00Z,acme,alice,login\n"
      "yesterday,acme,bob,login\nlast week,acme,carol,login\n");
  const CliRun r = run("ingest " + events);
  EXPECT_EQ(r.status, 0) << r.output;
  const size_t warning = r.output.find("warning: " + events + ": 2 of 3 rows were rejected");
  EXPECT_EQ(warning, 0u) << r.output;  // the very first line
}

TEST_F(Cli, AccountsFileGivenAsEventsIsNamedForWhatItLooksLike) {
  const std::string accounts = write("accounts.csv",
      "account_id,name,domain,employees,plan\nacme,Acme,acme.com,50,trial\nglobex,Globex,globex.com,900,pro\n");
  const CliRun r = run("score " + accounts);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("was given as events but looks like accounts"), std::string::npos) << r.output;
  EXPECT_EQ(run("init " + accounts).status, 1);
}

TEST_F(Cli, SummaryNeverCutsIdsThatDifferAfterTwentyFourCharacters) {
  const std::string events = write("events.csv",
      "timestamp,account_id,user_id,event\n"
      "2024-03-01T09:00:00Z,workspace-0000000000000000-alpha,alice,project_created\n"
      "2024-03-01T10:00:00Z,workspace-0000000000000000-beta,bob,project_created\n");
  const CliRun r = run("score " + events + " --model " + write("model.json", kModel));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("workspace-0000000000000000-alpha "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("workspace-0000000000000000-beta "), std::string::npos) << r.output;
}

TEST_F(Cli, IngestPrintsTheRecognisedSourceAndTheReportCarriesTheMapping) {
  const std::string events = write("atomic.csv",
      "event,event_name,collector_tstamp,derived_tstamp,domain_userid,user_id,event_id\n"
      "page_view,page_view,2024-01-01 10:00:00.000,2024-01-01 10:00:01.000,d1,,e1\n"
      "unstruct,signup,2024-01-01 11:00:00.000,2024-01-01 11:00:00.500,d1,alice,e2\n");
  const CliRun r = run("ingest " + events);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("from Snowplow atomic events"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("event      <- event_name (known source"), std::string::npos) << r.output;
  const CliRun s = run("score " + events + " --out " + (dir_ / "report.json").string());
  ASSERT_EQ(s.status, 0) << s.output;
  const auto mapping = nlohmann::json::parse(read("report.json"))["ingest"]["files"][0]["mapping"];
  EXPECT_EQ(mapping["source"], "snowplow");
  EXPECT_EQ(mapping["kind_guessed"], "events");
  EXPECT_EQ(mapping["timestamp_format"], "YYYY-MM-DD HH:MM:SS (UTC)");
  bool event_role = false;
  for (const auto& role : mapping["roles"]) {
    if (role["role"] == "event") event_role = role["field"] == "event_name" && role["reason"] == "known_source";
  }
  EXPECT_TRUE(event_role) << mapping.dump();
}

// A European Excel "CSV": ';', Windows-1252 (é = E9), day/month dates whose values cannot
// tell the order (both parts <= 12). The flag decides; without it every row names the flag.
TEST_F(Cli, DateOrderFlagAndSpreadsheetNotices) {
  const std::string path = write("excel.csv",
                                 "timestamp;account_id;user_id;event\r\n"
                                 "01/03/2024 14:30;Soci\xE9t\xE9;am\xE9lie;login\r\n"
                                 "02/03/2024 09:00;Soci\xE9t\xE9;am\xE9lie;login\r\n");
  const CliRun ok = run("ingest --date-order dmy " + path);
  EXPECT_EQ(ok.status, 0) << ok.output;
  EXPECT_NE(ok.output.find("2 events"), std::string::npos) << ok.output;
  EXPECT_NE(ok.output.find("read as windows-1252"), std::string::npos) << ok.output;
  EXPECT_NE(ok.output.find("delimiter ';'"), std::string::npos) << ok.output;
  const CliRun asked = run("ingest " + path);
  EXPECT_NE(asked.output.find("excel.csv:2:1: ambiguous_date"), std::string::npos) << asked.output;
  EXPECT_NE(asked.output.find("--date-order"), std::string::npos) << asked.output;
  EXPECT_EQ(run("ingest --date-order ymd " + path).status, 64);
  // Without --date-order nothing can be read here, which is exit 1 (the rows name the flag).
  EXPECT_EQ(asked.status, 1);
  EXPECT_EQ(run("ingest --date-order dmy --epoch us " + path).status, 0);
  EXPECT_EQ(run("ingest --epoch minutes " + path).status, 64);
}

// A later row proves the order (13 > 12 can only be a day): every row is read day-first, and
// the mapping explanation says which order and why.
TEST_F(Cli, DateOrderFromTheSampleIsExplained) {
  const std::string path = write("sheet.csv",
                                 "timestamp,account_id,event\n"
                                 "01/03/2024 14:30,acme,login\n"
                                 "13/03/2024 09:00,acme,login\n");
  const CliRun r = run("ingest " + path);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("2 events"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("date order: timestamp: day/month"), std::string::npos) << r.output;
}

}  // namespace
#endif

