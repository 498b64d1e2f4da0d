// `--threads`: the CLI reads one large events file on several threads with the very same
// results (written aggregates, day counts, report) as on one thread.
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../support/cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using pqlscope::testing::run_cli;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ParallelCli, ThreadsGiveTheSameFilesAsOneThread) {
  const fs::path dir = fs::temp_directory_path() / ("pqlscope-parallel-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path generator = fs::path(PQLSCOPE_BINARY_DIR) / "examples" / "generator" / "pqlscope-gen";
  ASSERT_TRUE(fs::exists(generator)) << generator;
  // ~24 MB: more than two chunks of the CLI's 8 MiB minimum, so threads are really used.
  const std::string gen = generator.string() + " --seed 11 --accounts 2000 --days 90 --events 400000 --quiet --out " +
                          dir.string();
  ASSERT_EQ(std::system(gen.c_str()), 0);
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
  EXPECT_EQ(slurp(dir / "a1.json"), slurp(dir / "a2.json"));
  EXPECT_EQ(slurp(dir / "d1.csv"), slurp(dir / "d2.csv"));
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
