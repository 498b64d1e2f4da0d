// Alerts (docs/scoring.md §3): the accounts that entered and left each segment between two as-of
// days, T minus one engagement window and T ("became a PQL this week").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pqlscope/model/model.hpp"
#include "pqlscope/segments/segment_report.hpp"

namespace pqlscope {

struct AlertEntry {
  uint32_t account = 0;
  std::string reason;  // entered: the reason it is in the segment at T; left: its reason at T-1
};

struct SegmentAlerts {
  std::string segment;              // Segment::id (user segments are not alerted)
  std::string label;
  std::vector<AlertEntry> entered;  // by account index
  std::vector<AlertEntry> left;
};

struct PersonaChange {
  uint32_t account = 0;
  Persona before = Persona::unclassified;  // unclassified too when it had no persona at T-1
  Persona after = Persona::unclassified;
  bool had_before = false;  // a trial account at T-1
  bool has_after = false;   // a trial account at T
};

struct AlertReport {
  int32_t from_day = 0;                 // before.as_of_day
  int32_t to_day = 0;                   // after.as_of_day
  std::vector<SegmentAlerts> segments;  // in the order of after.segments (ids missing at T-1
                                        // count as empty there), then ids only in before
  std::vector<PersonaChange> personas;  // trial accounts whose persona changed, appeared or left
  std::size_t total_entered() const;
  std::size_t total_left() const;
};

// Both reports must come from the same Aggregates (account indices are compared).
AlertReport compute_alerts(const SegmentReport& before, const SegmentReport& after);

// Convenience: segments as of `as_of_day` and as of as_of_day - engagement.window_days.
AlertReport compute_alerts(const Aggregates& aggregates, const Model& model, int32_t as_of_day);

}  // namespace pqlscope
