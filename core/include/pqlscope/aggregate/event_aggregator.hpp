// Turns accepted events into aggregates. Events are counted per (entity, event) in a small
// table per open UTC day; when a day is closed its groups are appended, sorted, to compact
// logs. Time-ordered input (what real exports are) therefore touches only cache-sized tables
// and produces day-ordered logs with no final sort. Unordered input is still exact: the logs
// are sorted and merged at finish(). Duplicates are found by message id over the whole input.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/aggregate/group_counter.hpp"
#include "pqlscope/aggregate/id_set.hpp"
#include "pqlscope/aggregate/merge.hpp"
#include "pqlscope/aggregate/string_interner.hpp"

namespace pqlscope {

// What identifies an event for duplicate detection (docs/ingest.md, "Duplicates"): the hash of
// its message id scoped by its event name, the hash of its row text (only when identical rows
// are dropped), or nothing (the event is always counted).
struct EventKey {
  enum class Kind : uint8_t { none, message_id, row_text };
  Kind kind = Kind::none;
  uint64_t hash = 0;
};

class EventAggregator {
 public:
  // Days kept open at once. Input that jumps between more days than this is still counted
  // exactly, only with a final sort.
  static constexpr size_t kMaxOpenDays = 8;
  // Input that keeps returning to closed days (not ordered by time) would close and reopen a
  // day table per row. After this many reopened days the aggregator switches to one table
  // keyed by (entity, event, day) for the rest of the input: memory then grows with groups
  // (docs/ingest.md, "Ordered and unordered input"). Duplicate detection does not depend on
  // the mode: its sets cover the whole input.
  static constexpr uint64_t kReopenLimit = 64;
  static constexpr size_t kMaxEventNames = 65535;

  enum class AddResult : uint8_t { added, duplicate, too_many_event_names };

  // Rows without a message id whose text equals an earlier row's are dropped (off by default:
  // two real clicks in the same second are identical rows).
  void set_drop_identical_rows(bool drop) {
    flush_queued();
    drop_identical_rows_ = drop;
  }
  bool drops_identical_rows() const { return drop_identical_rows_; }

  // `day` must lie in [kMinSupportedDay, kMaxSupportedDay]; account or user may be empty
  // (not both). An event whose key was seen before (anywhere in the input) is a duplicate.
  AddResult add_event(int64_t millis, std::string_view account, std::string_view user,
                      std::string_view event, EventKey key = {});
  // The ingest's batched add_event (docs/performance.md, "Batched loads"): the event is held in
  // a queue and added kQueueDepth events later (or at flush_queued()), in input order, so its
  // cache misses overlap with those of the events behind it; every decision (duplicate, new id)
  // is still taken event by event in input order. The event name is interned at once, so a row
  // over kMaxEventNames is refused here, as add_event refuses it. `count` > 1 is a rollup row:
  // the first event carries the key, the others none and follow only when it was added. Every
  // other mutating call flushes the queue first; counters (events(), ...) and the ids of names
  // include a queued event only after a flush.
  enum class QueueResult : uint8_t { queued, too_many_event_names };
  QueueResult queue_event(int64_t millis, std::string_view account, std::string_view user,
                          std::string_view event, EventKey key = {}, uint64_t count = 1);
  void flush_queued();
  // How many queued events were added and how many were duplicates, since the last call.
  struct Settled {
    uint64_t added = 0;
    uint64_t duplicates = 0;
  };
  Settled take_settled() {
    const Settled s = settled_;
    settled_ = {};
    return s;
  }
  static constexpr size_t kQueueDepth = 16;
  // An event is queued with its first loads asked for (the id set's partition header, the
  // interner slots); kPrefetchLag events later its second loads, whose addresses those lines
  // hold (the set's data line, the account's and the user's records).
  static constexpr size_t kPrefetchLag = 8;

  // A Segment group call or similar: the user belongs to the account, no event happened.
  void add_membership(std::string_view user, std::string_view account);
  void add_communication(std::string_view account, int64_t millis, std::string_view channel,
                         Sentiment sentiment);
  // The record of an account from the accounts file (created if new).
  AccountInfo& account_info(std::string_view account, bool& already_in_file);

  uint64_t events() const { return events_; }
  uint64_t duplicate_ids() const { return duplicate_ids_; }
  uint64_t identical_rows() const { return identical_rows_; }
  uint64_t message_ids() const { return ids_.size(); }
  size_t id_set_bytes() const { return ids_.memory_bytes() + rows_.memory_bytes(); }
  uint64_t reopened_days() const { return reopened_days_; }
  bool unordered_mode() const { return unordered_mode_; }
  size_t memory_bytes() const;

  // Parallel ingest (docs/ingest.md, "Parallel ingest"): keys seen in earlier parts of the
  // input are duplicates here too; the sets must outlive this aggregator's add_event calls.
  void set_earlier_keys(std::vector<const IdHashSet*> ids, std::vector<const IdHashSet*> rows) {
    flush_queued();
    earlier_ids_ = std::move(ids);
    earlier_rows_ = std::move(rows);
  }
  // The keys seen here (call before finish*(), which frees them).
  IdHashSet take_message_ids() {
    flush_queued();
    return std::move(ids_);
  }
  IdHashSet take_row_hashes() {
    flush_queued();
    return std::move(rows_);
  }
  // Records the day of each counted event when it differs from the previous one, up to `cap`
  // entries (then `overflow` is set): the open-day history of a part of the input, replayed
  // over all parts to count reopened days as one pass would.
  struct DayTrace {
    std::vector<uint16_t> days;
    std::size_t cap = 0;
    bool overflow = false;
  };
  void trace_days(DayTrace* trace) {
    flush_queued();
    trace_ = trace;
  }

  Aggregates finish();
  // finish() without its last step (merge.hpp): the events that named no account are kept
  // apart, so that aggregates of several parts of an input merge exactly.
  PartialAggregates finish_partial_aggregates();

 private:
  struct OpenDay {
    int32_t day = -1;
    uint64_t last_use = 0;
    GroupCounter accounts;
    GroupCounter users;
    GroupCounter unattributed;  // (user, event) of events that named no account
  };
  OpenDay* open_day(int32_t day);
  void enter_unordered_mode();
  AddResult add_unordered(int32_t day, uint32_t account, uint32_t user, uint32_t event);
  void close_day(OpenDay& open);
  uint32_t account_id(std::string_view account);
  uint32_t account_id(const StringInterner::Key& account);
  // The event name's id; false when it would be one too many (kMaxEventNames).
  bool event_id(std::string_view event, uint32_t& id);
  // add_event after its event name: account / user null when the row names none; `mixed` is
  // IdHashSet::mixed(key.hash) for a message id.
  AddResult add_prepared(int64_t millis, const StringInterner::Key* account,
                         const StringInterner::Key* user, uint32_t event, EventKey key, uint64_t mixed);
  struct QueuedEvent {
    int64_t millis = 0;
    uint64_t count = 1;
    uint32_t event = 0;
    EventKey key;
    uint64_t mixed = 0;
    std::string account, user;  // copies: the reader's buffer moves on before the event is added
    StringInterner::Key account_key{}, user_key{};  // their text views the strings above
  };
  void settle(QueuedEvent& queued);
  // `hint` takes each address (common/prefetch.hpp: PrefetchNow, or a LoadBatch).
  template <class Hint>
  void prefetch_slots(const QueuedEvent& queued, Hint&& hint) const;  // the first loads
  template <class Hint>
  void prefetch_records(const QueuedEvent& queued, Hint&& hint) const;  // the second loads
  void settle_whole_queue();                               // WebAssembly's order (event_queue.cpp)
  void note_day(int32_t day);
  void note_account_event(uint32_t account, int64_t millis, uint64_t n);

  StringInterner accounts_;
  StringInterner users_;
  StringInterner events_names_;
  StringInterner channels_;
  std::vector<std::unique_ptr<OpenDay>> open_days_;
  OpenDay* last_day_ = nullptr;
  uint64_t use_clock_ = 0;

  GroupCounter::SortBuffers day_sort_buffers_;  // shared by the open days' tables
  // Closed days' groups, in chunks (no reallocation, no copy: the high-water of ingest is the
  // groups themselves, see day_log.hpp). They become Aggregates::account_days / user_days.
  DayLog account_log_;
  DayLog user_log_;
  DayLog unattributed_log_;
  std::vector<bool> closed_days_ = std::vector<bool>(65536, false);
  int32_t last_closed_day_ = -1;
  bool logs_sorted_ = true;
  uint64_t reopened_days_ = 0;

  // Per account / user, indexed by interned id. One struct per entity, so that an event
  // touches one cache line per entity rather than one per field. In WebAssembly aligned to its
  // (padded) size, so that the struct never spans two lines (unaligned, 7 in 8 user records do;
  // there each line is a load that waits: common/prefetch.hpp).
  struct PQLSCOPE_ONE_LINE(32) AccountStats {
    int64_t first = INT64_MAX;
    int64_t last = INT64_MIN;
    uint64_t events = 0;
  };
  struct PQLSCOPE_ONE_LINE(64) UserStats {
    int64_t first = INT64_MAX;
    int64_t last = INT64_MIN;
    uint64_t events = 0;
    uint32_t account = kNoAccount;
    uint32_t several = 0;  // seen with more than one account
    UnattributedTotals unattributed;  // the events that named no account
  };
  uint32_t user_id(std::string_view user);
  uint32_t user_id(const StringInterner::Key& user);
  void note_membership(UserStats& user, uint32_t account);


  std::vector<AccountStats> account_stats_;
  std::vector<uint8_t> account_in_file_;
  // Up to the last account an accounts file described: most accounts come from events alone,
  // and a full AccountInfo each (~270 bytes) was 10 MB per chunk at 20k accounts.
  std::vector<AccountInfo> account_info_;
  std::vector<UserStats> user_stats_;

  // Unordered mode: key = entity << 32 | event << 16 | day.
  bool unordered_mode_ = false;
  GroupCounter all_accounts_, all_users_, all_unattributed_;

  // Duplicate detection over the whole input, in every mode (docs/ingest.md, "Duplicates").
  IdHashSet ids_;   // message id hashes (scoped by event name)
  IdHashSet rows_;  // row text hashes, only with drop_identical_rows_
  bool drop_identical_rows_ = false;
  std::vector<const IdHashSet*> earlier_ids_, earlier_rows_;
  DayTrace* trace_ = nullptr;
  uint64_t duplicate_ids_ = 0;
  uint64_t identical_rows_ = 0;

  GroupCounter communications_;  // key: account << 32 | day << 16 | channel << 8 | sentiment
  uint64_t events_ = 0;

  // The queue of queue_event, a ring of kQueueDepth (on the heap: its keys point into it).
  std::unique_ptr<QueuedEvent[]> queue_;
  size_t queue_head_ = 0;
  size_t queue_size_ = 0;
  Settled settled_;
};

}  // namespace pqlscope
