#include "pqlscope/aggregate/merge.hpp"

#include <algorithm>
#include <tuple>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/aggregate/string_interner.hpp"
#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"

namespace pqlscope {
namespace {

// Interns the names of items[0..n) in order, handing each its id: found(i, id). With 100k+ ids
// almost every lookup misses the cache, so each name is hashed and its slot fetched kAhead
// names before it is interned, as the ingest's batches do (the users' side of the merge after
// a parallel ingest took 52 ms of its 140 at 1M events before; docs/performance-round-4.md).
template <class Items, class NameOf, class Found>
void intern_each(StringInterner& interner, const Items& items, NameOf name_of, Found found) {
  constexpr std::size_t kAhead = 8;
  const std::size_t n = items.size();
  StringInterner::Key ahead[kAhead];
  for (std::size_t i = 0; i < n && i < kAhead; ++i) {
    ahead[i] = interner.prepare(name_of(items[i]));
    interner.prefetch(ahead[i]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const StringInterner::Key key = ahead[i % kAhead];
    if (i + kAhead < n) {
      ahead[i % kAhead] = interner.prepare(name_of(items[i + kAhead]));
      interner.prefetch(ahead[i % kAhead]);
    }
    found(i, interner.intern(key));
  }
}

// The target's names interned in order (id = index), so a source name finds its target index
// or the index it will be appended at; room for `more` names to come.
template <class Items, class NameOf>
StringInterner index_of(const Items& items, NameOf name_of, std::size_t more = 0) {
  StringInterner interner;
  interner.reserve(items.size() + more);
  intern_each(interner, items, name_of, [](std::size_t, uint32_t) {});
  return interner;
}

// The source's names as target indices: a name the target lacks gets the index it will be
// appended at (target.size() onwards, in source order).
template <class Items, class NameOf>
std::vector<uint32_t> remap_names(const Items& target, const Items& source, NameOf name_of) {
  std::vector<uint32_t> remap(source.size());
  if (source.empty()) return remap;
  // Room for the larger side: the parts of one file mostly name the same users and accounts, and
  // room for both sides doubled a 100k-user merge's table (8 -> 16 MB, the peak of a 10M-event
  // ingest, docs/performance-round-6.md). Parts that share few names grow it as they go.
  StringInterner ids = index_of(target, name_of, source.size() > target.size() ? source.size() - target.size() : 0);
  intern_each(ids, source, name_of, [&](std::size_t i, uint32_t id) { remap[i] = id; });
  return remap;
}

std::vector<uint32_t> merge_event_names(std::vector<std::string>& target,
                                        std::vector<std::string>& source) {
  StringInterner names = index_of(target, [](const std::string& s) -> std::string_view { return s; });
  std::vector<uint32_t> remap(source.size());
  for (size_t i = 0; i < source.size(); ++i) {
    remap[i] = names.intern(source[i]);
    if (remap[i] == target.size()) target.push_back(std::move(source[i]));
  }
  // DayCount::event is 16 bits; one ingest rejects the rows past this many names.
  if (target.size() > EventAggregator::kMaxEventNames) {
    throw MergeOverflow("more than " + std::to_string(EventAggregator::kMaxEventNames) +
                        " event names in the merged aggregates");
  }
  return remap;
}

void merge_account(AccountRecord& t, AccountRecord& s) {
  // An account listed in the accounts file keeps the first listing (the ingest rejects a
  // second row for it as duplicate_account).
  if (!t.in_accounts_file && s.in_accounts_file) {
    t.in_accounts_file = true;
    t.info = std::move(s.info);
  }
  if (s.first_event_at) t.first_event_at = t.first_event_at ? std::min(*t.first_event_at, *s.first_event_at) : *s.first_event_at;
  if (s.last_event_at) t.last_event_at = t.last_event_at ? std::max(*t.last_event_at, *s.last_event_at) : *s.last_event_at;
  t.events += s.events;
}

std::vector<uint32_t> merge_accounts(std::vector<AccountRecord>& target, std::vector<AccountRecord>& source) {
  std::vector<uint32_t> remap =
      remap_names(target, source, [](const AccountRecord& a) -> std::string_view { return a.id; });
  for (size_t i = 0; i < source.size(); ++i) {
    if (remap[i] == target.size()) {
      target.push_back(std::move(source[i]));
    } else {
      merge_account(target[remap[i]], source[i]);
    }
  }
  return remap;
}

// A user's first / last times mean something only when it has events (a user known from a
// group call alone has none, and 0 in both).
void merge_user(UserRecord& t, const UserRecord& s, uint32_t source_home) {
  if (t.account == kNoAccount) {
    t.account = source_home;  // the target's home wins: it was seen first
  } else if (source_home != kNoAccount && source_home != t.account) {
    t.in_several_accounts = true;
  }
  t.in_several_accounts = t.in_several_accounts || s.in_several_accounts;
  if (s.events > 0) {
    if (t.events == 0) {
      t.first_event_at = s.first_event_at;
      t.last_event_at = s.last_event_at;
    } else {
      t.first_event_at = std::min(t.first_event_at, s.first_event_at);
      t.last_event_at = std::max(t.last_event_at, s.last_event_at);
    }
  }
  t.events += s.events;
}

// The records after remap_names: a new user is appended (at its remapped index), a known one
// merged.
void merge_users(std::vector<UserRecord>& target, std::vector<UserRecord>& source, const std::vector<uint32_t>& remap,
                 const std::vector<uint32_t>& account_remap) {
  for (size_t i = 0; i < source.size(); ++i) {
    UserRecord& s = source[i];
    const uint32_t home = s.account == kNoAccount ? kNoAccount : account_remap[s.account];
    if (remap[i] == target.size()) {
      s.account = home;
      target.push_back(std::move(s));
    } else {
      merge_user(target[remap[i]], s, home);
    }
  }
}

// The source's groups under the target's indices, summed into the target's log.
void merge_log(DayLog& target, DayLog& source, const std::vector<uint32_t>& entity_remap,
               const std::vector<uint32_t>& event_remap) {
  if (source.empty()) return;
  for (DayCount& d : source) {
    d.entity = entity_remap[d.entity];
    d.event = static_cast<uint16_t>(event_remap[d.event]);
  }
  sort_and_merge(source);  // still in day order: sorted day by day
  target = merge_sorted(std::move(target), std::move(source));
}

std::vector<uint32_t> merge_channels(std::vector<std::string>& target, const std::vector<std::string>& source) {
  StringInterner names = index_of(target, [](const std::string& s) -> std::string_view { return s; });
  std::vector<uint32_t> remap(source.size());
  for (size_t i = 0; i < source.size(); ++i) {
    uint32_t id = names.find(source[i]);
    // As the ingest interns them: 255 channels, then the rest under "other".
    if (id == StringInterner::kNotFound) id = names.intern(names.size() < 255 ? std::string_view(source[i]) : "other");
    if (id == target.size()) target.push_back(std::string(names.name(id)));
    remap[i] = id;
  }
  return remap;
}

void merge_communications(std::vector<CommunicationCount>& target, std::vector<CommunicationCount>& source,
                          const std::vector<uint32_t>& account_remap, const std::vector<uint32_t>& channel_remap) {
  if (source.empty()) return;
  for (CommunicationCount& c : source) {
    c.account = account_remap[c.account];
    c.channel = static_cast<uint8_t>(channel_remap[c.channel]);
  }
  target.insert(target.end(), source.begin(), source.end());
  auto key = [](const CommunicationCount& c) { return std::make_tuple(c.account, c.day, c.channel, c.sentiment); };
  std::stable_sort(target.begin(), target.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  size_t out = 0;
  for (size_t i = 0; i < target.size(); ++i) {
    if (out > 0 && key(target[out - 1]) == key(target[i])) {
      target[out - 1].count += target[i].count;
    } else {
      target[out++] = target[i];
    }
  }
  target.resize(out);
}

struct Remaps {
  std::vector<uint32_t> events, accounts, users;
};

Remaps merge_aggregates(Aggregates& target, Aggregates& source, const MergeOptions& options) {
  Remaps r;
  r.events = merge_event_names(target.event_names, source.event_names);
  // The users' side and the accounts' side touch disjoint data until the users' records,
  // which need both remaps: the two run side by side (the users' first, the longer).
  JobErrors errors(2);
  run_on_threads(2, options.threads, [&](std::size_t side) {
    errors.run(side, [&] {
      if (side == 0) {
        r.users = remap_names(target.users, source.users, [](const UserRecord& u) -> std::string_view { return u.id; });
        merge_log(target.user_days, source.user_days, r.users, r.events);
      } else {
        r.accounts = merge_accounts(target.accounts, source.accounts);
        merge_log(target.account_days, source.account_days, r.accounts, r.events);
        const std::vector<uint32_t> channels = merge_channels(target.channels, source.channels);
        merge_communications(target.communications, source.communications, r.accounts, channels);
      }
    });
  });
  errors.rethrow_first();
  merge_users(target.users, source.users, r.users, r.accounts);
  merge_reports(target.report, source.report, options);
  return r;
}

}  // namespace

void merge_reports(IngestReport& t, IngestReport& s, const MergeOptions& options) {
  for (FileSummary& f : s.files) t.files.push_back(std::move(f));
  for (size_t i = 0; i < t.rejected_by_code.size(); ++i) t.rejected_by_code[i] += s.rejected_by_code[i];
  for (IngestIssue& issue : s.issues) {
    if (t.issues.size() < options.max_issues) {
      t.issues.push_back(std::move(issue));
    } else {
      ++t.issues_not_kept;
    }
  }
  t.issues_not_kept += s.issues_not_kept;
  t.bytes += s.bytes;
  t.rows += s.rows;
  t.events += s.events;
  t.duplicates += s.duplicates;
  t.identical_rows += s.identical_rows;
  t.rejected += s.rejected;
  t.skipped += s.skipped;
  t.copies_skipped += s.copies_skipped;
  t.reopened_days += s.reopened_days;
  t.unattributed_users += s.unattributed_users;
}

void merge_into(Aggregates& target, Aggregates source) { merge_into(target, std::move(source), MergeOptions{}); }

void merge_into(Aggregates& target, Aggregates source, const MergeOptions& options) {
  merge_aggregates(target, source, options);
}

void merge_into(PartialAggregates& target, PartialAggregates source, const MergeOptions& options) {
  const Remaps r = merge_aggregates(target.aggregates, source.aggregates, options);
  merge_log(target.unattributed, source.unattributed, r.users, r.events);
  std::vector<UnattributedTotals>& totals = target.unattributed_totals;  // stays empty without any
  for (size_t u = 0; u < source.unattributed_totals.size(); ++u) {
    const UnattributedTotals& s = source.unattributed_totals[u];
    if (s.events == 0) continue;
    if (r.users[u] >= totals.size()) totals.resize(target.aggregates.users.size());
    UnattributedTotals& t = totals[r.users[u]];
    t.events += s.events;
    t.first = std::min(t.first, s.first);
    t.last = std::max(t.last, s.last);
  }
}

Aggregates finish_partial(PartialAggregates partial) {
  Aggregates out = std::move(partial.aggregates);
  DayLog& unattributed = partial.unattributed;
  // Both logs are sorted here: the re-keyed one is sorted again (day by day) and the two are
  // merged, their chunks freed as the merge passes them.
  if (!unattributed.empty()) {
    StringInterner account_ids = index_of(out.accounts, [](const AccountRecord& a) -> std::string_view { return a.id; });
    for (DayCount& d : unattributed) {
      uint32_t& home = out.users[d.entity].account;
      if (home == kNoAccount) {
        home = account_ids.intern(out.users[d.entity].id);
        if (home == out.accounts.size()) out.accounts.emplace_back().id = out.users[d.entity].id;
        ++out.report.unattributed_users;
      }
      d.entity = home;
    }
    sort_and_merge(unattributed);
    out.account_days = merge_sorted(std::move(out.account_days), std::move(unattributed));
  }
  out.account_days.shrink_to_fit();
  out.user_days.shrink_to_fit();
  // The events that named no account count for the home account in every total, as they do
  // in its day counts (for a user made an account, they are all of the user's events).
  const std::vector<UnattributedTotals>& totals = partial.unattributed_totals;
  for (size_t u = 0; u < totals.size() && u < out.users.size(); ++u) {
    const UnattributedTotals& t = totals[u];
    if (t.events == 0 || out.users[u].account == kNoAccount) continue;
    AccountRecord& a = out.accounts[out.users[u].account];
    a.events += t.events;
    a.first_event_at = a.first_event_at ? std::min(*a.first_event_at, t.first) : t.first;
    a.last_event_at = a.last_event_at ? std::max(*a.last_event_at, t.last) : t.last;
  }
  return out;
}

}  // namespace pqlscope
