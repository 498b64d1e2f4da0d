// EventAggregator at a size where its logs span several DayLog chunks, against counts made
// with std::map: time-ordered input (no final sort), events without an account (the merge of
// the re-keyed log into the account log), and input in no order (unordered mode, full sort).
#include "pqlscope/aggregate/event_aggregator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

struct Event {
  int64_t millis;
  std::string account, user, event;
};

using Groups = std::map<std::tuple<int32_t, std::string, std::string>, uint32_t>;  // (day, entity, event)

void check(const std::vector<Event>& events, bool expect_unordered) {
  EventAggregator agg;
  uint64_t id = 0;
  for (const Event& e : events) {
    ASSERT_EQ(agg.add_event(e.millis, e.account, e.user, e.event, {EventKey::Kind::message_id, ++id}),
              EventAggregator::AddResult::added);
  }
  EXPECT_EQ(agg.unordered_mode(), expect_unordered);
  const Aggregates a = agg.finish();

  // The reference: a user's home account is the first it was seen with; a user never seen with
  // one is an account of its own.
  std::map<std::string, std::string> home;
  for (const Event& e : events) {
    if (!e.account.empty() && !e.user.empty()) home.emplace(e.user, e.account);
  }
  Groups accounts, users;
  for (const Event& e : events) {
    const int32_t day = day_of_millis(e.millis);
    if (!e.user.empty()) ++users[{day, e.user, e.event}];
    if (!e.account.empty()) {
      ++accounts[{day, e.account, e.event}];
    } else {
      const auto h = home.find(e.user);
      ++accounts[{day, h == home.end() ? e.user : h->second, e.event}];
    }
  }
  auto groups_of = [&](const DayLog& log, bool user_level) {
    Groups out;
    for (const DayCount& d : log) {
      const std::string& id = user_level ? a.users[d.entity].id : a.accounts[d.entity].id;
      out[{d.day, id, a.event_names[d.event]}] += d.count;
    }
    return out;
  };
  auto day_entity_event = [](const DayCount& x, const DayCount& y) {
    return std::tie(x.day, x.entity, x.event) < std::tie(y.day, y.entity, y.event);
  };
  ASSERT_GT(a.account_days.size(), DayLog::kChunkSize);
  ASSERT_GT(a.user_days.size(), DayLog::kChunkSize);
  EXPECT_TRUE(std::is_sorted(a.account_days.begin(), a.account_days.end(), day_entity_event));
  EXPECT_TRUE(std::is_sorted(a.user_days.begin(), a.user_days.end(), day_entity_event));
  EXPECT_EQ(std::adjacent_find(a.account_days.begin(), a.account_days.end(),
                               [&](const DayCount& x, const DayCount& y) { return !day_entity_event(x, y); }),
            a.account_days.end());
  EXPECT_EQ(a.account_days.size(), accounts.size());
  EXPECT_EQ(a.user_days.size(), users.size());
  EXPECT_TRUE(groups_of(a.account_days, false) == accounts);
  EXPECT_TRUE(groups_of(a.user_days, true) == users);
}

std::vector<Event> generated(std::size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Event> events;
  const int64_t start = int64_t{19800} * kMillisPerDay;
  for (std::size_t i = 0; i < n; ++i) {
    Event e;
    e.millis = start + static_cast<int64_t>(i) * (40 * kMillisPerDay / static_cast<int64_t>(n));
    const uint64_t u = rng() % 3000;
    e.user = rng() % 10 == 0 ? std::string() : "u" + std::to_string(u);
    // A fifth of the events name no account; users 2900+ never name one (accounts of their own).
    if (!e.user.empty() && (rng() % 5 == 0 || u >= 2900)) {
      e.account.clear();
    } else {
      e.account = "a" + std::to_string(rng() % 7 == 0 ? rng() % 400 : u % 400);
    }
    e.event = "e" + std::to_string(rng() % 12);
    events.push_back(std::move(e));
  }
  return events;
}

TEST(EventAggregatorLogs, TimeOrderedInputOverSeveralChunks) { check(generated(400000, 1), false); }

TEST(EventAggregatorLogs, UnorderedInputOverSeveralChunks) {
  std::vector<Event> events = generated(400000, 2);
  std::shuffle(events.begin(), events.end(), std::mt19937_64(3));
  check(events, true);
}

}  // namespace
}  // namespace pqlscope
