#include "pqlscope/ingest/field_mapping.hpp"

#include "pqlscope/io/text.hpp"

namespace pqlscope {

const char* file_kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::events: return "events";
    case FileKind::accounts: return "accounts";
    case FileKind::communications: return "communications";
  }
  return "events";
}

const char* input_format_name(InputFormat format) {
  switch (format) {
    case InputFormat::auto_detect: return "auto";
    case InputFormat::csv: return "csv";
    case InputFormat::tsv: return "tsv";
    case InputFormat::ndjson: return "ndjson";
    case InputFormat::json_array: return "json";
  }
  return "auto";
}

InputFormat parse_input_format(std::string_view name) {
  if (iequals(name, "csv")) return InputFormat::csv;
  if (iequals(name, "tsv")) return InputFormat::tsv;
  if (iequals(name, "ndjson") || iequals(name, "jsonl")) return InputFormat::ndjson;
  if (iequals(name, "json")) return InputFormat::json_array;
  return InputFormat::auto_detect;
}

InputFormat detect_format(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  size_t i = 0;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) ++i;
  if (i < head.size() && head[i] == '[') return InputFormat::json_array;
  if (i < head.size() && head[i] == '{') return InputFormat::ndjson;
  size_t commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : head) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    tabs += c == '\t';
  }
  return tabs > commas ? InputFormat::tsv : InputFormat::csv;
}

const std::vector<RoleSpec>& roles_of(FileKind kind) {
  // Candidate names, most specific first. CSV headers match case-insensitively; JSON paths
  // are tried as written ("a.b" is the key "a.b" if present, else b inside a).
  static const std::vector<RoleSpec> events = {
      {role::timestamp, true,
       {"timestamp", "event_time", "time", "ts", "properties.time", "properties.timestamp",
        "originalTimestamp", "original_timestamp", "receivedAt", "received_at", "derived_tstamp",
        "collector_tstamp", "event_timestamp", "created_at", "date"}},
      {role::account, false,
       {"account_id", "group_id", "company_id", "groupId", "context.groupId", "context_group_id",
        "$groups.company", "properties.$groups.company", "groups.company", "groups.account",
        "properties.account_id", "properties.group_id", "properties.company_id",
        "properties.groupId", "account", "company", "workspace_id"}},
      {role::user, false,
       {"user_id", "userId", "distinct_id", "properties.distinct_id", "person_id",
        "properties.user_id", "user", "anonymousId", "anonymous_id", "visitor_id",
        "user_pseudo_id", "domain_userid", "device_id"}},
      {role::event, true, {"event", "event_type", "event_name", "event_text", "mp_event_name", "name", "action"}},
      {role::message_id, false,
       {"messageId", "message_id", "$insert_id", "properties.$insert_id", "insert_id", "mp_insert_id", "uuid",
        "event_id"}},
      {role::type, false, {"type"}},
      // How many events the row stands for (Pendo's hourly rollups); one when absent.
      {role::count, false, {"num_events"}},
  };
  static const std::vector<RoleSpec> accounts = {
      {"account", true, {"account_id", "id", "group_id", "company_id", "groupId", "account"}},
      {"name", false, {"name", "account_name", "company_name", "company"}},
      {"domain", false, {"domain", "website", "company_domain"}},
      {"employees", false, {"employees", "employee_count", "num_employees", "company_size", "size"}},
      {"plan", false, {"plan", "stage", "plan_type", "status", "tier"}},
      {"signup_at", false, {"signup_at", "signed_up_at", "signup_date", "created_at", "trial_started_at"}},
      {"trial_ends_at", false, {"trial_ends_at", "trial_end", "trial_end_date", "trial_ends"}},
      {"converted_at", false, {"converted_at", "paid_at", "conversion_date", "closed_won_at"}},
      {"deal_value", false, {"deal_value", "arr", "acv", "deal_amount", "amount", "mrr"}},
      {"seats", false, {"seats", "seats_purchased", "licenses", "seat_count"}},
      {"owner", false, {"owner", "account_owner", "csm", "sales_owner"}},
      {"industry", false, {"industry", "vertical"}},
      {"region", false, {"region", "country", "geo"}},
      {"deal_size", false, {"deal_size", "segment", "size_band"}},
  };
  static const std::vector<RoleSpec> communications = {
      {"account", false, {"account_id", "group_id", "company_id", "account"}},
      {"user", false, {"user_id", "userId", "distinct_id", "user"}},
      {"timestamp", true, {"timestamp", "time", "date", "sent_at", "created_at", "ts"}},
      {"channel", false, {"channel", "type", "medium", "kind"}},
      {"sentiment", false, {"sentiment", "tone", "mood"}},
  };
  switch (kind) {
    case FileKind::events: return events;
    case FileKind::accounts: return accounts;
    case FileKind::communications: return communications;
  }
  return events;
}

}  // namespace pqlscope
