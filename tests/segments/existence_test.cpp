// An account exists on a day when it signed up (accounts file) or had an event on or before
// it (docs/segments.md). Issue 18's reproduction: events before the recorded signup, scored
// between the two, used to leave the account with activation and engagement but no persona,
// no segments and 0 PQLs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/segments/alerts.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

// The issue's data: T1 (10 employees, trial) signed up 2026-03-20 per the accounts file; u1
// created projects on 2026-03-10 and 2026-03-25. One step on project_created, importance 8.
Aggregates early_events() {
  return ingest("2026-03-10T09:00:00Z,T1,u1,project_created\n2026-03-25T09:00:00Z,T1,u1,project_created\n",
                "account_id,employees,plan,signup_at\nT1,10,trial,2026-03-20T00:00:00Z\n");
}

Model step_model(const char* as_of) {
  return parse_model(std::string(R"({"as_of": ")") + as_of + R"(",
    "activation": {"steps": [{"id": "create", "events": "project_created"}]},
    "engagement": {"importance": {"project_created": 8}}})");
}

// "YYYY-MM-DD" -> day number.
int32_t day(const char* iso) {
  const std::string s(iso);
  return days_from_civil(std::stoi(s.substr(0, 4)), static_cast<uint32_t>(std::stoi(s.substr(5, 2))),
                         static_cast<uint32_t>(std::stoi(s.substr(8, 2))));
}

// The cell of `column` in the row of `account` (plain cells: no quoting in these rows).
std::string csv_cell(const std::string& csv, const std::string& account, const std::string& column) {
  auto split = [](const std::string& line) {
    std::vector<std::string> cells(1);
    for (char c : line) {
      if (c == ',') cells.emplace_back();
      else cells.back() += c;
    }
    return cells;
  };
  const auto header = split(csv.substr(0, csv.find('\n')));
  const std::size_t row = csv.find("\n" + account + ",");
  if (row == std::string::npos) return "<no row>";
  const auto cells = split(csv.substr(row + 1, csv.find('\n', row + 1) - row - 1));
  for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) {
    if (header[i] == column) return cells[i];
  }
  return "<no column>";
}

TEST(Existence, EventsBeforeTheRecordedSignupMakeTheAccountExist) {
  const Aggregates a = early_events();
  const Model model = step_model("2026-03-15");
  const ScoreResult r = score(a, model);
  const uint32_t t1 = a.find_account("T1");
  // As of 2026-03-15: the 03-10 event counts (events before a recorded signup are kept):
  // 1 of 1 step = 100%. Latest window 03-09..03-15 holds raw 8 x 1 = 8, the only active
  // account: P90 = 8, score 100 x 8 / 8 = 100.
  EXPECT_DOUBLE_EQ(r.metrics.accounts.activation_rate[t1], 100.0);
  EXPECT_DOUBLE_EQ(r.metrics.accounts.latest_score(t1), 100.0);
  const AccountFacts& f = r.segments.accounts[t1];
  EXPECT_TRUE(f.exists);
  EXPECT_EQ(f.signup_day, day("2026-03-20"));  // the file's signup stays the signup day
  // A PQL: small deal (10 < 50 employees), threshold 80%, 100 >= 80; a trial: in the list.
  EXPECT_TRUE(in(r.segments, "pql", t1));
  // Engagement 100 x fit 1 (no ICP set) > 0: a top account.
  EXPECT_TRUE(in(r.segments, "top_accounts", t1));
  // Signed up in 5 days' time: not a "new trial" (days since signup would be -5).
  EXPECT_FALSE(in(r.segments, "new_trials", t1));
  // A persona: activation 100 (high >= 70), engagement 100 (high), communications in the
  // trial window 03-20..03-15 (empty): 0, low -> Silent Success.
  const PersonaAssignment* p = r.segments.personas.find(t1);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->persona, Persona::silent_success);
  // The CSV says yes in `pql`, and the PQL list has it (the report's summary counts the list).
  const std::string csv = accounts_csv(a, model, r);
  EXPECT_EQ(csv_cell(csv, "T1", "pql"), "yes");
  EXPECT_EQ(r.segments.find("pql")->members.size(), 1u);
}

TEST(Existence, BeforeAnyEventAndSignupTheAccountDoesNotExist) {
  // As of 2026-03-09: no event yet (first 03-10) and signup 03-20: not there.
  const Aggregates a = early_events();
  const ScoreResult r = score(a, step_model("2026-03-09"));
  const uint32_t t1 = a.find_account("T1");
  EXPECT_FALSE(r.segments.accounts[t1].exists);
  EXPECT_EQ(r.segments.personas.find(t1), nullptr);
  EXPECT_FALSE(in(r.segments, "top_accounts", t1));
}

TEST(Existence, TheAlertsBaselineSeesTheAccountToo) {
  // As of 2026-03-22 the baseline is a window (7 days) earlier, 2026-03-15, when T1 already
  // existed through its 03-10 event and was a PQL (above). It is a PQL at 03-22 too (the step
  // stays done), so it did not "enter" the PQL list this week.
  const Aggregates a = early_events();
  const Model model = step_model("2026-03-22");
  const uint32_t t1 = a.find_account("T1");
  const AlertReport alerts = compute_alerts(a, model, day("2026-03-22"));
  EXPECT_EQ(alerts.from_day, day("2026-03-15"));
  for (const SegmentAlerts& s : alerts.segments) {
    if (s.segment != "pql") continue;
    for (const AlertEntry& e : s.entered) EXPECT_NE(e.account, t1) << "T1 was already a PQL on 03-15";
  }
  // Its persona changed (engagement 100 -> 0: no event in 03-16..03-22), it did not appear.
  ASSERT_EQ(alerts.personas.size(), 1u);
  EXPECT_TRUE(alerts.personas[0].had_before);
  EXPECT_EQ(alerts.personas[0].before, Persona::silent_success);
}

TEST(Existence, AnAccountOnlyInTheCommunicationsFileIsARowButNotALead) {
  // Decision (docs/report.md, "Accounts without events"): the row stays, counted in
  // summary.accounts; with no signup and no event it does not exist, so no persona, no
  // segment, not a PQL. Activation: 0 of 1 step done = 0; engagement 0.
  const Aggregates a = ingest("2026-03-10T09:00:00Z,T1,u1,project_created\n", {},
                              "account_id,timestamp,channel,sentiment\n"
                              "C1,2026-03-11T09:00:00Z,email,positive\nC1,2026-03-12T09:00:00Z,call,positive\n");
  const Model model = step_model("2026-03-15");
  const ScoreResult r = score(a, model);
  const uint32_t c1 = a.find_account("C1");
  ASSERT_NE(c1, kNoAccount);
  EXPECT_FALSE(r.segments.accounts[c1].exists);
  EXPECT_EQ(r.segments.personas.find(c1), nullptr);
  EXPECT_TRUE(r.segments.memberships()[c1].empty());
  EXPECT_DOUBLE_EQ(r.metrics.accounts.activation_rate[c1], 0.0);
  EXPECT_DOUBLE_EQ(r.metrics.accounts.latest_score(c1), 0.0);
  const std::string csv = accounts_csv(a, model, r);
  EXPECT_EQ(csv_cell(csv, "C1", "pql"), "no");
  EXPECT_EQ(csv_cell(csv, "C1", "activation_rate"), "0");
  EXPECT_EQ(csv_cell(csv, "C1", "first_event_at"), "");
  EXPECT_EQ(csv_cell(csv, "C1", "persona"), "");
  EXPECT_EQ(build_report(a, model, r)["summary"]["accounts"], 2);  // T1 and C1
}

}  // namespace
}  // namespace pqlscope

namespace pqlscope {
namespace {

// The log is read for existence only when an account's recorded signup is after the as-of day;
// without an accounts file an account exists exactly when it had an event by then (its signup
// day is its first event's), on every as-of day, with and without the recorded-signup account.
TEST(Existence, WithoutARecordedSignupAnAccountExistsFromItsFirstEvent) {
  const std::string events = "2026-03-10T09:00:00Z,A,u1,login\n2026-03-12T09:00:00Z,B,u2,login\n"
                             "2026-03-25T09:00:00Z,C,u3,login\n2026-03-26T09:00:00Z,A,u1,login\n";
  for (const bool with_file : {false, true}) {
    const Aggregates a = with_file ? ingest(events, "account_id,plan,signup_at\nA,trial,2026-03-20T00:00:00Z\n")
                                   : ingest(events);
    const std::vector<std::pair<const char*, const char*>> first_event = {
        {"A", "2026-03-10"}, {"B", "2026-03-12"}, {"C", "2026-03-25"}};
    for (const char* as_of : {"2026-03-09", "2026-03-10", "2026-03-11", "2026-03-15", "2026-03-25", "2026-03-30"}) {
      const ScoreResult r = score(a, step_model(as_of));
      for (const auto& [account, first] : first_event) {
        EXPECT_EQ(r.segments.accounts[a.find_account(account)].exists, day(first) <= day(as_of))
            << account << " as of " << as_of << (with_file ? " with the accounts file" : "");
      }
    }
  }
}

}  // namespace
}  // namespace pqlscope
