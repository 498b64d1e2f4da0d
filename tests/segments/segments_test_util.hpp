// Helpers for the segments tests: hand-built Aggregates + Metrics (exact control of every number
// at a rule's boundary) and ingest of small CSV texts (end to end).
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "metrics/metrics_test_util.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/segments/segment_report.hpp"

namespace pqlscope::segments_test {

using metrics_test::at;
using metrics_test::rows;
using metrics_test::step;
using metrics_test::feature;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr int32_t kDay0 = 19783;  // 2024-03-01
inline int64_t ms(int32_t day) { return int64_t{day} * kMillisPerDay + 12 * 3600 * 1000; }

// A hand-built world: accounts with infos, users, and Metrics whose numbers the test sets.
// Every account exists (signup_day = as_of - 1 unless set), engagement has 2 windows.
struct World {
  Aggregates aggregates;
  Metrics metrics;
  Model model;

  explicit World(int32_t as_of = kDay0 + 30) { metrics.as_of_day = as_of; metrics.adoption_window_days = 30; }

  uint32_t account(std::string id, AccountInfo info = {}, int32_t signup_day = kNoDay) {
    const uint32_t a = static_cast<uint32_t>(aggregates.accounts.size());
    AccountRecord r;
    r.id = std::move(id);
    r.in_accounts_file = true;
    r.info = std::move(info);
    aggregates.accounts.push_back(std::move(r));
    LevelMetrics& m = metrics.accounts;
    m.size = a + 1;
    m.windows = 2;
    m.activation_rate.push_back(kNaN);
    m.activated_day.push_back(kNoDay);
    m.signup_day.push_back(signup_day == kNoDay ? metrics.as_of_day - 1 : signup_day);
    m.score.insert(m.score.end(), {0.0, 0.0});
    m.raw.insert(m.raw.end(), {0.0, 0.0});
    m.trend.push_back(0);
    m.slope.push_back(0);
    m.adoption_rate.push_back(kNaN);
    m.adoption_rate_all_time.push_back(kNaN);
    metrics.seat_penetration.push_back(kNaN);
    metrics.account_activity.push_back({});
    return a;
  }

  uint32_t user(std::string id, uint32_t account, double previous, double latest) {
    const uint32_t u = static_cast<uint32_t>(aggregates.users.size());
    UserRecord r;
    r.id = std::move(id);
    r.account = account;
    aggregates.users.push_back(std::move(r));
    LevelMetrics& m = metrics.users;
    m.size = u + 1;
    m.windows = 2;
    m.score.insert(m.score.end(), {previous, latest});
    m.trend.push_back(latest - previous);
    return u;
  }

  void engagement(uint32_t a, double previous, double latest) {
    metrics.accounts.score[2 * a] = previous;
    metrics.accounts.score[2 * a + 1] = latest;
    metrics.accounts.trend[a] = latest - previous;
  }
  void activation(uint32_t a, double rate) { metrics.accounts.activation_rate[a] = rate; }

  SegmentReport segments() const { return compute_segments(aggregates, model, metrics); }
};

inline AccountInfo info(Plan plan, int64_t employees = -1) {
  AccountInfo i;
  i.plan = plan;
  i.employees = employees;
  return i;
}

// Whether the report's segment `id` lists the account.
inline bool in(const SegmentReport& r, std::string_view id, uint32_t account) {
  const Segment* s = r.find(id);
  return s != nullptr && s->contains(account);
}
inline std::string reason(const SegmentReport& r, std::string_view id, uint32_t account) {
  const Segment* s = r.find(id);
  const SegmentMember* m = s ? s->find(account) : nullptr;
  return m ? m->reason : std::string("<not a member>");
}

// Events CSV rows ("timestamp,account_id,user_id,event") + optional accounts and communications
// files (with their headers).
inline Aggregates ingest(std::string_view event_rows, std::string_view accounts_csv = {},
                         std::string_view communications_csv = {}) {
  Ingestor in;
  in.begin_file("events.csv");
  in.feed("timestamp,account_id,user_id,event\n");
  in.feed(event_rows);
  in.end_file();
  if (!accounts_csv.empty()) {
    in.begin_file("accounts.csv", {.kind = FileKind::accounts});
    in.feed(accounts_csv);
    in.end_file();
  }
  if (!communications_csv.empty()) {
    in.begin_file("communications.csv", {.kind = FileKind::communications});
    in.feed(communications_csv);
    in.end_file();
  }
  return in.finish();
}

}  // namespace pqlscope::segments_test
