// Fitting the model to outcomes (`pqlscope calibrate`, docs/segments.md "Fitting the model to
// outcomes"): the conversion probability's event weights by L2-regularised logistic regression
// on each account's per-event counts over its trial, and the persona odds shrunk towards the
// seed's. Judged on held-out accounts (a fixed hash of the account id), before and after.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "pqlscope/model/model.hpp"
#include "pqlscope/segments/outcomes.hpp"
#include "pqlscope/segments/segment_report.hpp"

namespace pqlscope {

struct Aggregates;
struct Metrics;

struct ModelFitOptions {
  double l2 = 1.0;                     // penalty on the standardised weights
  uint32_t held_out_percent = 30;      // accounts with FNV-1a-64(id) mod 100 below this
  double persona_prior_strength = 10;  // the seed's odds count as this many accounts
  uint32_t min_event_accounts = 3;     // an event needs this many fit accounts to get a weight
  std::size_t max_events = 200;        // the most widespread events kept as features
};

// True when the account is in the held-out part (FNV-1a 64 of the id's bytes, mod 100).
bool is_held_out(std::string_view account_id, uint32_t held_out_percent);
uint64_t fnv1a64(std::string_view bytes);

struct LiftRow {
  uint32_t decile = 0;      // 1 = the highest scores
  uint32_t accounts = 0;
  uint32_t converted = 0;
  double rate = 0;          // converted / accounts
  double lift = 0;          // rate / the held-out part's rate
  double min_score = 0;
  double max_score = 0;
};

struct HeldOutScores {
  double conversion_probability = 0;  // AUC; NaN without both classes
  double engagement = 0;              // the engagement score as of the scoring day
  double trial_engagement = 0;        // sum importance x count over the trial window
  double activation = 0;
  std::vector<LiftRow> lift;          // deciles of conversion_probability
};

struct EventWeight {
  std::string event;
  double weight = 0;        // per ln(1 + count)
  uint32_t accounts = 0;    // fit accounts that did it in their trial
  uint32_t converted = 0;   // of which converted
  uint64_t events = 0;      // its count over the fit accounts' trials
  int importance = 0;       // the model's engagement importance, for comparison
};

struct PersonaOdds {
  Persona persona = Persona::unclassified;
  uint32_t accounts = 0;    // fit accounts
  uint32_t converted = 0;
  double before = 0;        // the seed's probability
  double after = 0;         // (converted + m x before) / (accounts + m)
};

struct ModelFitReport {
  Model model;                      // the seed with calibration and persona odds fitted
  ModelFitOptions options;
  uint32_t outcomes = 0;            // rows read
  uint32_t matched = 0;             // rows naming an account of the data
  uint32_t duplicates = 0;          // later rows for an account already seen (ignored)
  std::vector<std::string> unmatched;  // the first 100 ids not in the data
  uint32_t fit_accounts = 0, fit_converted = 0;
  uint32_t held_out_accounts = 0, held_out_converted = 0;
  uint32_t dated_conversions = 0;   // converters whose trial window ends at their outcome date
  int iterations = 0;
  bool converged = false;
  HeldOutScores before, after;
  std::vector<EventWeight> weights;    // by |weight| descending, then name
  std::vector<PersonaOdds> personas;   // personas with fit accounts
  std::vector<std::string> changes;    // what changed, in words
};

// `report` and `metrics`: the seed model's scoring (normally as of the end of the data).
// Throws std::invalid_argument when the fit part has no converter or no non-converter.
ModelFitReport fit_model(const Aggregates& aggregates, const Model& seed, const Metrics& metrics,
                         const SegmentReport& report, const std::vector<Outcome>& outcomes,
                         const ModelFitOptions& options = {});

}  // namespace pqlscope
