// Conversion probability: the trial-window event counts and the calibrated logistic model.
#include "pqlscope/segments/conversion.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/segments/account_facts.hpp"
#include "pqlscope/segments/logistic_fit.hpp"
#include "pqlscope/segments/personas.hpp"

namespace pqlscope {

TrialWindow trial_window(int32_t signup_day, int32_t trial_end_day, int32_t conversion_day, int32_t as_of_day) {
  TrialWindow w;
  if (signup_day == kNoDay) return w;
  w.first = signup_day;
  w.last = trial_end_day == kNoDay ? as_of_day : std::min(trial_end_day, as_of_day);
  if (conversion_day != kNoDay) w.last = std::min(w.last, conversion_day - 1);
  return w;
}

std::vector<EventCounts> trial_event_counts(const Aggregates& aggregates, const std::vector<TrialWindow>& windows) {
  std::vector<EventCounts> counts(windows.size());
  aggregates.account_days.for_each_span([&](std::span<const DayCount> span) {
    for (const DayCount& d : span) {
      if (d.entity >= windows.size()) continue;
      const TrialWindow& w = windows[d.entity];
      if (w.first < 0 || d.day < w.first || d.day > w.last) continue;
      EventCounts& c = counts[d.entity];
      auto it = std::lower_bound(c.begin(), c.end(), d.event,
                                 [](const std::pair<uint16_t, uint32_t>& p, uint16_t e) { return p.first < e; });
      if (it != c.end() && it->first == d.event) it->second += d.count;
      else c.insert(it, {d.event, d.count});
    }
  });
  return counts;
}

ConversionModel::ConversionModel(const CalibrationModel& calibration, const std::vector<std::string>& event_names)
    : intercept_(calibration.intercept), weight_(event_names.size(), 0.0) {
  for (std::size_t e = 0; e < event_names.size(); ++e) {
    auto it = calibration.weights.find(event_names[e]);
    if (it != calibration.weights.end()) weight_[e] = it->second;
  }
}

double ConversionModel::linear(const EventCounts& counts) const {
  double z = intercept_;
  for (const auto& [event, n] : counts) {
    if (event < weight_.size()) z += weight_[event] * std::log1p(static_cast<double>(n));
  }
  return z;
}

double ConversionModel::probability(const EventCounts& counts) const { return logistic(linear(counts)); }

void apply_conversion_probability(const Aggregates& aggregates, const Model& model,
                                  const std::vector<AccountFacts>& facts, int32_t as_of_day,
                                  PersonaReport& personas) {
  if (model.calibration.fitted) {
    std::vector<TrialWindow> windows(facts.size());
    for (const PersonaAssignment& p : personas.assignments) {
      const AccountFacts& f = facts[p.account];
      windows[p.account] = trial_window(f.signup_day, f.trial_end_day, f.converted_day, as_of_day);
    }
    const std::vector<EventCounts> counts = trial_event_counts(aggregates, windows);
    const ConversionModel conversion(model.calibration, aggregates.event_names);
    for (PersonaAssignment& p : personas.assignments) p.conversion_probability = conversion.probability(counts[p.account]);
  }
  // The forecast from the conversion probability (the persona's without a calibration).
  personas.by_persona = {};
  personas.total = {};
  for (PersonaAssignment& p : personas.assignments) {
    p.expected_revenue = p.deal_value * p.conversion_probability;
    for (ForecastRow* r : {&personas.by_persona[static_cast<std::size_t>(p.persona)], &personas.total}) {
      r->accounts += 1;
      r->deal_value += p.deal_value;
      r->expected_revenue += p.expected_revenue;
    }
  }
}

}  // namespace pqlscope
