// The known warehouse layouts. Column names follow each product's documented warehouse / export
// schema and the field names pqlscope's own ingest recognises for the same source
// (core/src/ingest/source_recognition.cpp), so that a table and its file export map alike.
#include "pqlscope/warehouse/source_shape.hpp"

#include <stdexcept>

namespace pqlscope::warehouse {
namespace {

ColumnSpec column(std::string name) { return {ColumnSpec::Kind::column, std::move(name), {}}; }
ColumnSpec json(std::string name, std::vector<std::string> keys) {
  return {ColumnSpec::Kind::json, std::move(name), std::move(keys)};
}
ColumnSpec param(std::string name, std::string key) { return {ColumnSpec::Kind::param, std::move(name), {std::move(key)}}; }

SourceShape make(std::string name, std::string table, ColumnSpec ts, ColumnSpec account, ColumnSpec user,
                 ColumnSpec event, ColumnSpec id, TimeUnit unit = TimeUnit::timestamp) {
  SourceShape s;
  s.name = std::move(name);
  s.table = std::move(table);
  s.timestamp = std::move(ts);
  s.account = std::move(account);
  s.user = std::move(user);
  s.event = std::move(event);
  s.message_id = std::move(id);
  s.time_unit = unit;
  return s;
}

std::vector<SourceShape> all_shapes() {
  std::vector<SourceShape> all;
  // The day-count contract's own input: one row per event.
  all.push_back(make("plain", "events", column("timestamp"), column("account_id"), column("user_id"),
                     column("event"), {}));
  // Segment's warehouse schema: one `tracks` table (id = messageId) and a `groups` table whose
  // rows make a user a member of an account (group_id); tracks carry no account of their own.
  SourceShape segment = make("segment", "tracks", column("timestamp"), {}, column("user_id"), column("event"),
                             column("id"));
  segment.groups_table = "groups";
  segment.group_user = column("user_id");
  segment.group_account = column("group_id");
  segment.group_timestamp = column("timestamp");
  all.push_back(std::move(segment));
  // Mixpanel's schematized export pipeline: mp_event_name, time in epoch seconds,
  // distinct_id, mp_insert_id; the account is a property of your own (--map account=...).
  all.push_back(make("mixpanel", "mp_master_event", column("time"), {}, column("distinct_id"),
                     column("mp_event_name"), column("mp_insert_id"), TimeUnit::seconds));
  // Amplitude's warehouse export: event_type, event_time, user_id, uuid, groups JSON.
  all.push_back(make("amplitude", "events", column("event_time"), json("groups", {"company"}), column("user_id"),
                     column("event_type"), column("uuid")));
  // PostHog's events table: event, timestamp, distinct_id, uuid, properties JSON with $groups.
  all.push_back(make("posthog", "events", column("timestamp"), json("properties", {"$groups", "company"}),
                     column("distinct_id"), column("event"), column("uuid")));
  // GA4's BigQuery export: event_timestamp in microseconds, the account an event parameter.
  // GA4 has no per-event id, so nothing is deduplicated.
  all.push_back(make("ga4", "`events_*`", column("event_timestamp"), param("event_params", "account_id"),
                     column("user_id"), column("event_name"), {}, TimeUnit::microseconds));
  return all;
}

std::vector<std::string> split_keys(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    out.emplace_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  for (const std::string& k : out) {
    if (k.empty()) throw std::invalid_argument("empty name in '" + std::string(path) + "'");
  }
  return out;
}

}  // namespace

ColumnSpec parse_column_spec(std::string_view text) {
  if (text.empty()) throw std::invalid_argument("empty column");
  auto starts = [&](std::string_view p) { return text.substr(0, p.size()) == p; };
  if (starts("sql:")) return {ColumnSpec::Kind::sql, std::string(text.substr(4)), {}};
  if (starts("json:") || starts("param:")) {
    const bool is_json = starts("json:");
    std::vector<std::string> keys = split_keys(text.substr(is_json ? 5 : 6));
    if (keys.size() < 2 || (!is_json && keys.size() != 2)) {
      throw std::invalid_argument("expected " + std::string(is_json ? "json:COLUMN.key[.key...]" : "param:COLUMN.key") +
                                  ", got '" + std::string(text) + "'");
    }
    std::string name = keys.front();
    keys.erase(keys.begin());
    return {is_json ? ColumnSpec::Kind::json : ColumnSpec::Kind::param, std::move(name), std::move(keys)};
  }
  return column(std::string(text));
}

const std::vector<std::string_view>& source_names() {
  static const std::vector<std::string_view> names = {"plain", "segment", "mixpanel", "amplitude", "posthog", "ga4"};
  return names;
}

SourceShape source_shape(std::string_view name) {
  for (SourceShape& s : all_shapes()) {
    if (s.name == name) return s;
  }
  throw std::invalid_argument("unknown source '" + std::string(name) +
                              "' (plain, segment, mixpanel, amplitude, posthog, ga4)");
}

void apply_mapping(SourceShape& s, std::string_view role, std::string_view value) {
  if (role == "timestamp_unit") {
    if (value == "timestamp") s.time_unit = TimeUnit::timestamp;
    else if (value == "s") s.time_unit = TimeUnit::seconds;
    else if (value == "ms") s.time_unit = TimeUnit::milliseconds;
    else if (value == "us") s.time_unit = TimeUnit::microseconds;
    else throw std::invalid_argument("timestamp_unit must be timestamp, s, ms or us, got '" + std::string(value) + "'");
    return;
  }
  if (role == "groups_table") {
    s.groups_table = std::string(value);
    return;
  }
  ColumnSpec* target = role == "timestamp"         ? &s.timestamp
                       : role == "account"         ? &s.account
                       : role == "user"            ? &s.user
                       : role == "event"           ? &s.event
                       : role == "message_id"      ? &s.message_id
                       : role == "group_user"      ? &s.group_user
                       : role == "group_account"   ? &s.group_account
                       : role == "group_timestamp" ? &s.group_timestamp
                                                   : nullptr;
  if (target == nullptr) {
    throw std::invalid_argument("unknown role '" + std::string(role) +
                                "' (timestamp, account, user, event, message_id, timestamp_unit, groups_table, "
                                "group_user, group_account, group_timestamp)");
  }
  *target = value == "none" ? ColumnSpec{} : parse_column_spec(value);
}

}  // namespace pqlscope::warehouse
