// `pqlscope score`'s tool-ready exports (docs/exports.md): --hubspot, --salesforce, --slack,
// --user-traits, and --hash-user-ids for every output.
#pragma once

#include <optional>
#include <string>

#include "commands.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope::cli {

extern const char* const kToolExportsHelp;

struct ToolExportOptions {
  std::optional<std::string> hubspot;      // companies CSV; + <stem>.properties.json
  std::optional<std::string> salesforce;   // accounts CSV; + <stem>.fields.csv
  std::optional<std::string> slack;        // Block Kit JSON; + <stem>.txt (mrkdwn)
  std::optional<std::string> user_traits;  // users CSV
  std::optional<std::string> salt;         // --hash-user-ids
};

ToolExportOptions read_tool_export_options(Args& args);
// Before session.score(): hashes the user ids when a salt was given.
void apply_user_id_salt(const ToolExportOptions& options, Session& session);
// After scoring: writes each file asked for and prints one line per file (rows, left out).
void write_tool_exports(const ToolExportOptions& options, Session& session);
// "out/companies.csv" + ".properties.json" -> "out/companies.properties.json" (the extension,
// if any, is replaced).
std::string companion_path(const std::string& path, const std::string& suffix);

}  // namespace pqlscope::cli
