// `pqlscope sql`'s text for the dialects no test runs (BigQuery, Snowflake, Spark, ClickHouse)
// and the source shapes. The golden files in tests/warehouse/golden/ were reviewed by hand
// once, against each engine's SQL reference: the epoch-millisecond function of the dialect
// table, whole-number division, identifier quoting, the JSON member syntax (JSON_VALUE with
// "$."key"" paths, GET_PATH, get_json_object, JSONExtractString), GA4's event_params read by a
// correlated UNNEST subquery, Segment's groups table joined in as memberships only, message ids
// deduplicated per event name, and that every dialect's query has the same CTEs and columns.
// BigQuery, Snowflake and Spark goldens are also parsed by node-sql-parser
// (tests/js/warehouse_sql.test.js); DuckDB and PostgreSQL are run for real
// (tests/warehouse/engines_check.sh). A change to the generator shows here as a diff to review.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pqlscope/warehouse/day_counts_sql.hpp"

namespace pqlscope::warehouse {
namespace {

struct Case {
  const char* file;
  const char* dialect;
  const char* source;
  const char* table;  // "" = the source's default
  std::vector<std::pair<std::string, std::string>> map;
};

std::string golden(const std::string& name) {
  std::ifstream in(std::string(PQLSCOPE_SOURCE_DIR) + "/tests/warehouse/golden/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string generate(const Case& c) {
  SourceShape shape = source_shape(c.source);
  if (*c.table) shape.table = c.table;
  for (const auto& [role, value] : c.map) apply_mapping(shape, role, value);
  return day_counts_sql(*find_dialect(c.dialect), shape);
}

TEST(DayCountsSql, MatchesTheReviewedGoldenText) {
  const std::vector<Case> cases = {
      {"duckdb-plain.sql", "duckdb", "plain", "", {}},
      {"postgres-plain.sql", "postgres", "plain", "", {}},
      {"bigquery-plain.sql", "bigquery", "plain", "", {}},
      {"snowflake-plain.sql", "snowflake", "plain", "", {}},
      {"spark-plain.sql", "spark", "plain", "", {}},
      {"clickhouse-plain.sql", "clickhouse", "plain", "", {}},
      {"snowflake-segment.sql", "snowflake", "segment", "prod.tracks", {{"groups_table", "prod.groups"}}},
      {"postgres-segment.sql", "postgres", "segment", "", {}},
      {"bigquery-mixpanel.sql", "bigquery", "mixpanel", "proj.mixpanel.mp_master_event", {{"account", "company_id"}}},
      {"snowflake-amplitude.sql", "snowflake", "amplitude", "EVENTS_123", {}},
      {"spark-amplitude.sql", "spark", "amplitude", "", {}},
      {"clickhouse-posthog.sql", "clickhouse", "posthog", "", {}},
      {"duckdb-posthog.sql", "duckdb", "posthog", "", {}},
      {"bigquery-ga4.sql", "bigquery", "ga4", "`proj.analytics_123.events_*`", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(generate(c), golden(c.file)) << c.file;
}

TEST(DayCountsSql, MapValuesAndNames) {
  SourceShape shape = source_shape("plain");
  apply_mapping(shape, "account", "json:props.$groups.company");
  apply_mapping(shape, "message_id", "sql:COALESCE(a, b)");
  apply_mapping(shape, "timestamp_unit", "us");
  const std::string sql = day_counts_sql(*find_dialect("postgres"), shape);
  EXPECT_NE(sql.find("(CAST(props AS JSONB) #>> '{\"$groups\",\"company\"}')"), std::string::npos);
  EXPECT_NE(sql.find("NULLIF(TRIM(CAST((COALESCE(a, b)) AS TEXT)), '') AS message_id"), std::string::npos);
  EXPECT_NE(sql.find("(CAST(timestamp AS BIGINT) / 1000) AS ms"), std::string::npos);
  // A name that is not a plain identifier is quoted.
  apply_mapping(shape, "user", "$user id");
  EXPECT_NE(day_counts_sql(*find_dialect("bigquery"), shape).find("CAST(`$user id` AS STRING)"), std::string::npos);
}

TEST(DayCountsSql, RefusesWhatCannotBeWritten) {
  EXPECT_THROW(source_shape("heap"), std::invalid_argument);
  EXPECT_EQ(find_dialect("oracle"), nullptr);
  SourceShape shape = source_shape("plain");
  EXPECT_THROW(apply_mapping(shape, "colour", "x"), std::invalid_argument);
  EXPECT_THROW(apply_mapping(shape, "timestamp_unit", "minutes"), std::invalid_argument);
  EXPECT_THROW(apply_mapping(shape, "account", "json:props"), std::invalid_argument);
  apply_mapping(shape, "event", "none");
  EXPECT_THROW(day_counts_sql(*find_dialect("duckdb"), shape), std::invalid_argument);
  EXPECT_THROW(day_counts_sql(*find_dialect("duckdb"), source_shape("ga4")), std::invalid_argument);
}

}  // namespace
}  // namespace pqlscope::warehouse
