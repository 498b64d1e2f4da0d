// Segment moves over the score history (segment_history.hpp) against the alerts, which compare
// two independently scored as-of days (compute_alerts): the moves at each point must be the
// alerts between the previous point and it; plus a small case worked out by hand.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "../metrics/metrics_test_util.hpp"
#include "pqlscope/metrics/history.hpp"
#include "pqlscope/segments/alerts.hpp"
#include "pqlscope/segments/segment_history.hpp"
#include "pqlscope/segments/segment_report.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;
using Move = std::tuple<uint32_t, std::string, bool, std::string>;  // account, segment, entered, reason

constexpr int32_t kStart = 19800;

TEST(SegmentHistory, MovesAreTheAlertsBetweenConsecutivePoints) {
  // 6 accounts whose activity rises and falls week by week, so that PQL, new-trial, trend and
  // top-account memberships change.
  std::string csv;
  for (int a = 0; a < 6; ++a) {
    const std::string account = "acct" + std::to_string(a);
    for (int32_t day = kStart + a * 4; day < kStart + 50; day += 1 + a % 3) {
      const int week = (day - kStart) / 7;
      const int n = 1 + (week + a) % 4;
      csv += rows(day, account, account + "_u", (week + a) % 2 ? "create_project" : "use", n);
      if (day % 11 == a) csv += rows(day, account, account + "_u2", "invite");
    }
  }
  const Aggregates ag = events(csv);
  Model model;
  model.engagement.importance = {{"use", 1}, {"create_project", 3}, {"invite", 5}};
  model.activation.steps = {step("create", StepLevel::account, {"create_project"}, 2),
                            step("invite", StepLevel::account, {"invite"})};
  const int32_t as_of = kStart + 49;
  const std::vector<int32_t> days = history_days(ag, as_of, 7);
  const SegmentReport last = compute_segments_as_of(ag, model, as_of);
  const SegmentHistory h = compute_segment_history(ag, model, days, &last);
  ASSERT_EQ(h.days, days);
  std::size_t compared = 0;
  for (std::size_t k = 1; k < days.size(); ++k) {
    SCOPED_TRACE(format_day(days[k]));
    const AlertReport alerts =
        compute_alerts(compute_segments_as_of(ag, model, days[k - 1]), compute_segments_as_of(ag, model, days[k]));
    std::set<Move> expected, actual;
    for (const SegmentAlerts& s : alerts.segments) {
      for (const AlertEntry& e : s.entered) expected.insert({e.account, s.segment, true, e.reason});
      for (const AlertEntry& e : s.left) expected.insert({e.account, s.segment, false, e.reason});
    }
    for (std::size_t a = 0; a < ag.accounts.size(); ++a) {
      for (const SegmentMove& m : h.moves_of(a)) {
        if (m.day == days[k]) actual.insert({static_cast<uint32_t>(a), h.segment_ids[m.segment], m.entered, m.reason});
      }
    }
    EXPECT_EQ(actual, expected);
    compared += expected.size();
  }
  EXPECT_GT(compared, 5u);  // the data moves accounts in and out (not a vacuous comparison)
}

TEST(SegmentHistory, HandComputedPqlEntry) {
  // A creates a project on d0 and invites on d9: 1 of 2 steps (50%) until d9, then 100%. With no
  // accounts file every account is a trial of unknown (small) size, whose PQL threshold is 80%
  // (docs/segments.md): A enters `pql` at the first point on or after d9, d14, and is in
  // `new_trials` from the first point (signed up within 5 days) until it leaves at d7.
  const int32_t d = kStart;
  const Aggregates ag = events(rows(d, "A", "ua", "create_project") + rows(d + 9, "A", "ua", "invite") +
                               rows(d + 14, "A", "ua", "use"));
  Model model;
  model.activation.steps = {step("create", StepLevel::account, {"create_project"}),
                            step("invite", StepLevel::account, {"invite"})};
  const std::vector<int32_t> days = history_days(ag, d + 14, 7);
  ASSERT_EQ(days, (std::vector<int32_t>{d, d + 7, d + 14}));
  const SegmentHistory h = compute_segment_history(ag, model, days);
  std::set<std::tuple<int32_t, std::string, bool>> moves;
  for (const SegmentMove& m : h.moves_of(0)) moves.insert({m.day, h.segment_ids[m.segment], m.entered});
  EXPECT_TRUE(moves.count({d, "new_trials", true}));
  EXPECT_TRUE(moves.count({d + 7, "new_trials", false}));
  EXPECT_TRUE(moves.count({d + 14, "pql", true}));
  for (const auto& [day, segment, entered] : moves) {
    if (segment == "pql") EXPECT_EQ(day, d + 14);
  }
}

}  // namespace
}  // namespace pqlscope
