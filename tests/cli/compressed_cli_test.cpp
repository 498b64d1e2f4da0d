// `pqlscope ingest` on gzip and ZIP files end to end: the same aggregates as the plain file,
// notices for skipped ZIP entries, and one error naming the input file for corrupt data.
// Native only (the WASM build has no CLI).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/compressed_fixtures.hpp"
#include "support/cli_run.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using pqlscope::testing::gzip_member;
using pqlscope::testing::make_zip;

using pqlscope::testing::CliRun;
CliRun run(const std::string& arguments) { return pqlscope::testing::run_cli(arguments); }

const std::string kEvents =
    "timestamp,account_id,user_id,event\n"
    "2024-03-01T09:00:00Z,acme,alice,project_created\n"
    "2024-03-02T09:00:00Z,acme,bob,report_created\n"
    "2024-03-03T09:00:00Z,globex,carol,login\n";

class CompressedCli : public pqlscope::testing::TempDirTest {
 protected:
};

TEST_F(CompressedCli, GzipAndZipGiveTheAggregatesOfThePlainFile) {
  const std::string plain = write("events.csv", kEvents);
  const std::string gz = write("events.csv.gz", gzip_member(kEvents.substr(0, 60)) + gzip_member(kEvents.substr(60)));
  const std::string zip = write("events.zip", make_zip({{"__MACOSX/._events.csv", "x", false}, {"events.csv.gz", gzip_member(kEvents), false}}));
  ASSERT_EQ(run("ingest " + plain + " --out " + (dir_ / "plain.json").string()).status, 0);
  const CliRun g = run("ingest " + gz + " --out " + (dir_ / "gz.json").string());
  ASSERT_EQ(g.status, 0) << g.output;
  const CliRun z = run("ingest " + zip + " --out " + (dir_ / "zip.json").string());
  ASSERT_EQ(z.status, 0) << z.output;
  EXPECT_NE(z.output.find("note: " + zip + ": skipped __MACOSX/._events.csv (macOS metadata)"), std::string::npos) << z.output;
  EXPECT_NE(z.output.find(zip + "!events.csv.gz (events, csv): 3 rows, 3 accepted"), std::string::npos) << z.output;
  EXPECT_EQ(read("gz.json"), read("plain.json"));
  EXPECT_EQ(read("zip.json"), read("plain.json"));
}

TEST_F(CompressedCli, CorruptGzipStopsWithOneErrorNamingTheFile) {
  const std::string member = gzip_member(kEvents);
  const std::string gz = write("cut.csv.gz", member.substr(0, member.size() - 4));
  const CliRun r = run("ingest " + gz);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find(gz + ":1:1: corrupt_compressed_data: the gzip data ends in the middle of a member"), std::string::npos) << r.output;
}

TEST_F(CompressedCli, AFormatNotUnpackedIsAFileLevelError) {
  const std::string xz = write("events.csv.xz", std::string("\xFD" "7zXZ\0\0\x04\xE6\xD6\xB4\x46", 12));
  const CliRun r = run("ingest " + xz);
  EXPECT_NE(r.output.find(xz + ":1:1: unsupported_compression: the file is compressed with xz"), std::string::npos) << r.output;
}

}  // namespace
#endif
