// Where each role of an event lives in a warehouse table, for the known export layouts
// (plain, Segment, Mixpanel, Amplitude, PostHog, GA4) and as `--map ROLE=COLUMN` overrides it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pqlscope::warehouse {

// One role's value. A `--map` value is a column name, or `json:COLUMN.key.key` (a member of a
// JSON column), `param:COLUMN.key` (GA4's repeated key/value parameters), `sql:EXPRESSION`.
struct ColumnSpec {
  enum class Kind { none, column, json, param, sql };
  Kind kind = Kind::none;
  std::string name;               // the column, or the SQL expression
  std::vector<std::string> keys;  // json / param keys
};
ColumnSpec parse_column_spec(std::string_view text);

// How the timestamp column counts time: a TIMESTAMP value (without zone: read as UTC), or
// whole seconds / milliseconds / microseconds since 1970.
enum class TimeUnit { timestamp, seconds, milliseconds, microseconds };

struct SourceShape {
  std::string name;
  std::string table;  // the default table (--table replaces it)
  ColumnSpec timestamp, account, user, event, message_id;
  TimeUnit time_unit = TimeUnit::timestamp;
  // Segment-style group calls in a table of their own: they make a user a member of an account.
  std::string groups_table;  // empty: none
  ColumnSpec group_user, group_account, group_timestamp;
};

// The source names, in the order `pqlscope sql --help` lists them.
const std::vector<std::string_view>& source_names();
// Throws std::invalid_argument for an unknown name.
SourceShape source_shape(std::string_view name);
// `--map ROLE=VALUE`: ROLE is timestamp, account, user, event, message_id, timestamp_unit
// (timestamp|s|ms|us), groups_table, group_user, group_account or group_timestamp. Throws
// std::invalid_argument naming the role or value that is wrong.
void apply_mapping(SourceShape& shape, std::string_view role, std::string_view value);

}  // namespace pqlscope::warehouse
