// `--threads`: the CLI reads one large events file on several threads with the very same
// results (written aggregates, day counts, report) as on one thread.
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/cli_run.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using pqlscope::testing::run_cli;

using pqlscope::testing::read_whole_file;

TEST(ParallelCli, ThreadsGiveTheSameFilesAsOneThread) {
  const fs::path dir = pqlscope::testing::fresh_test_folder("pqlscope-parallel-cli");
  // ~24 MB: more than two chunks of the CLI's 8 MiB minimum, so threads are really used.
  ASSERT_EQ(pqlscope::testing::run_example_generator("--seed 11 --accounts 2000 --days 90 --events 400000 --quiet --out " +
                                                     dir.string()),
            0);
  const std::string events = (dir / "events.csv").string();
  ASSERT_GT(fs::file_size(events), uint64_t{17} << 20);
  std::string outputs[2];
  for (int t = 1; t <= 2; ++t) {
    const std::string tag = std::to_string(t);
    const auto r = run_cli("ingest " + events + " --threads " + tag + " --out " + (dir / ("a" + tag + ".json")).string() +
                           " --day-counts " + (dir / ("d" + tag + ".csv")).string());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(r.output.find("read on one thread"), std::string::npos) << r.output;
    outputs[t - 1] = r.output;
  }
  EXPECT_EQ(outputs[0], outputs[1]);
  EXPECT_EQ(read_whole_file(dir / "a1.json"), read_whole_file(dir / "a2.json"));
  EXPECT_EQ(read_whole_file(dir / "d1.csv"), read_whole_file(dir / "d2.csv"));
  fs::remove_all(dir);
}

TEST(ParallelCli, ThreadsMustBeAPositiveNumber) {
  for (const char* bad : {"0", "two", "-1", ""}) {
    const auto r = run_cli(std::string("ingest x.csv --threads '") + bad + "'");
    EXPECT_EQ(r.status, 64) << bad << ": " << r.output;
  }
}

}  // namespace
#endif
