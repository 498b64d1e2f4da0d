// The seeds' signals (docs/segments.md, "Signals", "Personas", "Priority"): invitation bursts
// and champions, the trial's shape in the personas, and the priority. Every expected value is
// worked out by hand in the comments from the small event lists built here.
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/starter.hpp"
#include "pqlscope/segments/alerts.hpp"
#include "pqlscope/segments/trial_shape.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

// `n` copies of one event row at noon of `day`.
std::string repeat(int n, int32_t day, const std::string& account, const std::string& user, const std::string& event) {
  std::string out;
  for (int i = 0; i < n; ++i) out += format_day(day) + "T12:00:00Z," + account + "," + user + "," + event + "\n";
  return out;
}

Model invite_model() {
  Model m;
  m.signals.invite_events = {"user_invited"};
  m.engagement.importance = {{"report_created", 1}};
  return m;
}

struct Scored {
  Metrics metrics;
  SegmentReport report;
};
Scored score(const Aggregates& a, const Model& model) {
  Scored s;
  s.metrics = compute_metrics(a, model, resolve_as_of_day(a, model));
  s.report = compute_segments(a, model, s.metrics);
  return s;
}

const UserSegment& users_of(const SegmentReport& r, std::string_view id) {
  const UserSegment* s = r.find_user_segment(id);
  EXPECT_NE(s, nullptr) << id;
  return *s;
}
std::vector<std::string> user_ids(const Aggregates& a, const UserSegment& s) {
  std::vector<std::string> ids;
  for (const UserSegmentMember& m : s.members) ids.push_back(a.users[m.user].id);
  return ids;
}

// "XYZ power user just invited 10 new people to the org": 10 invites in one day is a burst
// (the default invite_burst_count), 9 is not.
TEST(Signals, TenInvitesInADayIsAnAlertNineIsNot) {
  const int32_t t = kDay0 + 20;
  const Aggregates a = ingest(repeat(1, t - 20, "acme", "alice", "report_created") +
                              repeat(1, t - 20, "beta", "bob", "report_created") +
                              repeat(10, t, "acme", "alice", "user_invited") +
                              repeat(9, t, "beta", "bob", "user_invited"));
  const Model model = invite_model();
  const Scored s = score(a, model);
  const uint32_t acme = a.find_account("acme"), beta = a.find_account("beta");
  EXPECT_TRUE(in(s.report, "invite_burst", acme));
  EXPECT_FALSE(in(s.report, "invite_burst", beta));
  // alice's only scored event is 20 days old, outside the 7-day window: engagement 0.
  EXPECT_EQ(reason(s.report, "invite_burst", acme),
            "alice (engagement 0) sent 10 invites on " + format_day(t) + " (>= 10)");
  EXPECT_EQ(user_ids(a, users_of(s.report, "invite_bursts")), (std::vector<std::string>{"alice"}));

  // The alert: a week earlier nobody had invited anyone, so acme entered the segment today.
  const AlertReport alerts = compute_alerts(a, model, t);
  bool found_acme = false, found_beta = false;
  for (const SegmentAlerts& seg : alerts.segments) {
    if (seg.segment != "invite_burst") continue;
    for (const AlertEntry& e : seg.entered) {
      found_acme |= e.account == acme;
      found_beta |= e.account == beta;
    }
  }
  EXPECT_TRUE(found_acme);
  EXPECT_FALSE(found_beta);

  // Without invite events in the model there are no signals (and the rule says why).
  const Scored off = score(a, Model{});
  EXPECT_TRUE(off.report.find("invite_burst")->members.empty());
  EXPECT_NE(off.report.find("invite_burst")->rule.find("names no invite events"), std::string::npos);
}

// A window of 2 days adds up consecutive days: 5 + 5 = 10 is a burst; 1 day apart from a 3rd
// day does not count (days t-3 and t are 4 days apart).
TEST(Signals, BurstWindowAddsConsecutiveDays) {
  const int32_t t = kDay0 + 20;
  const Aggregates a = ingest(repeat(5, t - 1, "acme", "alice", "user_invited") + repeat(5, t, "acme", "alice", "user_invited") +
                              repeat(6, t - 3, "beta", "bob", "user_invited") + repeat(4, t, "beta", "bob", "user_invited"));
  Model model = invite_model();
  EXPECT_FALSE(in(score(a, model).report, "invite_burst", a.find_account("acme")));  // 1 day: 5
  model.signals.invite_burst_days = 2;
  const Scored s = score(a, model);
  EXPECT_TRUE(in(s.report, "invite_burst", a.find_account("acme")));
  EXPECT_FALSE(in(s.report, "invite_burst", a.find_account("beta")));  // best 2-day run: 6 or 4
  EXPECT_EQ(s.report.find("invite_burst")->members.front().value, 10);
}

// Champions: engagement >= 70 and >= 1 invite in the last 30 days. In the latest window the
// scored users have raw 10 (alice), 10 (carol), 1 (dave): nearest-rank P90 = the 3rd of 3 = 10,
// so alice 100, carol 100, dave 10. carol never invites; dave invites but scores 10.
TEST(Signals, ChampionsAreActiveUsersWhoInvite) {
  const int32_t t = kDay0 + 20;
  const Aggregates a = ingest(repeat(10, t, "acme", "alice", "report_created") + repeat(1, t - 25, "acme", "alice", "user_invited") +
                              repeat(10, t, "acme", "carol", "report_created") +
                              repeat(1, t, "acme", "dave", "report_created") + repeat(3, t, "acme", "dave", "user_invited"));
  const Scored s = score(a, invite_model());
  const UserSegment& champions = users_of(s.report, "champions");
  ASSERT_EQ(user_ids(a, champions), (std::vector<std::string>{"alice"}));
  EXPECT_EQ(champions.members[0].value, 100);
  EXPECT_EQ(champions.members[0].reason, "engagement 100 >= 70, 1 invite in the last 30 days");
  // An invite 31 days back is out of the window.
  Model narrow = invite_model();
  narrow.signals.champion_window_days = 25;  // days t-24..t: the invite on t-25 is out
  EXPECT_TRUE(users_of(score(a, narrow).report, "champions").members.empty());
}

// The starter model guesses the invite events from their names.
TEST(Signals, StarterGuessesInviteEvents) {
  for (const char* yes : {"invite", "invited", "invite_sent", "user_invited", "add_member", "Member Added",
                          "teammateAdded", "Invitation Sent"}) {
    EXPECT_TRUE(is_invite_event_name(yes)) << yes;
  }
  for (const char* no : {"invite_accepted", "invitation_revoked", "report_created", "added_to_cart", "member_removed"}) {
    EXPECT_FALSE(is_invite_event_name(no)) << no;
  }
}

// A Fizzler started hot and tailed off. Four trials that start on day S (their first event;
// no accounts file: trial end S + 14), as of S + 13: 14 trial days, halves S..S+6 and S+7..S+13.
// Importance use = 1. ann: 20 uses on S+1, 8 on S+13 (early 20, late 8 <= 50% of 20: tailed
// off); bo: 2 + 3; cy: 2 + 2 (on S+12); dd: 14 on S+13. The latest 7-day window (S+7..S+13) has
// raws 8, 3, 2, 14: P90 = the 4th of 4 = 14, so ann's engagement is 100 x 8 / 14 = 57.14
// (medium). Only ann did the setup step (activation 100, high) and made 2 calls (communication
// active). Table: high / medium / active = Contrary Converter; the shape makes it a Fizzler.
TEST(Signals, FizzlerStartedHotAndTailedOff) {
  const int32_t s0 = kDay0;
  const Aggregates a = ingest(repeat(1, s0, "ann", "a1", "setup") + repeat(2, s0 + 1, "ann", "a1", "call") +
                              repeat(20, s0 + 1, "ann", "a1", "use") + repeat(8, s0 + 13, "ann", "a1", "use") +
                              repeat(1, s0, "bo", "b1", "login") + repeat(2, s0 + 1, "bo", "b1", "use") +
                              repeat(3, s0 + 13, "bo", "b1", "use") + repeat(1, s0, "cy", "c1", "login") +
                              repeat(2, s0 + 1, "cy", "c1", "use") + repeat(2, s0 + 12, "cy", "c1", "use") +
                              repeat(1, s0, "dd", "d1", "login") + repeat(14, s0 + 13, "dd", "d1", "use"));
  Model model;
  model.engagement.importance = {{"use", 1}};
  model.activation.steps = {step("setup", StepLevel::account, {"setup"})};
  model.communication.event_names = {"call"};
  const Scored s = score(a, model);
  const uint32_t ann = a.find_account("ann");
  const AccountFacts& f = s.report.accounts[ann];
  EXPECT_EQ(f.shape.days, 14);
  EXPECT_EQ(f.shape.early_raw, 20);
  EXPECT_EQ(f.shape.late_raw, 8);
  EXPECT_TRUE(f.shape.tailed_off);
  EXPECT_FALSE(s.report.accounts[a.find_account("bo")].shape.tailed_off);  // 3 > 50% of 2
  EXPECT_FALSE(s.report.accounts[a.find_account("dd")].shape.tailed_off);  // nothing early
  const PersonaAssignment* p = s.report.personas.find(ann);
  ASSERT_NE(p, nullptr);
  EXPECT_NEAR(p->engagement, 57.1429, 1e-4);
  EXPECT_EQ(p->persona, Persona::fizzler);
  EXPECT_NE(p->reason.find("engagement tailed off over the trial (raw 20 in the first 7 days, 8 in the last 7 days <= 50%)"),
            std::string::npos)
      << p->reason;
  EXPECT_DOUBLE_EQ(p->probability, 0.10);

  model.personas.shape.fizzler_late_share = 0;  // the rule off: the table's cell stands
  EXPECT_EQ(score(a, model).report.personas.find(ann)->persona, Persona::contrary_converter);
}

// A Golden Lead brings in team members. gil and hal: setup (activation 100), 2 calls
// (communication active), 5 uses on S+1 and 5 on S+10 (not tailed off); hal's second user h2
// first appears on S+5, during the trial. Latest raws 5 and 5: both engagement 100.
TEST(Signals, GoldenLeadBringsInTeamMembers) {
  const int32_t s0 = kDay0;
  std::string rows;
  for (const std::string acc : {"gil", "hal"}) {
    const std::string u = acc + "1";
    rows += repeat(1, s0, acc, u, "setup") + repeat(1, s0, acc, u, "call") + repeat(1, s0 + 2, acc, u, "call") +
            repeat(5, s0 + 1, acc, u, "use") + repeat(5, s0 + 10, acc, u, "use") + repeat(1, s0 + 13, acc, u, "login");
  }
  rows += repeat(1, s0 + 5, "hal", "h2", "login");
  const Aggregates a = ingest(rows);
  Model model;
  model.engagement.importance = {{"use", 1}};
  model.activation.steps = {step("setup", StepLevel::account, {"setup"})};
  model.communication.event_names = {"call"};
  const Scored s = score(a, model);
  const uint32_t gil = a.find_account("gil"), hal = a.find_account("hal");
  EXPECT_EQ(s.report.accounts[gil].shape.added_users, 0u);
  EXPECT_EQ(s.report.accounts[hal].shape.added_users, 1u);
  EXPECT_EQ(s.report.personas.find(hal)->persona, Persona::golden_lead);
  const PersonaAssignment* g = s.report.personas.find(gil);
  EXPECT_EQ(g->persona, Persona::silent_success);
  EXPECT_NE(g->reason.find("brought in 0 team members during the trial (a Golden Lead brings in >= 1)"), std::string::npos)
      << g->reason;
  model.personas.shape.golden_lead_min_added_users = 0;  // the rule off
  EXPECT_EQ(score(a, model).report.personas.find(gil)->persona, Persona::golden_lead);
}

// Priority = (35 x activation + 35 x engagement + 15 x (50 + trend / 2) + 15 x size) / 100,
// size small 0, mid 50, large 100.
//   done:   activation 100, engagement 0, trend 0, small: (3500 + 0 + 750 + 0) / 100 = 42.5
//   active: activation 80, engagement 60, trend +10, mid: (2800 + 2100 + 825 + 750) / 100 = 64.75
//   falling: activation 80, engagement 60, trend -40, large: (2800 + 2100 + 450 + 1500) / 100 = 68.5
TEST(Signals, PriorityWeighsActivationEngagementTrendAndSize) {
  World w;
  const uint32_t done = w.account("done", info(Plan::trial, 10));
  const uint32_t active = w.account("active", info(Plan::trial, 100));
  const uint32_t falling = w.account("falling", info(Plan::trial, 5000));
  w.activation(done, 100);
  w.activation(active, 80);
  w.engagement(active, 50, 60);
  w.activation(falling, 80);
  w.engagement(falling, 100, 60);
  const SegmentReport r = w.segments();
  EXPECT_DOUBLE_EQ(r.accounts[done].priority, 42.5);
  EXPECT_DOUBLE_EQ(r.accounts[active].priority, 64.75);
  EXPECT_DOUBLE_EQ(r.accounts[falling].priority, 68.5);
  // The PQL list by activation puts `done` first; by priority it is last.
  EXPECT_EQ(r.find("pql")->members.front().account, done);
  w.model.priority = {0, 100, 0, 0};  // engagement alone
  EXPECT_DOUBLE_EQ(w.segments().accounts[active].priority, 60);
}

}  // namespace
}  // namespace pqlscope
