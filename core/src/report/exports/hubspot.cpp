// HubSpot companies import: a CSV the import tool maps without help, and the properties to
// create once (docs/exports.md, "HubSpot").
#include <nlohmann/json.hpp>

#include "export_fields.hpp"
#include "pqlscope/io/csv_writer.hpp"
#include "pqlscope/report/exports.hpp"

namespace pqlscope {
namespace {

using exports::ExportField;
using exports::FieldKind;

std::string property_name(const ExportField& field) { return std::string("pqlscope_") + field.key; }

// HubSpot's (type, fieldType) pairs: a single checkbox is an enumeration with the options
// true / false; several values are a multiple-checkbox enumeration, written ';'-separated.
std::pair<const char*, const char*> hubspot_type(FieldKind kind) {
  switch (kind) {
    case FieldKind::text: return {"string", "text"};
    case FieldKind::number: return {"number", "number"};
    case FieldKind::date: return {"date", "date"};
    case FieldKind::flag: return {"enumeration", "booleancheckbox"};
    case FieldKind::choice: return {"enumeration", "select"};
    case FieldKind::choices: return {"enumeration", "checkbox"};
  }
  return {"string", "text"};
}

}  // namespace

ExportText hubspot_companies_csv(const Aggregates& a, const ScoreResult& result) {
  ExportText out = exports::crm_accounts_csv(
      a, result, "Company Domain Name,Name",
      [](std::string& csv, const ExportField& f) { append_csv_text_cell(csv, f.label); },
      [](const AccountRecord& r) {
        return exports::KeyCells(r.info.domain, r.info.name.empty() ? std::string_view(r.id) : r.info.name);
      });
  if (out.left_out > 0) {
    out.left_out_reason = "no domain (HubSpot matches companies on Company Domain Name; without one "
                          "every import would create the company again)";
  }
  return out;
}

std::string hubspot_properties_json(const ScoreResult& result) {
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  int order = 0;
  for (const ExportField& f : exports::account_fields()) {
    const auto [type, field_type] = hubspot_type(f.kind);
    nlohmann::ordered_json p = {{"name", property_name(f)}, {"label", f.label},   {"type", type},
                                {"fieldType", field_type},  {"groupName", "pqlscope"},
                                {"description", f.description}, {"displayOrder", order++}};
    if (std::string_view(f.key) == "account_id") p["hasUniqueValue"] = true;
    if (f.kind == FieldKind::flag) {
      p["options"] = {{{"label", "Yes"}, {"value", "true"}, {"displayOrder", 0}},
                      {{"label", "No"}, {"value", "false"}, {"displayOrder", 1}}};
    } else if (f.kind == FieldKind::choice || f.kind == FieldKind::choices) {
      nlohmann::ordered_json options = nlohmann::ordered_json::array();
      int i = 0;
      for (const exports::Choice& c : exports::choices_of(f, result)) {
        options.push_back({{"label", c.label}, {"value", c.value}, {"displayOrder", i++}});
      }
      p["options"] = std::move(options);
    }
    inputs.push_back(std::move(p));
  }
  nlohmann::ordered_json body = {{"inputs", std::move(inputs)}};
  return body.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace pqlscope
