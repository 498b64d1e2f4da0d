// `pqlscope score --out` over the last run's report (cli/report_file.cpp): the report is a new
// file where the path names a plain file, with the old one's permissions; a symbolic link and a
// file of two names are written through, as `std::ofstream` always did. Native only.
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "support/cli_run.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using pqlscope::testing::run_cli;

class ReportFile : public pqlscope::testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    events_ = write("events.csv",
                    "timestamp,account_id,user_id,event\n"
                    "2024-03-01T09:00:00Z,acme,alice,project_created\n"
                    "2024-03-02T09:00:00Z,globex,bob,report_created\n");
  }
  // Scores the events into `out`; the exit status and the output checked by the caller.
  pqlscope::testing::CliRun score_into(const std::string& out) const {
    return run_cli("score " + events_ + " --out " + out + " --no-history");
  }
  // True when `name` holds this run's report (two accounts), not the stale text left before.
  bool holds_report(const std::string& name) const {
    const nlohmann::json report = nlohmann::json::parse(read(name));
    return report.at("report") == "pqlscope-report" && report.at("accounts").size() == 2;
  }
  static struct stat status(const std::string& p) {
    struct stat s {};
    EXPECT_EQ(::lstat(p.c_str(), &s), 0) << p;
    return s;
  }

  std::string events_;
};

TEST_F(ReportFile, APlainFileIsReplacedByANewOneWithItsPermissions) {
  const std::string stale(100000, 'x');  // longer than the report
  const std::string out = write("report.json", stale);
  ASSERT_EQ(::chmod(out.c_str(), 0640), 0);
  std::ifstream reader_of_the_last_report(out, std::ios::binary);  // e.g. a server sending it
  const auto r = score_into(out);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(holds_report("report.json"));
  const struct stat now = status(out);
  EXPECT_TRUE(S_ISREG(now.st_mode));
  EXPECT_EQ(now.st_mode & 07777, 0640u);
  // A new file: whoever was reading the last report reads it whole, not a truncated mix.
  const std::string read_on(std::istreambuf_iterator<char>(reader_of_the_last_report), {});
  EXPECT_TRUE(read_on == stale) << read_on.size() << " bytes read on, starting " << read_on.substr(0, 40);
}

TEST_F(ReportFile, ASymbolicLinkStaysALinkAndItsTargetGetsTheReport) {
  const std::string target = write("target.json", "stale");
  const std::string link = path("link.json");
  fs::create_symlink(target, link);
  const auto r = score_into(link);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_TRUE(holds_report("target.json"));
}

TEST_F(ReportFile, AFileOfTwoNamesIsWrittenUnderBoth) {
  const std::string out = write("report.json", "stale");
  const std::string other = path("other-name.json");
  fs::create_hard_link(out, other);
  const auto r = score_into(out);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(fs::hard_link_count(out), 2u);
  EXPECT_TRUE(holds_report("report.json"));
  EXPECT_TRUE(holds_report("other-name.json"));
}

TEST_F(ReportFile, AMissingFolderIsAnErrorNamingTheFile) {
  const std::string out = path("no-such-folder/report.json");
  const auto r = score_into(out);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find(out + ": cannot write the file"), std::string::npos) << r.output;
}

}  // namespace
#endif
