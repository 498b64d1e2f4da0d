// `pqlscope score --threads N`: the scoring (the as-of day and the alerts' baseline side by
// side) and the report (its history alongside the accounts) on N threads print and write the
// same bytes as on one thread. Native only (the WASM build has no CLI).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/cli_run.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using pqlscope::testing::read_whole_file;
using pqlscope::testing::run_cli;

TEST(ScoreThreadsCli, EveryThreadCountWritesTheSameFiles) {
  const fs::path dir = pqlscope::testing::fresh_test_folder("pqlscope-score-threads-cli");
  const std::string examples = std::string(PQLSCOPE_SOURCE_DIR) + "/examples/";
  const std::string inputs = examples + "data/events.csv --accounts " + examples + "data/accounts.csv --comms " +
                             examples + "data/communications.csv --model " + examples + "model.json";
  std::string first_output, first_report, first_alerts;
  for (const char* threads : {"1", "2", "3", "7"}) {
    const std::string report = (dir / (std::string("r") + threads + ".json")).string();
    const std::string alerts = (dir / (std::string("a") + threads + ".csv")).string();
    const auto r = run_cli("score " + inputs + " --history-moves --threads " + threads + " --out " + report +
                           " --alerts " + alerts);
    ASSERT_EQ(r.status, 0) << r.output;
    if (first_output.empty()) {
      first_output = r.output;
      first_report = read_whole_file(report);
      first_alerts = read_whole_file(alerts);
      ASSERT_GT(first_report.size(), 1000u);
      continue;
    }
    EXPECT_EQ(r.output, first_output) << "threads " << threads;
    EXPECT_TRUE(read_whole_file(report) == first_report) << "threads " << threads;
    EXPECT_EQ(read_whole_file(alerts), first_alerts) << "threads " << threads;
  }
  fs::remove_all(dir);
}

// The report's accounts and users rendered on N threads (docs/report.md), compact and pretty.
// The bundled example is below the parallel ingest's chunk size, so only the stages after the
// ingest differ between runs.
TEST(ScoreThreadsCli, ThreadsWriteTheSameReportCompactAndPretty) {
  const fs::path dir = pqlscope::testing::fresh_test_folder("pqlscope-report-threads-cli");
  const std::string examples = std::string(PQLSCOPE_SOURCE_DIR) + "/examples/";
  const std::string inputs = examples + "data/events.csv --accounts " + examples + "data/accounts.csv --model " +
                             examples + "model.json";
  for (const char* pretty : {"", " --pretty"}) {
    std::string reports[3];
    int k = 0;
    for (const char* threads : {"1", "2", "5"}) {
      const fs::path out = dir / (std::string("r") + threads + ".json");
      const auto r = run_cli("score " + inputs + " --threads " + threads + pretty + " --out " + out.string());
      ASSERT_EQ(r.status, 0) << r.output;
      reports[k++] = read_whole_file(out);
    }
    ASSERT_GT(reports[0].size(), 100000u) << "a report with its accounts and users";
    EXPECT_TRUE(reports[1] == reports[0]) << "2 threads" << pretty;
    EXPECT_TRUE(reports[2] == reports[0]) << "5 threads" << pretty;
  }
  fs::remove_all(dir);
}

}  // namespace
#endif
