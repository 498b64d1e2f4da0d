// `pqlscope calibrate` end to end: generated events and outcomes (conversion driven by rare
// events) in a temporary folder, the fitted model written and scored again with `score`.
// Native only (the WASM build has no CLI).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "segments/calibration_data.hpp"
#include "support/cli_run.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using pqlscope::testing::run_cli;

class CalibrateCli : public pqlscope::testing::TempDirTest {};

TEST_F(CalibrateCli, FitsWritesTheModelAndScoresWithIt) {
  const auto data = pqlscope::calibration_data::make(1500, 7);
  const std::string events = write("events.csv", data.events);
  const std::string outcomes = write("outcomes.csv", data.outcomes);
  const auto run = run_cli("calibrate " + events + " --outcomes " + outcomes + " --out " + path("fitted.json") +
                           " --report " + path("fit.json"));
  ASSERT_EQ(run.status, 0) << run.output;
  std::printf("%s", run.output.c_str());
  EXPECT_NE(run.output.find("held-out AUC"), std::string::npos);
  EXPECT_NE(run.output.find("what changed:"), std::string::npos);
  const nlohmann::json model = nlohmann::json::parse(read("fitted.json"));
  EXPECT_GT(model["calibration"]["weights"]["integration_connected"].get<double>(), 0.5);
  const nlohmann::json fit = nlohmann::json::parse(read("fit.json"));
  EXPECT_EQ(fit["report"], "pqlscope-calibration");
  EXPECT_GE(fit["after"]["auc"]["conversion_probability"].get<double>(), 0.80);
  EXPECT_EQ(fit["after"]["lift"].size(), 10u);

  // Scoring with it: the CSV's conversion_probability is the calibrated one (not a persona's).
  const auto score = run_cli("score " + events + " --model " + path("fitted.json") + " --csv " + path("accounts.csv"));
  ASSERT_EQ(score.status, 0) << score.output;
  const std::string csv = read("accounts.csv");
  const std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_NE(header.find(",persona_probability,conversion_probability,expected_revenue,"), std::string::npos) << header;
}

TEST_F(CalibrateCli, RejectsBadOutcomesAndMissingOptions) {
  const std::string events = write("events.csv", "timestamp,account_id,user_id,event\n2024-03-01T09:00:00Z,a,u,x\n");
  const std::string bad = write("outcomes.csv", "account_id,converted\na,yes\nb,perhaps\n");
  const auto run = run_cli("calibrate " + events + " --outcomes " + bad + " --out " + path("m.json"));
  EXPECT_EQ(run.status, 1) << run.output;
  EXPECT_NE(run.output.find("outcomes.csv: line 3: converted: expected yes or no, got \"perhaps\""), std::string::npos)
      << run.output;
  EXPECT_EQ(run_cli("calibrate " + events + " --out " + path("m.json")).status, 64);
  EXPECT_EQ(run_cli("calibrate " + events + " --outcomes " + bad).status, 64);
  // Only converters: nothing to separate.
  const std::string one_sided = write("yes.csv", "account_id,converted\na,yes\n");
  const auto none = run_cli("calibrate " + events + " --outcomes " + one_sided + " --out " + path("m.json") + " --held-out 0");
  EXPECT_EQ(none.status, 1) << none.output;
  EXPECT_NE(none.output.find("needs converters and non-converters"), std::string::npos) << none.output;
}

}  // namespace
#endif
