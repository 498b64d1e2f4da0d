#include "pqlscope/aggregate/event_aggregator.hpp"

#include <algorithm>

#include "pqlscope/aggregate/merge.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {

// ---- EventAggregator ---------------------------------------------------------------------

namespace {
uint64_t group_key(uint32_t entity, uint32_t event) {
  return (static_cast<uint64_t>(entity) << 16) | event;
}
bool seen_earlier(const std::vector<const IdHashSet*>& sets, uint64_t hash) {
  for (const IdHashSet* set : sets) {
    if (set->contains(hash)) return true;
  }
  return false;
}
DayCount day_count(uint64_t key, int32_t day, uint32_t count) {
  return DayCount{static_cast<uint32_t>(key >> 16), static_cast<uint16_t>(key & 0xFFFF),
                  static_cast<uint16_t>(day), count};
}
}  // namespace

void EventAggregator::note_day(int32_t day) {
  std::vector<uint16_t>& days = trace_->days;
  if (!days.empty() && days.back() == day) return;
  if (days.size() >= trace_->cap) {
    trace_->overflow = true;
    return;
  }
  days.push_back(static_cast<uint16_t>(day));
}

uint32_t EventAggregator::account_id(std::string_view account) {
  return account_id(accounts_.prepare(account));
}

uint32_t EventAggregator::account_id(const StringInterner::Key& account) {
  const uint32_t id = accounts_.intern(account);
  if (id == account_stats_.size()) {
    account_stats_.emplace_back();
    account_in_file_.push_back(0);
  }
  return id;
}

uint32_t EventAggregator::user_id(std::string_view user) { return user_id(users_.prepare(user)); }

uint32_t EventAggregator::user_id(const StringInterner::Key& user) {
  const uint32_t id = users_.intern(user);
  if (id == user_stats_.size()) {
    user_stats_.emplace_back();
  }
  return id;
}

void EventAggregator::note_membership(UserStats& user, uint32_t account) {
  if (user.account == kNoAccount) {
    user.account = account;
  } else if (user.account != account) {
    user.several = 1;
  }
}

void EventAggregator::note_account_event(uint32_t account, int64_t millis, uint64_t n) {
  AccountStats& a = account_stats_[account];
  a.first = std::min(a.first, millis);
  a.last = std::max(a.last, millis);
  a.events += n;
}

// The day's tables, or nullptr once input proved unordered (see kReopenLimit).
EventAggregator::OpenDay* EventAggregator::open_day(int32_t day) {
  ++use_clock_;
  if (last_day_ != nullptr && last_day_->day == day) {
    last_day_->last_use = use_clock_;
    return last_day_;
  }
  OpenDay* slot = nullptr;
  for (auto& open : open_days_) {
    if (open->day == day) {
      slot = open.get();
      break;
    }
  }
  if (slot == nullptr) {
    if (open_days_.size() < kMaxOpenDays) {
      open_days_.push_back(std::make_unique<OpenDay>());
      slot = open_days_.back().get();
    } else {  // close the least recently used day and reuse its tables
      slot = std::min_element(open_days_.begin(), open_days_.end(),
                              [](const auto& a, const auto& b) { return a->last_use < b->last_use; })
                 ->get();
      close_day(*slot);
      if (reopened_days_ > kReopenLimit) {
        enter_unordered_mode();
        return nullptr;
      }
    }
    slot->day = day;
  }
  slot->last_use = use_clock_;
  last_day_ = slot;
  return slot;
}

void EventAggregator::close_day(OpenDay& open) {
  const int32_t day = open.day;
  if (day < 0) return;
  if (closed_days_[static_cast<size_t>(day)]) {
    ++reopened_days_;
    logs_sorted_ = false;
  }
  if (day < last_closed_day_) logs_sorted_ = false;
  closed_days_[static_cast<size_t>(day)] = true;
  last_closed_day_ = std::max(last_closed_day_, day);
  open.accounts.drain_sorted(day_sort_buffers_, [&](uint64_t k, uint32_t c) {
    account_log_.push_back(day_count(k, day, c));
  });
  open.users.drain_sorted(day_sort_buffers_, [&](uint64_t k, uint32_t c) {
    user_log_.push_back(day_count(k, day, c));
  });
  open.unattributed.drain_sorted(day_sort_buffers_, [&](uint64_t k, uint32_t c) {
    unattributed_log_.push_back(day_count(k, day, c));
  });
  open.day = -1;
}

bool EventAggregator::event_id(std::string_view event, uint32_t& id) {
  id = events_names_.find(event);
  if (id == StringInterner::kNotFound) {
    if (events_names_.size() >= kMaxEventNames) return false;
    id = events_names_.intern(event);
  }
  return true;
}

EventAggregator::AddResult EventAggregator::add_event(int64_t millis, std::string_view account,
                                                      std::string_view user,
                                                      std::string_view event,
                                                      EventKey key) {
  flush_queued();
  // The account's and the user's slots are fetched first, so that their cache misses overlap
  // with the duplicate check's and with each other instead of following them (their lookups
  // were half of the CSV ingest, docs/performance.md).
  const StringInterner::Key account_key = accounts_.prepare(account);
  const StringInterner::Key user_key = users_.prepare(user);
  if (!account.empty()) accounts_.prefetch(account_key);
  if (!user.empty()) users_.prefetch(user_key);
  // The event name first: a row rejected for it must not leave its id behind as "seen".
  // (A duplicate has the same event name, so interning it adds nothing.)
  uint32_t event_index = 0;
  if (!event_id(event, event_index)) return AddResult::too_many_event_names;
  return add_prepared(millis, account.empty() ? nullptr : &account_key, user.empty() ? nullptr : &user_key,
                      event_index, key, key.kind == EventKey::Kind::message_id ? IdHashSet::mixed(key.hash) : 0);
}

EventAggregator::AddResult EventAggregator::add_prepared(int64_t millis, const StringInterner::Key* account,
                                                         const StringInterner::Key* user, uint32_t event_id,
                                                         EventKey key, uint64_t mixed) {
  if (key.kind == EventKey::Kind::message_id) {
    if (seen_earlier(earlier_ids_, key.hash) || !ids_.insert_mixed(mixed)) {
      ++duplicate_ids_;
      return AddResult::duplicate;
    }
  } else if (key.kind == EventKey::Kind::row_text && drop_identical_rows_) {
    if (seen_earlier(earlier_rows_, key.hash) || !rows_.insert(key.hash)) {
      ++identical_rows_;
      return AddResult::duplicate;
    }
  }
  const int32_t day = day_of_millis(millis);
  if (trace_ != nullptr) note_day(day);
  OpenDay* open = unordered_mode_ ? nullptr : open_day(day);

  uint32_t account_index = kNoAccount;
  if (account != nullptr) {
    account_index = account_id(*account);
    note_account_event(account_index, millis, 1);
  }
  uint32_t user_index = kNoAccount;
  if (user != nullptr) {
    user_index = user_id(*user);
    UserStats& u = user_stats_[user_index];
    u.first = std::min(u.first, millis);
    u.last = std::max(u.last, millis);
    ++u.events;
    if (account_index != kNoAccount) {
      note_membership(u, account_index);
    } else {  // credited to the home account at finish (merge.hpp)
      u.unattributed.first = std::min(u.unattributed.first, millis);
      u.unattributed.last = std::max(u.unattributed.last, millis);
      ++u.unattributed.events;
    }
  }
  if (open == nullptr) return add_unordered(day, account_index, user_index, event_id);
  if (account_index != kNoAccount) open->accounts.add(group_key(account_index, event_id));
  if (user_index != kNoAccount) {
    open->users.add(group_key(user_index, event_id));
    if (account_index == kNoAccount) open->unattributed.add(group_key(user_index, event_id));
  }
  ++events_;
  return AddResult::added;
}

EventAggregator::AddResult EventAggregator::add_unordered(int32_t day, uint32_t account,
                                                          uint32_t user, uint32_t event) {
  auto key = [&](uint32_t entity) {
    return (static_cast<uint64_t>(entity) << 32) | (static_cast<uint64_t>(event) << 16) |
           static_cast<uint64_t>(day);
  };
  if (account != kNoAccount) all_accounts_.add(key(account));
  if (user != kNoAccount) {
    all_users_.add(key(user));
    if (account == kNoAccount) all_unattributed_.add(key(user));
  }
  ++events_;
  return AddResult::added;
}

void EventAggregator::enter_unordered_mode() {
  for (auto& open : open_days_) close_day(*open);
  open_days_.clear();
  last_day_ = nullptr;
  unordered_mode_ = true;
  logs_sorted_ = false;
}

void EventAggregator::add_membership(std::string_view user, std::string_view account) {
  flush_queued();
  const uint32_t account_index = account_id(account);
  // A user known only from a group call has no events: first / last stay at the sentinels.
  note_membership(user_stats_[user_id(user)], account_index);
}

void EventAggregator::add_communication(std::string_view account, int64_t millis,
                                        std::string_view channel, Sentiment sentiment) {
  flush_queued();
  const uint32_t account_index = account_id(account);
  uint32_t channel_id = channels_.find(channel);
  if (channel_id == StringInterner::kNotFound) {
    channel_id = channels_.size() < 255 ? channels_.intern(channel) : channels_.intern("other");
  }
  const uint64_t key = (static_cast<uint64_t>(account_index) << 32) |
                       (static_cast<uint64_t>(day_of_millis(millis)) << 16) |
                       (static_cast<uint64_t>(channel_id) << 8) | static_cast<uint8_t>(sentiment);
  communications_.add(key);
}

AccountInfo& EventAggregator::account_info(std::string_view account, bool& already_in_file) {
  flush_queued();
  const uint32_t id = account_id(account);
  already_in_file = account_in_file_[id] != 0;
  account_in_file_[id] = 1;
  if (id >= account_info_.size()) account_info_.resize(id + 1);
  return account_info_[id];
}

size_t EventAggregator::memory_bytes() const {
  return accounts_.memory_bytes() + users_.memory_bytes() + events_names_.memory_bytes() + id_set_bytes() +
         (account_log_.capacity() + user_log_.capacity() + unattributed_log_.capacity()) * sizeof(DayCount);
}

Aggregates EventAggregator::finish() { return finish_partial(finish_partial_aggregates()); }

PartialAggregates EventAggregator::finish_partial_aggregates() {
  flush_queued();
  // The duplicate sets are done with: free them before the logs are merged.
  ids_.clear();
  rows_.clear();
  // Close the open days in day order so that sorted input yields day-ordered logs.
  std::vector<OpenDay*> still_open;
  for (auto& open : open_days_) {
    if (open->day >= 0) still_open.push_back(open.get());
  }
  std::sort(still_open.begin(), still_open.end(), [](auto* a, auto* b) { return a->day < b->day; });
  for (OpenDay* open : still_open) close_day(*open);
  open_days_.clear();
  last_day_ = nullptr;
  auto drain_all = [](GroupCounter& table, DayLog& log) {
    table.drain_sorted([&](uint64_t k, uint32_t c) {
      log.push_back(DayCount{static_cast<uint32_t>(k >> 32), static_cast<uint16_t>((k >> 16) & 0xFFFF),
                             static_cast<uint16_t>(k & 0xFFFF), c});
    });
  };
  drain_all(all_accounts_, account_log_);
  drain_all(all_users_, user_log_);
  drain_all(all_unattributed_, unattributed_log_);
  if (!logs_sorted_) {
    sort_and_merge(account_log_);
    sort_and_merge(user_log_);
    sort_and_merge(unattributed_log_);
  }

  PartialAggregates partial;
  Aggregates& out = partial.aggregates;
  out.report.reopened_days = reopened_days_;

  out.event_names = events_names_.names();
  out.users.resize(users_.size());
  // Up to the last user with events that named no account (none, in most exports).
  std::size_t with_unattributed = users_.size();
  while (with_unattributed > 0 && user_stats_[with_unattributed - 1].unattributed.events == 0) --with_unattributed;
  partial.unattributed_totals.resize(with_unattributed);
  for (std::size_t u = 0; u < with_unattributed; ++u) partial.unattributed_totals[u] = user_stats_[u].unattributed;
  for (uint32_t u = 0; u < users_.size(); ++u) {
    UserRecord& r = out.users[u];
    r.id = std::string(users_.name(u));
    const UserStats& s = user_stats_[u];
    r.account = s.account;
    r.first_event_at = s.first == INT64_MAX ? 0 : s.first;
    r.last_event_at = s.last == INT64_MIN ? 0 : s.last;
    r.events = s.events;
    r.in_several_accounts = s.several != 0;
  }
  // Each side's tables are freed once copied, before the next side's records are allocated:
  // a chunk finishes while the others still read, at the parallel ingest's peak
  // (docs/performance-round-6.md).
  users_ = StringInterner();
  std::vector<UserStats>().swap(user_stats_);
  out.accounts.resize(accounts_.size());
  for (uint32_t a = 0; a < accounts_.size(); ++a) {
    AccountRecord& r = out.accounts[a];
    r.id = std::string(accounts_.name(a));
    r.in_accounts_file = account_in_file_[a] != 0;
    if (a < account_info_.size()) r.info = std::move(account_info_[a]);
    r.events = account_stats_[a].events;
    if (account_stats_[a].first != INT64_MAX) {
      r.first_event_at = account_stats_[a].first;
      r.last_event_at = account_stats_[a].last;
    }
  }
  accounts_ = StringInterner();
  std::vector<AccountStats>().swap(account_stats_);
  std::vector<AccountInfo>().swap(account_info_);
  out.account_days = std::move(account_log_);
  out.user_days = std::move(user_log_);
  partial.unattributed = std::move(unattributed_log_);
  out.channels = channels_.names();
  communications_.drain_sorted([&](uint64_t key, uint32_t count) {
    out.communications.push_back(CommunicationCount{
        static_cast<uint32_t>(key >> 32), static_cast<uint16_t>((key >> 16) & 0xFFFF),
        static_cast<uint8_t>((key >> 8) & 0xFF), static_cast<Sentiment>(key & 0xFF), count});
  });
  return partial;
}

}  // namespace pqlscope
