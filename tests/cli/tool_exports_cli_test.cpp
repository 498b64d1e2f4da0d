// `pqlscope score --hubspot --salesforce --slack --user-traits --hash-user-ids`: the files and
// their companions are written, user ids hashed in every output (docs/exports.md).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/cli_run.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;

using pqlscope::testing::read_whole_file;

// SHA-256("abc") (FIPS 180-4): user "c" under the salt "ab".
constexpr const char* kHashOfC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST(ToolExportsCli, WritesEveryFileAndItsCompanionWithHashedUserIds) {
  const fs::path dir = pqlscope::testing::fresh_test_folder("pqlscope-tool-exports-cli");
  std::ofstream(dir / "events.csv") << "timestamp,account_id,user_id,event\n"
                                       "2024-03-01T09:00:00Z,acme,c,made\n"
                                       "2024-03-02T09:00:00Z,acme,secret-user,made\n";
  std::ofstream(dir / "accounts.csv") << "account_id,name,domain,plan\nacme,Acme,acme.example,trial\n";
  const std::string d = dir.string() + "/";
  const auto r = pqlscope::testing::run_cli(
      "score " + d + "events.csv --accounts " + d + "accounts.csv --out " + d + "report.json --hubspot " + d +
      "hs.csv --salesforce " + d + "sf.csv --slack " + d + "digest.json --user-traits " + d +
      "users.csv --hash-user-ids ab");
  ASSERT_EQ(r.status, 0) << r.output;
  for (const char* name : {"hs.csv", "hs.properties.json", "sf.csv", "sf.fields.csv", "digest.json", "digest.txt", "users.csv"}) {
    EXPECT_TRUE(fs::exists(dir / name)) << name << "\n" << r.output;
  }
  EXPECT_EQ(read_whole_file(dir / "hs.csv").rfind("Company Domain Name,Name,", 0), 0u);
  EXPECT_EQ(read_whole_file(dir / "sf.csv").rfind("Account Name,Website,", 0), 0u);
  EXPECT_TRUE(nlohmann::json::parse(read_whole_file(dir / "digest.json")).is_object());
  EXPECT_TRUE(nlohmann::json::parse(read_whole_file(dir / "hs.properties.json")).is_object());
  for (const char* name : {"report.json", "users.csv"}) {
    const std::string text = read_whole_file(dir / name);
    EXPECT_NE(text.find(kHashOfC), std::string::npos) << name;
    EXPECT_EQ(text.find("secret-user"), std::string::npos) << name;
  }
  fs::remove_all(dir);
}

TEST(ToolExportsCli, AnEmptySaltIsAUsageError) {
  const auto r = pqlscope::testing::run_cli("score /nonexistent.csv --hash-user-ids ''");
  EXPECT_EQ(r.status, 64) << r.output;
  EXPECT_NE(r.output.find("--hash-user-ids"), std::string::npos) << r.output;
}

// Issue 16: `ingest --out / --day-counts` with --hash-user-ids writes the aggregates with hashed
// user ids, and the account ingest makes for a user never seen with one (named after the user)
// hashed the same way; the file still scores. SHA-256("abloner") computed with Python's hashlib.
constexpr const char* kHashOfLoner = "e6ef54667a41a28bcca40fa1fd39950a1a59e6f0d9626ba423df6541dde108d8";

TEST(ToolExportsCli, IngestWritesHashedUserIdsInTheAggregates) {
  const fs::path dir = pqlscope::testing::fresh_test_folder("pqlscope-ingest-hashed-cli");
  std::ofstream(dir / "events.csv") << "timestamp,account_id,user_id,event\n"
                                       "2024-03-01T09:00:00Z,acme,c,made\n"
                                       "2024-03-02T09:00:00Z,acme,secret-user,made\n"
                                       "2024-03-02T10:00:00Z,,loner,made\n";
  const std::string d = dir.string() + "/";
  const auto r = pqlscope::testing::run_cli("ingest " + d + "events.csv --out " + d + "agg.json --day-counts " + d +
                                            "counts.csv --hash-user-ids ab");
  ASSERT_EQ(r.status, 0) << r.output;
  const nlohmann::json agg = nlohmann::json::parse(read_whole_file(dir / "agg.json"));
  std::vector<std::string> users, accounts;
  for (const auto& u : agg.at("users")) users.push_back(u.at("id"));
  for (const auto& a : agg.at("accounts")) accounts.push_back(a.at("id"));
  EXPECT_EQ(users.size(), 3u);
  EXPECT_NE(std::find(users.begin(), users.end(), kHashOfC), users.end());
  EXPECT_NE(std::find(users.begin(), users.end(), kHashOfLoner), users.end());
  EXPECT_NE(std::find(accounts.begin(), accounts.end(), "acme"), accounts.end());  // accounts stay
  EXPECT_NE(std::find(accounts.begin(), accounts.end(), kHashOfLoner), accounts.end());
  for (const char* name : {"agg.json", "counts.csv"}) {
    const std::string text = read_whole_file(dir / name);
    EXPECT_EQ(text.find("secret-user"), std::string::npos) << name;
    EXPECT_EQ(text.find("loner"), std::string::npos) << name;
    EXPECT_NE(text.find(kHashOfC), std::string::npos) << name;
  }
  // The hashed day counts are an ordinary day-count file: they score, with the hashed ids.
  const auto scored = pqlscope::testing::run_cli("score --aggregates " + d + "counts.csv --out " + d + "report.json");
  ASSERT_EQ(scored.status, 0) << scored.output;
  EXPECT_NE(read_whole_file(dir / "report.json").find(kHashOfC), std::string::npos);
  fs::remove_all(dir);
}

TEST(ToolExportsCli, IngestHashWithoutAnOutputIsAUsageError) {
  const auto r = pqlscope::testing::run_cli("ingest /nonexistent.csv --hash-user-ids ab");
  EXPECT_EQ(r.status, 64) << r.output;
  EXPECT_NE(r.output.find("--out"), std::string::npos) << r.output;
}

}  // namespace
#endif
