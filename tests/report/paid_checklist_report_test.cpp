// The paid checklist downstream of the metrics (docs/model.md, "Which checklist"; docs/report.md):
// each account and user says which checklist it was scored on and lists only its steps, the
// report's model lists both checklists, the CSV has the column, and the onboarding segment
// counts the paid steps. Expected values are counted by hand from the fixture rows.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "metrics/metrics_test_util.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_writer.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;

constexpr int32_t D = 19800;  // 2024-03-18

TEST(PaidChecklistReport, EachAccountSaysItsChecklistAndListsItsSteps) {
  // Same events in both accounts; paidco bought self_serve on D + 5, scored as of D + 6.
  std::string rows_text;
  for (const char* account : {"trialco", "paidco"}) {
    const std::string user = std::string(account) + "_u";
    rows_text += rows(D, account, user, "create_project") + rows(D + 2, account, user, "upload") +
                 rows(D + 6, account, user, "report");
  }
  const Aggregates a = events(rows_text, "account_id,plan,converted_at\ntrialco,trial,\npaidco,self_serve," +
                                             format_day(D + 5) + "\n");
  Model model;
  model.activation.steps = {step("create", StepLevel::account, {"create_project"}),
                            step("share", StepLevel::account, {"share"})};
  model.activation.paid_steps = std::vector<ActivationStep>{step("upload", StepLevel::account, {"upload"}),
                                                            step("billing", StepLevel::account, {"add_payment"}),
                                                            step("report", StepLevel::user, {"report"})};
  const ScoreResult result = score(a, model);
  const std::string text = report_text(a, model, result, ReportOptions{});
  // The streamed accounts and users are the one-DOM build's bytes (docs/report.md).
  EXPECT_EQ(text, report_to_string(build_report(a, model, result, ReportOptions{}), false));
  const nlohmann::json report = nlohmann::json::parse(text);

  ASSERT_EQ(report["model"]["steps"].size(), 2u);
  ASSERT_EQ(report["model"]["paid_steps"].size(), 3u);
  EXPECT_EQ(report["model"]["paid_steps"][2]["level"], "user");
  for (const auto& account : report["accounts"]) {
    const auto& activation = account["activation"];
    if (account["id"] == "trialco") {
      EXPECT_EQ(activation["checklist"], "trial");
      ASSERT_EQ(activation["steps"].size(), 2u);
      EXPECT_EQ(activation["steps"][0]["id"], "create");
      EXPECT_EQ(activation["rate"], 50);  // create done, share not
    } else {
      EXPECT_EQ(activation["checklist"], "paid");
      ASSERT_EQ(activation["steps"].size(), 2u);  // the paid list's account-level steps
      EXPECT_EQ(activation["steps"][0]["id"], "upload");
      EXPECT_EQ(activation["steps"][0]["done"], true);
      EXPECT_EQ(activation["steps"][1]["id"], "billing");
      EXPECT_EQ(activation["rate"], 50);  // upload done, add_payment not
      EXPECT_EQ(account["users"]["activated"], 1);  // paidco_u did the paid list's user step
    }
  }
  for (const auto& user : report["users"]) {
    const bool paid = user["account"] == "paidco";
    EXPECT_EQ(user["activation"]["checklist"], paid ? "paid" : "trial");
    EXPECT_EQ(user["activation"]["steps"].size(), paid ? 1u : 0u);
    if (paid) EXPECT_EQ(user["activation"]["rate"], 100);
    else EXPECT_TRUE(user["activation"]["rate"].is_null());  // the trial list has no user step
  }

  const std::string csv = accounts_csv(a, model, result);
  EXPECT_NE(csv.find(",activation_checklist\n"), std::string::npos);
  EXPECT_NE(csv.find(",paid\n"), std::string::npos);
  EXPECT_NE(csv.find(",trial\n"), std::string::npos);

  // Converted a day ago: onboarding, counted on the paid steps.
  const Segment* onboarding = result.segments.find("onboarding");
  ASSERT_NE(onboarding, nullptr);
  ASSERT_EQ(onboarding->members.size(), 1u);
  EXPECT_NE(onboarding->members[0].reason.find("onboarding 1 of 2 paid steps"), std::string::npos)
      << onboarding->members[0].reason;
}

}  // namespace
}  // namespace pqlscope
