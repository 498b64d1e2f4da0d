// The one merge of aggregates (docs/aggregates.md, "Merging"): the chunks of a file ingested in
// parallel, two warehouses, or a warehouse plus a recent raw file. Ids are matched by their
// text (account, user and event ids, channels), indices remapped, the day counts summed group
// by group, first / last times widened, event counts summed, reports summed.
//
// `target` comes before `source` in input order: where a first-seen value is kept (a user's
// home account, an account's firmographics from the accounts file, the order of ids), the
// target's wins, exactly as when one ingest had read the target's input first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>
#include <stdexcept>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/aggregate/day_log.hpp"

namespace pqlscope {

struct MergeOptions {
  // Problems kept with their position in the merged report (as IngestOptions::max_issues):
  // the target's first, then the source's; the rest are counted in issues_not_kept.
  std::size_t max_issues = 100;
  // The users' side and the accounts' side of the merge run side by side on up to this many
  // threads (two at most); the result is the same on one.
  unsigned threads = 1;
};

// The reports' part of a merge: `source`'s counts added to `target`'s, its files appended, its
// issues kept after the target's up to options.max_issues (the rest counted in
// issues_not_kept). Parallel ingest sums its chunks' reports with it too.
void merge_reports(IngestReport& target, IngestReport& source, const MergeOptions& options);

// Finished aggregates (what `pqlscope ingest --out` writes, what a warehouse produces). Users
// that one side had scored as accounts of their own (never seen with an account) stay so: the
// finished form no longer says which events named no account. Merge PartialAggregates for
// results identical to one ingest of both inputs.
void merge_into(Aggregates& target, Aggregates source);
void merge_into(Aggregates& target, Aggregates source, const MergeOptions& options);

// Aggregates before their last step: the events that named a user but no account are kept
// apart (by user), so the user's home account can still be decided over all inputs. This is
// what parallel ingest merges; finish_partial() then does what EventAggregator::finish() does.
// Count and first / last time (UTC ms) of one user's events that named no account: finishing
// adds them to the user's home account, so that an account's events and first / last seen
// cover the same events as its account_days (docs/aggregates.md, "Account totals").
struct UnattributedTotals {
  uint64_t events = 0;
  int64_t first = INT64_MAX;
  int64_t last = INT64_MIN;
};

struct PartialAggregates {
  Aggregates aggregates;  // users[].account: kNoAccount when never seen with an account
  DayLog unattributed;    // (user, event, day) counts of events that named no account
  // By user index; may be shorter than aggregates.users (a missing user has none).
  std::vector<UnattributedTotals> unattributed_totals;
};

void merge_into(PartialAggregates& target, PartialAggregates source,
                const MergeOptions& options = {});

// Events that named a user but no account count for the user's home account (its day counts,
// events, first / last seen); a user never seen with any account becomes an account of its
// own (appended, named after the user).
// Sets report.unattributed_users.
Aggregates finish_partial(PartialAggregates partial);

// Thrown when the union cannot be held (more than 65,535 event names, days outside the
// supported range): the caller falls back to reading the inputs in one pass.
class MergeOverflow : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pqlscope
