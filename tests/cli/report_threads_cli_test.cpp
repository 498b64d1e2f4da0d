// `score --threads N` also renders the report's accounts and users on N threads
// (docs/report.md): the report file must be the same bytes as with one thread, compact and
// pretty. The bundled example is below the parallel ingest's chunk size, so the ingest is the
// same in every run and only the report's threads differ.
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

TEST(ReportThreadsCli, ThreadsWriteTheSameReportAsOneThread) {
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
