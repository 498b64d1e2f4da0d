// Persona assignment per trial account (docs/scoring.md §4), using the model's table.
#include "pqlscope/segments/personas.hpp"

#include <cmath>

#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/segments/account_facts.hpp"
#include "segments/format.hpp"

namespace pqlscope {
namespace {

using segments_detail::num;
using segments_detail::days;
using segments_detail::pct;

std::string level_phrase(Level level, const LevelThresholds& t) {
  switch (level) {
    case Level::high: return "high >= " + num(t.high);
    case Level::medium: return "medium " + num(t.low) + "-" + num(t.high);
    case Level::low: return "low < " + num(t.low);
  }
  return "";
}

// The trial's shape corrects the table's cell (docs/segments.md, "Personas"): an activated
// account whose engagement tailed off over the trial and is no longer high is a Fizzler (the
// table would say Contrary Converter for high / medium / active); a Golden Lead cell without
// team members brought in is a Silent Success. Returns the words for the reason ("" when the
// table's persona stands).
std::string apply_trial_shape(const PersonaModel& pm, const TrialShape& shape, PersonaAssignment& p) {
  const TrialShapeModel& m = pm.shape;
  if (p.levels.activation == Level::high && p.levels.engagement != Level::high && shape.tailed_off &&
      p.persona != Persona::fizzler) {
    p.persona = Persona::fizzler;
    return ", engagement tailed off over the trial (raw " + num(shape.early_raw) + " in the first " +
           days(shape.half_days) + ", " + num(shape.late_raw) + " in the last " + days(shape.half_days) + " <= " +
           pct(100.0 * m.fizzler_late_share) + ")";
  }
  if (p.persona == Persona::golden_lead && m.golden_lead_min_added_users > 0 && shape.has_users &&
      shape.added_users < static_cast<uint32_t>(m.golden_lead_min_added_users)) {
    p.persona = Persona::silent_success;
    return ", brought in " + std::to_string(shape.added_users) + " team member" +
           (shape.added_users == 1 ? "" : "s") + " during the trial (a Golden Lead brings in >= " +
           std::to_string(m.golden_lead_min_added_users) + ")";
  }
  return "";
}

}  // namespace

PersonaLevels persona_levels(const PersonaModel& model, double activation, double engagement,
                             const CommunicationMetrics& communication) {
  PersonaLevels l;
  l.activation = level_of(std::isnan(activation) ? 0.0 : activation, model.activation_levels);
  l.engagement = level_of(std::isnan(engagement) ? 0.0 : engagement, model.engagement_levels);
  l.communication = communication.level;
  l.sentiment = communication.sentiment;
  return l;
}

namespace {

// What every reason of one model repeats: the level phrases (one per level) and the sentiment
// figure of accounts without rated communications. Built once per compute_personas instead of
// once per account (the reasons were most of the personas' cost).
struct ReasonParts {
  std::string activation[3], engagement[3];
  explicit ReasonParts(const PersonaModel& pm) {
    for (const Level level : {Level::low, Level::medium, Level::high}) {
      activation[static_cast<std::size_t>(level)] = level_phrase(level, pm.activation_levels);
      engagement[static_cast<std::size_t>(level)] = level_phrase(level, pm.engagement_levels);
    }
  }
};

// "%+.2f" as segments_detail::signed2 writes it; zero (no rated communication: most accounts)
// without the library call.
void append_signed2(std::string& out, double value) {
  if (value == 0) {
    out += std::signbit(value) ? "-0.00" : "+0.00";
    return;
  }
  out += segments_detail::signed2(value);
}

PersonaAssignment assign_with(const Model& model, const Metrics& metrics, const AccountFacts& facts, uint32_t account,
                              const ReasonParts& parts) {
  const PersonaModel& pm = model.personas;
  PersonaAssignment p;
  p.account = account;
  const double activation = metrics.accounts.activation_rate[account];
  p.activation = std::isnan(activation) ? 0.0 : activation;
  p.engagement = metrics.accounts.latest_score(account);
  p.levels = persona_levels(pm, p.activation, p.engagement, facts.communication);
  p.rule = find_persona_rule(pm, p.levels.activation, p.levels.engagement, p.levels.communication, p.levels.sentiment);
  p.persona = p.rule ? p.rule->persona : Persona::unclassified;
  const std::string shape_note = apply_trial_shape(pm, facts.shape, p);
  p.probability = pm.probability(p.persona);
  p.deal_value = facts.deal_value.value;
  p.deal_value_is_default = facts.deal_value.is_default;
  p.conversion_probability = p.probability;
  p.expected_revenue = p.deal_value * p.conversion_probability;

  // One string appended in place (a chain of + made a temporary per piece).
  const CommunicationMetrics& c = facts.communication;
  const int min_count = model.communication.active_min_count;
  std::string& r = p.reason;
  r.reserve(192 + shape_note.size());
  r += "activation ";
  r += std::isnan(activation) ? std::string("n/a (counts as 0)") : pct(activation);
  r += " (";
  r += parts.activation[static_cast<std::size_t>(p.levels.activation)];
  r += "), engagement ";
  r += num(p.engagement);
  r += " (";
  r += parts.engagement[static_cast<std::size_t>(p.levels.engagement)];
  r += "), ";
  r += std::to_string(c.count);
  r += c.count == 1 ? " communication (" : " communications (";
  r += c.level == CommunicationLevel::active ? "active >= " : "low < ";
  r += std::to_string(min_count);
  r += "), net sentiment ";
  append_signed2(r, c.net_sentiment);
  r += " (";
  r += to_string(c.sentiment);
  r += ")";
  r += shape_note;
  r += " -> ";
  r += display_name(p.persona);
  r += ", ";
  r += pct(100.0 * p.probability);
  r += " to convert";
  return p;
}

}  // namespace

PersonaAssignment assign_persona(const Model& model, const Metrics& metrics, const AccountFacts& facts,
                                 uint32_t account) {
  return assign_with(model, metrics, facts, account, ReasonParts(model.personas));
}

const PersonaAssignment* PersonaReport::find(uint32_t account) const {
  if (account >= assignment_of.size() || assignment_of[account] == UINT32_MAX) return nullptr;
  return &assignments[assignment_of[account]];
}

PersonaReport compute_personas(const Model& model, const Metrics& metrics, const std::vector<AccountFacts>& facts) {
  PersonaReport report;
  report.assignment_of.assign(facts.size(), UINT32_MAX);
  const ReasonParts parts(model.personas);
  for (uint32_t a = 0; a < facts.size(); ++a) {
    if (!facts[a].exists || facts[a].stage != Stage::trial) continue;
    PersonaAssignment p = assign_with(model, metrics, facts[a], a, parts);
    ForecastRow& row = report.by_persona[static_cast<std::size_t>(p.persona)];
    for (ForecastRow* r : {&row, &report.total}) {
      r->accounts += 1;
      r->deal_value += p.deal_value;
      r->expected_revenue += p.expected_revenue;
    }
    report.grid[static_cast<std::size_t>(p.levels.activation)][static_cast<std::size_t>(p.levels.engagement)]
               [static_cast<std::size_t>(p.levels.communication)] += 1;
    report.assignment_of[a] = static_cast<uint32_t>(report.assignments.size());
    report.assignments.push_back(std::move(p));
  }
  return report;
}

}  // namespace pqlscope
