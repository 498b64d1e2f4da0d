#include "pqlscope/session/inspection.hpp"

#include <stdexcept>

#include "pqlscope/session/json_forms.hpp"

namespace pqlscope {

InspectOptions inspect_options_from_json(std::string_view text) {
  InspectOptions options;
  if (text.empty()) return options;
  nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    throw std::invalid_argument("inspect options: expected a JSON object");
  }
  if (auto it = document.find("complete"); it != document.end()) {
    if (!it->is_boolean()) throw std::invalid_argument("complete: expected true or false");
    options.complete = it->get<bool>();
    document.erase(it);
  }
  const bool kind_given = document.contains("kind");
  options.file = file_options_from_json(document.dump());  // one reader of the file options
  if (kind_given) options.kind = options.file.kind;
  return options;
}

nlohmann::ordered_json inspection_to_json(const FileInspection& x) {
  nlohmann::ordered_json roles = nlohmann::ordered_json::array();
  for (const InspectedRole& r : x.roles) {
    roles.push_back({{"role", r.role}, {"required", r.required}, {"field", r.field}, {"reason", r.reason},
                     {"detail", r.detail}});
  }
  const FileMappingExplanation& m = x.mapping;
  return {{"kind", x.kind},
          {"kind_guessed", m.guessed.kind},
          {"kind_confident", m.guessed.confident},
          {"kind_reason", m.guessed.reason},
          {"source", m.source},
          {"source_name", m.source_name},
          {"source_reason", m.source_reason},
          {"format", x.format},
          {"delimiter", x.delimiter},
          {"encoding", x.encoding},
          {"wrapped", x.wrapped},
          {"envelope_records", x.envelope_records},
          {"protocol_messages", x.protocol_messages},
          {"day_counts", x.day_counts},
          {"notices", x.notices},
          {"roles", std::move(roles)},
          {"missing", x.missing},
          {"timestamp_format", m.timestamp_format},
          {"epoch_unit", x.epoch_unit},
          {"slash_dates", x.slash_dates},
          {"date_order", x.date_order},
          {"date_order_ambiguous", x.date_order_ambiguous},
          {"timestamps_parsed", x.timestamps_parsed},
          {"timestamps_sampled", x.timestamps_sampled},
          {"row_rule", m.row_rule},
          {"columns", x.columns},
          {"preview", x.preview},
          {"sampled_records", x.sampled_records},
          {"unreadable_records", x.unreadable_records},
          {"first_unreadable", x.first_unreadable},
          {"problem", x.problem}};
}

}  // namespace pqlscope
