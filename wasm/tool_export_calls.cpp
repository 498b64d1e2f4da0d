#include "tool_export_calls.hpp"

#include <stdexcept>

#include "pqlscope/session/tool_exports.hpp"

namespace pqlscope::wasm {

Outcome tool_export(Session& session, const std::string& kind) {
  return guarded([&] {
    const auto tool = tool_export_from_string(kind);
    if (!tool) {
      throw std::invalid_argument("toolExport: unknown tool '" + kind +
                                  "' (hubspot, salesforce, slack or userTraits)");
    }
    return tool_export_json(session, *tool).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
}

Outcome set_user_id_salt(Session& session, const std::string& salt) {
  return guarded([&] {
    session.set_user_id_salt(salt.empty() ? std::nullopt : std::optional<std::string>(salt));
    return std::string();
  });
}

}  // namespace pqlscope::wasm
