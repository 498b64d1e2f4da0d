#include "pqlscope/session/tool_exports.hpp"

#include "pqlscope/report/exports.hpp"

namespace pqlscope {
namespace {

constexpr std::pair<ToolExport, const char*> kNames[] = {
    {ToolExport::hubspot, "hubspot"},
    {ToolExport::salesforce, "salesforce"},
    {ToolExport::slack, "slack"},
    {ToolExport::user_traits, "userTraits"},
};

void add_counts(nlohmann::ordered_json& out, const ExportText& e) {
  out["rows"] = e.rows;
  out["leftOut"] = e.left_out;
  out["leftOutReason"] = e.left_out_reason;
}

}  // namespace

const char* to_string(ToolExport tool) {
  for (const auto& [t, name] : kNames) {
    if (t == tool) return name;
  }
  return "";
}

std::optional<ToolExport> tool_export_from_string(std::string_view name) {
  for (const auto& [t, n] : kNames) {
    if (name == n) return t;
  }
  return std::nullopt;
}

nlohmann::ordered_json tool_export_json(Session& session, ToolExport tool) {
  const ScoreResult& result = session.full_result();
  const Aggregates& a = session.aggregates();
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  switch (tool) {
    case ToolExport::hubspot: {
      const ExportText csv = hubspot_companies_csv(a, result);
      out["csv"] = csv.text;
      out["properties"] = hubspot_properties_json(result);
      add_counts(out, csv);
      break;
    }
    case ToolExport::salesforce: {
      const ExportText csv = salesforce_accounts_csv(a, result);
      out["csv"] = csv.text;
      out["fields"] = salesforce_fields_csv(result);
      add_counts(out, csv);
      break;
    }
    case ToolExport::slack: {
      const SlackDigest digest = slack_digest(a, result);
      out["blocks"] = digest.blocks_json;
      out["markdown"] = digest.markdown;
      out["entries"] = digest.entries;
      out["notListed"] = digest.not_listed;
      out["personaChanges"] = digest.persona_changes;
      break;
    }
    case ToolExport::user_traits: {
      const ExportText csv = user_traits_csv(a, result);
      out["csv"] = csv.text;
      out["rows"] = csv.rows;
      break;
    }
  }
  return out;
}

}  // namespace pqlscope
