// The tool-ready exports of a session's last scoring, as one JSON object per tool (what the
// WebAssembly package returns; report/exports.hpp writes them, docs/exports.md).
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pqlscope/session/session.hpp"

namespace pqlscope {

enum class ToolExport { hubspot, salesforce, slack, user_traits };
// "hubspot", "salesforce", "slack", "userTraits" (the package's names).
const char* to_string(ToolExport tool);
std::optional<ToolExport> tool_export_from_string(std::string_view name);

// hubspot:    {csv, properties (JSON text), rows, leftOut, leftOutReason}
// salesforce: {csv, fields (CSV text), rows, leftOut, leftOutReason}
// slack:      {blocks (JSON text), markdown, entries, notListed}
// userTraits: {csv, rows}
// Needs the alerts (slack): computes them when the session has not yet.
nlohmann::ordered_json tool_export_json(Session& session, ToolExport tool);

}  // namespace pqlscope
