// Activity (docs/scoring.md §2): a user is active in a period when they did at least one active
// event (the model's active_events, else importance > 0) in it. Periods end at the as-of day:
// DAU = that day, WAU = 7 days, MAU = 30 days. Per account (users by home account) and overall
// (every user); an account is active when it has an active user. Stickiness = DAU / MAU x 100.
// Seat penetration = MAU / seats x 100, else / employees when seats are unknown, else NaN.
#include <cmath>
#include <limits>

#include "metrics/day_range.hpp"
#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope::metrics_detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void count(ActivityCounts& c, int32_t last_active, int32_t as_of) {
  if (last_active == kNoDay) return;
  const int32_t age = as_of - last_active;
  c.dau += age < 1;
  c.wau += age < 7;
  c.mau += age < 30;
}

void finish(ActivityCounts& c) {
  c.stickiness = c.mau == 0 ? kNaN : 100.0 * c.dau / c.mau;
}

}  // namespace

void finish_activity(const Aggregates& ag, const ScanState& state, int32_t as_of, Metrics& out) {
  const std::vector<int32_t>& last_active = state.last_active;  // from the pass over user_days
  out.account_activity.assign(out.accounts.size, {});
  out.overall = {};
  for (std::size_t u = 0; u < out.users.size; ++u) {
    count(out.overall, last_active[u], as_of);
    const uint32_t a = ag.users[u].account;
    if (a != kNoAccount) count(out.account_activity[a], last_active[u], as_of);
  }
  finish(out.overall);
  out.seat_penetration.assign(out.accounts.size, kNaN);
  out.active_accounts_day = out.active_accounts_week = out.active_accounts_month = 0;
  for (std::size_t a = 0; a < out.accounts.size; ++a) {
    ActivityCounts& c = out.account_activity[a];
    finish(c);
    out.active_accounts_day += c.dau > 0;
    out.active_accounts_week += c.wau > 0;
    out.active_accounts_month += c.mau > 0;
    const AccountInfo& info = ag.accounts[a].info;
    const int64_t base = info.seats > 0 ? info.seats : info.employees > 0 ? info.employees : -1;
    if (base > 0) out.seat_penetration[a] = 100.0 * c.mau / static_cast<double>(base);
  }
}

}  // namespace pqlscope::metrics_detail
