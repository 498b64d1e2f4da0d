// The score history (history.hpp; docs/metrics.md, "History").
//
// Activation: a step's completed day does not depend on the as-of day (its window runs from the
// signup day, completion is permanent), so as of a past day T the steps done are those whose
// completed day is <= T in the last day's metrics. The metrics count both checklists' steps for
// every entity, so a point reads the checklist of the entity's stage on its own day (an account
// that converted between two points moves from the trial checklist to the paid one).
// Engagement: the logs are sorted by day, so
// each point's window (the window_days days ending at the point) is one slice of each log; its
// raw scores are summed in log order with the expression the scoring pass uses, then normalised
// with the scoring's own normalise(), one point at a time. Each point therefore gives the same
// doubles as scoring as of its day.
#include "pqlscope/metrics/history.hpp"

#include <algorithm>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>

#include "metrics/day_range.hpp"
#include "metrics/normalise.hpp"
#include "metrics/plan.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {
namespace {

// Runs job(first, end) over about `threads` contiguous ranges of [0, count) (run_on_threads.hpp),
// an exception of any range rethrown here rather than ending the process on a pool thread.
template <class Job>
void on_ranges(std::size_t count, unsigned threads, Job job) {
  const std::size_t parts = std::max<std::size_t>(1, std::min<std::size_t>(threads, count));
  JobErrors errors(parts);
  run_on_threads(parts, threads, [&](std::size_t k) {
    errors.run(k, [&] { job(count * k / parts, count * (k + 1) / parts); });
  });
  errors.rethrow_first();
}

using metrics_detail::Method;
using metrics_detail::ScoringPlan;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Steps of one checklist first done by each point (completed day <= days[k]); false when none is.
bool done_by_point(std::span<const StepStatus> statuses, const std::vector<int32_t>& days, std::vector<uint32_t>& done_from) {
  std::fill(done_from.begin(), done_from.end(), 0u);
  bool any = false;
  for (const StepStatus& s : statuses) {
    if (!s.done || s.completed_day == kNoDay) continue;
    const auto k = static_cast<std::size_t>(std::lower_bound(days.begin(), days.end(), s.completed_day) - days.begin());
    if (k < done_from.size()) {
      ++done_from[k];
      any = true;
    }
  }
  return any;
}

// paid: points x entities, 1 where the entity is on the paid checklist as of the point (its
// stage that day, docs/model.md); empty: every entity on the trial checklist at every point.
// Entities [first, last): each writes only its own column of every point.
void entity_activation(const LevelMetrics& level, const std::vector<int32_t>& days, const std::vector<uint8_t>& paid,
                       std::size_t first, std::size_t last, LevelHistory& out) {
  const std::size_t n = level.size;
  const std::size_t points = days.size();
  const std::size_t trial_steps = level.checklist_size(false), paid_steps = level.checklist_size(true);
  std::vector<uint32_t> trial_done(points), paid_done(points);
  for (std::size_t e = first; e < last; ++e) {
    const bool any_trial = done_by_point(level.checklist_steps_of(e, false), days, trial_done);
    const bool any_paid = !paid.empty() && done_by_point(level.checklist_steps_of(e, true), days, paid_done);
    uint32_t trial_count = 0, paid_count = 0;
    for (std::size_t k = 0; k < points; ++k) {
      trial_count += any_trial ? trial_done[k] : 0;
      paid_count += any_paid ? paid_done[k] : 0;
      const bool on_paid = !paid.empty() && paid[k * n + e] != 0;
      const std::size_t steps = on_paid ? paid_steps : trial_steps;
      if (steps == 0) continue;
      const uint32_t done = on_paid ? paid_count : trial_count;
      // The expression of compute_metrics' activation rate (activation.cpp).
      out.activation[k * n + e] = 100.0 * static_cast<double>(done) / static_cast<double>(steps);
    }
  }
}

void level_activation(const LevelMetrics& level, const std::vector<int32_t>& days, const std::vector<uint8_t>& paid,
                      unsigned threads, LevelHistory& out) {
  out.activation.assign(days.size() * level.size, kNaN);
  if (level.step_count == 0) return;
  on_ranges(level.size, threads, [&](std::size_t first, std::size_t last) {
    entity_activation(level, days, paid, first, last, out);
  });
}

// Which accounts and users are on the paid checklist at each point (points x entities); both
// empty when the model has no paid_steps.
void paid_by_point(const Aggregates& ag, const Model& model, const std::vector<int32_t>& days,
                   std::vector<uint8_t>& accounts, std::vector<uint8_t>& users) {
  accounts.clear();
  users.clear();
  if (!model.activation.paid_steps) return;
  const std::size_t na = ag.accounts.size(), nu = ag.users.size();
  accounts.resize(days.size() * na);
  users.resize(days.size() * nu);
  for (std::size_t k = 0; k < days.size(); ++k) {
    uint8_t* row = accounts.data() + k * na;
    for (std::size_t a = 0; a < na; ++a) row[a] = on_paid_checklist(model, ag.accounts[a].info, days[k]) ? 1 : 0;
    for (std::size_t u = 0; u < nu; ++u) {
      const uint32_t a = ag.users[u].account;
      users[k * nu + u] = a == kNoAccount ? 0 : row[a];
    }
  }
}

// Points [first, end): each point's window scored and normalised on its own, written to its row.
void point_engagement(const DayLog& log, const ScoringPlan& plan, const std::vector<int32_t>& days,
                      std::size_t first, std::size_t end, LevelHistory& out) {
  const std::size_t n = out.size;
  const bool decay = plan.method == Method::recency_decay;
  const double* importance = plan.importance.data();
  LevelMetrics window;  // one window: the point's latest window
  window.size = n;
  window.windows = 1;
  for (std::size_t k = first; k < end; ++k) {
    const int64_t last = days[k];
    window.raw.assign(n, 0.0);
    double* raw = window.raw.data();
    metrics_detail::day_slice(log, last - plan.window_days + 1, last).for_each_span([&](std::span<const DayCount> span) {
      for (const DayCount& d : span) {
        // As the scoring pass: importance x factor x count, factor 1 unless recency decay,
        // where it is max(0, 1 - age / lifespan) with age counted to the window's end.
        double factor = 1.0;
        if (decay) {
          const auto age = static_cast<double>(last - d.day);
          factor = std::max(0.0, 1.0 - age / plan.lifespan_days);
        }
        raw[d.entity] += importance[d.event] * factor * d.count;
      }
    });
    metrics_detail::normalise(plan, window);
    std::copy(window.score.begin(), window.score.end(), out.engagement.begin() + static_cast<std::ptrdiff_t>(k * n));
  }
}

void level_engagement(const DayLog& log, const ScoringPlan& plan, const std::vector<int32_t>& days, unsigned threads,
                      LevelHistory& out) {
  out.engagement.assign(days.size() * out.size, 0.0);
  on_ranges(days.size(), threads, [&](std::size_t first, std::size_t end) {
    point_engagement(log, plan, days, first, end, out);
  });
}

}  // namespace

std::vector<int32_t> history_days(const Aggregates& aggregates, int32_t as_of_day, int interval_days) {
  if (interval_days < kMinHistoryInterval || interval_days > kMaxHistoryInterval) {
    throw std::invalid_argument("history interval_days must be " + std::to_string(kMinHistoryInterval) + ".." +
                                std::to_string(kMaxHistoryInterval) + " days, not " + std::to_string(interval_days));
  }
  const int32_t first = aggregates.first_day().value_or(as_of_day);
  int32_t earliest = as_of_day;
  while (earliest - interval_days >= first) earliest -= interval_days;
  std::vector<int32_t> days;
  for (int32_t day = earliest; day <= as_of_day; day += interval_days) days.push_back(day);
  return days;
}

ScoreHistory compute_history(const Aggregates& aggregates, const Model& model, const Metrics& metrics,
                             const HistoryOptions& options) {
  ScoreHistory history;
  history.interval_days = options.interval_days;
  history.days = history_days(aggregates, metrics.as_of_day, options.interval_days);
  const ScoringPlan plan = metrics_detail::make_plan(model, aggregates.event_names);
  history.accounts.size = aggregates.accounts.size();
  const unsigned threads = options.threads == 0 ? 1 : options.threads;
  std::vector<uint8_t> paid_accounts, paid_users;
  paid_by_point(aggregates, model, history.days, paid_accounts, paid_users);
  level_activation(metrics.accounts, history.days, paid_accounts, threads, history.accounts);
  level_engagement(aggregates.account_days, plan, history.days, threads, history.accounts);
  if (options.users) {
    history.users.size = aggregates.users.size();
    level_activation(metrics.users, history.days, paid_users, threads, history.users);
    level_engagement(aggregates.user_days, plan, history.days, threads, history.users);
  }
  return history;
}

}  // namespace pqlscope
