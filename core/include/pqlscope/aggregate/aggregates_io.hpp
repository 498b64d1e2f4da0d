// The aggregates' serialised forms (documented in docs/aggregates.md):
//  - JSON: the whole contract, self-describing, what a warehouse export or a cache writes;
//  - CSV: the long table of day counts (level,entity_id,account_id,event,day,count) that one
//    SQL GROUP BY produces, plus the accounts file for firmographics.
// Reading either back validates it and names the path / line of any problem.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/aggregate/merge.hpp"

namespace pqlscope {

nlohmann::json aggregates_to_json(const Aggregates& aggregates);
// Throws std::invalid_argument naming the JSON path of the first problem.
Aggregates aggregates_from_json(const nlohmann::json& json);

// The day-count table (docs/aggregates.md, "CSV form"). Version 2 adds per-entity totals
// (first / last event time in ms, event count, home account, in several accounts) and the
// day counts of events that named a user but no account, so that scoring it gives exactly what
// scoring the raw events gives; version 1 (six columns) is still read, at day precision.
inline constexpr std::string_view kDayCountsHeaderV1 = "level,entity_id,account_id,event,day,count";
inline constexpr std::string_view kDayCountsHeaderV2 =
    "level,entity_id,account_id,event,day,count,first_event_ms,last_event_ms,in_several_accounts";

// The `level` column's values, typed once (the SQL generator writes the same words).
namespace day_count_level {
inline constexpr std::string_view account = "account";              // (account, event, day) count
inline constexpr std::string_view user = "user";                    // (user, event, day) count
inline constexpr std::string_view user_no_account = "user_no_account";  // events with no account
inline constexpr std::string_view account_total = "account_total";  // first/last ms, events
inline constexpr std::string_view user_total = "user_total";        // + home account, several
inline constexpr std::string_view event_total = "event_total";      // event names in input order
}  // namespace day_count_level

// True when `head` (a file's first bytes) starts with either header line: how the CLI, the
// session and the package tell a day-count file from raw events.
bool starts_with_day_counts_header(std::string_view head);

// Version 2, from any aggregates: totals first (event names, accounts, users, in index order, so
// that a reader interns them in the same order), then the day rows; days since 1970-01-01.
std::string day_counts_to_csv(const Aggregates& aggregates);

// Reads either version in chunks of any size. Accounts and users are interned in order of first
// appearance, event names too. Throws std::invalid_argument "<name>: line N: ..." on a bad row.
class DayCountsReader {
 public:
  explicit DayCountsReader(std::string name = "day counts");
  ~DayCountsReader();
  DayCountsReader(const DayCountsReader&) = delete;
  DayCountsReader& operator=(const DayCountsReader&) = delete;
  void feed(std::string_view bytes);
  Aggregates finish();  // throws when the file has no header or no count
  // The same before its last step (aggregate/merge.hpp): the counts of events that named no
  // account still apart, so that files read after it (an accounts file) are numbered before the
  // users that become accounts of their own, as in one raw ingest.
  PartialAggregates finish_partial_aggregates();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience: one whole file in memory.
Aggregates aggregates_from_day_counts_csv(std::string_view csv);

}  // namespace pqlscope
