// Tool-ready exports (docs/exports.md): files made for the import of the tools sales and
// customer success live in, from one scoring. Each is text, deterministic to the byte (the same
// natively and in WebAssembly), every text cell formula-neutralised like the CSV export's.
//
//   HubSpot     companies import CSV + the custom properties to create once (API body, JSON)
//   Salesforce  accounts CSV for the Data Import Wizard + the custom fields to create once (CSV)
//   Slack       digest of the alerts: Block Kit JSON within Slack's limits + the same as text
//   user traits Intercom / Segment-style CSV, one row per user
//
// User ids are written as the Aggregates hold them: hashed ids come from hashing them there
// (Session::set_user_id_salt, io/sha256.hpp).
#pragma once

#include <cstddef>
#include <string>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/report/report.hpp"

namespace pqlscope {

// One export file and what it left out (never silently: the CLI prints it, the API returns it).
struct ExportText {
  std::string text;
  std::size_t rows = 0;          // data rows (CSV) or listed entries (Slack)
  std::size_t left_out = 0;      // rows the receiving tool could not match (see each writer)
  std::string left_out_reason;   // "" when left_out is 0
};

// ---- HubSpot (companies) ----
// Columns: "Company Domain Name" and "Name" (the labels HubSpot's importer maps to its
// `domain` and `name` properties; the domain is how it matches an existing company), then one
// column per pqlscope property, headed by its label (hubspot_properties_json). Accounts without
// a domain are left out: HubSpot would create a new company for them at every import.
ExportText hubspot_companies_csv(const Aggregates& aggregates, const ScoreResult& result);
// The body of HubSpot's batch-create properties call (POST /crm/v3/properties/companies/batch/create):
// {"inputs": [{name, label, type, fieldType, groupName, description, options}]}, names
// pqlscope_*, in group "pqlscope"; enumeration options list every value the CSV can hold.
std::string hubspot_properties_json(const ScoreResult& result);

// ---- Salesforce (accounts) ----
// Columns: "Account Name" and "Website" (standard Account fields), then custom fields by API
// name (pqlscope_..._c, see salesforce_fields_csv); pqlscope_Account_Id__c is an external id,
// the key the Data Import Wizard matches existing accounts on. Every account with a name is a
// row; accounts without a name are left out (Account Name is required).
ExportText salesforce_accounts_csv(const Aggregates& aggregates, const ScoreResult& result);
// The custom fields to create once on Account: label, api_name, type, length, precision,
// scale, values (picklists, ';'-separated), external_id, description.
std::string salesforce_fields_csv(const ScoreResult& result);

// ---- Slack digest ----
inline constexpr std::size_t kSlackMaxBlocks = 50;          // blocks in one message
inline constexpr std::size_t kSlackMaxSectionText = 3000;   // characters of a section's text
inline constexpr std::size_t kSlackMaxHeaderText = 150;     // characters of a header's text
// Characters of all sections together: Slack rejects messages well under 50 x 3,000 with
// msg_blocks_too_long (reported at about 13,000), so the digest stays under this.
inline constexpr std::size_t kSlackMaxTotalText = 12000;

struct SlackDigest {
  std::string blocks_json;  // {"text": fallback, "blocks": [...]}, indented by two spaces
  std::string markdown;     // the same lines as Slack mrkdwn, for pasting into the composer
  std::size_t entries = 0;  // entered + left listed
  std::size_t not_listed = 0;  // cut by the limits ("and N more"), persona changes included
  std::size_t persona_changes = 0;  // persona changes listed (alerts.personas)
};
// What entered / left each segment between the alerts' two days (result.alerts: add_alerts()
// or Session::full_result() first), each entry with its reason in words, most valuable first
// (deal value, then account id). Segments without a change are not shown.
SlackDigest slack_digest(const Aggregates& aggregates, const ScoreResult& result);

// ---- User traits (Intercom / Segment identify) ----
// Columns: user_id, company_id, pqlscope_activation, pqlscope_engagement,
// pqlscope_engagement_trend, pqlscope_activated_at, pqlscope_persona (the home account's),
// pqlscope_user_segments (';'-separated), pqlscope_events, pqlscope_last_seen_at. One row per
// user, in user order.
ExportText user_traits_csv(const Aggregates& aggregates, const ScoreResult& result);

}  // namespace pqlscope
