// compute_alerts against the std::map implementation it replaced, on random reports: segments
// present on one side only, members and personas in any order, accounts listed twice (the
// first listing counts), empty sides.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "pqlscope/segments/alerts.hpp"
#include "pqlscope/segments/segment_report.hpp"

namespace pqlscope {
namespace {

// The previous implementation, kept as the reference.
void reference_diff(const Segment* before, const Segment* after, SegmentAlerts& out) {
  std::map<uint32_t, const SegmentMember*> b, a;
  if (before) for (const SegmentMember& m : before->members) b.emplace(m.account, &m);
  if (after) for (const SegmentMember& m : after->members) a.emplace(m.account, &m);
  for (const auto& [account, m] : a) {
    if (!b.count(account)) out.entered.push_back({account, m->reason});
  }
  for (const auto& [account, m] : b) {
    if (!a.count(account)) out.left.push_back({account, m->reason});
  }
}

AlertReport reference_alerts(const SegmentReport& before, const SegmentReport& after) {
  AlertReport report;
  report.from_day = before.as_of_day;
  report.to_day = after.as_of_day;
  for (const Segment& s : after.segments) {
    SegmentAlerts alerts{s.id, s.label, {}, {}};
    reference_diff(before.find(s.id), &s, alerts);
    report.segments.push_back(std::move(alerts));
  }
  for (const Segment& s : before.segments) {
    if (after.find(s.id)) continue;
    SegmentAlerts alerts{s.id, s.label, {}, {}};
    reference_diff(&s, nullptr, alerts);
    report.segments.push_back(std::move(alerts));
  }
  std::map<uint32_t, Persona> b, a;
  for (const PersonaAssignment& p : before.personas.assignments) b.emplace(p.account, p.persona);
  for (const PersonaAssignment& p : after.personas.assignments) a.emplace(p.account, p.persona);
  std::vector<uint32_t> accounts;
  for (const auto& [k, v] : b) accounts.push_back(k);
  for (const auto& [k, v] : a) accounts.push_back(k);
  std::sort(accounts.begin(), accounts.end());
  accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
  for (uint32_t account : accounts) {
    PersonaChange c;
    c.account = account;
    auto ib = b.find(account), ia = a.find(account);
    c.had_before = ib != b.end();
    c.has_after = ia != a.end();
    if (c.had_before) c.before = ib->second;
    if (c.has_after) c.after = ia->second;
    if (c.had_before && c.has_after && c.before == c.after) continue;
    report.personas.push_back(c);
  }
  return report;
}

SegmentReport random_report(std::mt19937& rng, int32_t day, uint32_t accounts) {
  SegmentReport r;
  r.as_of_day = day;
  std::uniform_int_distribution<uint32_t> account(0, accounts - 1);
  const char* ids[] = {"pql", "red_hot", "at_risk", "expansion", "dead_zone"};
  for (const char* id : ids) {
    if (rng() % 4 == 0) continue;  // absent on this side
    Segment s;
    s.id = id;
    s.label = std::string("label of ") + id;
    const std::size_t n = rng() % 40;
    for (std::size_t i = 0; i < n; ++i) {
      const uint32_t a = account(rng);
      s.members.push_back({a, static_cast<double>(rng() % 100), "reason " + std::to_string(a) + "/" + std::to_string(i)});
    }
    if (rng() % 2 == 0) {
      std::sort(s.members.begin(), s.members.end(),
                [](const SegmentMember& x, const SegmentMember& y) { return x.account < y.account; });
    }
    r.segments.push_back(std::move(s));
  }
  const std::size_t personas = rng() % 50;
  for (std::size_t i = 0; i < personas; ++i) {
    PersonaAssignment p;
    p.account = account(rng);
    p.persona = static_cast<Persona>(rng() % 3);
    r.personas.assignments.push_back(p);
  }
  if (rng() % 2 == 0) {
    std::sort(r.personas.assignments.begin(), r.personas.assignments.end(),
              [](const PersonaAssignment& x, const PersonaAssignment& y) { return x.account < y.account; });
  }
  return r;
}

void expect_same(const AlertReport& got, const AlertReport& want) {
  EXPECT_EQ(got.from_day, want.from_day);
  EXPECT_EQ(got.to_day, want.to_day);
  ASSERT_EQ(got.segments.size(), want.segments.size());
  for (std::size_t i = 0; i < got.segments.size(); ++i) {
    const SegmentAlerts& g = got.segments[i];
    const SegmentAlerts& w = want.segments[i];
    EXPECT_EQ(g.segment, w.segment);
    EXPECT_EQ(g.label, w.label);
    for (const auto& [gs, ws] : {std::pair{&g.entered, &w.entered}, std::pair{&g.left, &w.left}}) {
      ASSERT_EQ(gs->size(), ws->size()) << g.segment;
      for (std::size_t k = 0; k < gs->size(); ++k) {
        EXPECT_EQ((*gs)[k].account, (*ws)[k].account);
        EXPECT_EQ((*gs)[k].reason, (*ws)[k].reason);
      }
    }
  }
  ASSERT_EQ(got.personas.size(), want.personas.size());
  for (std::size_t i = 0; i < got.personas.size(); ++i) {
    const PersonaChange& g = got.personas[i];
    const PersonaChange& w = want.personas[i];
    EXPECT_EQ(g.account, w.account);
    EXPECT_EQ(g.before, w.before);
    EXPECT_EQ(g.after, w.after);
    EXPECT_EQ(g.had_before, w.had_before);
    EXPECT_EQ(g.has_after, w.has_after);
  }
}

TEST(AlertsReference, SortedVectorsGiveWhatTheMapsGave) {
  std::mt19937 rng(12);
  for (int round = 0; round < 300; ++round) {
    const uint32_t accounts = 1 + static_cast<uint32_t>(rng() % 60);  // few accounts: many repeats
    const SegmentReport before = random_report(rng, 100, accounts);
    const SegmentReport after = random_report(rng, 107, accounts);
    SCOPED_TRACE(round);
    expect_same(compute_alerts(before, after), reference_alerts(before, after));
    expect_same(compute_alerts(after, before), reference_alerts(after, before));
    expect_same(compute_alerts(before, before), reference_alerts(before, before));
  }
  const SegmentReport empty;
  std::mt19937 again(3);
  const SegmentReport some = random_report(again, 5, 20);
  expect_same(compute_alerts(empty, some), reference_alerts(empty, some));
  expect_same(compute_alerts(some, empty), reference_alerts(some, empty));
}

}  // namespace
}  // namespace pqlscope
