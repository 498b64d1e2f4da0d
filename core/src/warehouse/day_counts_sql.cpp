// The day-count query. It is written once; the dialect table (dialects.cpp) fills in the
// functions, types and quotes that differ.
#include "pqlscope/warehouse/day_counts_sql.hpp"

#include <stdexcept>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope::warehouse {
namespace {

std::string fill(std::string_view templ, std::string_view token, std::string_view value) {
  std::string out(templ);
  for (size_t at = out.find(token); at != std::string::npos; at = out.find(token, at + value.size())) {
    out.replace(at, token.size(), value);
  }
  return out;
}

bool plain_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

class Writer {
 public:
  explicit Writer(const DialectSpec& d) : d_(d) {}

  std::string quoted(std::string_view name) const {
    if (plain_name(name)) return std::string(name);
    return d_.quote_open + std::string(name) + d_.quote_close;
  }
  std::string literal(std::string_view text) const {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }

  // The raw value of a role, before normalisation.
  std::string value(const ColumnSpec& c) const {
    switch (c.kind) {
      case ColumnSpec::Kind::none: return "NULL";
      case ColumnSpec::Kind::column: return quoted(c.name);
      case ColumnSpec::Kind::sql: return "(" + c.name + ")";
      case ColumnSpec::Kind::json: {
        std::string path;
        for (size_t i = 0; i < c.keys.size(); ++i) {
          if (i) path += d_.json_key_sep;
          path += fill(d_.json_key, "{k}", fill(c.keys[i], "'", "''"));
        }
        return fill(d_.json_prefix, "{j}", quoted(c.name)) + path + std::string(d_.json_suffix);
      }
      case ColumnSpec::Kind::param:
        if (d_.param_value.empty()) {
          throw std::invalid_argument("repeated key/value parameters (param:) are only written for bigquery");
        }
        return fill(fill(d_.param_value, "{j}", quoted(c.name)), "{k}", fill(c.keys[0], "'", "''"));
    }
    return "NULL";
  }
  // Text with pqlscope's ingest rules: surrounding blanks trimmed, empty means missing.
  std::string text(const ColumnSpec& c) const {
    if (c.kind == ColumnSpec::Kind::none) return "CAST(NULL AS " + std::string(d_.text_type) + ")";
    return "NULLIF(TRIM(CAST(" + value(c) + " AS " + std::string(d_.text_type) + ")), '')";
  }
  std::string int_div(std::string_view x, std::string_view y) const {
    return fill(fill(d_.int_div, "{x}", x), "{y}", y);
  }
  std::string millis(const ColumnSpec& c, TimeUnit unit) const {
    const std::string v = value(c);
    const std::string as_int = "CAST(" + v + " AS " + std::string(d_.int_type) + ")";
    switch (unit) {
      case TimeUnit::timestamp: return fill(d_.epoch_ms, "{x}", v);
      case TimeUnit::seconds: return as_int + " * 1000";
      case TimeUnit::milliseconds: return as_int;
      case TimeUnit::microseconds: return int_div(as_int, "1000");
    }
    return v;
  }
  std::string null_text() const { return "CAST(NULL AS " + std::string(d_.text_type) + ")"; }
  std::string null_int() const { return "CAST(NULL AS " + std::string(d_.int_type) + ")"; }
  std::string by_bytes(std::string_view key) const { return std::string(key) + std::string(d_.byte_order); }

 private:
  const DialectSpec& d_;
};

}  // namespace

std::string day_counts_sql(const DialectSpec& dialect, const SourceShape& s) {
  if (s.timestamp.kind == ColumnSpec::Kind::none) throw std::invalid_argument("the source has no timestamp column");
  if (s.event.kind == ColumnSpec::Kind::none) throw std::invalid_argument("the source has no event column");
  if (s.account.kind == ColumnSpec::Kind::none && s.user.kind == ColumnSpec::Kind::none) {
    throw std::invalid_argument("the source names neither an account nor a user column");
  }
  const bool groups = !s.groups_table.empty();
  if (groups && (s.group_user.kind == ColumnSpec::Kind::none || s.group_account.kind == ColumnSpec::Kind::none ||
                 s.group_timestamp.kind == ColumnSpec::Kind::none)) {
    throw std::invalid_argument("a groups table needs group_user, group_account and group_timestamp");
  }
  const Writer w(dialect);
  const bool ids = s.message_id.kind != ColumnSpec::Kind::none;
  // The days ingest accepts: 1970-01-01 up to kMaxSupportedDay (docs/ingest.md, "Timestamps").
  const std::string max_ms = std::to_string((int64_t{kMaxSupportedDay} + 1) * kMillisPerDay);
  const std::string day = w.int_div("ms", std::to_string(kMillisPerDay));
  auto level = [&](std::string_view name) { return w.literal(name); };
  namespace lv = day_count_level;

  std::string q;
  q += "-- pqlscope day counts, version 2 (docs/aggregates.md): pqlscope sql --dialect " +
       std::string(dialect.name) + " --source " + s.name + "\n";
  q += "WITH src AS (\n  SELECT " + w.millis(s.timestamp, s.time_unit) + " AS ms,\n         " + w.text(s.account) +
       " AS account_id,\n         " + w.text(s.user) + " AS user_id,\n         " + w.text(s.event) +
       " AS event_name,\n         " + w.text(s.message_id) + " AS message_id\n  FROM " + s.table + "\n),\n";
  // Rows ingest would reject (no time, a time out of range, no event, no entity) count nowhere.
  q += "valid AS (\n  SELECT * FROM src\n  WHERE ms >= 0 AND ms < " + max_ms +
       " AND event_name IS NOT NULL AND (account_id IS NOT NULL OR user_id IS NOT NULL)\n),\n";
  if (ids) {
    // Rows with the same message id and event name count once (the earliest); rows without an
    // id are all counted.
    q += "numbered AS (\n  SELECT ms, account_id, user_id, event_name, message_id,\n"
         "         ROW_NUMBER() OVER (PARTITION BY event_name, message_id ORDER BY ms, " +
         w.by_bytes("account_id") + ", " + w.by_bytes("user_id") + ") AS id_rank\n  FROM valid\n),\n";
    q += "ev AS (\n  SELECT ms, account_id, user_id, event_name FROM numbered WHERE message_id IS NULL OR id_rank = 1\n),\n";
  } else {
    q += "ev AS (\n  SELECT ms, account_id, user_id, event_name FROM valid\n),\n";
  }
  q += "memberships AS (\n  SELECT user_id, account_id, ms FROM ev WHERE user_id IS NOT NULL AND account_id IS NOT NULL\n";
  if (groups) {
    q += "  UNION ALL\n  SELECT user_id, account_id, ms FROM (\n    SELECT " + w.text(s.group_user) + " AS user_id, " +
         w.text(s.group_account) + " AS account_id, " + w.millis(s.group_timestamp, s.time_unit) + " AS ms\n    FROM " +
         s.groups_table + "\n  ) g WHERE user_id IS NOT NULL AND account_id IS NOT NULL AND ms IS NOT NULL\n";
  }
  q += "),\n";
  // The home account: the one of the user's earliest event (or group call), ties by account id.
  q += "user_accounts AS (\n  SELECT user_id, account_id, since,\n"
       "         COUNT(*) OVER (PARTITION BY user_id) AS accounts,\n"
       "         ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY since, " + w.by_bytes("account_id") +
       ") AS home_rank\n  FROM (SELECT user_id, account_id, MIN(ms) AS since FROM memberships GROUP BY user_id, account_id) m\n),\n";
  // Totals by aggregation alone, no joins: a planner without statistics on the intermediate
  // results cannot pick a nested-loop join over them.
  const std::string event_ms = "CASE WHEN is_event = 1 THEN ms END";
  q += "account_totals AS (\n  SELECT account_id, MIN(ms) AS seen, SUM(is_event) AS events,\n"
       "         MIN(" + event_ms + ") AS first_ms, MAX(" + event_ms + ") AS last_ms\n"
       "  FROM (SELECT account_id, ms, 1 AS is_event FROM ev WHERE account_id IS NOT NULL\n"
       "        UNION ALL SELECT account_id, since, 0 FROM user_accounts) a\n  GROUP BY account_id\n),\n";
  q += "user_totals AS (\n  SELECT user_id, MIN(ms) AS seen, SUM(is_event) AS events,\n"
       "         MIN(" + event_ms + ") AS first_ms, MAX(" + event_ms + ") AS last_ms,\n"
       "         MAX(home) AS home, MAX(accounts) AS accounts\n"
       "  FROM (SELECT user_id, ms, 1 AS is_event, " + w.null_text() + " AS home, " + w.null_int() +
       " AS accounts FROM ev WHERE user_id IS NOT NULL\n"
       "        UNION ALL SELECT user_id, since, 0, CASE WHEN home_rank = 1 THEN account_id END, accounts\n"
       "        FROM user_accounts) u\n  GROUP BY user_id\n),\n";
  auto day_rows = [&](std::string_view name, std::string_view entity, std::string_view where, int part) {
    return "  SELECT " + std::to_string(part) + ", " + w.null_int() + ", " + level(name) + ", " + std::string(entity) +
           ", " + w.null_text() + ", event_name, day_number, COUNT(*), " + w.null_int() + ", " + w.null_int() + ", " +
           w.null_int() + "\n  FROM (SELECT " + std::string(entity) + ", event_name, " + day +
           " AS day_number FROM ev WHERE " + std::string(where) + ") d\n  GROUP BY " + std::string(entity) +
           ", event_name, day_number\n";
  };
  q += "event_totals AS (\n  SELECT event_name, COUNT(*) AS events, MIN(ms) AS first_ms, MAX(ms) AS last_ms\n"
       "  FROM ev GROUP BY event_name\n),\n";
  q += "out_rows AS (\n";
  q += "  SELECT 0 AS part, first_ms AS seen, " + level(lv::event_total) + " AS lvl, event_name AS entity, " +
       w.null_text() + " AS account, " + w.null_text() + " AS event_name, " + w.null_int() +
       " AS day_number, events AS n, first_ms, last_ms, " + w.null_int() + " AS several\n"
       "  FROM event_totals\n  UNION ALL\n";
  q += "  SELECT 1, seen, " + level(lv::account_total) + ", account_id, " + w.null_text() + ", " + w.null_text() +
       ", " + w.null_int() + ", events, first_ms, last_ms, " + w.null_int() + "\n  FROM account_totals\n  UNION ALL\n";
  q += "  SELECT 2, seen, " + level(lv::user_total) + ", user_id, home, " + w.null_text() + ", " + w.null_int() +
       ", events, first_ms, last_ms, CASE WHEN accounts > 1 THEN 1 ELSE 0 END\n  FROM user_totals\n  UNION ALL\n";
  q += day_rows(lv::account, "account_id", "account_id IS NOT NULL", 3) + "  UNION ALL\n";
  q += day_rows(lv::user, "user_id", "user_id IS NOT NULL", 4) + "  UNION ALL\n";
  q += day_rows(lv::user_no_account, "user_id", "user_id IS NOT NULL AND account_id IS NULL", 5);
  q += ")\n";
  // Totals first (event names, accounts, users), each in order of first appearance (time, then
  // id): the order a reader interns them, the order ingest of a time-ordered file meets them.
  const std::string names[] = {"level", "entity_id", "account_id", "event", "day", "count",
                               "first_event_ms", "last_event_ms", "in_several_accounts"};
  const std::string columns[] = {"lvl", "entity", "account", "event_name", "day_number", "n",
                                 "first_ms", "last_ms", "several"};
  q += "SELECT ";
  for (size_t i = 0; i < 9; ++i) {
    q += (i ? ", " : "") + columns[i] + " AS " + w.quoted(names[i]);
    if (i == 4) q += "\n       ";
  }
  q += "\nFROM out_rows\nORDER BY part, seen, " + w.by_bytes("entity") + ", " + w.by_bytes("event_name") +
       ", day_number;\n";
  return q;
}

}  // namespace pqlscope::warehouse
