// The JSON forms a session exchanges with its callers (the WebAssembly bindings, tests): options
// in, reports out. Keys are the core's names (snake_case), written in a fixed order so the text
// is deterministic. The option keys are listed once, in session/vocabulary.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/ingest_report.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report.hpp"

namespace pqlscope {

// {"strict": bool, "max_issues": n, "max_record_bytes": n, "max_json_depth": n}, all optional.
// Throws std::invalid_argument naming the key of the first problem.
IngestOptions ingest_options_from_json(std::string_view text);

// {"kind": "events"|"accounts"|"communications", "format": "auto"|"csv"|"tsv"|"ndjson"|"json",
//  "mapping": {role: column or JSON path}, "epoch_unit": "s"|"ms"|"us"|"ns",
//  "date_order": "mdy"|"dmy"}, all optional. Roles must
// be roles of the kind (a misspelt role would otherwise be ignored silently).
FileOptions file_options_from_json(std::string_view text);

struct ScoreOptions {
  std::optional<int32_t> as_of_day;  // overrides the model's as_of (the CLI's --as-of)
  ReportOptions report;              // include_users (the CLI's --no-users), max_contributions, pretty
  bool build_report = true;          // false: score() returns the summary only
};

// {"as_of": "YYYY-MM-DD" | null, "include_users": bool, "max_contributions": n, "report": bool,
//  "pretty": bool},
// all optional. Throws std::invalid_argument naming the key of the first problem.
ScoreOptions score_options_from_json(std::string_view text);

// The numbers a UI shows after a re-score without the whole report:
// {"as_of", "accounts", "users", "pqls", "trial_accounts", "forecast_revenue"}.
nlohmann::ordered_json score_summary_to_json(const Aggregates& aggregates, const ScoreResult& result);

// Totals, per-file summaries, rejected rows by code (non-zero codes only, in code order) and
// the kept issues with their positions.
nlohmann::ordered_json report_to_json(const IngestReport& report);

// {"code", "file", "line", "column", "byte_offset", "field", "message"}
nlohmann::ordered_json issue_to_json(const IngestIssue& issue);

// {"ok": bool, "errors": [{path, message, line, column}], "warnings": [...]}
nlohmann::ordered_json validation_to_json(const ModelValidation& validation);

}  // namespace pqlscope
