// The metrics stage is one optimised pass over the logs (core/src/metrics/scan.cpp). This test
// compares every result, exactly, with a straightforward computation written from the
// definitions (per entity, per step, per window), on random small aggregates and models:
// windows, several steps or features per event, more than 32 features, users whose events
// are logged under another account, as-of days inside and before the data, every method.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/metrics/engagement_counts.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {
namespace {

constexpr int64_t kMsPerDay = 86'400'000;
constexpr int32_t kFirst = 19800;

struct Rng {
  uint64_t s;
  uint32_t next() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(s >> 33);
  }
  uint32_t below(uint32_t n) { return next() % n; }
  bool chance(uint32_t percent) { return below(100) < percent; }
};

// Small by default; `big` makes logs of several DayLog chunks (a scan slice then comes in pieces).
Aggregates random_aggregates(Rng& rng, bool big = false, uint32_t users_at_least = 1) {
  Aggregates ag;
  const uint32_t events = 3 + rng.below(10), accounts = 1 + rng.below(big ? 80 : 6);
  const uint32_t users = std::max(users_at_least, 1 + rng.below(big ? 500 : 15));
  const int days = 1 + static_cast<int>(rng.below(big ? 250 : 90));
  for (uint32_t e = 0; e < events; ++e) ag.event_names.push_back("e" + std::to_string(e));
  ag.accounts.resize(accounts);
  for (uint32_t a = 0; a < accounts; ++a) {
    ag.accounts[a].id = "a" + std::to_string(a);
    if (rng.chance(50)) ag.accounts[a].info.signup_at = (kFirst + static_cast<int64_t>(rng.below(days + 20)) - 10) * kMsPerDay + 5;
    if (rng.chance(40)) ag.accounts[a].info.seats = rng.below(5);
    if (rng.chance(40)) ag.accounts[a].info.employees = rng.below(20);
  }
  ag.users.resize(users);
  for (uint32_t u = 0; u < users; ++u) {
    ag.users[u].id = "u" + std::to_string(u);
    ag.users[u].account = rng.chance(10) ? kNoAccount : rng.below(accounts);
  }
  std::map<std::tuple<uint16_t, uint32_t, uint16_t>, uint32_t> user_groups, account_groups;
  const uint32_t rows = big ? 250000 + rng.below(100000) : rng.below(400);
  for (uint32_t i = 0; i < rows; ++i) {
    const uint32_t u = rng.below(users);
    const auto day = static_cast<uint16_t>(kFirst + rng.below(days));
    const auto event = static_cast<uint16_t>(rng.below(events) * rng.below(events) / events);  // skewed
    const uint32_t count = 1 + (rng.chance(20) ? rng.below(4) : 0);
    user_groups[{day, u, event}] += count;
    uint32_t a = ag.users[u].account;
    if (a == kNoAccount || rng.chance(10)) a = rng.below(accounts);  // logged under another account
    account_groups[{day, a, event}] += count;
  }
  for (const auto& [k, c] : user_groups) ag.user_days.push_back({std::get<1>(k), std::get<2>(k), std::get<0>(k), c});
  for (const auto& [k, c] : account_groups) ag.account_days.push_back({std::get<1>(k), std::get<2>(k), std::get<0>(k), c});
  return ag;
}

std::vector<std::string> some_events(Rng& rng, const Aggregates& ag) {
  std::vector<std::string> out;
  const uint32_t n = 1 + rng.below(3);
  for (uint32_t i = 0; i < n; ++i) out.push_back(ag.event_names[rng.below(static_cast<uint32_t>(ag.event_names.size()))]);
  if (rng.chance(10)) out.push_back("not_an_event");
  return out;
}

Model random_model(Rng& rng, const Aggregates& ag) {
  Model m;
  const uint32_t steps = rng.below(7);
  for (uint32_t s = 0; s < steps; ++s) {
    ActivationStep step;
    step.id = "s" + std::to_string(s);
    step.level = rng.chance(50) ? StepLevel::account : StepLevel::user;
    step.events = some_events(rng, ag);
    step.min_count = 1 + static_cast<int>(rng.below(4));
    // 1-6: up to 4 the cache pass keeps each account step's fewest days, past it sorts the
    // candidates by day (activation.cpp, count_account_step_users); both are compared here.
    step.min_users = 1 + static_cast<int>(rng.below(6));
    if (rng.chance(40)) step.window_days = static_cast<int>(rng.below(20));
    m.activation.steps.push_back(step);
  }
  for (const std::string& name : ag.event_names) {
    if (rng.chance(80)) m.engagement.importance[name] = static_cast<int>(rng.below(11));
  }
  m.engagement.default_importance = static_cast<int>(rng.below(2));
  m.engagement.window_days = 1 + static_cast<int>(rng.below(10));
  m.engagement.history_windows = 1 + static_cast<int>(rng.below(6));
  m.engagement.normalization.method = static_cast<NormalizationMethod>(rng.below(4));
  m.engagement.normalization.percentile = 1 + rng.below(100);
  m.engagement.normalization.lifespan_days = 1 + static_cast<int>(rng.below(30));
  m.adoption.window_days = 1 + static_cast<int>(rng.below(40));
  const uint32_t features = rng.chance(15) ? 33 + rng.below(40) : rng.below(6);
  for (uint32_t f = 0; f < features; ++f) {
    Feature feature;
    feature.id = "f" + std::to_string(f);
    feature.events = some_events(rng, ag);
    m.adoption.key_features.push_back(feature);
  }
  if (rng.chance(30)) m.activity.active_events = some_events(rng, ag);
  return m;
}

// ---------------------------------------------------------------------------------------------
// The reference: the definitions, one entity and one step or window at a time.

bool has(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

int32_t floor_day(int64_t ms) { return static_cast<int32_t>(ms >= 0 ? ms / kMsPerDay : -((-ms + kMsPerDay - 1) / kMsPerDay)); }

struct Reference {
  const Aggregates& ag;
  const Model& model;
  int32_t as_of;
  Metrics m;

  std::vector<const DayCount*> entries(const DayLog& log, uint32_t entity) const {
    std::vector<const DayCount*> out;
    for (const DayCount& d : log) {
      if (d.entity == entity && d.day <= as_of) out.push_back(&d);
    }
    return out;
  }
  const std::string& name(const DayCount& d) const { return ag.event_names[d.event]; }
  static bool in_window(const ActivationStep& step, int32_t signup, int32_t day) {
    return !step.window_days || day - signup < std::max(*step.window_days, 0);
  }

  void activation() {
    const auto& steps = model.activation.steps;
    for (uint32_t i = 0; i < steps.size(); ++i) (steps[i].level == StepLevel::account ? m.account_steps : m.user_steps).push_back(i);
    const std::size_t na = ag.accounts.size(), nu = ag.users.size();
    m.accounts.step_count = m.account_steps.size();
    m.users.step_count = m.user_steps.size();
    m.accounts.signup_day.assign(na, kNoDay);
    m.users.signup_day.assign(nu, kNoDay);
    for (uint32_t a = 0; a < na; ++a) {
      const auto entries_of = entries(ag.account_days, a);
      if (ag.accounts[a].info.signup_at) m.accounts.signup_day[a] = floor_day(*ag.accounts[a].info.signup_at);
      else if (!entries_of.empty()) m.accounts.signup_day[a] = entries_of.front()->day;
    }
    for (uint32_t u = 0; u < nu; ++u) {
      const auto entries_of = entries(ag.user_days, u);
      if (!entries_of.empty()) m.users.signup_day[u] = entries_of.front()->day;
    }
    for (uint32_t a = 0; a < na; ++a) {
      for (uint32_t index : m.account_steps) {
        const ActivationStep& step = steps[index];
        StepStatus status;
        int32_t count_day = kNoDay, users_day = kNoDay;
        for (const DayCount* d : entries(ag.account_days, a)) {
          if (!has(step.events, name(*d)) || !in_window(step, m.accounts.signup_day[a], d->day)) continue;
          status.count += d->count;
          if (count_day == kNoDay && status.count >= static_cast<uint64_t>(std::max(step.min_count, 1))) count_day = d->day;
        }
        std::set<uint32_t> counted;
        for (const DayCount& d : ag.user_days) {  // log order: day by day
          if (d.day > as_of || ag.users[d.entity].account != a || counted.count(d.entity)) continue;
          const int32_t signup = m.accounts.signup_day[a] == kNoDay ? d.day : m.accounts.signup_day[a];
          if (!has(step.events, name(d)) || !in_window(step, signup, d.day)) continue;
          counted.insert(d.entity);
          ++status.users;
          if (users_day == kNoDay && status.users >= static_cast<uint32_t>(std::max(step.min_users, 1))) users_day = d.day;
        }
        // min_users 1: the account's own events suffice (with or without a user, whoever's
        // home account it is); only min_users >= 2 needs distinct home users.
        if (step.min_users <= 1) users_day = count_day;
        status.done = count_day != kNoDay && users_day != kNoDay;
        if (status.done) status.completed_day = std::max(count_day, users_day);
        m.accounts.steps.push_back(status);
      }
    }
    for (uint32_t u = 0; u < nu; ++u) {
      for (uint32_t index : m.user_steps) {
        const ActivationStep& step = steps[index];
        StepStatus status;
        for (const DayCount* d : entries(ag.user_days, u)) {
          if (!has(step.events, name(*d)) || !in_window(step, m.users.signup_day[u], d->day)) continue;
          status.count += d->count;
          if (!status.done && status.count >= static_cast<uint64_t>(std::max(step.min_count, 1))) {
            status.done = true;
            status.completed_day = d->day;
          }
        }
        m.users.steps.push_back(status);
      }
    }
    for (LevelMetrics* level : {&m.accounts, &m.users}) {
      level->activation_rate.assign(level->size, std::nan(""));
      level->activated_day.assign(level->size, kNoDay);
      const std::size_t k = level->step_count;
      if (k == 0) continue;
      for (std::size_t e = 0; e < level->size; ++e) {
        std::size_t done = 0;
        int32_t last = kNoDay;
        for (const StepStatus& s : level->steps_of(e)) {
          if (s.done) ++done, last = std::max(last, s.completed_day);
        }
        level->activation_rate[e] = 100.0 * static_cast<double>(done) / static_cast<double>(k);
        if (done == k) level->activated_day[e] = last;
      }
    }
    m.account_users.assign(na, 0);
    m.activated_users.assign(na, 0);
    m.median_user_activation.assign(na, std::nan(""));
    for (uint32_t a = 0; a < na; ++a) {
      std::vector<double> rates;
      for (uint32_t u = 0; u < nu; ++u) {
        if (ag.users[u].account != a || m.users.signup_day[u] == kNoDay) continue;
        ++m.account_users[a];
        if (!m.user_steps.empty() && m.users.activated_day[u] != kNoDay) ++m.activated_users[a];
        rates.push_back(m.users.activation_rate[u]);
      }
      if (rates.empty() || m.user_steps.empty()) continue;
      std::sort(rates.begin(), rates.end());
      const std::size_t n = rates.size();
      m.median_user_activation[a] = n % 2 ? rates[n / 2] : (rates[n / 2 - 1] + rates[n / 2]) / 2;
    }
  }

  double importance(const DayCount& d) const { return importance_of(model.engagement, name(d)); }

  void engagement(const DayLog& log, LevelMetrics& level) {
    const int w = std::max(model.engagement.window_days, 1), h = std::max(model.engagement.history_windows, 1);
    const auto& norm = model.engagement.normalization;
    const bool decay = norm.method == NormalizationMethod::recency_decay;
    const int lifespan = std::max(norm.lifespan_days, 1);
    level.windows = static_cast<std::size_t>(h);
    level.raw.assign(level.size * h, 0.0);
    for (int k = 0; k < h; ++k) {
      const int32_t last = as_of - (h - 1 - k) * w, first = last - w + 1;
      for (const DayCount& d : log) {
        if (d.day < first || d.day > last) continue;
        const double factor = decay ? std::max(0.0, 1.0 - static_cast<double>(last - d.day) / lifespan) : 1.0;
        level.raw[d.entity * h + k] += importance(d) * factor * d.count;
      }
    }
    level.score.assign(level.raw.size(), 0.0);
    level.reference.assign(h, std::nan(""));
    level.active_entities.assign(h, 0);
    for (int k = 0; k < h; ++k) {
      std::vector<double> v;
      for (std::size_t e = 0; e < level.size; ++e) {
        if (level.raw[e * h + k] > 0) v.push_back(level.raw[e * h + k]);
      }
      std::sort(v.begin(), v.end());
      const std::size_t n = v.size();
      level.active_entities[k] = static_cast<uint32_t>(n);
      if (n == 0) continue;
      // Nearest rank: the smallest r >= 1 with 100 r >= p n, counted in integers (the random
      // models use whole percentiles; a floating-point ceil(p / 100.0 * n) is off by one for
      // some p and n, e.g. 28 and 25).
      const auto p = static_cast<std::size_t>(norm.percentile);
      EXPECT_EQ(static_cast<double>(p), norm.percentile);
      std::size_t rank = 1;
      while (rank < n && 100 * rank < p * n) ++rank;
      if (norm.method == NormalizationMethod::p90 || decay) level.reference[k] = v[rank - 1];
      if (norm.method == NormalizationMethod::min_max) level.reference[k] = v.back();
      for (std::size_t e = 0; e < level.size; ++e) {
        const double r = level.raw[e * h + k];
        if (r <= 0) continue;
        double& s = level.score[e * h + k];
        if (norm.method == NormalizationMethod::percentile_rank) {
          s = 100.0 * static_cast<double>(std::count_if(v.begin(), v.end(), [r](double x) { return x <= r; })) / static_cast<double>(n);
        } else if (norm.method == NormalizationMethod::min_max) {
          s = v.back() > v.front() ? 100.0 * (r - v.front()) / (v.back() - v.front()) : 100.0;
        } else {
          s = std::min(100.0, 100.0 * r / v[rank - 1]);
        }
      }
    }
    level.trend.assign(level.size, std::nan(""));
    level.slope.assign(level.size, std::nan(""));
    if (h >= 2) {
      const double mean_x = (h - 1) / 2.0;
      double sxx = 0;
      for (int k = 0; k < h; ++k) sxx += (k - mean_x) * (k - mean_x);
      for (std::size_t e = 0; e < level.size; ++e) {
        const double* s = level.score.data() + e * h;
        level.trend[e] = s[h - 1] - s[h - 2];
        double mean_y = 0;
        for (int k = 0; k < h; ++k) mean_y += s[k];
        mean_y /= h;
        double sxy = 0;
        for (int k = 0; k < h; ++k) sxy += (k - mean_x) * (s[k] - mean_y);
        level.slope[e] = sxy / sxx;
      }
    }
    level.event_offsets.assign(1, 0);
    for (std::size_t e = 0; e < level.size; ++e) {
      std::map<uint16_t, double> points;
      for (const DayCount& d : log) {
        if (d.entity != e || d.day > as_of || d.day <= as_of - w || importance(d) == 0) continue;
        double weight = importance(d);
        if (decay) weight *= std::max(0.0, 1.0 - static_cast<double>(as_of - d.day) / lifespan);
        points[d.event] += weight * d.count;
      }
      std::vector<EventContribution> list;
      for (const auto& [event, p] : points) list.push_back({event, p});
      std::sort(list.begin(), list.end(), [&](const EventContribution& x, const EventContribution& y) {
        return x.points != y.points ? x.points > y.points : ag.event_names[x.event] < ag.event_names[y.event];
      });
      level.event_contributions.insert(level.event_contributions.end(), list.begin(), list.end());
      level.event_offsets.push_back(static_cast<uint32_t>(level.event_contributions.size()));
    }
  }

  void adoption(const DayLog& log, LevelMetrics& level) {
    const auto& features = model.adoption.key_features;
    const std::size_t k = features.size();
    const int window = std::max(model.adoption.window_days, 1);
    level.feature_count = k;
    level.feature_used.assign(level.size * k, 0);
    level.feature_used_all_time.assign(level.size * k, 0);
    for (const DayCount& d : log) {
      if (d.day > as_of) continue;
      for (std::size_t f = 0; f < k; ++f) {
        if (!has(features[f].events, name(d))) continue;
        level.feature_used_all_time[d.entity * k + f] = 1;
        if (d.day > as_of - window) level.feature_used[d.entity * k + f] = 1;
      }
    }
    level.adoption_rate.assign(level.size, std::nan(""));
    level.adoption_rate_all_time.assign(level.size, std::nan(""));
    if (k == 0) return;
    for (std::size_t e = 0; e < level.size; ++e) {
      std::size_t used = 0, ever = 0;
      for (std::size_t f = 0; f < k; ++f) used += level.feature_used[e * k + f], ever += level.feature_used_all_time[e * k + f];
      level.adoption_rate[e] = 100.0 * static_cast<double>(used) / static_cast<double>(k);
      level.adoption_rate_all_time[e] = 100.0 * static_cast<double>(ever) / static_cast<double>(k);
    }
  }

  void activity() {
    const std::size_t na = ag.accounts.size();
    m.account_activity.assign(na, {});
    m.seat_penetration.assign(na, std::nan(""));
    auto add = [this](ActivityCounts& c, uint32_t u) {
      int32_t last = kNoDay;
      for (const DayCount& d : ag.user_days) {
        if (d.entity == u && d.day <= as_of && d.day > as_of - 30 && counts_as_active(model, name(d))) last = d.day;
      }
      if (last == kNoDay) return;
      c.dau += as_of - last < 1;
      c.wau += as_of - last < 7;
      c.mau += as_of - last < 30;
    };
    auto finish = [](ActivityCounts& c) { c.stickiness = c.mau == 0 ? std::nan("") : 100.0 * c.dau / c.mau; };
    for (uint32_t u = 0; u < ag.users.size(); ++u) {
      add(m.overall, u);
      if (ag.users[u].account != kNoAccount) add(m.account_activity[ag.users[u].account], u);
    }
    finish(m.overall);
    for (std::size_t a = 0; a < na; ++a) {
      ActivityCounts& c = m.account_activity[a];
      finish(c);
      m.active_accounts_day += c.dau > 0;
      m.active_accounts_week += c.wau > 0;
      m.active_accounts_month += c.mau > 0;
      const AccountInfo& info = ag.accounts[a].info;
      const int64_t base = info.seats > 0 ? info.seats : info.employees > 0 ? info.employees : -1;
      if (base > 0) m.seat_penetration[a] = 100.0 * c.mau / static_cast<double>(base);
    }
  }

  void user_contributions() {
    m.user_contribution_offsets.assign(1, 0);
    for (uint32_t a = 0; a < ag.accounts.size(); ++a) {
      std::vector<UserContribution> list;
      for (uint32_t u = 0; u < ag.users.size(); ++u) {
        if (ag.users[u].account == a && m.users.latest_raw(u) > 0) list.push_back({u, m.users.latest_raw(u)});
      }
      std::sort(list.begin(), list.end(), [&](const UserContribution& x, const UserContribution& y) {
        return x.points != y.points ? x.points > y.points : ag.users[x.user].id < ag.users[y.user].id;
      });
      m.user_contributions.insert(m.user_contributions.end(), list.begin(), list.end());
      m.user_contribution_offsets.push_back(static_cast<uint32_t>(m.user_contributions.size()));
    }
  }

  Metrics run() {
    m.as_of_day = as_of;
    m.window_days = std::max(model.engagement.window_days, 1);
    m.adoption_window_days = std::max(model.adoption.window_days, 1);
    m.accounts.size = ag.accounts.size();
    m.users.size = ag.users.size();
    activation();
    engagement(ag.account_days, m.accounts);
    engagement(ag.user_days, m.users);
    adoption(ag.account_days, m.accounts);
    adoption(ag.user_days, m.users);
    activity();
    user_contributions();
    return m;
  }
};

// Exact comparison (doubles bit for bit, so NaN equals NaN).
template <class T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if constexpr (std::is_same_v<T, double>) {
      if (std::memcmp(&a[i], &b[i], sizeof(double)) != 0 && !(std::isnan(a[i]) && std::isnan(b[i]))) return false;
    } else if constexpr (std::is_same_v<T, StepStatus>) {
      if (a[i].done != b[i].done || a[i].count != b[i].count || a[i].users != b[i].users ||
          a[i].completed_day != b[i].completed_day) return false;
    } else if constexpr (std::is_same_v<T, EventContribution>) {
      if (a[i].event != b[i].event || a[i].points != b[i].points) return false;
    } else if constexpr (std::is_same_v<T, UserContribution>) {
      if (a[i].user != b[i].user || a[i].points != b[i].points) return false;
    } else if constexpr (std::is_same_v<T, ActivityCounts>) {
      if (a[i].dau != b[i].dau || a[i].wau != b[i].wau || a[i].mau != b[i].mau ||
          !same(std::vector<double>{a[i].stickiness}, std::vector<double>{b[i].stickiness})) return false;
    } else {
      if (!(a[i] == b[i])) return false;
    }
  }
  return true;
}

void expect_level(const LevelMetrics& got, const LevelMetrics& want, const char* level) {
  SCOPED_TRACE(level);
  EXPECT_EQ(got.size, want.size);
  EXPECT_EQ(got.step_count, want.step_count);
  EXPECT_TRUE(same(got.steps, want.steps));
  EXPECT_TRUE(same(got.activation_rate, want.activation_rate));
  EXPECT_TRUE(same(got.activated_day, want.activated_day));
  EXPECT_TRUE(same(got.signup_day, want.signup_day));
  EXPECT_EQ(got.windows, want.windows);
  EXPECT_TRUE(same(got.raw, want.raw));
  EXPECT_TRUE(same(got.score, want.score));
  EXPECT_TRUE(same(got.trend, want.trend));
  EXPECT_TRUE(same(got.slope, want.slope));
  EXPECT_TRUE(same(got.reference, want.reference));
  EXPECT_TRUE(same(got.active_entities, want.active_entities));
  EXPECT_TRUE(same(got.event_offsets, want.event_offsets));
  EXPECT_TRUE(same(got.event_contributions, want.event_contributions));
  EXPECT_EQ(got.feature_count, want.feature_count);
  EXPECT_TRUE(same(got.feature_used, want.feature_used));
  EXPECT_TRUE(same(got.feature_used_all_time, want.feature_used_all_time));
  EXPECT_TRUE(same(got.adoption_rate, want.adoption_rate));
  EXPECT_TRUE(same(got.adoption_rate_all_time, want.adoption_rate_all_time));
}

void expect_metrics(const Metrics& got, const Metrics& want) {
  EXPECT_EQ(got.as_of_day, want.as_of_day);
  EXPECT_EQ(got.window_days, want.window_days);
  EXPECT_EQ(got.adoption_window_days, want.adoption_window_days);
  EXPECT_EQ(got.account_steps, want.account_steps);
  EXPECT_EQ(got.user_steps, want.user_steps);
  expect_level(got.accounts, want.accounts, "accounts");
  expect_level(got.users, want.users, "users");
  EXPECT_TRUE(same(got.account_users, want.account_users));
  EXPECT_TRUE(same(got.activated_users, want.activated_users));
  EXPECT_TRUE(same(got.median_user_activation, want.median_user_activation));
  EXPECT_TRUE(same(got.user_contribution_offsets, want.user_contribution_offsets));
  EXPECT_TRUE(same(got.user_contributions, want.user_contributions));
  EXPECT_TRUE(same(got.account_activity, want.account_activity));
  EXPECT_TRUE(same(got.seat_penetration, want.seat_penetration));
  EXPECT_TRUE(same(std::vector<ActivityCounts>{got.overall}, std::vector<ActivityCounts>{want.overall}));
  EXPECT_EQ(got.active_accounts_day, want.active_accounts_day);
  EXPECT_EQ(got.active_accounts_week, want.active_accounts_week);
  EXPECT_EQ(got.active_accounts_month, want.active_accounts_month);
}

TEST(ReferenceMetrics, OptimisedPassEqualsTheDefinitions) {
  Rng rng{2024};
  // Also re-scored into one Metrics kept across rounds (the overload that reuses its vectors):
  // whatever the previous round left in it (other sizes, steps, windows), the result is the same.
  Metrics reused;
  for (int round = 0; round < 300; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const Aggregates ag = random_aggregates(rng);
    const Model model = random_model(rng, ag);
    int32_t as_of = default_as_of_day(ag);
    if (rng.chance(40)) as_of -= static_cast<int32_t>(rng.below(60));  // inside or before the data
    const Metrics got = compute_metrics(ag, model, as_of);
    const Metrics want = Reference{ag, model, as_of, {}}.run();
    expect_metrics(got, want);
    compute_metrics(ag, model, as_of, reused);
    {
      SCOPED_TRACE("reused Metrics");
      expect_metrics(reused, want);
    }
    if (::testing::Test::HasFailure()) break;
  }
}

// Logs longer than one DayLog chunk: the pass reads them as several spans, with the same
// results as the definitions.
TEST(ReferenceMetrics, OptimisedPassOverChunkedLogsEqualsTheDefinitions) {
  Rng rng{77};
  int chunked = 0;
  for (int round = 0; round < 4; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const Aggregates ag = random_aggregates(rng, true);
    chunked += ag.user_days.size() > DayLog::kChunkSize;
    const Model model = random_model(rng, ag);
    int32_t as_of = default_as_of_day(ag);
    if (round % 2 == 1) as_of -= static_cast<int32_t>(rng.below(60));
    expect_metrics(compute_metrics(ag, model, as_of), Reference{ag, model, as_of, {}}.run());
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(chunked, 0);
}

// On several threads the log pass cuts the users' pass into ranges of users, each reading its
// users' entries of every day (core/src/metrics/scan.cpp): the same results as one thread, bit
// for bit, with tens of thousands of users (enough ranges) and account steps that count
// distinct users (each range queues its own candidates).
TEST(ReferenceMetrics, LogPassOnThreadsEqualsOneThread) {
  Rng rng{4242};
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const Aggregates ag = random_aggregates(rng, true, 20000 + rng.below(10000));
    Model model = random_model(rng, ag);
    for (const int min_users : {2, 3}) {
      ActivationStep step;
      step.id = "users" + std::to_string(min_users);
      step.events = some_events(rng, ag);
      step.min_users = min_users;
      if (min_users == 3) step.window_days = 30;
      model.activation.steps.push_back(step);
    }
    const int32_t as_of = default_as_of_day(ag) - static_cast<int32_t>(round == 2 ? rng.below(40) : 0);
    Metrics one;
    compute_metrics(ag, model, as_of, one, 1);
    for (const unsigned threads : {2u, 3u, 7u}) {
      Metrics many;
      compute_metrics(ag, model, as_of, many, threads);
      expect_metrics(many, one);
    }
    if (::testing::Test::HasFailure()) break;
  }
}

// The entity-major cache (metrics_cache.hpp) re-scores one Aggregates under many models: each
// result equals the definitions and, bit for bit, the pass over the logs. Random windows,
// steps, features, methods and as-of days (inside, before and after the data); one cache per
// Aggregates, one Metrics reused across every call.
TEST(ReferenceMetrics, CachedPassEqualsTheDefinitionsAndTheLogPass) {
  Rng rng{4711};
  Metrics reused;
  for (int round = 0; round < 60; ++round) {
    const Aggregates ag = random_aggregates(rng);
    const MetricsCache cache(ag);
    for (int rescore = 0; rescore < 5; ++rescore) {
      SCOPED_TRACE("round " + std::to_string(round) + ", re-score " + std::to_string(rescore));
      const Model model = random_model(rng, ag);
      int32_t as_of = default_as_of_day(ag);
      if (rng.chance(40)) as_of -= static_cast<int32_t>(rng.below(60));
      if (rng.chance(10)) as_of += static_cast<int32_t>(rng.below(20));
      compute_metrics(ag, cache, model, as_of, reused);
      expect_metrics(reused, Reference{ag, model, as_of, {}}.run());
      expect_metrics(reused, compute_metrics(ag, model, as_of));
      if (::testing::Test::HasFailure()) return;
    }
  }
}

// The same over logs of several DayLog chunks and thousands of entities; the cache built in
// blocks of entities of every size from one entity's DayCounts to the whole log gives the same
// cache.
TEST(ReferenceMetrics, CachedPassOverChunkedLogsEqualsTheLogPass) {
  Rng rng{99};
  const std::size_t blocks[] = {1, 1000, 70000, MetricsCache::kBlockEntries};
  for (int round = 0; round < 3; ++round) {
    const Aggregates ag = random_aggregates(rng, true);
    const MetricsCache cache(ag, blocks[round + 1]);
    const MetricsCache whole(ag, ag.user_days.size() + ag.account_days.size());
    std::vector<const MetricsCache*> others{&whole};
    std::optional<MetricsCache> single;  // one read of the log per entity: slow, so once
    if (round == 0) others.push_back(&single.emplace(ag, blocks[0]));
    for (const MetricsCache* other : others) {
      EXPECT_EQ(cache.users().runs.size(), other->users().runs.size());
      EXPECT_EQ(cache.users().cumulative, other->users().cumulative);
      EXPECT_EQ(cache.users().days, other->users().days);
      EXPECT_EQ(cache.accounts().cumulative, other->accounts().cumulative);
      EXPECT_EQ(cache.users().run_offsets, other->users().run_offsets);
    }
    for (int rescore = 0; rescore < 3; ++rescore) {
      SCOPED_TRACE("round " + std::to_string(round) + ", re-score " + std::to_string(rescore));
      const Model model = random_model(rng, ag);
      int32_t as_of = default_as_of_day(ag);
      if (rescore == 1) as_of -= static_cast<int32_t>(rng.below(60));
      Metrics got;
      compute_metrics(ag, cache, model, as_of, got);
      expect_metrics(got, compute_metrics(ag, model, as_of));
      if (::testing::Test::HasFailure()) return;
    }
  }
}

// The importance-only re-score (engagement_counts.hpp): a result of one model, re-scored for
// the same model with other importances (and half the time another normalisation) from the
// windows' counts, equals the definitions and, bit for bit, the pass over the logs for the new
// model. Random everything else (steps,
// features, methods but recency decay, windows, as-of days); the active events are listed so
// that only engagement changes; zero and non-zero importances both ways.
TEST(ReferenceMetrics, ImportanceOnlyRescoreEqualsTheDefinitionsAndTheLogPass) {
  Rng rng{2026};
  int rescored = 0;
  for (int round = 0; round < 50; ++round) {
    const bool big = round % 10 == 9;  // thousands of entities: against the log pass only
    const Aggregates ag = random_aggregates(rng, big);
    const MetricsCache cache(ag);
    Model model = random_model(rng, ag);
    if (model.engagement.normalization.method == NormalizationMethod::recency_decay) {
      model.engagement.normalization.method = NormalizationMethod::p90;
    }
    model.activity.active_events = some_events(rng, ag);
    int32_t as_of = default_as_of_day(ag);
    if (rng.chance(40)) as_of -= static_cast<int32_t>(rng.below(60));
    Metrics metrics;
    compute_metrics(ag, cache, model, as_of, metrics);
    const EngagementCounts counts(ag, cache, model, as_of);
    EXPECT_TRUE(counts.serves(cache, model, as_of));
    for (int rescore = 0; rescore < 4; ++rescore) {
      SCOPED_TRACE("round " + std::to_string(round) + ", re-score " + std::to_string(rescore));
      Model next = model;
      for (const std::string& name : ag.event_names) {
        if (rng.chance(60)) next.engagement.importance[name] = static_cast<int>(rng.below(11));
      }
      next.engagement.default_importance = static_cast<int>(rng.below(3));
      // The normalisation too, but for recency decay (which the counts cannot serve).
      if (rng.chance(50)) {
        next.engagement.normalization.method = static_cast<NormalizationMethod>(rng.below(3));
        next.engagement.normalization.percentile = 1 + rng.below(100);
        next.engagement.normalization.lifespan_days = 1 + static_cast<int>(rng.below(30));
      }
      ASSERT_NE(next.engagement.normalization.method, NormalizationMethod::recency_decay);
      // A negative importance (a C++ caller's: the JSON model allows 0..10) orders the
      // contributions by the comparison instead of packed keys.
      if (rescore == 3 && round % 2 == 0) next.engagement.importance[ag.event_names[0]] = -3;
      ASSERT_TRUE(only_importances_or_normalisation_differ(ag, model, next));
      ASSERT_TRUE(rescore_engagement(ag, cache, counts, next, metrics));
      ++rescored;
      if (!big) expect_metrics(metrics, Reference{ag, next, as_of, {}}.run());
      expect_metrics(metrics, compute_metrics(ag, next, as_of));
      if (::testing::Test::HasFailure()) return;
      model = next;
    }
  }
  EXPECT_EQ(rescored, 200);
}

// Counts kept in 16 bits, and those of 65535 and more kept whole beside them: big window counts
// re-score to the log pass's results too.
TEST(ReferenceMetrics, ImportanceOnlyRescoreKeepsLargeCountsWhole) {
  Aggregates ag;
  ag.event_names = {"a", "b", "c"};
  ag.accounts.resize(2);
  ag.accounts[0].id = "x", ag.accounts[1].id = "y";
  ag.users.resize(2);
  ag.users[0] = {"u", 0}, ag.users[1] = {"v", 1};
  // (entity, event, day, count): a window count of exactly 65535, one of 70000 split over two
  // days, one past 2^16 in a day, and small ones around them.
  const std::vector<std::tuple<uint32_t, uint16_t, int32_t, uint32_t>> rows = {
      {0, 0, kFirst, 65535}, {0, 1, kFirst, 3}, {0, 1, kFirst + 8, 35000}, {0, 1, kFirst + 9, 35000},
      {1, 2, kFirst + 9, 100000}, {1, 0, kFirst + 9, 1}, {0, 2, kFirst + 10, 65534}};
  for (const auto& [entity, event, day, count] : rows) {
    const DayCount d{entity, event, static_cast<uint16_t>(day), count};
    ag.user_days.push_back(d);
    ag.account_days.push_back(d);
  }
  for (DayLog* log : {&ag.user_days, &ag.account_days}) {
    std::sort(log->begin(), log->end(), [](const DayCount& x, const DayCount& y) {
      return std::tie(x.day, x.entity, x.event) < std::tie(y.day, y.entity, y.event);
    });
  }
  const MetricsCache cache(ag);
  Model model;
  model.engagement.importance = {{"a", 1}, {"b", 2}, {"c", 3}};
  model.engagement.window_days = 4;
  model.engagement.history_windows = 3;
  model.activity.active_events = std::vector<std::string>{"a"};
  const int32_t as_of = kFirst + 10;
  Metrics metrics;
  compute_metrics(ag, cache, model, as_of, metrics);
  const EngagementCounts counts(ag, cache, model, as_of);
  EXPECT_EQ(counts.users().overflow.size(), 3u);  // 65535, 70000 and 100000
  for (const int b : {7, 10, 0}) {
    Model next = model;
    next.engagement.importance["b"] = b;
    ASSERT_TRUE(rescore_engagement(ag, cache, counts, next, metrics));
    expect_metrics(metrics, Reference{ag, next, as_of, {}}.run());
    expect_metrics(metrics, compute_metrics(ag, next, as_of));
  }
}

// same_metrics_inputs (metrics.hpp) lets a Session keep the last metrics: every part of the model
// outside the metrics' inputs is changed here, and the metrics of random aggregates stay those
// of the definitions for the first model, bit for bit (rescore_path_choice_test.cpp checks
// that a change to any input is seen).
TEST(ReferenceMetrics, ModelsWithTheSameMetricsInputsHaveTheSameMetrics) {
  Rng rng{77};
  for (int round = 0; round < 60; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const Aggregates ag = random_aggregates(rng);
    const Model model = random_model(rng, ag);
    Model other = model;
    other.name = "other";
    other.version = "2";
    other.communication.active_min_count += 3;
    other.deal_size.pql_activation = {10, 20, 30};
    other.deal_size.mid_min_employees = 5;
    other.segments.trial.trial_length_days += 9;
    other.segments.product_led.top_accounts = 3;
    other.personas.activation_levels.high -= 20;
    other.personas.probabilities[0] = 0.5;
    other.personas.shape.min_trial_days += 2;
    other.rollup.key = "company";
    other.signals.invite_events = {"invite"};
    other.priority = PriorityWeights{1, 2, 3, 4};
    other.calibration.fitted = !model.calibration.fitted;
    // Steps and features renamed: the metrics know them by index.
    for (ActivationStep& step : other.activation.steps) step.id += "_renamed", step.label = "Renamed " + step.label;
    for (Feature& feature : other.adoption.key_features) feature.id += "_renamed", feature.label = "Renamed";
    ASSERT_TRUE(same_metrics_inputs(model, other));
    ASSERT_FALSE(model == other);
    const int32_t as_of = resolve_as_of_day(ag, model);
    const Metrics want = Reference{ag, model, as_of, {}}.run();
    expect_metrics(compute_metrics(ag, other, as_of), want);
  }
}

// A cache is only ever read with the Aggregates it was built from, and it holds each entity's
// DayCounts by event, then day, with cumulative counts (written out by hand below).
TEST(ReferenceMetrics, CacheRefusesOtherAggregatesAndHoldsCumulativeRuns) {
  Aggregates ag;
  ag.event_names = {"a", "b"};
  ag.accounts.resize(2);
  ag.users.resize(3);
  ag.user_days = {{2, 1, kFirst, 4}, {0, 0, kFirst, 1}, {2, 0, kFirst + 1, 2}, {0, 1, kFirst + 3, 7},
                  {0, 0, kFirst + 5, 2}};
  ag.account_days = {{1, 0, kFirst, 5}};
  std::sort(ag.user_days.begin(), ag.user_days.end(), [](const DayCount& x, const DayCount& y) {
    return std::tie(x.day, x.entity, x.event) < std::tie(y.day, y.entity, y.event);
  });
  const MetricsCache cache(ag);
  EXPECT_TRUE(cache.built_from(ag));
  const EntityRuns& users = cache.users();
  EXPECT_EQ(users.run_offsets, (std::vector<uint64_t>{0, 2, 2, 4}));
  EXPECT_EQ(users.entry_offsets, (std::vector<uint64_t>{0, 3, 3, 5}));
  ASSERT_EQ(users.runs.size(), 4u);
  // User 0: event a on days 0 and 5 (1, then 2 more), event b on day 3 (7).
  EXPECT_EQ(users.runs[0].event, 0);
  EXPECT_EQ(users.runs[0].first_day, kFirst);
  EXPECT_EQ(users.runs[0].last_day, kFirst + 5);
  EXPECT_EQ(users.runs[0].days, 2);
  EXPECT_EQ(users.runs[1].event, 1);
  // User 2: event a on day 1 (2), event b on day 0 (4).
  EXPECT_EQ(users.runs[2].event, 0);
  EXPECT_EQ(users.runs[3].first_day, kFirst);
  EXPECT_EQ(users.days, (std::vector<uint16_t>{kFirst, kFirst + 5, kFirst + 3, kFirst + 1, kFirst}));
  EXPECT_EQ(users.cumulative, (std::vector<uint32_t>{1, 3, 7, 2, 4}));
  EXPECT_EQ(users.total_count, 16u);
  EXPECT_FALSE(users.saturated);
  const Aggregates copy = ag;
  Metrics out;
  EXPECT_FALSE(cache.built_from(copy));
  EXPECT_THROW(compute_metrics(copy, cache, Model{}, kFirst, out), std::invalid_argument);
  ag.user_days.push_back({1, 0, kFirst + 4, 1});
  EXPECT_FALSE(cache.built_from(ag));
}

}  // namespace
}  // namespace pqlscope
