// Every difference between the dialects, one row each. Sources for the functions: each
// engine's SQL reference (DuckDB epoch_ms and //; PostgreSQL EXTRACT(EPOCH ...) and #>>;
// BigQuery UNIX_MILLIS, DIV, JSON_VALUE and UNNEST; Snowflake DATE_PART(EPOCH_MILLISECOND)
// and GET_PATH; Spark UNIX_MILLIS, PMOD and get_json_object; ClickHouse
// toUnixTimestamp64Milli, intDiv and JSONExtractString).
#include "pqlscope/warehouse/dialect.hpp"

namespace pqlscope::warehouse {

const std::vector<DialectSpec>& dialects() {
  static const std::vector<DialectSpec> all = {
      {"duckdb", "epoch_ms({x})", "({x} // {y})", "VARCHAR", "BIGINT", "", '"', '"',
       "json_extract_string({j}, '$", ".\"{k}\"", "", "')", ""},
      // EXTRACT(EPOCH ...) of a timestamp without time zone reads it as UTC; text order is the
      // database collation's unless COLLATE "C" (bytes) is asked for.
      {"postgres", "CAST(FLOOR(EXTRACT(EPOCH FROM {x}) * 1000) AS BIGINT)", "({x} / {y})", "TEXT", "BIGINT",
       " COLLATE \"C\"", '"', '"', "(CAST({j} AS JSONB) #>> '{", "\"{k}\"", ",", "}')", ""},
      {"bigquery", "UNIX_MILLIS({x})", "DIV({x}, {y})", "STRING", "INT64", "", '`', '`',
       "JSON_VALUE({j}, '$", ".\"{k}\"", "", "')",
       "(SELECT COALESCE(p.value.string_value, CAST(p.value.int_value AS STRING)) FROM UNNEST({j}) AS p "
       "WHERE p.key = '{k}')"},
      {"snowflake", "DATE_PART(EPOCH_MILLISECOND, {x})", "FLOOR({x} / {y})", "VARCHAR", "BIGINT", "", '"', '"',
       "TO_VARCHAR(GET_PATH({j}, '", "\"{k}\"", ".", "'))", ""},
      // (x - x mod y) / y: an exact quotient, so the division's double result is a whole number.
      {"spark", "UNIX_MILLIS({x})", "CAST(({x} - PMOD({x}, {y})) / {y} AS BIGINT)", "STRING", "BIGINT", "", '`', '`',
       "get_json_object({j}, '$", ".{k}", "", "')", ""},
      {"clickhouse", "toUnixTimestamp64Milli(toDateTime64({x}, 3, 'UTC'))", "intDiv({x}, {y})", "Nullable(String)",
       "Nullable(Int64)", "", '`', '`', "JSONExtractString({j}, ", "'{k}'", ", ", ")", ""},
  };
  return all;
}

const DialectSpec* find_dialect(std::string_view name) {
  for (const DialectSpec& d : dialects()) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

}  // namespace pqlscope::warehouse
