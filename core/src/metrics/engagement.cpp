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
#include "metrics/scan.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope::metrics_detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Normalises every window of one level. Raw and score are entity-major (entity x window): one
// pass gathers each window's active raw scores, one pass writes the scores.
void normalise(const ScoringPlan& plan, LevelMetrics& level) {
  const std::size_t h = level.windows;
  const std::size_t n = level.size;
  const double* raw = level.raw.data();
  level.score.assign(level.raw.size(), 0.0);
  level.reference.assign(h, kNaN);
  level.active_entities.assign(h, 0);
  for (std::size_t e = 0; e < n; ++e) {
    for (std::size_t k = 0; k < h; ++k) level.active_entities[k] += raw[e * h + k] > 0;
  }
  std::vector<std::vector<double>> values(h);
  for (std::size_t k = 0; k < h; ++k) values[k].reserve(level.active_entities[k]);
  for (std::size_t e = 0; e < n; ++e) {
    for (std::size_t k = 0; k < h; ++k) {
      if (raw[e * h + k] > 0) values[k].push_back(raw[e * h + k]);
    }
  }
  // Per window: the divisor (p90, recency_decay), or min and max (min_max).
  std::vector<double> pn(h, 0.0), lo(h, 0.0), hi(h, 0.0);
  for (std::size_t k = 0; k < h; ++k) {
    std::vector<double>& v = values[k];
    const std::size_t count = v.size();
    if (count == 0) continue;
    switch (plan.method) {
      case Method::p90:
      case Method::recency_decay: {
        auto rank = static_cast<std::size_t>(std::ceil(plan.percentile / 100.0 * static_cast<double>(count)));
        rank = std::clamp<std::size_t>(rank, 1, count);
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
          const std::vector<double>& v = values[k];
          const auto lower = std::lower_bound(v.begin(), v.end(), r) - v.begin();
          s = 100.0 * static_cast<double>(lower) / static_cast<double>(v.size());
          break;
        }
        case Method::min_max:
          s = hi[k] > lo[k] ? 100.0 * (r - lo[k]) / (hi[k] - lo[k]) : 100.0;
          break;
      }
    }
  }
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
// Built in place: each entity gets room for as many items as it has DayCounts in the window;
// a DayCount adds to its event's item in the entity's room (a short linear search: an entity
// uses a few events) or appends one, in log order (so the sums are the same doubles as a
// per-entity loop); then each room is sorted and moved down.
void event_contributions(const std::vector<DayCount>& log, const ScoringPlan& plan, int32_t as_of, LevelMetrics& level) {
  const auto slice = day_slice(log, int64_t{as_of} - plan.window_days + 1, as_of);
  const bool decay = plan.method == Method::recency_decay;
  auto weight_of = [&](const DayCount& d) {
    double weight = plan.importance[d.event];
    if (decay) weight *= std::max(0.0, 1.0 - static_cast<double>(as_of - d.day) / plan.lifespan_days);
    return weight * d.count;
  };
  std::vector<uint32_t> room(level.size + 1, 0);
  for (const DayCount& d : slice) {
    if (plan.importance[d.event] != 0) ++room[d.entity + 1];
  }
  for (std::size_t e = 0; e < level.size; ++e) room[e + 1] += room[e];
  std::vector<EventContribution>& items = level.event_contributions;
  items.resize(room.back());
  std::vector<uint32_t> end(room.begin(), room.end() - 1);
  for (const DayCount& d : slice) {
    if (plan.importance[d.event] == 0) continue;
    const double points = weight_of(d);
    EventContribution* first = items.data() + room[d.entity];
    EventContribution* last = items.data() + end[d.entity];
    EventContribution* it = first;
    while (it != last && it->event != d.event) ++it;
    if (it != last) {
      it->points += points;
    } else {
      *last = {d.event, points};
      ++end[d.entity];
    }
  }
  level.event_offsets.assign(level.size + 1, 0);
  uint32_t out = 0;
  for (std::size_t e = 0; e < level.size; ++e) {
    EventContribution* first = items.data() + room[e];
    EventContribution* last = items.data() + end[e];
    std::sort(first, last, [](const EventContribution& x, const EventContribution& y) {
      return x.points != y.points ? x.points > y.points : x.event < y.event;
    });
    if (out != room[e]) std::copy(first, last, items.data() + out);
    out += static_cast<uint32_t>(last - first);
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
              [](const UserContribution& x, const UserContribution& y) {
                return x.points != y.points ? x.points > y.points : x.user < y.user;
              });
  }
}

}  // namespace

void finish_engagement(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, Metrics& out) {
  // Raw scores (entity x window) come from the single pass over the logs (scan.cpp).
  normalise(plan, out.accounts);
  normalise(plan, out.users);
  trends(out.accounts);
  trends(out.users);
  event_contributions(ag.account_days, plan, as_of, out.accounts);
  event_contributions(ag.user_days, plan, as_of, out.users);
  user_contributions(ag, out);
}

}  // namespace pqlscope::metrics_detail
