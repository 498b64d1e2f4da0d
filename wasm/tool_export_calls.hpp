// The WebAssembly calls for the tool-ready exports and hashed user ids (docs/exports.md),
// each an Outcome like session_calls.hpp's; the logic is session/tool_exports.hpp.
#pragma once

#include <string>

#include "boundary.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope::wasm {

// kind: "hubspot" | "salesforce" | "slack" | "userTraits"; the JSON of tool_export_json().
Outcome tool_export(Session& session, const std::string& kind);
// "" removes the salt (raw ids again); re-scores a scored session.
Outcome set_user_id_salt(Session& session, const std::string& salt);

}  // namespace pqlscope::wasm
