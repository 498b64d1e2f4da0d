// Activation (docs/scoring.md §2): each step's status per account and per user, the rates, the day
// everything was done, and users' own activation rolled up per account.
//
// The counts come from the single pass over the logs (scan.cpp); this file turns them into
// statuses and rates. Logs are day-sorted, so the first entry of an entity is its first event
// day, and the first day a running count reaches its minimum is the step's count day. An
// account step needs min_count (account events, with or without a user) and, when min_users is
// 2 or more, min_users distinct users whose home account it is (from user_days); it is done on
// the later of the two days. Step windows: events
// on days signup .. signup + window_days - 1 count (and any earlier ones: events before a
// recorded signup are not dropped); signup is the accounts file's signup_at, else the entity's
// first event day.
#include <algorithm>
#include <cmath>
#include <limits>

#include "metrics/day_range.hpp"
#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "metrics/scan_context.hpp"
#include "pqlscope/aggregate/account_stage.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope::metrics_detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Each entity's rate over its own checklist's columns (LevelMetrics::steps_of).
void finish_level(LevelMetrics& level) {
  level.activation_rate.assign(level.size, kNaN);
  level.activated_day.assign(level.size, kNoDay);
  if (level.step_count == 0) return;
  for (std::size_t e = 0; e < level.size; ++e) {
    const std::size_t k = level.checklist_size(level.on_paid_checklist(e));
    if (k == 0) continue;
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

// Which checklist each account and user is scored on (users: their home account's; users
// without one: the trial checklist). Without paid_steps every entity is on the trial one.
void assign_checklists(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, Metrics& out) {
  LevelMetrics& accounts = out.accounts;
  LevelMetrics& users = out.users;
  accounts.paid_step_count = plan.account_steps.size() - plan.account_trial_steps;
  users.paid_step_count = plan.user_steps.size() - plan.user_trial_steps;
  accounts.paid_checklist.clear();
  users.paid_checklist.clear();
  if (!plan.paid_checklist) return;
  accounts.paid_checklist.resize(accounts.size);
  for (std::size_t a = 0; a < accounts.size; ++a) {
    accounts.paid_checklist[a] = is_paid(stage_at(ag.accounts[a].info, as_of)) ? 1 : 0;
  }
  users.paid_checklist.resize(users.size);
  for (std::size_t u = 0; u < users.size; ++u) {
    const uint32_t a = ag.users[u].account;
    users.paid_checklist[u] = a == kNoAccount ? 0 : accounts.paid_checklist[a];
  }
}

// The distinct users of account steps from candidates in any order, when no step asks for more
// than kFewUsers users: a step's users day, the day its count reached min_users in day order,
// is the min_users-th smallest day of its counted candidates, so each (account, step) keeps
// its few smallest days instead of the candidates being sorted by day (a counting sort of every
// candidate through a second array; without it the function took 30% fewer samples in the
// re-score bench, round 16). False, having done nothing, when some step asks for more users.
constexpr uint32_t kFewUsers = 4;

bool count_users_by_fewest_days(const ScoringPlan& plan, const Metrics& out, ScanState& state) {
  const std::size_t na = out.accounts.size, ka = plan.account_steps.size();
  uint32_t kept = 1;  // smallest days kept per (account, step): the largest min_users, at least 1
  for (const StepPlan& step : plan.account_steps) kept = std::max(kept, step.min_users);
  if (kept > kFewUsers) return false;
  std::vector<uint32_t>& fewest = state.fewest_step_days;
  fewest.assign(na * ka * kept, kNone);
  std::vector<uint32_t>& users = state.account_step_users;  // per (account, step): counted users
  users.assign(na * ka, 0);
  const std::vector<int32_t>& signup = out.accounts.signup_day;
  for (const UserCandidate& q : state.account_step_candidates) {
    if (!candidate_counts(q, plan, signup)) continue;
    const std::size_t at = std::size_t{q.account} * ka + q.step;
    ++users[at];
    uint32_t* days = fewest.data() + at * kept;  // ascending, kNone past the ones seen
    if (q.day >= days[kept - 1]) continue;
    uint32_t j = kept - 1;
    for (; j > 0 && days[j - 1] > q.day; --j) days[j] = days[j - 1];
    days[j] = q.day;
  }
  for (std::size_t at = 0; at < na * ka; ++at) {
    const uint32_t needed = std::max<uint32_t>(1, plan.account_steps[at % ka].min_users);
    state.account_steps[at].users = users[at];
    state.account_steps[at].users_day =
        users[at] >= needed ? static_cast<int32_t>(fewest[at * kept + needed - 1]) : static_cast<int32_t>(kNone);
  }
  return true;
}

}  // namespace

// The distinct users of account steps, which the passes leave to count here (scan.hpp).
void count_account_step_users(const ScoringPlan& plan, const Metrics& out, ScanState& state) {
  // Counted in day order: the log pass queues them so; the cache pass's, by entity, are sorted by
  // day first (a counting sort: days are 16-bit), unless every step asks for a few users.
  const std::vector<UserCandidate>& queue = state.account_step_candidates;
  if (!state.candidates_in_day_order && count_users_by_fewest_days(plan, out, state)) {
    state.account_step_users_pending = false;
    return;
  }
  std::vector<uint32_t>& per_day = state.candidates_per_day;
  std::vector<UserCandidate>& sorted = state.candidates_by_day;
  if (!state.candidates_in_day_order) {
    per_day.assign(65537, 0);
    for (const UserCandidate& q : queue) ++per_day[q.day + 1];
    for (std::size_t d = 1; d < per_day.size(); ++d) per_day[d] += per_day[d - 1];
    sorted.resize(queue.size());
    for (const UserCandidate& q : queue) sorted[per_day[q.day]++] = q;
  }
  const std::vector<UserCandidate>& in_day_order = state.candidates_in_day_order ? queue : sorted;
  const std::size_t na = out.accounts.size, ka = plan.account_steps.size();
  std::vector<uint32_t>& account_users = state.account_step_users;
  account_users.assign(na * ka * 2, 0);
  for (std::size_t i = 1; i < account_users.size(); i += 2) account_users[i] = kNone;
  count_users(in_day_order, plan, out.accounts.signup_day, ka, account_users);
  for (std::size_t i = 0; i < na * ka; ++i) {
    state.account_steps[i].users = account_users[2 * i];
    state.account_steps[i].users_day = static_cast<int32_t>(account_users[2 * i + 1]);
  }
  state.account_step_users_pending = false;
}

void finish_activation(const Aggregates& ag, const ScoringPlan& plan, const ScanState& state, Metrics& out) {
  LevelMetrics& accounts = out.accounts;
  LevelMetrics& users = out.users;
  const std::size_t ka = plan.account_steps.size();
  const std::size_t ku = plan.user_steps.size();
  for (const StepPlan& s : plan.account_steps) out.account_steps.push_back(s.model_index);
  for (const StepPlan& s : plan.user_steps) out.user_steps.push_back(s.model_index);
  accounts.step_count = ka;
  users.step_count = ku;
  // The counters are laid out like the statuses (entity x step).
  accounts.steps.resize(accounts.size * ka);
  for (std::size_t i = 0; i < accounts.steps.size(); ++i) {
    const AccountStepCounter& c = state.account_steps[i];
    StepStatus& status = accounts.steps[i];
    status.count = c.count;
    status.users = c.users;
    // min_users 1 asks for nothing beyond min_count: every event was done by somebody in this
    // account, so events without a user id and events of users whose home account is another
    // one complete the step where they happened. Only min_users >= 2 counts distinct users.
    const bool needs_users = plan.account_steps[i % ka].min_users > 1;
    const int32_t users_day = needs_users ? c.users_day : c.count_day;
    status.done = c.count_day != kNoDay && users_day != kNoDay;
    status.completed_day = status.done ? std::max(c.count_day, users_day) : kNoDay;
  }
  users.steps.resize(users.size * ku);
  for (std::size_t i = 0; i < users.steps.size(); ++i) {
    const UserStepCounter& c = state.user_steps[i];
    StepStatus& status = users.steps[i];
    status.count = c.count;
    status.users = 0;
    status.done = c.day != kNoDay;
    status.completed_day = c.day;
  }
  assign_checklists(ag, plan, out.as_of_day, out);
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
    if (users.activated_day[u] != kNoDay) ++out.activated_users[a];
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
    // Its users share its checklist; one without user-level steps leaves their rates NaN.
    if (n == 0 || users.checklist_size(accounts.on_paid_checklist(a)) == 0) continue;
    double* begin = rates.data() + offsets[a];
    double* mid = begin + n / 2;
    std::nth_element(begin, mid, begin + n);
    double median = *mid;
    if (n % 2 == 0) median = (median + *std::max_element(begin, mid)) / 2;
    out.median_user_activation[a] = median;
  }
}

}  // namespace pqlscope::metrics_detail

namespace pqlscope {

bool on_paid_checklist(const Model& model, const AccountInfo& info, int32_t day) {
  return model.activation.paid_steps.has_value() && is_paid(stage_at(info, day));
}

namespace metrics_detail {

bool paid_columns_needed(const Aggregates& aggregates, const Model& model, int32_t as_of) {
  if (!model.activation.paid_steps) return false;
  for (const AccountRecord& account : aggregates.accounts) {
    if (is_paid(stage_at(account.info, as_of))) return true;
  }
  return false;
}

}  // namespace metrics_detail

}  // namespace pqlscope
