#include "export_fields.hpp"

#include <cmath>
#include <cstdio>

#include "pqlscope/io/csv_writer.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope::exports {
namespace {

// Keys the cell writer switches on; the table below is the one place that names them.
const std::vector<ExportField> kFields = {
    {"account_id", "pqlscope account id", FieldKind::text, 0,
     "The account id in the product's events (unique; the key to match records on)"},
    {"activation", "pqlscope activation (%)", FieldKind::number, 2,
     "Share of the activation checklist done, 0-100"},
    {"engagement", "pqlscope engagement", FieldKind::number, 2,
     "Engagement score of the latest window, 0-100"},
    {"engagement_trend", "pqlscope engagement trend", FieldKind::number, 2,
     "Engagement points gained (+) or lost (-) since the previous window"},
    {"adoption", "pqlscope adoption (%)", FieldKind::number, 2,
     "Share of the key features used in the adoption window, 0-100"},
    {"monthly_active_users", "pqlscope monthly active users", FieldKind::number, 0,
     "Users with an active event in the 30 days ending at the scoring day"},
    {"activated_date", "pqlscope activated date", FieldKind::date, 0,
     "Day the last activation step was done (empty: not activated)"},
    {"last_seen_date", "pqlscope last seen date", FieldKind::date, 0, "Day of the account's last event"},
    {"stage", "pqlscope stage", FieldKind::choice, 0, "Lifecycle stage at the scoring day"},
    {"pql", "pqlscope PQL", FieldKind::flag, 0,
     "In the PQL list: a trial or free account that meets the PQL criteria"},
    {"persona", "pqlscope persona", FieldKind::choice, 0, "Trial persona (trial accounts only)"},
    {"deal_value", "pqlscope deal value", FieldKind::number, 2,
     "Deal value used for the forecast (the accounts file's, else the model's default for its size)"},
    {"expected_revenue", "pqlscope expected revenue", FieldKind::number, 2,
     "Deal value x the persona's chance to convert (trial accounts only)"},
    {"segments", "pqlscope segments", FieldKind::choices, 0, "Segments the account is in"},
    {"scored_date", "pqlscope scored date", FieldKind::date, 0, "The as-of day of this scoring"},
};

void append_day(std::string& out, int32_t day) {
  if (day != kNoDay) out += format_day(day);
}

}  // namespace

const std::vector<ExportField>& account_fields() { return kFields; }

std::vector<Choice> choices_of(const ExportField& field, const ScoreResult& result) {
  std::vector<Choice> out;
  const std::string_view key = field.key;
  if (key == "stage") {
    for (Stage s : {Stage::trial, Stage::free, Stage::self_serve, Stage::enterprise, Stage::churned}) {
      out.push_back({to_string(s), to_string(s)});
    }
  } else if (key == "persona") {
    for (std::size_t p = 0; p < kPersonaCount; ++p) {
      out.push_back({to_string(static_cast<Persona>(p)), display_name(static_cast<Persona>(p))});
    }
  } else if (key == "segments") {
    for (const Segment& s : result.segments.segments) out.push_back({s.id, s.label});
  }
  return out;
}

void append_number_cell(std::string& out, double value) {
  if (std::isnan(value) || std::isinf(value)) return;
  const double r = round4(value);
  char buffer[64];
  if (r == std::floor(r) && std::fabs(r) < 9e15) {
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(r));
    out += buffer;
    return;
  }
  std::snprintf(buffer, sizeof buffer, "%.4f", r);
  std::string s = buffer;  // 12.5000 -> 12.5
  while (s.back() == '0') s.pop_back();
  out += s;
}

void append_field_cell(std::string& out, const ExportField& field, const Aggregates& a, const ScoreResult& result,
                       std::size_t e, const std::vector<uint16_t>& tags) {
  const std::string_view key = field.key;
  const Metrics& m = result.metrics;
  const SegmentReport& seg = result.segments;
  const AccountFacts& facts = seg.accounts[e];
  const PersonaAssignment* persona = seg.personas.find(static_cast<uint32_t>(e));
  if (key == "account_id") {
    append_csv_text_cell(out, a.accounts[e].id);
  } else if (key == "activation") {
    append_number_cell(out, m.accounts.activation_rate[e]);
  } else if (key == "engagement") {
    append_number_cell(out, m.accounts.latest_score(e));
  } else if (key == "engagement_trend") {
    append_number_cell(out, m.accounts.trend[e]);
  } else if (key == "adoption") {
    append_number_cell(out, m.accounts.adoption_rate[e]);
  } else if (key == "monthly_active_users") {
    append_number_cell(out, m.account_activity[e].mau);
  } else if (key == "activated_date") {
    append_day(out, m.accounts.activated_day[e]);
  } else if (key == "last_seen_date") {
    const auto& last = a.accounts[e].last_event_at;
    if (last) out += format_day(day_of_millis(*last));
  } else if (key == "stage") {
    if (facts.exists) append_csv_text_cell(out, to_string(facts.stage));
  } else if (key == "pql") {
    bool in_pql = false;
    for (uint16_t s : tags) in_pql = in_pql || seg.segments[s].id == "pql";
    out += in_pql ? "true" : "false";
  } else if (key == "persona") {
    if (persona != nullptr) append_csv_text_cell(out, to_string(persona->persona));
  } else if (key == "deal_value") {
    if (facts.exists) append_number_cell(out, facts.deal_value.value);
  } else if (key == "expected_revenue") {
    if (persona != nullptr) append_number_cell(out, persona->expected_revenue);
  } else if (key == "segments") {
    std::string ids;  // HubSpot and Salesforce both take multiple values ';'-separated
    for (uint16_t s : tags) {
      if (!ids.empty()) ids += ';';
      ids += seg.segments[s].id;
    }
    append_csv_text_cell(out, ids);
  } else if (key == "scored_date") {
    append_day(out, result.as_of_day);
  }
}

ExportText crm_accounts_csv(const Aggregates& a, const ScoreResult& result, std::string_view key_header,
                            const std::function<void(std::string&, const ExportField&)>& append_field_header,
                            const std::function<KeyCells(const AccountRecord&)>& keys) {
  ExportText out;
  std::string& csv = out.text;
  csv = key_header;
  for (const ExportField& f : account_fields()) {
    csv += ',';
    append_field_header(csv, f);
  }
  csv += '\n';
  const auto memberships = result.segments.memberships();
  for (std::size_t e = 0; e < a.accounts.size(); ++e) {
    const auto [first, second] = keys(a.accounts[e]);
    if (first.empty()) {
      ++out.left_out;
      continue;
    }
    append_csv_text_cell(csv, first);
    csv += ',';
    append_csv_text_cell(csv, second);
    for (const ExportField& f : account_fields()) {
      csv += ',';
      append_field_cell(csv, f, a, result, e, memberships[e]);
    }
    csv += '\n';
    ++out.rows;
  }
  return out;
}

}  // namespace pqlscope::exports
