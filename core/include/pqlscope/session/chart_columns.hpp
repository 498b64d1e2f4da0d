// Per-account columns of one scoring, for charts and fast filters: one value per account,
// indexed like Aggregates::accounts. Enum columns hold the enum's value (names in
// session/vocabulary.hpp) or kNoValue.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/segments/personas.hpp"
#include "pqlscope/report/report.hpp"

namespace pqlscope {

inline constexpr uint8_t kNoValue = 255;

// The persona grid: 3 activation levels x 3 engagement levels x 2 communication levels. A cell's
// index is the one encoding of a grid position everywhere (chart columns, the overview, the
// JS filters): persona_grid_cell() is its only definition.
inline constexpr size_t kPersonaGridCells = 18;
uint8_t persona_grid_cell(Level activation, Level engagement, CommunicationLevel communication);

struct PersonaGridPosition {
  Level activation = Level::low;
  Level engagement = Level::low;
  CommunicationLevel communication = CommunicationLevel::low;
};
// Every cell's position, indexed by persona_grid_cell().
std::array<PersonaGridPosition, kPersonaGridCells> persona_grid_positions();

struct ChartColumns {
  std::vector<double> activation;        // percent; NaN when the model has no account-level steps
  std::vector<double> engagement;        // latest engagement score
  std::vector<double> deal_value;
  std::vector<double> expected_revenue;  // 0 without a persona
  std::vector<uint8_t> persona;          // Persona, kNoValue for accounts that are not trials
  std::vector<uint8_t> persona_cell;     // persona_grid_cell(), kNoValue without a persona
  std::vector<uint8_t> pql;              // 1 = in the "pql" segment
  std::vector<uint8_t> stage;            // Stage
  std::vector<uint8_t> segment_group;    // SegmentGroup of the first segment (report order), or kNoValue
  std::vector<double> priority;          // AccountFacts::priority (docs/segments.md, "Priority")
};

ChartColumns chart_columns(const Aggregates& aggregates, const ScoreResult& result);

}  // namespace pqlscope
