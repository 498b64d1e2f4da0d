// `pqlscope sql`: prints the query that turns a warehouse events table into the day-count
// table (docs/aggregates.md), for the warehouse to run and export as CSV.
#include <cstdio>

#include "commands.hpp"
#include "pqlscope/warehouse/day_counts_sql.hpp"

namespace pqlscope::cli {
namespace {

const char* kSqlHelp =
    "usage: pqlscope sql --dialect duckdb|postgres|bigquery|snowflake|spark|clickhouse [options]\n"
    "\n"
    "Prints the SQL that turns an events table into pqlscope's day-count table (version 2,\n"
    "docs/aggregates.md). Run it in the warehouse, export the result as CSV (gzip is fine) and\n"
    "score it: pqlscope score --aggregates day_counts.csv.gz --accounts accounts.csv\n"
    "\n"
    "  --source NAME      plain (default: timestamp, account_id, user_id, event), segment\n"
    "                     (tracks + groups), mixpanel, amplitude, posthog, ga4 (BigQuery only)\n"
    "  --table NAME       the events table as the warehouse names it (default: the source's)\n"
    "  --map ROLE=COLUMN  where a role lives: timestamp, account, user, event, message_id,\n"
    "                     group_user, group_account, group_timestamp; COLUMN is a column name,\n"
    "                     json:COLUMN.key.key, param:COLUMN.key (GA4 event_params), sql:EXPR or\n"
    "                     none. Also timestamp_unit=timestamp|s|ms|us and groups_table=NAME\n";

}  // namespace

int sql_command(Args& args) {
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kSqlHelp, stdout);
    return 0;
  }
  const auto dialect_name = args.value("--dialect");
  if (!dialect_name) throw UsageError("--dialect is required (duckdb, postgres, bigquery, snowflake, spark, clickhouse)");
  const warehouse::DialectSpec* dialect = warehouse::find_dialect(*dialect_name);
  if (dialect == nullptr) {
    throw UsageError("unknown --dialect '" + *dialect_name + "' (duckdb, postgres, bigquery, snowflake, spark, clickhouse)");
  }
  warehouse::SourceShape shape;
  try {
    shape = warehouse::source_shape(args.value("--source").value_or("plain"));
    if (auto table = args.value("--table")) shape.table = *table;
    for (const std::string& m : args.values("--map")) {
      const size_t eq = m.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) throw UsageError("--map takes ROLE=COLUMN");
      warehouse::apply_mapping(shape, m.substr(0, eq), m.substr(eq + 1));
    }
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (!args.rest().empty()) throw UsageError("sql takes no file arguments (see --help)");
  std::string sql;
  try {
    sql = warehouse::day_counts_sql(*dialect, shape);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  std::fputs(sql.c_str(), stdout);
  return 0;
}

}  // namespace pqlscope::cli
