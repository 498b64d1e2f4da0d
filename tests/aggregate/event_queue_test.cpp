// EventAggregator::queue_event (the ingest's batched loads, docs/performance.md, "Batched
// loads") must give what add_event gives one event at a time: the same ids in order of first
// appearance, the same duplicates, the same counts. The small cases' expected values are worked
// out by hand from their input; the long mixed input is compared with add_event, the
// unbatched path every other test pins down.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/common/prefetch.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

constexpr int64_t kDay0 = int64_t{19723} * kMillisPerDay;  // 2024-01-01

EventKey id(uint64_t n) { return {EventKey::Kind::message_id, n * 0x9E3779B97F4A7C15ULL}; }

using Queued = EventAggregator::QueueResult;

TEST(EventQueue, DuplicatesInsideTheQueueAndAfterItAreFound) {
  EventAggregator agg;
  // ids 0..9, then 5 again while the first 5 is still queued (the queue holds 16), then 30
  // new ids (the first ones are added meanwhile), then 0 again, long after it was added.
  for (uint64_t n = 0; n < 10; ++n) ASSERT_EQ(agg.queue_event(kDay0, "acme", "u1", "login", id(n)), Queued::queued);
  ASSERT_EQ(agg.queue_event(kDay0, "acme", "u1", "login", id(5)), Queued::queued);
  for (uint64_t n = 10; n < 40; ++n) ASSERT_EQ(agg.queue_event(kDay0, "acme", "u1", "login", id(n)), Queued::queued);
  ASSERT_EQ(agg.queue_event(kDay0, "acme", "u1", "login", id(0)), Queued::queued);
  agg.flush_queued();
  const EventAggregator::Settled settled = agg.take_settled();
  EXPECT_EQ(settled.added, 40u);
  EXPECT_EQ(settled.duplicates, 2u);
  EXPECT_EQ(agg.events(), 40u);
  EXPECT_EQ(agg.duplicate_ids(), 2u);
  EXPECT_EQ(agg.take_settled().added, 0u);  // taken once
}

TEST(EventQueue, CountersIncludeAQueuedEventOnlyAfterAFlush) {
  EventAggregator agg;
  for (int i = 0; i < 3; ++i) agg.queue_event(kDay0 + i, "acme", "u1", "login");
  EXPECT_EQ(agg.events(), 0u);  // fewer than the queue holds: none added yet
  agg.flush_queued();
  EXPECT_EQ(agg.events(), 3u);
}

TEST(EventQueue, ARollupRowAddsItsEventsOnlyWhenItsFirstIsNew) {
  EventAggregator agg;
  agg.queue_event(kDay0, "acme", "u1", "export", id(1), 3);
  agg.queue_event(kDay0, "acme", "u1", "export", id(1), 3);  // the same row again: a duplicate
  agg.queue_event(kDay0, "acme", "u1", "export", id(2), 2);
  agg.flush_queued();
  const EventAggregator::Settled settled = agg.take_settled();
  EXPECT_EQ(settled.added, 2u);
  EXPECT_EQ(settled.duplicates, 1u);
  EXPECT_EQ(agg.events(), 5u);  // 3 + 2
  const Aggregates a = agg.finish();
  ASSERT_EQ(a.account_days.size(), 1u);
  EXPECT_EQ(a.account_days.begin()->count, 5u);
}

TEST(EventQueue, NamesAreNumberedInInputOrderAcrossOtherCalls) {
  EventAggregator agg;
  // Queued users u-a, u-b; a group call names u-c (it must follow them, though u-a and u-b are
  // still queued when it arrives); then u-d queued, and u-b again. Accounts likewise: the
  // group call's account "beta" follows the queued "alpha", and a name longer than an
  // interner slot holds (17+ bytes) is kept by the queue's copy.
  agg.queue_event(kDay0, "alpha", "u-a", "login");
  agg.queue_event(kDay0, "alpha", "u-b", "login");
  agg.add_membership("u-c", "beta");
  agg.queue_event(kDay0, "an-account-with-a-long-id", "u-d", "login");
  agg.queue_event(kDay0, "alpha", "u-b", "login");
  const Aggregates a = agg.finish();
  ASSERT_EQ(a.users.size(), 4u);
  EXPECT_EQ(a.users[0].id, "u-a");
  EXPECT_EQ(a.users[1].id, "u-b");
  EXPECT_EQ(a.users[2].id, "u-c");
  EXPECT_EQ(a.users[3].id, "u-d");
  EXPECT_EQ(a.users[1].events, 2u);
  ASSERT_EQ(a.accounts.size(), 3u);
  EXPECT_EQ(a.accounts[0].id, "alpha");
  EXPECT_EQ(a.accounts[1].id, "beta");
  EXPECT_EQ(a.accounts[2].id, "an-account-with-a-long-id");
  EXPECT_EQ(a.accounts[0].events, 3u);
}

TEST(EventQueue, TheNameOverTheLimitIsRefusedAtOnce) {
  EventAggregator agg;
  for (size_t i = 0; i < EventAggregator::kMaxEventNames; ++i) {
    ASSERT_EQ(agg.queue_event(kDay0, "acme", "u1", "e" + std::to_string(i)), Queued::queued);
  }
  EXPECT_EQ(agg.queue_event(kDay0, "acme", "u1", "one-too-many", id(7)), Queued::too_many_event_names);
  EXPECT_EQ(agg.queue_event(kDay0, "acme", "u1", "e0", id(7)), Queued::queued);  // known names still pass
  agg.flush_queued();
  // The refused row left no id behind: id 7 was new for the row after it.
  EXPECT_EQ(agg.take_settled().duplicates, 0u);
  EXPECT_EQ(agg.events(), EventAggregator::kMaxEventNames + 1);
}

// A mixed input: 3,000 events over 50 accounts (some with ids too long for an interner slot)
// and 400 users, some without an account or a user, ids repeating, days jumping back and forth,
// a group call now and then. Queued or added one by one, the aggregates are the same.
TEST(EventQueue, AMixedInputGivesWhatAddEventGives) {
  struct Row {
    int64_t millis;
    std::string account, user, event;
    EventKey key;
    bool membership;
  };
  std::mt19937_64 rng(12);
  std::vector<Row> rows;
  for (int i = 0; i < 3000; ++i) {
    Row r;
    r.millis = kDay0 + static_cast<int64_t>(rng() % 40) * kMillisPerDay + static_cast<int64_t>(rng() % 1000);
    const uint64_t a = rng() % 50;
    r.account = rng() % 10 == 0 ? "" : (a % 3 == 0 ? "account-with-a-long-id-" : "a") + std::to_string(a);
    r.user = r.account.empty() || rng() % 10 != 0 ? "u" + std::to_string(rng() % 400) : "";
    r.event = "e" + std::to_string(rng() % 12);
    r.key = rng() % 4 == 0 ? EventKey{} : id(rng() % 2500);
    r.membership = rng() % 50 == 0 && !r.account.empty() && !r.user.empty();
    rows.push_back(r);
  }
  EventAggregator one, queued;
  uint64_t added = 0, duplicates = 0;
  for (const Row& r : rows) {
    if (r.membership) {
      one.add_membership(r.user, r.account);
      queued.add_membership(r.user, r.account);
      continue;
    }
    const auto result = one.add_event(r.millis, r.account, r.user, r.event, r.key);
    (result == EventAggregator::AddResult::added ? added : duplicates) += 1;
    ASSERT_EQ(queued.queue_event(r.millis, r.account, r.user, r.event, r.key), Queued::queued);
  }
  queued.flush_queued();
  const EventAggregator::Settled settled = queued.take_settled();
  EXPECT_EQ(settled.added, added);
  EXPECT_EQ(settled.duplicates, duplicates);
  EXPECT_GT(duplicates, 100u);  // the input does exercise duplicates
  EXPECT_EQ(queued.reopened_days(), one.reopened_days());
  const Aggregates x = one.finish();
  const Aggregates y = queued.finish();
  EXPECT_EQ(x.event_names, y.event_names);
  ASSERT_EQ(x.accounts.size(), y.accounts.size());
  for (size_t i = 0; i < x.accounts.size(); ++i) {
    EXPECT_EQ(x.accounts[i].id, y.accounts[i].id);
    EXPECT_EQ(x.accounts[i].events, y.accounts[i].events);
    EXPECT_EQ(x.accounts[i].first_event_at, y.accounts[i].first_event_at);
    EXPECT_EQ(x.accounts[i].last_event_at, y.accounts[i].last_event_at);
  }
  ASSERT_EQ(x.users.size(), y.users.size());
  for (size_t i = 0; i < x.users.size(); ++i) {
    EXPECT_EQ(x.users[i].id, y.users[i].id);
    EXPECT_EQ(x.users[i].account, y.users[i].account);
    EXPECT_EQ(x.users[i].events, y.users[i].events);
    EXPECT_EQ(x.users[i].first_event_at, y.users[i].first_event_at);
    EXPECT_EQ(x.users[i].last_event_at, y.users[i].last_event_at);
    EXPECT_EQ(x.users[i].in_several_accounts, y.users[i].in_several_accounts);
  }
  EXPECT_TRUE(x.account_days == y.account_days);
  EXPECT_TRUE(x.user_days == y.user_days);
}

// WebAssembly's batched loads (common/prefetch.hpp): a full LoadBatch loads what it holds
// before it takes the next address, so a queue that asks for more lines than the batch was
// sized for is never written past (the ASan build checks the array), and loads every address.
TEST(LoadBatch, LoadsWhenFullAndGoesOn) {
  std::vector<unsigned char> lines(10, 7);
  LoadBatch<4> batch;
  for (int i = 0; i < 4; ++i) batch(&lines[i]);
  EXPECT_EQ(batch.size(), 4u);
  batch(&lines[4]);  // full: the first four are loaded
  EXPECT_EQ(batch.size(), 1u);
  for (int i = 5; i < 10; ++i) batch(&lines[i]);
  EXPECT_EQ(batch.size(), 2u);  // 4 + 4 loaded, 2 left
  batch.load_all();
  EXPECT_EQ(batch.size(), 0u);
  batch.load_all();  // nothing left: a no-op
  EXPECT_EQ(batch.size(), 0u);
}

}  // namespace
}  // namespace pqlscope
