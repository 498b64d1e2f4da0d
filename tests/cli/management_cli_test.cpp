// `pqlscope score --management FILE`: the management views as JSON, the same the package's
// management() answers. Native only (the WASM build has no CLI).
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

TEST(ManagementCli, WritesTheManagementViews) {
  const fs::path dir = pqlscope::testing::fresh_test_folder("pqlscope-management-cli");
  auto write = [&](const std::string& name, const std::string& text) {
    pqlscope::testing::write_whole_file(dir / name, text);
    return (dir / name).string();
  };
  // Two March signups: acme created a project and invited (2 of 2 steps), globex only created
  // one (1 of 2): this month's mean activation (100 + 50) / 2 = 75.
  const std::string events = write("events.csv",
      "timestamp,account_id,user_id,event\n"
      "2024-03-01T09:00:00Z,acme,alice,create_project\n2024-03-02T09:00:00Z,acme,alice,invite\n"
      "2024-03-03T09:00:00Z,globex,carol,create_project\n");
  const std::string accounts = write("accounts.csv", "account_id,plan,owner\nacme,Pro,Ann\nglobex,Team,Ann\n");
  const std::string model = write("model.json",
      R"({"activation": {"steps": [{"id": "create", "events": "create_project"}, {"id": "invite", "events": "invite"}]},
          "engagement": {"importance": {"create_project": 1, "invite": 1}}})");
  const std::string out = (dir / "management.json").string();
  const pqlscope::testing::CliRun r =
      pqlscope::testing::run_cli("score " + events + " --accounts " + accounts + " --model " + model + " --management " + out);
  ASSERT_EQ(r.status, 0) << r.output;
  std::ifstream in(out, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json m = nlohmann::json::parse(text.str());
  EXPECT_EQ(m["as_of"], "2024-03-03");
  EXPECT_EQ(m["this_month"]["month"], "2024-03");
  EXPECT_EQ(m["this_month"]["accounts"], 2);
  EXPECT_EQ(m["this_month"]["mean_activation"], 75);
  EXPECT_EQ(m["this_month"]["activated"], 1);
  ASSERT_EQ(m["by_owner"].size(), 1u);
  EXPECT_EQ(m["by_owner"][0]["value"], "Ann");
  EXPECT_EQ(m["by_plan"].size(), 2u);
  fs::remove_all(dir);
}

}  // namespace
#endif
