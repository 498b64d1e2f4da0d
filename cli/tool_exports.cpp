#include "tool_exports.hpp"

#include "pqlscope/report/exports.hpp"

namespace pqlscope::cli {

const char* const kToolExportsHelp =
    "  --hubspot FILE        HubSpot companies import CSV; FILE's stem + .properties.json: the\n"
    "                        custom properties to create once (docs/exports.md)\n"
    "  --salesforce FILE     Salesforce accounts CSV for the Data Import Wizard; stem + .fields.csv:\n"
    "                        the custom fields to create once\n"
    "  --slack FILE          Slack digest of the alerts: Block Kit JSON; stem + .txt: the same as text\n"
    "  --user-traits FILE    one row per user (Intercom / Segment traits)\n"
    "  --hash-user-ids SALT  user ids as hex SHA-256(SALT || id) in every output\n";

ToolExportOptions read_tool_export_options(Args& args) {
  ToolExportOptions o;
  o.hubspot = args.value("--hubspot");
  o.salesforce = args.value("--salesforce");
  o.slack = args.value("--slack");
  o.user_traits = args.value("--user-traits");
  o.salt = args.value("--hash-user-ids");
  if (o.salt && o.salt->empty()) throw UsageError("--hash-user-ids needs a non-empty salt");
  return o;
}

void apply_user_id_salt(const ToolExportOptions& options, Session& session) {
  if (options.salt) session.set_user_id_salt(*options.salt);
}

std::string companion_path(const std::string& path, const std::string& suffix) {
  const std::size_t slash = path.find_last_of("/\\");
  const std::size_t dot = path.find_last_of('.');
  const bool has_extension = dot != std::string::npos && dot > 0 &&
                             (slash == std::string::npos || dot > slash + 1);
  return (has_extension ? path.substr(0, dot) : path) + suffix;
}

namespace {

void print_written(const std::string& path, const ExportText& e, const char* what) {
  std::printf("wrote %s: %zu %s", path.c_str(), e.rows, what);
  if (e.left_out > 0) std::printf("; %zu left out: %s", e.left_out, e.left_out_reason.c_str());
  std::printf("\n");
}

}  // namespace

void write_tool_exports(const ToolExportOptions& o, Session& session) {
  const Aggregates& a = session.aggregates();
  const ScoreResult& result = session.full_result();
  if (o.hubspot) {
    const ExportText csv = hubspot_companies_csv(a, result);
    write_text_file(*o.hubspot, csv.text);
    const std::string properties = companion_path(*o.hubspot, ".properties.json");
    write_text_file(properties, hubspot_properties_json(result));
    print_written(*o.hubspot, csv, "companies");
    std::printf("wrote %s: the HubSpot properties to create once\n", properties.c_str());
  }
  if (o.salesforce) {
    const ExportText csv = salesforce_accounts_csv(a, result);
    write_text_file(*o.salesforce, csv.text);
    const std::string fields = companion_path(*o.salesforce, ".fields.csv");
    write_text_file(fields, salesforce_fields_csv(result));
    print_written(*o.salesforce, csv, "accounts");
    std::printf("wrote %s: the Salesforce custom fields to create once\n", fields.c_str());
  }
  if (o.slack) {
    const SlackDigest digest = slack_digest(a, result);
    write_text_file(*o.slack, digest.blocks_json);
    const std::string text = companion_path(*o.slack, ".txt");
    write_text_file(text, digest.markdown);
    std::printf("wrote %s and %s: %zu changes and %zu persona changes listed, %zu more not listed (Slack's limits)\n",
                o.slack->c_str(), text.c_str(), digest.entries, digest.persona_changes, digest.not_listed);
  }
  if (o.user_traits) {
    const ExportText csv = user_traits_csv(a, result);
    write_text_file(*o.user_traits, csv.text);
    print_written(*o.user_traits, csv, "users");
  }
}

}  // namespace pqlscope::cli
