// What the CRM exports share (private to the exports): the one list of pqlscope's account
// fields with their stable names and types, from which the HubSpot properties and the
// Salesforce custom fields are both made, and the cell writers.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/report/exports.hpp"
#include "pqlscope/report/report.hpp"

namespace pqlscope::exports {

enum class FieldKind { text, number, date, flag, choice, choices };

struct ExportField {
  const char* key;          // stable: HubSpot "pqlscope_<key>", Salesforce "pqlscope_<key>__c"
  const char* label;        // HubSpot's column header and property label, Salesforce's field label
  FieldKind kind;
  int scale;                // decimals kept by Salesforce for numbers
  const char* description;
};

// In column order. Never rename a key: CRMs keep the properties made from them.
const std::vector<ExportField>& account_fields();

struct Choice {
  std::string value;
  std::string label;
};
// The values a choice / choices field can hold in this scoring (stage, persona, segments).
std::vector<Choice> choices_of(const ExportField& field, const ScoreResult& result);

// One account's value of a field as a CSV cell (text formula-neutralised and quoted, numbers
// as the CSV export writes them, dates YYYY-MM-DD, flags true / false, choices ';'-separated),
// appended to `out`. `tags` are the account's segment indices (SegmentReport::memberships()).
void append_field_cell(std::string& out, const ExportField& field, const Aggregates& aggregates,
                       const ScoreResult& result, std::size_t account, const std::vector<uint16_t>& tags);

// Number cell: empty when not applicable (NaN), whole numbers without a fraction, else at most
// 4 decimals (report.md's rule). Never neutralised: "-3.5" is a number.
void append_number_cell(std::string& out, double value);

// The accounts CSV both CRM imports take: `key_header` (the two columns the CRM matches on), one
// column per account field headed by `append_field_header`, then a row per account whose first
// key (`keys`) is not empty; the others are counted in `left_out` (the caller says why).
using KeyCells = std::pair<std::string_view, std::string_view>;
ExportText crm_accounts_csv(const Aggregates& aggregates, const ScoreResult& result, std::string_view key_header,
                            const std::function<void(std::string&, const ExportField&)>& append_field_header,
                            const std::function<KeyCells(const AccountRecord&)>& keys);

}  // namespace pqlscope::exports
