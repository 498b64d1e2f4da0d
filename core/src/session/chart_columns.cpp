#include "pqlscope/session/chart_columns.hpp"

namespace pqlscope {

uint8_t persona_grid_cell(Level activation, Level engagement, CommunicationLevel communication) {
  return static_cast<uint8_t>(static_cast<int>(activation) * 6 + static_cast<int>(engagement) * 2 +
                              static_cast<int>(communication));
}

std::array<PersonaGridPosition, kPersonaGridCells> persona_grid_positions() {
  std::array<PersonaGridPosition, kPersonaGridCells> cells{};
  for (int act = 0; act <= static_cast<int>(Level::high); ++act) {
    for (int eng = 0; eng <= static_cast<int>(Level::high); ++eng) {
      for (int com = 0; com <= static_cast<int>(CommunicationLevel::active); ++com) {
        const PersonaGridPosition p{static_cast<Level>(act), static_cast<Level>(eng), static_cast<CommunicationLevel>(com)};
        cells[persona_grid_cell(p.activation, p.engagement, p.communication)] = p;
      }
    }
  }
  return cells;
}

ChartColumns chart_columns(const Aggregates& aggregates, const ScoreResult& result) {
  const LevelMetrics& m = result.metrics.accounts;
  const SegmentReport& seg = result.segments;
  const size_t n = aggregates.accounts.size();
  ChartColumns c;
  c.activation.resize(n);
  c.engagement.resize(n);
  c.deal_value.resize(n);
  c.expected_revenue.assign(n, 0.0);
  c.persona.assign(n, kNoValue);
  c.persona_cell.assign(n, kNoValue);
  c.pql.assign(n, 0);
  c.stage.resize(n);
  c.segment_group.assign(n, kNoValue);
  c.priority.resize(n);
  for (size_t e = 0; e < n; ++e) {
    c.activation[e] = m.activation_rate[e];
    c.engagement[e] = m.latest_score(e);
    c.deal_value[e] = seg.accounts[e].deal_value.value;
    c.stage[e] = static_cast<uint8_t>(seg.accounts[e].stage);
    c.priority[e] = seg.accounts[e].priority;
    if (const PersonaAssignment* p = seg.personas.find(static_cast<uint32_t>(e))) {
      c.persona[e] = static_cast<uint8_t>(p->persona);
      c.expected_revenue[e] = p->expected_revenue;
      c.persona_cell[e] = persona_grid_cell(p->levels.activation, p->levels.engagement, p->levels.communication);
    }
  }
  if (const Segment* pqls = seg.find("pql")) {
    for (const SegmentMember& member : pqls->members) c.pql[member.account] = 1;
  }
  for (const Segment& s : seg.segments) {
    for (const SegmentMember& member : s.members) {
      if (c.segment_group[member.account] == kNoValue) c.segment_group[member.account] = static_cast<uint8_t>(s.group);
    }
  }
  return c;
}

}  // namespace pqlscope
