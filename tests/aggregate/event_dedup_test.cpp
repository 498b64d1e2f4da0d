// Duplicate detection in EventAggregator covers the whole input: an id seen on a day that was
// closed long ago, or before the switch to unordered mode, is still a duplicate. Expected counts
// are worked out from the construction of the input (each distinct id is one event).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

constexpr int64_t kDay0 = int64_t{19723} * kMillisPerDay;  // 2024-01-01

EventKey id(uint64_t n) { return {EventKey::Kind::message_id, n * 0x9E3779B97F4A7C15ULL}; }

uint64_t total_count(const DayLog& log) {
  uint64_t n = 0;
  for (const DayCount& d : log) n += d.count;
  return n;
}

TEST(EventDedup, AnIdSeenOnADayClosedLongAgoIsADuplicate) {
  EventAggregator agg;
  // Days 0..39, one event each, ids 0..39: far more days than are kept open.
  for (int d = 0; d < 40; ++d) {
    ASSERT_EQ(agg.add_event(kDay0 + d * kMillisPerDay, "acme", "u1", "login", id(d)),
              EventAggregator::AddResult::added);
  }
  // A second export of days 5..39 (ordered too): every one of them is a duplicate, including
  // those of days closed 30 days ago.
  for (int d = 5; d < 40; ++d) {
    EXPECT_EQ(agg.add_event(kDay0 + d * kMillisPerDay, "acme", "u1", "login", id(d)),
              EventAggregator::AddResult::duplicate) << d;
  }
  EXPECT_EQ(agg.duplicate_ids(), 35u);
  EXPECT_EQ(agg.events(), 40u);
  const Aggregates a = agg.finish();
  EXPECT_EQ(a.account_days.size(), 40u);
  EXPECT_EQ(total_count(a.account_days), 40u);
  EXPECT_EQ(a.accounts[0].events, 40u);
}

TEST(EventDedup, IdsAreFoundAcrossTheSwitchToUnorderedMode) {
  EventAggregator agg;
  // Pass 0: ids 0..299, one per day on 300 days in a shuffled order (no day revisited yet).
  // Pass 1: ids 300..599 on the same days, shuffled again: the input keeps returning to closed
  // days and the aggregator gives up its day tables (more than kReopenLimit reopened days).
  // Pass 2: all 600 ids again: every one is a duplicate, from before the switch or after it.
  std::vector<int> days(300);
  for (int d = 0; d < 300; ++d) days[d] = d;
  std::mt19937_64 rng(5);
  for (int pass = 0; pass < 4; ++pass) {
    std::shuffle(days.begin(), days.end(), rng);
    for (int d : days) {
      const uint64_t n = static_cast<uint64_t>(d) + (pass % 2 == 1 ? 300 : 0);
      const auto expected = pass < 2 ? EventAggregator::AddResult::added : EventAggregator::AddResult::duplicate;
      ASSERT_EQ(agg.add_event(kDay0 + d * kMillisPerDay + 1000, "acme", "", "e", id(n)), expected) << pass << " " << d;
    }
    if (pass == 0) EXPECT_FALSE(agg.unordered_mode());
  }
  EXPECT_TRUE(agg.unordered_mode());
  EXPECT_EQ(agg.events(), 600u);
  EXPECT_EQ(agg.duplicate_ids(), 600u);
  const Aggregates a = agg.finish();
  ASSERT_EQ(a.account_days.size(), 300u);
  for (const DayCount& d : a.account_days) EXPECT_EQ(d.count, 2u);
}

TEST(EventDedup, RowsWithoutAKeyAreAlwaysCounted) {
  EventAggregator agg;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(agg.add_event(kDay0, "acme", "u1", "click", {}), EventAggregator::AddResult::added);
    // Row-text keys count only when identical rows are dropped (off by default).
    EXPECT_EQ(agg.add_event(kDay0, "acme", "u1", "click", {EventKey::Kind::row_text, 77}),
              EventAggregator::AddResult::added);
  }
  EXPECT_EQ(agg.events(), 6u);
  EXPECT_EQ(agg.identical_rows(), 0u);
}

TEST(EventDedup, IdenticalRowsAreDroppedOnlyWhenAsked) {
  EventAggregator agg;
  agg.set_drop_identical_rows(true);
  const EventKey row{EventKey::Kind::row_text, 77};
  EXPECT_EQ(agg.add_event(kDay0, "acme", "u1", "click", row), EventAggregator::AddResult::added);
  // The same row 30 days later in the input (its day long closed) is still identical.
  for (int d = 1; d <= 30; ++d) agg.add_event(kDay0 + d * kMillisPerDay, "acme", "u1", "click", {});
  EXPECT_EQ(agg.add_event(kDay0, "acme", "u1", "click", row), EventAggregator::AddResult::duplicate);
  // Row-text and message-id hashes are separate sets: equal numbers do not collide.
  EXPECT_EQ(agg.add_event(kDay0, "acme", "u1", "click", {EventKey::Kind::message_id, 77}),
            EventAggregator::AddResult::added);
  EXPECT_EQ(agg.identical_rows(), 1u);
  EXPECT_EQ(agg.duplicate_ids(), 0u);
  EXPECT_EQ(agg.events(), 32u);
}

}  // namespace
}  // namespace pqlscope
