// Activation (SCORING.md §2): each step's status per account and per user, the rates, the day
// everything was done, and users' own activation rolled up per account.
//
// One pass over each log up to the as-of day. Logs are day-sorted, so the first entry of an
// entity is its first event day, and the first day a running count reaches its minimum is the
// step's count day. An account step needs both min_count (account events) and min_users
// (distinct users whose home account it is, from user_days); it is done on the later of the two
// days. Step windows: events on days signup .. signup + window_days - 1 count (and any earlier
// ones: events before a recorded signup are not dropped); signup is the accounts file's
// signup_at, else the entity's first event day.
#include <algorithm>
#include <cmath>
#include <limits>

#include "metrics/day_range.hpp"
#include "metrics/plan.hpp"
#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope::metrics_detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool in_window(const StepPlan& step, int32_t signup, int32_t day) {
  return step.window_days < 0 || day - signup < step.window_days;
}

void finish_level(LevelMetrics& level) {
  const std::size_t k = level.step_count;
  level.activation_rate.assign(level.size, kNaN);
  level.activated_day.assign(level.size, kNoDay);
  if (k == 0) return;
  for (std::size_t e = 0; e < level.size; ++e) {
    std::size_t done = 0;
    int32_t last = kNoDay;
    for (const StepStatus& s : level.steps_of(e)) {
      if (!s.done) continue;
      ++done;
      last = std::max(last, s.completed_day);
    }
    level.activation_rate[e] = 100.0 * static_cast<double>(done) / static_cast<double>(k);
    if (done == k) level.activated_day[e] = last;
  }
}

}  // namespace

void compute_activation(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, Metrics& out) {
  LevelMetrics& accounts = out.accounts;
  LevelMetrics& users = out.users;
  const std::size_t ka = plan.account_steps.size();
  const std::size_t ku = plan.user_steps.size();
  for (const StepPlan& s : plan.account_steps) out.account_steps.push_back(s.model_index);
  for (const StepPlan& s : plan.user_steps) out.user_steps.push_back(s.model_index);
  accounts.step_count = ka;
  users.step_count = ku;
  accounts.steps.assign(accounts.size * ka, {});
  users.steps.assign(users.size * ku, {});

  // Account signup days: the file's signup_at, else (below) the first event day up to as_of.
  accounts.signup_day.assign(accounts.size, kNoDay);
  for (std::size_t a = 0; a < accounts.size; ++a) {
    const auto& signup = ag.accounts[a].info.signup_at;
    if (signup) {
      accounts.signup_day[a] = static_cast<int32_t>(floor_div(*signup, kMsPerDay));
    }
  }
  users.signup_day.assign(users.size, kNoDay);

  // Hot counters are step-major (step x entity): within a day the log is sorted by entity, so
  // each step's array is walked forwards. StepStatus is filled from them at the end.
  const std::size_t na = accounts.size, nu = users.size;
  // 32-bit counts keep the arrays cache-sized; they saturate (4e9 events of one step and entity).
  std::vector<uint32_t> account_count(na * ka, 0);
  std::vector<uint32_t> account_users(na * ka, 0);
  std::vector<int32_t> count_day(na * ka, kNoDay);
  std::vector<int32_t> users_day(na * ka, kNoDay);
  std::vector<uint32_t> user_count(nu * ku, 0);
  std::vector<int32_t> user_day(nu * ku, kNoDay);

  // Account counts.
  for (const DayCount& d : day_slice(ag.account_days, 0, as_of)) {
    int32_t& signup = accounts.signup_day[d.entity];
    if (signup == kNoDay) signup = d.day;
    if (ka == 0 || !plan.account_step_events.any(d.event)) continue;
    const auto& idx = plan.account_step_events;
    for (uint32_t i = idx.offsets[d.event]; i < idx.offsets[d.event + 1u]; ++i) {
      const uint32_t s = idx.items[i];
      const StepPlan& step = plan.account_steps[s];
      if (!in_window(step, signup, d.day)) continue;
      const std::size_t at = s * na + d.entity;
      const uint64_t before = account_count[at];
      const uint64_t after = before + d.count;
      account_count[at] = static_cast<uint32_t>(std::min<uint64_t>(after, UINT32_MAX));
      if (before < step.min_count && after >= step.min_count) count_day[at] = d.day;
    }
  }

  // User counts, and distinct users of account steps (by the user's home account).
  std::vector<uint8_t> seen(nu * ka, 0);  // step x user
  std::vector<uint32_t> home(nu);
  for (std::size_t u = 0; u < nu; ++u) home[u] = ag.users[u].account;
  std::vector<uint8_t> relevant(plan.importance.size(), 0);  // bit 0: a user step, bit 1: an account step
  for (std::size_t e = 0; e < relevant.size(); ++e) {
    const auto event = static_cast<uint16_t>(e);
    relevant[e] = static_cast<uint8_t>((ku != 0 && plan.user_step_events.any(event) ? 1 : 0) |
                                       (ka != 0 && plan.account_step_events.any(event) ? 2 : 0));
  }
  for (const DayCount& d : day_slice(ag.user_days, 0, as_of)) {
    int32_t& signup = users.signup_day[d.entity];
    if (signup == kNoDay) signup = d.day;
    const uint8_t kind = relevant[d.event];
    if (kind == 0) continue;
    if (kind & 1) {
      const auto& idx = plan.user_step_events;
      for (uint32_t i = idx.offsets[d.event]; i < idx.offsets[d.event + 1u]; ++i) {
        const uint32_t s = idx.items[i];
        const StepPlan& step = plan.user_steps[s];
        if (!in_window(step, signup, d.day)) continue;
        const std::size_t at = s * nu + d.entity;
        const uint64_t before = user_count[at];
        const uint64_t after = before + d.count;
        user_count[at] = static_cast<uint32_t>(std::min<uint64_t>(after, UINT32_MAX));
        if (before < step.min_count && after >= step.min_count) user_day[at] = d.day;  // reached now
      }
    }
    const uint32_t a = home[d.entity];
    if ((kind & 2) && a != kNoAccount) {
      const int32_t account_signup = accounts.signup_day[a] == kNoDay ? d.day : accounts.signup_day[a];
      const auto& idx = plan.account_step_events;
      for (uint32_t i = idx.offsets[d.event]; i < idx.offsets[d.event + 1u]; ++i) {
        const uint32_t s = idx.items[i];
        const StepPlan& step = plan.account_steps[s];
        if (!in_window(step, account_signup, d.day)) continue;
        uint8_t& flag = seen[s * nu + d.entity];
        if (flag) continue;
        flag = 1;
        const std::size_t at = s * na + a;
        ++account_users[at];
        if (users_day[at] == kNoDay && account_users[at] >= step.min_users) users_day[at] = d.day;
      }
    }
  }

  for (std::size_t s = 0; s < ka; ++s) {
    for (std::size_t a = 0; a < na; ++a) {
      const std::size_t at = s * na + a;
      StepStatus& status = accounts.steps[a * ka + s];
      status.count = account_count[at];
      status.users = account_users[at];
      if (count_day[at] != kNoDay && users_day[at] != kNoDay) {
        status.done = true;
        status.completed_day = std::max(count_day[at], users_day[at]);
      }
    }
  }
  for (std::size_t s = 0; s < ku; ++s) {
    for (std::size_t u = 0; u < nu; ++u) {
      const std::size_t at = s * nu + u;
      StepStatus& status = users.steps[u * ku + s];
      status.count = user_count[at];
      status.done = user_day[at] != kNoDay;
      status.completed_day = user_day[at];
    }
  }
  finish_level(accounts);
  finish_level(users);

  // Users' own activation per account (users with an event up to as_of, by home account).
  out.account_users.assign(accounts.size, 0);
  out.activated_users.assign(accounts.size, 0);
  out.median_user_activation.assign(accounts.size, kNaN);
  std::vector<uint32_t> offsets(accounts.size + 1, 0);
  for (std::size_t u = 0; u < users.size; ++u) {
    const uint32_t a = ag.users[u].account;
    if (a == kNoAccount || users.signup_day[u] == kNoDay) continue;
    ++out.account_users[a];
    ++offsets[a + 1];
    if (ku != 0 && users.activated_day[u] != kNoDay) ++out.activated_users[a];
  }
  if (ku == 0) return;
  for (std::size_t a = 0; a < accounts.size; ++a) offsets[a + 1] += offsets[a];
  std::vector<double> rates(offsets.back());
  std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (std::size_t u = 0; u < users.size; ++u) {
    const uint32_t a = ag.users[u].account;
    if (a == kNoAccount || users.signup_day[u] == kNoDay) continue;
    rates[fill[a]++] = users.activation_rate[u];
  }
  for (std::size_t a = 0; a < accounts.size; ++a) {
    const std::size_t n = offsets[a + 1] - offsets[a];
    if (n == 0) continue;
    double* begin = rates.data() + offsets[a];
    double* mid = begin + n / 2;
    std::nth_element(begin, mid, begin + n);
    double median = *mid;
    if (n % 2 == 0) median = (median + *std::max_element(begin, mid)) / 2;
    out.median_user_activation[a] = median;
  }
}

}  // namespace pqlscope::metrics_detail
