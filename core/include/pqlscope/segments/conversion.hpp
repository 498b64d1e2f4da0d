// The conversion probability per account (docs/segments.md "Conversion probability"): with a
// calibrated model (model.calibration, fitted by `pqlscope calibrate`) the logistic model of
// the account's event counts over its trial window; without one, the persona's probability.
// Only trial accounts (those with a persona) get one; the forecast is deal value x it.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "pqlscope/model/model.hpp"

namespace pqlscope {

struct AccountFacts;
struct Aggregates;
struct PersonaReport;

// Inclusive day range; empty when last < first (or first is kNoDay).
struct TrialWindow {
  int32_t first = -1;
  int32_t last = -2;
};

// (event index, count) pairs, sorted by event index.
using EventCounts = std::vector<std::pair<uint16_t, uint32_t>>;

// The trial window the conversion is judged on: signup day (accounts file, else first event)
// to the trial end, stopped the day before a conversion (conversion_day; kNoDay = none) and at
// the as-of day. Events of the conversion day itself are left out: buying makes its own events.
TrialWindow trial_window(int32_t signup_day, int32_t trial_end_day, int32_t conversion_day, int32_t as_of_day);

// Each account's event counts over its window, in one pass over account_days.
std::vector<EventCounts> trial_event_counts(const Aggregates& aggregates, const std::vector<TrialWindow>& windows);

// model.calibration applied to the aggregates' event names (an event the data lacks weighs 0).
class ConversionModel {
 public:
  ConversionModel(const CalibrationModel& calibration, const std::vector<std::string>& event_names);
  double linear(const EventCounts& counts) const;       // intercept + sum weight x ln(1 + n)
  double probability(const EventCounts& counts) const;  // logistic(linear)

 private:
  double intercept_ = 0;
  std::vector<double> weight_;  // by event index
};

// Sets every assignment's conversion_probability (calibrated when model.calibration.fitted,
// else the persona's) and recomputes the expected revenue and the forecast rows from it.
void apply_conversion_probability(const Aggregates& aggregates, const Model& model,
                                  const std::vector<AccountFacts>& facts, int32_t as_of_day,
                                  PersonaReport& personas);

}  // namespace pqlscope
