// `pqlscope sql`: the one query that turns an events table into the day-count table, version 2
// (docs/aggregates.md): totals per account and user, then (entity, event, day) counts, with
// pqlscope's rules for duplicates, home accounts and events without an account.
#pragma once

#include <string>
#include <string_view>

#include "pqlscope/warehouse/dialect.hpp"
#include "pqlscope/warehouse/source_shape.hpp"

namespace pqlscope::warehouse {

// Throws std::invalid_argument when the shape cannot be written in this dialect (no event or
// timestamp column, neither account nor user, GA4 parameters outside BigQuery).
std::string day_counts_sql(const DialectSpec& dialect, const SourceShape& shape);

}  // namespace pqlscope::warehouse
