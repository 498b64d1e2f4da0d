// Customer-success segments, docs/scoring.md §3: onboarding of newly converted accounts, at-risk
// (engagement falling), expansion (rising), power users and problem users per paid account.
#include <algorithm>
#include <cmath>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"
#include "rules.hpp"
#include "segments/format.hpp"

namespace pqlscope::segments_detail {
namespace {

std::string change_phrase(double now, double trend) {
  // Appended piece by piece: g++ 12 warns (-Wrestrict, a false positive) on long + chains here.
  std::string s = "engagement ";
  s += num(now - trend);
  s += " -> ";
  s += num(now);
  s += " (";
  s += points(trend);
  s += ')';
  return s;
}

// By account, then value, then user id. Accounts keep the report's account order (like its
// account list); ties within an account go by user id, never by input order.
void sort_users(std::vector<UserSegmentMember>& members, bool descending, const Aggregates& aggregates) {
  std::sort(members.begin(), members.end(), [&](const UserSegmentMember& x, const UserSegmentMember& y) {
    if (x.account != y.account) return x.account < y.account;
    const double xv = shown(x.value), yv = shown(y.value);
    if (xv != yv) return descending ? xv > yv : xv < yv;
    return aggregates.users[x.user].id < aggregates.users[y.user].id;
  });
}

}  // namespace

void add_customer_success_segments(const RuleContext& ctx, std::vector<Segment>& out,
                                   std::vector<UserSegment>& users) {
  const CustomerSuccessSegments& c = ctx.model.segments.customer_success;
  const int32_t as_of = ctx.metrics.as_of_day;
  const uint32_t n = static_cast<uint32_t>(ctx.facts.size());

  Segment onboarding{"onboarding", "Onboarding: newly converted", SegmentGroup::customer_success,
                     "paid account converted within the last " + days(c.onboarding_days) +
                         "; onboarding progress = activation",
                     "activation, ascending (furthest behind first)", {}};
  Segment at_risk{"at_risk", "At-risk paid accounts", SegmentGroup::customer_success,
                  "paid account whose engagement fell by more than " + num(c.at_risk_drop_points) +
                      " points since the previous window",
                  "engagement trend, ascending", {}};
  Segment expansion{"expansion", "Expansion candidates", SegmentGroup::customer_success,
                    "paid account whose engagement rose by more than " + num(c.expansion_rise_points) +
                        " points since the previous window",
                    "engagement trend, descending", {}};

  std::vector<uint8_t> paid(n, 0);
  for (uint32_t a = 0; a < n; ++a) {
    const AccountFacts& f = ctx.facts[a];
    if (!f.exists || !is_paid(f.stage)) continue;
    paid[a] = 1;
    const double activation = ctx.activation(a);
    if (f.converted_day != kNoDay && as_of - f.converted_day < c.onboarding_days) {
      const int32_t since = as_of - f.converted_day;
      // Its own checklist: the paid one when the model has paid_steps (docs/model.md).
      const auto steps = ctx.metrics.accounts.steps_of(a);
      std::size_t done = 0;
      for (const StepStatus& s : steps) done += s.done ? 1 : 0;
      onboarding.members.push_back(
          {a, activation,
           "converted " + (since == 0 ? std::string("today") : days(since) + " ago") + " (" +
               format_day(f.converted_day) + ") < " + days(c.onboarding_days) + ", onboarding " +
               std::to_string(done) + " of " + std::to_string(steps.size()) +
               (ctx.metrics.accounts.on_paid_checklist(a) ? " paid" : "") + " steps = activation " + pct(activation)});
    }
    const double trend = ctx.trend(a);
    if (std::isnan(trend)) continue;
    const double now = ctx.engagement(a);
    if (trend < -c.at_risk_drop_points) {
      at_risk.members.push_back({a, trend,
                                 std::string(to_string(f.stage)) + ", " + change_phrase(now, trend) +
                                     ", fell by more than " + num(c.at_risk_drop_points)});
    }
    if (trend > c.expansion_rise_points) {
      expansion.members.push_back({a, trend,
                                   std::string(to_string(f.stage)) + ", " + change_phrase(now, trend) +
                                       ", rose by more than " + num(c.expansion_rise_points)});
    }
  }

  UserSegment power{"power_users", "Power users", SegmentGroup::customer_success,
                    "user of a paid account with engagement >= " + num(c.power_user_min_engagement),
                    "by account, then engagement descending", {}};
  UserSegment problem{"problem_users", "Problem users", SegmentGroup::customer_success,
                      "user of a paid account whose engagement fell by more than " +
                          num(c.problem_user_drop_points) + " points since the previous window",
                      "by account, then engagement trend ascending", {}};
  const LevelMetrics& um = ctx.metrics.users;
  for (uint32_t u = 0; u < um.size; ++u) {
    const uint32_t a = ctx.aggregates.users[u].account;
    if (a >= n || !paid[a]) continue;
    const double score = um.latest_score(u);
    if (score >= c.power_user_min_engagement) {
      power.members.push_back({a, u, score, "engagement " + num(score) + " >= " + num(c.power_user_min_engagement)});
    }
    const double trend = um.trend[u];
    if (!std::isnan(trend) && trend < -c.problem_user_drop_points) {
      problem.members.push_back({a, u, trend, change_phrase(score, trend) + ", fell by more than " +
                                                  num(c.problem_user_drop_points)});
    }
  }

  sort_members(onboarding.members, false, ctx.aggregates);
  sort_members(at_risk.members, false, ctx.aggregates);
  sort_members(expansion.members, true, ctx.aggregates);
  sort_users(power.members, true, ctx.aggregates);
  sort_users(problem.members, false, ctx.aggregates);
  out.push_back(std::move(onboarding));
  out.push_back(std::move(at_risk));
  out.push_back(std::move(expansion));
  users.push_back(std::move(power));
  users.push_back(std::move(problem));
}

}  // namespace pqlscope::segments_detail
