#include "pqlscope/session/vocabulary.hpp"

#include "pqlscope/io/timestamp.hpp"

#include "pqlscope/ingest/field_mapping.hpp"
#include "pqlscope/io/error_codes.hpp"
#include "pqlscope/io/mapping_explanation.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/segments/segment.hpp"
#include "pqlscope/segments/stage.hpp"
#include "pqlscope/session/chart_columns.hpp"

namespace pqlscope {
namespace {

using ojson = nlohmann::ordered_json;

// The names of enum values 0..last, in order.
template <typename Enum>
ojson names_through(Enum last) {
  ojson out = ojson::array();
  for (int i = 0; i <= static_cast<int>(last); ++i) out.push_back(to_string(static_cast<Enum>(i)));
  return out;
}

template <size_t N>
ojson list(const std::array<std::string_view, N>& keys) {
  ojson out = ojson::array();
  for (std::string_view key : keys) out.push_back(key);
  return out;
}

ojson persona_cells() {
  ojson cells = ojson::array();
  for (const PersonaGridPosition& p : persona_grid_positions()) {
    cells.push_back({{"activation", to_string(p.activation)}, {"engagement", to_string(p.engagement)},
                     {"communication", to_string(p.communication)}});
  }
  return cells;
}

}  // namespace

ojson vocabulary_json() {
  ojson v;
  v["personas"] = names_through(Persona::unclassified);
  v["stages"] = names_through(Stage::churned);
  v["levels"] = names_through(Level::high);
  v["communication"] = names_through(CommunicationLevel::active);
  v["sentiments"] = names_through(NetSentiment::positive);
  v["sentiment_matches"] = names_through(SentimentMatch::not_negative);
  v["groups"] = names_through(SegmentGroup::customer_success);
  v["deal_sizes"] = names_through(DealSize::large);
  v["persona_cells"] = persona_cells();
  ojson kinds = ojson::array(), roles = ojson::object();
  for (FileKind kind : {FileKind::events, FileKind::accounts, FileKind::communications}) {
    kinds.push_back(file_kind_name(kind));
    ojson names = ojson::array();
    for (const RoleSpec& spec : roles_of(kind)) names.push_back(spec.role);
    roles[file_kind_name(kind)] = std::move(names);
  }
  v["file_kinds"] = std::move(kinds);
  ojson formats = ojson::array();
  for (int i = 0; i <= static_cast<int>(InputFormat::json_array); ++i) formats.push_back(input_format_name(static_cast<InputFormat>(i)));
  v["formats"] = std::move(formats);
  ojson units = ojson::array();  // the names the timestamp parser reads, from the enum
  for (const EpochUnit unit : {EpochUnit::seconds, EpochUnit::milliseconds, EpochUnit::microseconds,
                               EpochUnit::nanoseconds}) {
    units.push_back(epoch_unit_name(unit));
  }
  v["epoch_units"] = std::move(units);
  v["date_orders"] = {date_order_name(DateOrder::month_first), date_order_name(DateOrder::day_first)};
  v["roles"] = std::move(roles);
  ojson reasons = ojson::array();  // why a column fills a role (the ingest report, the mapping step)
  for (const ChoiceReason reason : {ChoiceReason::chosen_by_you, ChoiceReason::known_source, ChoiceReason::header_name,
                                    ChoiceReason::values}) {
    reasons.push_back(choice_reason_name(reason));
  }
  v["choice_reasons"] = std::move(reasons);
  v["ingest_options"] = list(kIngestOptionKeys);
  v["file_options"] = list(kFileOptionKeys);
  v["score_options"] = list(kScoreOptionKeys);
  ojson codes = ojson::array();
  for (size_t c = 0; c < kIngestErrorCodeCount; ++c) codes.push_back(error_code_name(static_cast<IngestErrorCode>(c)));
  v["error_codes"] = std::move(codes);
  return v;
}

}  // namespace pqlscope
