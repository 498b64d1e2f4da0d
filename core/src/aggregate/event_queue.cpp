// EventAggregator::queue_event: the ingest's batched loads (docs/performance.md, "Batched
// loads"). Per event the ingest waits on four or five cache misses (the message-id set's
// partition header and then its data, the account's and the user's interner slots and then
// their records), each depending on the one before, and the rest of an event's work is far
// shorter than one miss. Asking for them when the event is queued and adding it kQueueDepth
// events later lets the misses of sixteen events overlap. Only loads move earlier: the events
// are added one by one in input order by the same code as add_event, so results are the same.
#include <algorithm>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/common/prefetch.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {

// Always inlined: GCC finds that a function which only prefetches has no effect (a prefetch
// changes nothing) and drops its calls, prefetches and all, unless they are inlined first.
template <class Hint>
[[gnu::always_inline]] inline void EventAggregator::prefetch_slots(const QueuedEvent& q, Hint&& hint) const {
  if (!q.account.empty()) accounts_.prefetch(q.account_key, hint);
  if (!q.user.empty()) users_.prefetch(q.user_key, hint);
  if (q.key.kind == EventKey::Kind::message_id) ids_.prefetch_partition(q.mixed, hint);
}

// Never inlined: inlined into queue_event, it made the native 1M CSV ingest a quarter slower
// (`perf stat -r 5 pqlscope ingest FILE --threads 1`: 347-367 against 271-291 ms of CPU).
template <class Hint>
[[gnu::noinline]] void EventAggregator::prefetch_records(const QueuedEvent& q, Hint&& hint) const {
  if (q.key.kind == EventKey::Kind::message_id) ids_.prefetch_place(q.mixed, hint);
  // A name new so far has no record yet (or an earlier queued event will make it): no hint.
  uint32_t account = StringInterner::kNotFound, user = StringInterner::kNotFound;
  if (!q.account.empty()) {
    account = accounts_.home_id(q.account_key);
    if (account < account_stats_.size()) hint_lines_of(account_stats_[account], hint);
  }
  if (!q.user.empty()) {
    user = users_.home_id(q.user_key);
    if (user < user_stats_.size()) hint_lines_of(user_stats_[user], hint);
  }
  // The group counters' slots, when the event falls on the day counted last (time-ordered
  // input: almost always) or in the unordered mode's whole-input tables.
  const int32_t day = day_of_millis(q.millis);
  auto group = [&](uint32_t entity) {
    return unordered_mode_ ? (static_cast<uint64_t>(entity) << 32) | (static_cast<uint64_t>(q.event) << 16) |
                                 static_cast<uint64_t>(day)
                           : (static_cast<uint64_t>(entity) << 16) | q.event;
  };
  const bool same_day = !unordered_mode_ && last_day_ != nullptr && last_day_->day == day;
  if (account != StringInterner::kNotFound) {
    if (same_day) last_day_->accounts.prefetch(group(account), hint);
    if (unordered_mode_) all_accounts_.prefetch(group(account), hint);
  }
  if (user != StringInterner::kNotFound) {
    if (same_day) last_day_->users.prefetch(group(user), hint);
    if (unordered_mode_) all_users_.prefetch(group(user), hint);
  }
}

EventAggregator::QueueResult EventAggregator::queue_event(int64_t millis, std::string_view account,
                                                          std::string_view user, std::string_view event,
                                                          EventKey key, uint64_t count) {
  // The event name now, as add_event decides it first: the 65,536th name is refused with its
  // row, in the row's place among the rejections. (Names are few: their table stays cached.)
  uint32_t event_index = 0;
  if (!event_id(event, event_index)) return QueueResult::too_many_event_names;
  if (!queue_) queue_ = std::make_unique<QueuedEvent[]>(kQueueDepth);
  QueuedEvent& q = queue_[(queue_head_ + queue_size_) % kQueueDepth];
  q.millis = millis;
  q.count = count;
  q.event = event_index;
  q.key = key;
  q.mixed = key.kind == EventKey::Kind::message_id ? IdHashSet::mixed(key.hash) : 0;
  q.account.assign(account.data(), account.size());
  q.user.assign(user.data(), user.size());
  q.account_key = accounts_.prepare(q.account);
  q.user_key = users_.prepare(q.user);
  ++queue_size_;
#if defined(__wasm__)
  if (queue_size_ == kQueueDepth) settle_whole_queue();
#else
  prefetch_slots(q, PrefetchNow{});
  // The second loads of the event queued kPrefetchLag events ago.
  if (queue_size_ > kPrefetchLag) {
    prefetch_records(queue_[(queue_head_ + queue_size_ - 1 - kPrefetchLag) % kQueueDepth], PrefetchNow{});
  }
  if (queue_size_ == kQueueDepth) {
    settle(queue_[queue_head_]);
    queue_head_ = (queue_head_ + 1) % kQueueDepth;
    --queue_size_;
  }
#endif
  return QueueResult::queued;
}

// In WebAssembly a prefetch is a load (common/prefetch.hpp), and the CPU retires nothing past
// a load until its line arrives: one event's loads at a time, with an event's parsing between
// them, waited for each miss in turn. So the queue fills first, then the first loads of all its
// events are asked for together, then all their second loads, then the events are added in
// input order (10M CSV events in Node: 30% less time, docs/performance-round-10.md). Each round
// of loads is gathered first and loaded in one short loop (LoadBatch): asked for between the
// hashing and the bounds checks of the next events, they still overlapped only a few at a time
// (docs/performance-round-15.md). Natively a prefetch never waits, and the lag above hides
// every miss.
void EventAggregator::settle_whole_queue() {
  // An event asks for at most 5 first lines and 9 second ones (3 and 7 with one-line records).
  LoadBatch<kQueueDepth * 9> batch;
  for (size_t i = 0; i < queue_size_; ++i) prefetch_slots(queue_[(queue_head_ + i) % kQueueDepth], batch);
  batch.load_all();
  for (size_t i = 0; i < queue_size_; ++i) prefetch_records(queue_[(queue_head_ + i) % kQueueDepth], batch);
  batch.load_all();
  flush_queued();
}

void EventAggregator::settle(QueuedEvent& q) {
  const AddResult result = add_prepared(q.millis, q.account.empty() ? nullptr : &q.account_key,
                                        q.user.empty() ? nullptr : &q.user_key, q.event, q.key, q.mixed);
  if (result != AddResult::added) {
    ++settled_.duplicates;
    return;
  }
  ++settled_.added;
  // The rollup's other events: distinct among themselves, no key of their own.
  for (uint64_t i = 1; i < q.count; ++i) {
    add_prepared(q.millis, q.account.empty() ? nullptr : &q.account_key, q.user.empty() ? nullptr : &q.user_key,
                 q.event, EventKey{}, 0);
  }
}

void EventAggregator::flush_queued() {
  while (queue_size_ > 0) {
    // Taken off before it is added, so that nothing add_prepared calls can see it twice.
    QueuedEvent& q = queue_[queue_head_];
    queue_head_ = (queue_head_ + 1) % kQueueDepth;
    --queue_size_;
    settle(q);
  }
}

}  // namespace pqlscope
