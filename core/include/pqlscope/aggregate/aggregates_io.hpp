// The aggregates' serialised forms (documented in docs/aggregates.md):
//  - JSON: the whole contract, self-describing, what a warehouse export or a cache writes;
//  - CSV: the long table of day counts (level,entity_id,account_id,event,day,count) that one
//    SQL GROUP BY produces, plus the accounts file for firmographics.
// Reading either back validates it and names the path / line of any problem.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pqlscope/aggregate/aggregates.hpp"

namespace pqlscope {

nlohmann::json aggregates_to_json(const Aggregates& aggregates);
// Throws std::invalid_argument naming the JSON path of the first problem.
Aggregates aggregates_from_json(const nlohmann::json& json);

// Day counts as CSV (header: level,entity_id,account_id,event,day,count), users after accounts.
std::string day_counts_to_csv(const Aggregates& aggregates);
// Builds aggregates from that CSV (events, accounts and users are interned in order of first
// appearance). Throws std::invalid_argument with "line N: ..." on a bad row.
Aggregates aggregates_from_day_counts_csv(std::string_view csv);

}  // namespace pqlscope
