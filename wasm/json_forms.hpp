// The JSON forms the bindings exchange with JavaScript: options in, reports out. Keys are the
// core's names (snake_case), written in a fixed order so the text is deterministic.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "pqlscope/ingest/ingest_report.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model_json.hpp"

namespace pqlscope::wasm {

// {"strict": bool, "max_issues": n, "max_record_bytes": n, "max_json_depth": n}, all optional.
// Throws std::invalid_argument naming the key of the first problem.
IngestOptions ingest_options_from_json(std::string_view text);

// {"kind": "events"|"accounts"|"communications", "format": "auto"|"csv"|"tsv"|"ndjson"|"json",
//  "mapping": {role: column or JSON path}, "epoch_unit": "s"|"ms"}, all optional. Roles must
// be roles of the kind (a misspelt role would otherwise be ignored silently).
FileOptions file_options_from_json(std::string_view text);

// Totals, per-file summaries, rejected rows by code (non-zero codes only, in code order) and
// the kept issues with their positions.
nlohmann::ordered_json report_to_json(const IngestReport& report);

// {"ok": bool, "errors": [{path, message, line, column}], "warnings": [...]}
nlohmann::ordered_json validation_to_json(const ModelValidation& validation);

}  // namespace pqlscope::wasm
