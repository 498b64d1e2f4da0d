// Alerts: entering and leaving segments between as-of T - one window and T.
#include <gtest/gtest.h>

#include "pqlscope/segments/alerts.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

const SegmentAlerts& alerts_of(const AlertReport& r, std::string_view id) {
  for (const SegmentAlerts& s : r.segments) {
    if (s.segment == id) return s;
  }
  throw std::runtime_error("no segment " + std::string(id));
}

std::vector<std::string> ids(const Aggregates& ag, const std::vector<AlertEntry>& entries) {
  std::vector<std::string> out;
  for (const AlertEntry& e : entries) out.push_back(ag.accounts[e.account].id);
  return out;
}

TEST(Alert, EnteredAndLeftAcrossTwoAsOfDays) {
  const int32_t d = kDay0;
  // grow: half the checklist in week 1, all of it in week 2 -> becomes a PQL this week.
  // recent: first event on d+3 -> a new trial at d+6, not any more at d+13.
  // late: first event on d+12 -> a new trial at d+13 (did not exist at d+6).
  const std::string events = rows(d, "grow", "g1", "login") + rows(d + 2, "grow", "g1", "create_project") +
                             rows(d + 10, "grow", "g1", "invite") + rows(d + 3, "recent", "r1", "login") +
                             rows(d + 12, "late", "l1", "login");
  const Aggregates ag = ingest(events);
  Model model;
  model.activation.steps = {step("create", StepLevel::account, {"create_project"}),
                            step("invite", StepLevel::account, {"invite"})};
  model.engagement.importance = {{"create_project", 5}, {"invite", 5}};
  const int32_t t = d + 13;
  const SegmentReport before = compute_segments_as_of(ag, model, t - 7);
  const SegmentReport after = compute_segments_as_of(ag, model, t);
  const AlertReport r = compute_alerts(before, after);
  EXPECT_EQ(r.from_day, t - 7);
  EXPECT_EQ(r.to_day, t);

  const SegmentAlerts& pql = alerts_of(r, "pql");
  EXPECT_EQ(ids(ag, pql.entered), std::vector<std::string>{"grow"});
  EXPECT_TRUE(pql.left.empty());
  EXPECT_EQ(pql.entered[0].reason, "activation 100% >= 80% for a small deal (size unknown)");

  const SegmentAlerts& fresh = alerts_of(r, "new_trials");
  EXPECT_EQ(ids(ag, fresh.entered), std::vector<std::string>{"late"});
  EXPECT_EQ(ids(ag, fresh.left), std::vector<std::string>{"recent"});
  EXPECT_EQ(fresh.left[0].reason, "signed up 3 days ago (" + format_day(d + 3) +
                                      "), within the new-trial window of 5 days");  // its reason at T-1
  // grow's 14-day trial (from d) ends on d+14: one day left at T.
  EXPECT_EQ(ids(ag, alerts_of(r, "soon_to_expire").entered), std::vector<std::string>{"grow"});
  EXPECT_EQ(r.total_entered(), 3u);
  EXPECT_EQ(r.total_left(), 1u);

  // Persona changes: "late" appears; "grow" moved from a low- to a high-activation persona.
  bool late_seen = false;
  for (const PersonaChange& c : r.personas) {
    if (c.account == ag.find_account("late")) {
      late_seen = true;
      EXPECT_FALSE(c.had_before);
      EXPECT_TRUE(c.has_after);
    }
    if (c.had_before && c.has_after) EXPECT_NE(c.before, c.after);
  }
  EXPECT_TRUE(late_seen);

  // The convenience overload compares with one engagement window earlier.
  model.engagement.window_days = 7;
  const AlertReport same = compute_alerts(ag, model, t);
  EXPECT_EQ(same.from_day, t - 7);
  EXPECT_EQ(ids(ag, alerts_of(same, "pql").entered), std::vector<std::string>{"grow"});
}

TEST(Alert, SegmentsMissingOnOneSideCountAsEmpty) {
  World w;
  const uint32_t a = w.account("a", info(Plan::trial, 5));
  w.activation(a, 100);
  const SegmentReport after = w.segments();
  w.model.segments.trial.not_converted_buckets_days = {45};
  const SegmentReport before = w.segments();  // has not_converted_45, lacks _30/_60/_90
  const AlertReport r = compute_alerts(before, after);
  EXPECT_EQ(r.segments.size(), after.segments.size() + 1);
  EXPECT_EQ(r.segments.back().segment, "not_converted_45");
  EXPECT_EQ(r.total_entered(), 0u);
  EXPECT_EQ(r.total_left(), 0u);
}

}  // namespace
}  // namespace pqlscope
