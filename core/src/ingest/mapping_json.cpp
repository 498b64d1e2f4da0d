#include "pqlscope/ingest/mapping_json.hpp"

namespace pqlscope {

nlohmann::ordered_json kind_guess_json(const KindGuess& guess) {
  return {{"kind", guess.kind}, {"confident", guess.confident}, {"reason", guess.reason}};
}

nlohmann::ordered_json mapping_explanation_json(const FileMappingExplanation& m) {
  nlohmann::ordered_json roles = nlohmann::ordered_json::array();
  for (const RoleChoice& c : m.roles) {
    roles.push_back({{"role", c.role}, {"field", c.field}, {"reason", choice_reason_name(c.reason)}, {"detail", c.detail}});
  }
  return {{"kind_guessed", m.guessed.kind}, {"kind_reason", m.guessed.reason}, {"source", m.source},
          {"source_name", m.source_name}, {"source_reason", m.source_reason}, {"roles", std::move(roles)},
          {"timestamp_format", m.timestamp_format}, {"date_order", m.date_order},
          {"date_order_reason", m.date_order_reason}, {"row_rule", m.row_rule}, {"sampled_records", m.sampled_records},
          {"fields", m.fields}};
}

}  // namespace pqlscope
