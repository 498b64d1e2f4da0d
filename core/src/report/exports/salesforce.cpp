// Salesforce accounts for the Data Import Wizard, and the custom fields to create once
// (docs/exports.md, "Salesforce").
#include "export_fields.hpp"
#include "pqlscope/io/csv_writer.hpp"
#include "pqlscope/report/exports.hpp"

namespace pqlscope {
namespace {

using exports::ExportField;
using exports::FieldKind;

// Custom field API names: letters, digits and single underscores, starting with a letter,
// ending in __c (the keys are lower-case snake case, so "pqlscope_" + key qualifies).
std::string api_name(const ExportField& field) { return std::string("pqlscope_") + field.key + "__c"; }

const char* salesforce_type(FieldKind kind) {
  switch (kind) {
    case FieldKind::text: return "Text";
    case FieldKind::number: return "Number";
    case FieldKind::date: return "Date";
    case FieldKind::flag: return "Checkbox";
    case FieldKind::choice: return "Picklist";
    case FieldKind::choices: return "MultiselectPicklist";
  }
  return "Text";
}

}  // namespace

ExportText salesforce_accounts_csv(const Aggregates& a, const ScoreResult& result) {
  ExportText out = exports::crm_accounts_csv(
      a, result, "Account Name,Website", [](std::string& csv, const ExportField& f) { csv += api_name(f); },
      [](const AccountRecord& r) { return exports::KeyCells(r.info.name, r.info.domain); });
  if (out.left_out > 0) {
    out.left_out_reason = "no name (Salesforce requires Account Name; add a name column to the accounts file)";
  }
  return out;
}

std::string salesforce_fields_csv(const ScoreResult& result) {
  std::string csv = "label,api_name,type,length,precision,scale,values,external_id,description\n";
  for (const ExportField& f : exports::account_fields()) {
    append_csv_text_cell(csv, f.label);
    csv += ',';
    csv += api_name(f);
    csv += ',';
    csv += salesforce_type(f.kind);
    csv += ',';
    if (f.kind == FieldKind::text) csv += "255";
    csv += ',';
    if (f.kind == FieldKind::number) csv += "18";
    csv += ',';
    if (f.kind == FieldKind::number) csv += std::to_string(f.scale);
    csv += ',';
    std::string values;
    for (const exports::Choice& c : exports::choices_of(f, result)) {
      if (!values.empty()) values += ';';
      values += c.value;
    }
    append_csv_text_cell(csv, values);
    csv += ',';
    csv += std::string_view(f.key) == "account_id" ? "true" : "false";
    csv += ',';
    append_csv_text_cell(csv, f.description);
    csv += '\n';
  }
  return csv;
}

}  // namespace pqlscope
