// Engagement (docs/scoring.md §2): raw importance-weighted scores for the latest window and the
// history windows, normalised per window and per level, trend, slope, and contributions.
//
// Normalisation, per window and per level (accounts and users separately), over the level's
// active entities (raw > 0); a raw score of 0 is always 0:
// - p90: min(100, 100 x raw / Pn). Pn is the nearest-rank percentile of the non-zero raw
//   scores: sorted ascending v[1..n], Pn = v[ceil(p / 100 x n)] (at least v[1]; the rank in
//   integers, nearest_rank).
// - percentile_rank: 100 x (active entities with a raw score <= this one's) / n: the most active
//   gets 100 and the least active 100 / n, never 0 (0 is kept for no engagement at all).
// - min_max: 100 x (raw - min) / (max - min); when max == min every active entity gets 100.
// - recency_decay: each event counts importance x max(0, 1 - age / lifespan), age = days from
//   the event to the end of its window; then scaled like p90.
// Trend = latest minus previous window's score (points). Slope = least-squares slope of the
// scores against the window index (points per window). Contributions are for the latest window;
// an account's user contributions are its home users' latest raw scores.
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>

#include "metrics/day_range.hpp"
#include "metrics/normalise.hpp"
#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope::metrics_detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

// ceil(p / 100 x n) in integers, within 1..n. In floating point 28 / 100.0 x 25 is
// 7.000000000000001, whose ceiling is 8, not 7. p is taken in millionths of a percent (exact for
// any percentile written with up to 6 decimals); p <= 100 and n < 2^32 keep the product below
// 2^64.
std::size_t nearest_rank(double percentile, std::size_t n) {
  if (n == 0) return 0;
  constexpr uint64_t kWhole = 100'000'000;  // 100 percent in millionths
  const double clamped = std::clamp(percentile, 0.0, 100.0);
  const auto p = static_cast<uint64_t>(std::llround(clamped * 1e6));
  const uint64_t rank = (p * static_cast<uint64_t>(n) + kWhole - 1) / kWhole;
  return std::clamp<std::size_t>(static_cast<std::size_t>(rank), 1, n);
}

// Normalises every window of one level (declared in normalise.hpp: the score history uses it). Raw and score are entity-major (entity x window): one
// pass gathers each window's active raw scores, one pass writes the scores.
void normalise(const ScoringPlan& plan, LevelMetrics& level) {
  const std::size_t h = level.windows;
  const std::size_t n = level.size;
  const double* raw = level.raw.data();
  level.score.assign(level.raw.size(), 0.0);
  level.reference.assign(h, kNaN);
  level.active_entities.assign(h, 0);
  // Each window's active raw scores, gathered branch-free (written, then kept when > 0) into a
  // scratch buffer of n per window, reused across calls.
  thread_local std::vector<std::vector<double>> values;
  values.resize(h);
  std::vector<double*> fill(h);
  for (std::size_t k = 0; k < h; ++k) {
    if (values[k].size() < n + 1) values[k].resize(n + 1);
    fill[k] = values[k].data();
  }
  for (std::size_t e = 0; e < n; ++e) {
    for (std::size_t k = 0; k < h; ++k) {
      const double r = raw[e * h + k];
      *fill[k] = r;
      fill[k] += r > 0;
    }
  }
  for (std::size_t k = 0; k < h; ++k) level.active_entities[k] = static_cast<uint32_t>(fill[k] - values[k].data());
  // Per window: the divisor (p90, recency_decay), or min and max (min_max).
  std::vector<double> pn(h, 0.0), lo(h, 0.0), hi(h, 0.0);
  for (std::size_t k = 0; k < h; ++k) {
    const std::span<double> v(values[k].data(), level.active_entities[k]);
    const std::size_t count = v.size();
    if (count == 0) continue;
    switch (plan.method) {
      case Method::p90:
      case Method::recency_decay: {
        const std::size_t rank = nearest_rank(plan.percentile, count);
        std::nth_element(v.begin(), v.begin() + (rank - 1), v.end());
        pn[k] = v[rank - 1];
        level.reference[k] = pn[k];
        break;
      }
      case Method::percentile_rank:
        std::sort(v.begin(), v.end());
        break;
      case Method::min_max: {
        const auto [min, max] = std::minmax_element(v.begin(), v.end());
        lo[k] = *min;
        hi[k] = *max;
        level.reference[k] = hi[k];
        break;
      }
    }
  }
  double* score = level.score.data();
  if (plan.method == Method::p90 || plan.method == Method::recency_decay) {
    // The common case, branch-free (the same expression; inactive entities keep 0).
    for (std::size_t e = 0; e < n; ++e) {
      for (std::size_t k = 0; k < h; ++k) {
        const double r = raw[e * h + k];
        const double s = std::min(100.0, 100.0 * r / pn[k]);
        score[e * h + k] = r > 0 ? s : 0.0;
      }
    }
    return;
  }
  for (std::size_t e = 0; e < n; ++e) {
    for (std::size_t k = 0; k < h; ++k) {
      const double r = raw[e * h + k];
      if (r <= 0) continue;
      double& s = score[e * h + k];
      switch (plan.method) {
        case Method::p90:
        case Method::recency_decay:
          s = std::min(100.0, 100.0 * r / pn[k]);
          break;
        case Method::percentile_rank: {
          const std::span<const double> v(values[k].data(), level.active_entities[k]);
          const auto at_most = std::upper_bound(v.begin(), v.end(), r) - v.begin();
          s = 100.0 * static_cast<double>(at_most) / static_cast<double>(v.size());
          break;
        }
        case Method::min_max:
          s = hi[k] > lo[k] ? 100.0 * (r - lo[k]) / (hi[k] - lo[k]) : 100.0;
          break;
      }
    }
  }
}

namespace {

void trends(LevelMetrics& level) {
  const std::size_t h = level.windows;
  level.trend.assign(level.size, kNaN);
  level.slope.assign(level.size, kNaN);
  if (h < 2) return;
  const double mean_x = static_cast<double>(h - 1) / 2.0;
  double sxx = 0;
  for (std::size_t k = 0; k < h; ++k) sxx += (static_cast<double>(k) - mean_x) * (static_cast<double>(k) - mean_x);
  for (std::size_t e = 0; e < level.size; ++e) {
    const double* s = level.score.data() + e * h;
    level.trend[e] = s[h - 1] - s[h - 2];
    double mean_y = 0;
    for (std::size_t k = 0; k < h; ++k) mean_y += s[k];
    mean_y /= static_cast<double>(h);
    double sxy = 0;
    for (std::size_t k = 0; k < h; ++k) sxy += (static_cast<double>(k) - mean_x) * (s[k] - mean_y);
    level.slope[e] = sxy / sxx;
  }
}

// Per-entity event contributions to the latest raw score, as CSR sorted by points descending.
// The window's DayCounts (importance != 0) are bucketed by entity with a stable counting sort
// (indices only, so each bucket keeps log order); then each entity's bucket is summed with a
// small event -> item table that is reset after the entity (O(1) per DayCount, no search), in
// log order (so the sums are the same doubles as a per-entity loop), and its items are written
// in place at the entity's CSR position and sorted there.
void event_contributions(const DayLog& log, const std::vector<std::string>& event_names, const ScoringPlan& plan,
                         int32_t as_of, LevelMetrics& level) {
  const auto slice = day_slice(log, int64_t{as_of} - plan.window_days + 1, as_of);
  const bool decay = plan.method == Method::recency_decay;
  const double* importance = plan.importance.data();
  auto weight_of = [&](const DayCount& d) {
    double weight = importance[d.event];
    if (decay) weight *= std::max(0.0, 1.0 - static_cast<double>(as_of - d.day) / plan.lifespan_days);
    return weight * d.count;
  };
  thread_local std::vector<uint32_t> start, order, where;
  start.assign(level.size + 1, 0);
  slice.for_each_span([&](std::span<const DayCount> span) {
    for (const DayCount& d : span) start[d.entity + 1] += importance[d.event] != 0;
  });
  for (std::size_t e = 0; e < level.size; ++e) start[e + 1] += start[e];
  order.resize(start.back());
  {
    // start[e] is used as the fill cursor of bucket e, then shifted back (start[e] = old start[e+1]).
    uint32_t i = 0;  // index in the slice
    slice.for_each_span([&](std::span<const DayCount> span) {
      const DayCount* base = span.data();
      for (std::size_t k = 0; k < span.size(); ++k, ++i) {
        const DayCount& d = base[k];
        if (importance[d.event] != 0) order[start[d.entity]++] = i;
      }
    });
    for (std::size_t e = level.size; e > 0; --e) start[e] = start[e - 1];
    start[0] = 0;
  }
  constexpr uint32_t kUnset = UINT32_MAX;
  where.assign(plan.importance.size(), kUnset);
  std::vector<EventContribution>& items = level.event_contributions;
  items.resize(order.size());
  level.event_offsets.resize(level.size + 1);
  level.event_offsets[0] = 0;
  EventContribution* const first_item = items.data();
  uint32_t out = 0;
  for (std::size_t e = 0; e < level.size; ++e) {
    const uint32_t first = out;
    for (uint32_t j = start[e]; j < start[e + 1]; ++j) {
      const DayCount& d = slice[order[j]];
      const double points = weight_of(d);
      const uint32_t at = where[d.event];
      if (at != kUnset) {
        first_item[at].points += points;
      } else {
        where[d.event] = out;
        first_item[out++] = {d.event, points};
      }
    }
    for (uint32_t i = first; i < out; ++i) where[first_item[i].event] = kUnset;
    // Equal points: by event name, not index (the index is the input order; the report keeps
    // the first 10, so a tie must not depend on row order).
    std::sort(first_item + first, first_item + out, [&](const EventContribution& x, const EventContribution& y) {
      return x.points != y.points ? x.points > y.points : event_names[x.event] < event_names[y.event];
    });
    level.event_offsets[e + 1] = out;
  }
  items.resize(out);
}

void user_contributions(const Aggregates& ag, Metrics& out) {
  const LevelMetrics& users = out.users;
  const std::size_t accounts = out.accounts.size;
  auto& offsets = out.user_contribution_offsets;
  offsets.assign(accounts + 1, 0);
  for (std::size_t u = 0; u < users.size; ++u) {
    const uint32_t a = ag.users[u].account;
    if (a != kNoAccount && users.latest_raw(u) > 0) ++offsets[a + 1];
  }
  for (std::size_t a = 0; a < accounts; ++a) offsets[a + 1] += offsets[a];
  out.user_contributions.assign(offsets.back(), {});
  std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (std::size_t u = 0; u < users.size; ++u) {
    const uint32_t a = ag.users[u].account;
    if (a != kNoAccount && users.latest_raw(u) > 0) {
      out.user_contributions[fill[a]++] = {static_cast<uint32_t>(u), users.latest_raw(u)};
    }
  }
  for (std::size_t a = 0; a < accounts; ++a) {
    std::sort(out.user_contributions.begin() + offsets[a], out.user_contributions.begin() + offsets[a + 1],
              [&](const UserContribution& x, const UserContribution& y) {  // ties: by user id
                return x.points != y.points ? x.points > y.points : ag.users[x.user].id < ag.users[y.user].id;
              });
  }
}

}  // namespace

void finish_engagement(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, bool contributions_done,
                       Metrics& out) {
  // Raw scores (entity x window) come from the single pass over the logs (scan.cpp).
  finish_engagement_level(ag, plan, as_of, contributions_done, false, out);
  finish_engagement_level(ag, plan, as_of, contributions_done, true, out);
  finish_user_contributions(ag, out);
}

void finish_engagement_level(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, bool contributions_done,
                             bool users, Metrics& out) {
  LevelMetrics& level = users ? out.users : out.accounts;
  normalise(plan, level);
  trends(level);
  if (!contributions_done) event_contributions(users ? ag.user_days : ag.account_days, ag.event_names, plan, as_of, level);
}

void finish_user_contributions(const Aggregates& ag, Metrics& out) { user_contributions(ag, out); }

}  // namespace pqlscope::metrics_detail
