// Engagement (SCORING.md §2): raw importance-weighted scores for the latest window and the
// history windows, normalised per window and per level, trend, slope, and contributions.
//
// Normalisation, per window and per level (accounts and users separately), over the level's
// active entities (raw > 0); a raw score of 0 is always 0:
// - p90: min(100, 100 x raw / Pn). Pn is the nearest-rank percentile of the non-zero raw
//   scores: sorted ascending v[1..n], Pn = v[ceil(p / 100 x n)] (at least v[1]).
// - percentile_rank: 100 x (active entities with a strictly lower raw score) / n.
// - min_max: 100 x (raw - min) / (max - min); when max == min every active entity gets 100.
// - recency_decay: each event counts importance x max(0, 1 - age / lifespan), age = days from
//   the event to the end of its window; then scaled like p90.
// Trend = latest minus previous window's score (points). Slope = least-squares slope of the
// scores against the window index (points per window). Contributions are for the latest window;
// an account's user contributions are its home users' latest raw scores.
#include <algorithm>
#include <cmath>
#include <limits>

#include "metrics/day_range.hpp"
#include "metrics/plan.hpp"
#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope::metrics_detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Raw scores of one level for every window, in one pass over the days they span. Raw and score
// are window-major (window x entity) until transpose(): within a day the log is sorted by
// entity, so the accumulation walks one window's row forwards.
void raw_scores(const std::vector<DayCount>& log, const ScoringPlan& plan, int32_t as_of, LevelMetrics& level) {
  const int64_t w = plan.window_days;
  const int64_t h = plan.history_windows;
  level.windows = static_cast<std::size_t>(h);
  level.raw.assign(level.size * level.windows, 0.0);
  // Per day back from as_of: its window column and its weight factor (no division per entry).
  const bool decay = plan.method == Method::recency_decay;
  const std::size_t span = static_cast<std::size_t>(h * w);
  std::vector<uint32_t> column(span);
  std::vector<double> factor(span, 1.0);
  for (std::size_t age = 0; age < span; ++age) {
    const int64_t back = static_cast<int64_t>(age) / w;  // 0 = latest window
    column[age] = static_cast<uint32_t>(h - 1 - back);
    if (decay) {
      const double since_end = static_cast<double>(static_cast<int64_t>(age) - back * w);
      factor[age] = std::max(0.0, 1.0 - since_end / plan.lifespan_days);
    }
  }
  double* raw = level.raw.data();
  for (const DayCount& d : day_slice(log, int64_t{as_of} - h * w + 1, as_of)) {
    // Branch-free: an event of importance 0 adds 0 (cheaper than a mispredicted skip).
    const double importance = plan.importance[d.event];
    const std::size_t age = static_cast<std::size_t>(as_of - d.day);
    raw[column[age] * level.size + d.entity] += importance * factor[age] * d.count;
  }
}

void normalise(const ScoringPlan& plan, LevelMetrics& level) {
  const std::size_t h = level.windows;
  level.score.assign(level.raw.size(), 0.0);
  level.reference.assign(h, kNaN);
  level.active_entities.assign(h, 0);
  std::vector<double> values;
  values.reserve(level.size);
  for (std::size_t k = 0; k < h; ++k) {
    values.clear();
    for (std::size_t e = 0; e < level.size; ++e) {
      const double raw = level.raw[k * level.size + e];
      if (raw > 0) values.push_back(raw);
    }
    const std::size_t n = values.size();
    level.active_entities[k] = static_cast<uint32_t>(n);
    if (n == 0) continue;
    switch (plan.method) {
      case Method::p90:
      case Method::recency_decay: {
        auto rank = static_cast<std::size_t>(std::ceil(plan.percentile / 100.0 * static_cast<double>(n)));
        rank = std::clamp<std::size_t>(rank, 1, n);
        std::nth_element(values.begin(), values.begin() + (rank - 1), values.end());
        const double pn = values[rank - 1];
        level.reference[k] = pn;
        for (std::size_t e = 0; e < level.size; ++e) {
          const double raw = level.raw[k * level.size + e];
          if (raw > 0) level.score[k * level.size + e] = std::min(100.0, 100.0 * raw / pn);
        }
        break;
      }
      case Method::percentile_rank: {
        std::sort(values.begin(), values.end());
        for (std::size_t e = 0; e < level.size; ++e) {
          const double raw = level.raw[k * level.size + e];
          if (raw <= 0) continue;
          const auto lower = std::lower_bound(values.begin(), values.end(), raw) - values.begin();
          level.score[k * level.size + e] = 100.0 * static_cast<double>(lower) / static_cast<double>(n);
        }
        break;
      }
      case Method::min_max: {
        const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
        const double min = *lo, max = *hi;
        level.reference[k] = max;
        for (std::size_t e = 0; e < level.size; ++e) {
          const double raw = level.raw[k * level.size + e];
          if (raw <= 0) continue;
          level.score[k * level.size + e] = max > min ? 100.0 * (raw - min) / (max - min) : 100.0;
        }
        break;
      }
    }
  }
}

// Window-major -> entity-major (the public layout).
void transpose(std::vector<double>& values, std::size_t size, std::size_t windows) {
  std::vector<double> out(values.size());
  for (std::size_t k = 0; k < windows; ++k) {
    for (std::size_t e = 0; e < size; ++e) out[e * windows + k] = values[k * size + e];
  }
  values.swap(out);
}

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
void event_contributions(const std::vector<DayCount>& log, const ScoringPlan& plan, int32_t as_of, LevelMetrics& level) {
  const auto slice = day_slice(log, int64_t{as_of} - plan.window_days + 1, as_of);
  const bool decay = plan.method == Method::recency_decay;
  auto weight_of = [&](const DayCount& d) {
    double weight = plan.importance[d.event];
    if (decay) weight *= std::max(0.0, 1.0 - static_cast<double>(as_of - d.day) / plan.lifespan_days);
    return weight * d.count;
  };
  // Counting sort of the slice by entity.
  std::vector<uint32_t> offsets(level.size + 1, 0);
  for (const DayCount& d : slice) {
    if (plan.importance[d.event] != 0) ++offsets[d.entity + 1];
  }
  for (std::size_t e = 0; e < level.size; ++e) offsets[e + 1] += offsets[e];
  std::vector<EventContribution> items(offsets.back());
  {
    std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
    for (const DayCount& d : slice) {
      if (plan.importance[d.event] != 0) items[fill[d.entity]++] = {d.event, weight_of(d)};
    }
  }
  // Merge each entity's days per event (scratch slot per event), then sort.
  std::vector<uint32_t> slot(plan.importance.size(), UINT32_MAX);
  level.event_offsets.assign(level.size + 1, 0);
  level.event_contributions.clear();
  level.event_contributions.reserve(items.size());
  for (std::size_t e = 0; e < level.size; ++e) {
    const std::size_t start = level.event_contributions.size();
    for (uint32_t i = offsets[e]; i < offsets[e + 1]; ++i) {
      const EventContribution& c = items[i];
      uint32_t& s = slot[c.event];
      if (s != UINT32_MAX && s >= start) {
        level.event_contributions[s].points += c.points;
      } else {
        s = static_cast<uint32_t>(level.event_contributions.size());
        level.event_contributions.push_back(c);
      }
    }
    std::sort(level.event_contributions.begin() + start, level.event_contributions.end(),
              [](const EventContribution& x, const EventContribution& y) {
                return x.points != y.points ? x.points > y.points : x.event < y.event;
              });
    for (std::size_t i = start; i < level.event_contributions.size(); ++i) {
      slot[level.event_contributions[i].event] = UINT32_MAX;
    }
    level.event_offsets[e + 1] = static_cast<uint32_t>(level.event_contributions.size());
  }
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
              [](const UserContribution& x, const UserContribution& y) {
                return x.points != y.points ? x.points > y.points : x.user < y.user;
              });
  }
}

}  // namespace

void compute_engagement(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, Metrics& out) {
  raw_scores(ag.account_days, plan, as_of, out.accounts);
  raw_scores(ag.user_days, plan, as_of, out.users);
  normalise(plan, out.accounts);
  normalise(plan, out.users);
  for (LevelMetrics* level : {&out.accounts, &out.users}) {
    transpose(level->raw, level->size, level->windows);
    transpose(level->score, level->size, level->windows);
  }
  trends(out.accounts);
  trends(out.users);
  event_contributions(ag.account_days, plan, as_of, out.accounts);
  event_contributions(ag.user_days, plan, as_of, out.users);
  user_contributions(ag, out);
}

}  // namespace pqlscope::metrics_detail
