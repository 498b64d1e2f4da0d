// Trial personas and the revenue forecast (docs/scoring.md §4): part of the segments stage, as
// personas are assigned from the segment facts and travel inside the SegmentReport.
//
// Every trial account (stage trial as of the scoring day, see segments/stage.hpp) gets exactly
// one persona from the model's table (classify_persona / find_persona_rule):
// - activation level = level_of(activation rate, personas.activation_levels); an account with
//   no activation rate (no account-level steps) counts as 0, i.e. low;
// - engagement level = level_of(latest engagement score, personas.engagement_levels);
// - communication level and net sentiment from segments/communication.hpp.
// Forecast: expected revenue = sum over trial accounts of deal value x the persona's
// probability, per persona and in total; deal value = the accounts file's, else
// deal_size.default_deal_value[size].
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "pqlscope/model/model.hpp"

namespace pqlscope {

struct AccountFacts;
struct Aggregates;
struct CommunicationMetrics;
struct Metrics;

struct PersonaLevels {
  Level activation = Level::low;
  Level engagement = Level::low;
  CommunicationLevel communication = CommunicationLevel::low;
  NetSentiment sentiment = NetSentiment::neutral;
};

struct PersonaAssignment {
  uint32_t account = 0;
  double activation = 0;      // percent (NaN -> 0)
  double engagement = 0;      // latest score
  PersonaLevels levels;
  Persona persona = Persona::unclassified;
  const PersonaRule* rule = nullptr;  // the matching row of model.personas.table (valid while
                                      // the model lives); nullptr for an invalid table
  double probability = 0;
  double deal_value = 0;
  bool deal_value_is_default = true;
  // The chance to convert the forecast uses: the persona's probability, or with a calibrated
  // model the logistic fit (segments/conversion.hpp).
  double conversion_probability = 0;
  double expected_revenue = 0;        // deal_value x conversion_probability
  // "activation 83% (high >= 70), engagement 35 (low < 40), 3 communications (active >= 2),
  //  net sentiment +0.33 (positive)"
  std::string reason;
};

struct ForecastRow {
  uint32_t accounts = 0;
  double deal_value = 0;        // sum
  double expected_revenue = 0;  // sum of deal value x probability
};

struct PersonaReport {
  std::vector<PersonaAssignment> assignments;        // trial accounts, by account index
  std::array<ForecastRow, kPersonaCount> by_persona{};  // indexed by Persona
  ForecastRow total;
  // Persona grid: accounts per (activation, engagement, communication) cell, indexed
  // [activation][engagement][communication] by the enums' values (low = 0).
  std::array<std::array<std::array<uint32_t, 2>, 3>, 3> grid{};
  // Per account (indexed like Aggregates::accounts): index into `assignments`, or UINT32_MAX.
  std::vector<uint32_t> assignment_of;
  const PersonaAssignment* find(uint32_t account) const;  // O(1) through assignment_of
};

PersonaLevels persona_levels(const PersonaModel& model, double activation, double engagement,
                             const CommunicationMetrics& communication);

// One account's assignment (any stage; compute_personas calls it for trial accounts).
PersonaAssignment assign_persona(const Model& model, const Metrics& metrics,
                                 const AccountFacts& facts, uint32_t account);

PersonaReport compute_personas(const Model& model, const Metrics& metrics,
                               const std::vector<AccountFacts>& facts);

}  // namespace pqlscope
