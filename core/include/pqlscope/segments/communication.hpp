// Communication level and net sentiment per account (docs/scoring.md §2 "Communication", §4).
//
// Counted: the communications file's rows (CommunicationCount) plus events whose name is in
// communication.event_names (they carry no sentiment), on the days of the account's
// communication window:
// - communication.window_days = N: the N days ending at the as-of day;
// - unset: the trial window, signup day .. min(trial end day, as-of day).
#pragma once

#include <cstdint>
#include <vector>

#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {

struct Aggregates;

struct CommunicationMetrics {
  int32_t window_first = kNoDay;  // inclusive day range counted; kNoDay = no window (no signup)
  int32_t window_last = kNoDay;
  uint64_t count = 0;             // all communications in the window (file + marked events)
  uint64_t from_events = 0;       // of which: events named in communication.event_names
  uint64_t positive = 0;          // by sentiment (communications file only)
  uint64_t neutral = 0;
  uint64_t negative = 0;
  // (positive - negative) / (positive + neutral + negative), in [-1, 1]; 0 without sentiment.
  double net_sentiment = 0;
  CommunicationLevel level = CommunicationLevel::low;  // active when count >= active_min_count
  NetSentiment sentiment = NetSentiment::neutral;      // net_sentiment by personas.sentiment
};

// The window of one account; `signup_day` / `trial_end_day` may be kNoDay.
void communication_window(const CommunicationModel& model, int32_t signup_day,
                          int32_t trial_end_day, int32_t as_of_day, int32_t& first, int32_t& last);

// Per account. signup_days / trial_end_days are indexed like aggregates.accounts.
std::vector<CommunicationMetrics> compute_communication(const Aggregates& aggregates,
                                                        const Model& model, int32_t as_of_day,
                                                        const std::vector<int32_t>& signup_days,
                                                        const std::vector<int32_t>& trial_end_days);

}  // namespace pqlscope
