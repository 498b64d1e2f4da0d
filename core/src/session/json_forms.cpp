#include "pqlscope/session/json_forms.hpp"

#include <stdexcept>
#include <string>

#include "pqlscope/metrics/history.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  throw std::invalid_argument(where + ": " + what);
}

json parse_object(std::string_view text, const char* what) {
  if (text.empty()) return json::object();
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) bad(what, "invalid JSON");
  if (!document.is_object()) bad(what, "expected a JSON object");
  return document;
}

uint64_t read_count(const json& value, const std::string& where) {
  if (!value.is_number_unsigned()) bad(where, "expected a non-negative integer");
  return value.get<uint64_t>();
}

FileKind read_kind(const json& value) {
  if (value == "events") return FileKind::events;
  if (value == "accounts") return FileKind::accounts;
  if (value == "communications") return FileKind::communications;
  bad("kind", "expected \"events\", \"accounts\" or \"communications\"");
}

bool is_role_of(FileKind kind, std::string_view name) {
  for (const RoleSpec& spec : roles_of(kind)) {
    if (spec.role == name) return true;
  }
  return false;
}

ordered_json issue_list(const std::vector<ModelIssue>& issues) {
  ordered_json out = ordered_json::array();
  for (const ModelIssue& i : issues) {
    out.push_back({{"path", i.path}, {"message", i.message}, {"line", i.line}, {"column", i.column}});
  }
  return out;
}

}  // namespace

ordered_json issue_to_json(const IngestIssue& issue) { return ingest_issue_json(issue); }

IngestOptions ingest_options_from_json(std::string_view text) {
  const json document = parse_object(text, "ingest options");
  IngestOptions options;
  for (const auto& [key, value] : document.items()) {
    if (key == "strict") {
      if (!value.is_boolean()) bad(key, "expected true or false");
      options.strict = value.get<bool>();
    } else if (key == "max_issues") {
      options.max_issues = read_count(value, key);
    } else if (key == "max_record_bytes") {
      options.max_record_bytes = read_count(value, key);
    } else if (key == "max_json_depth") {
      options.max_json_depth = static_cast<uint32_t>(read_count(value, key));
    } else if (key == "drop_identical_rows") {
      if (!value.is_boolean()) bad(key, "expected true or false");
      options.drop_identical_rows = value.get<bool>();
    } else {
      bad(key, "unknown ingest option");
    }
  }
  return options;
}

FileOptions file_options_from_json(std::string_view text) {
  const json document = parse_object(text, "file options");
  FileOptions options;
  if (auto it = document.find("kind"); it != document.end()) options.kind = read_kind(*it);
  for (const auto& [key, value] : document.items()) {
    if (key == "kind") continue;
    if (key == "format") {
      const std::string name = value.is_string() ? value.get<std::string>() : "";
      options.format = parse_input_format(name);
      if (options.format == InputFormat::auto_detect && name != "auto") {
        bad(key, "expected \"auto\", \"csv\", \"tsv\", \"ndjson\" or \"json\"");
      }
    } else if (key == "mapping") {
      if (!value.is_object()) bad(key, "expected an object {role: column}");
      for (const auto& [role, column] : value.items()) {
        if (!is_role_of(options.kind, role)) {
          bad("mapping." + role, std::string("not a role of ") + file_kind_name(options.kind) + " files");
        }
        if (!column.is_string() || column.get<std::string>().empty()) {
          bad("mapping." + role, "expected a column name or JSON path");
        }
        options.mapping.fields[role] = column.get<std::string>();
      }
    } else if (key == "size") {
      // The file's size in bytes (a File's .size): lets a copy given twice be recognised past
      // the held-back limit (docs/ingest.md, "The same file twice").
      options.size = static_cast<int64_t>(read_count(value, key));
    } else if (key == "epoch_unit") {
      if (value.is_string()) options.mapping.epoch_unit = parse_epoch_unit(value.get<std::string>());
      if (options.mapping.epoch_unit == EpochUnit::undecided) bad(key, "expected \"s\", \"ms\", \"us\" or \"ns\"");
    } else if (key == "date_order") {
      if (value.is_string()) options.mapping.date_order = parse_date_order(value.get<std::string>());
      if (options.mapping.date_order == DateOrder::undecided) bad(key, "expected \"mdy\" or \"dmy\"");
    } else {
      bad(key, "unknown file option");
    }
  }
  return options;
}

ordered_json report_to_json(const IngestReport& r) { return ingest_report_json(r); }

ordered_json validation_to_json(const ModelValidation& v) {
  return {{"ok", v.ok()}, {"errors", issue_list(v.errors)}, {"warnings", issue_list(v.warnings)}};
}

ScoreOptions score_options_from_json(std::string_view text) {
  ScoreOptions options;
  const json document = parse_object(text, "score options");  // a local: items() does not own it
  for (const auto& [key, value] : document.items()) {
    if (key == "as_of") {
      if (value.is_null()) continue;
      if (!value.is_string()) bad(key, "expected a date YYYY-MM-DD or null");
      const auto day = parse_model_date(value.get<std::string>());
      if (!day) bad(key, "expected a date YYYY-MM-DD, got '" + value.get<std::string>() + "'");
      options.as_of_day = *day;
    } else if (key == "include_users") {
      if (!value.is_boolean()) bad(key, "expected true or false");
      options.report.include_users = value.get<bool>();
    } else if (key == "max_contributions") {
      options.report.max_contributions = static_cast<size_t>(read_count(value, key));
    } else if (key == "report") {
      if (!value.is_boolean()) bad(key, "expected true or false");
      options.build_report = value.get<bool>();
    } else if (key == "pretty") {
      if (!value.is_boolean()) bad(key, "expected true or false");
      options.report.pretty = value.get<bool>();
    } else if (key == "history" || key == "history_users" || key == "history_moves") {
      if (!value.is_boolean()) bad(key, "expected true or false");
      bool& flag = key == "history" ? options.report.include_history
                   : key == "history_users" ? options.report.history_users : options.report.history_moves;
      flag = value.get<bool>();
    } else if (key == "history_interval_days") {
      const uint64_t days = read_count(value, key);
      if (days < uint64_t{kMinHistoryInterval} || days > uint64_t{kMaxHistoryInterval}) bad(key, "expected whole days 1..366");
      options.report.history_interval_days = static_cast<int>(days);
    } else {
      bad(key, "unknown score option (as_of, include_users, max_contributions, report, pretty, history, "
               "history_interval_days, history_users, history_moves)");
    }
  }
  return options;
}

ordered_json score_summary_to_json(const Aggregates& aggregates, const ScoreResult& result) {
  const Segment* pqls = result.segments.find("pql");
  const double forecast = result.segments.personas.total.expected_revenue;
  return {{"as_of", format_day(result.as_of_day)},
          {"accounts", aggregates.accounts.size()},
          {"users", aggregates.users.size()},
          {"pqls", pqls != nullptr ? pqls->members.size() : 0},
          {"trial_accounts", result.segments.personas.assignments.size()},
          {"forecast_revenue", round4(forecast)}};
}

}  // namespace pqlscope
