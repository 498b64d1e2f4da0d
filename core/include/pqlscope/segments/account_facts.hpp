// Per-account facts the segments and personas are built on: stage as of the scoring day, trial
// window, deal size and value, communication, PQL status and ICP fit. Computed once from
// Aggregates + Model + Metrics; indexed like Aggregates::accounts.
#pragma once

#include <cstdint>
#include <vector>

#include "pqlscope/segments/communication.hpp"
#include "pqlscope/segments/deal_size.hpp"
#include "pqlscope/segments/fit.hpp"
#include "pqlscope/segments/pql.hpp"
#include "pqlscope/segments/stage.hpp"
#include "pqlscope/segments/trial_shape.hpp"

namespace pqlscope {

struct Aggregates;
struct Metrics;
class MetricsCache;
struct Model;

struct AccountFacts {
  // Signed up (accounts file, else first event) or had any event on or before the as-of day; an
  // account whose events precede its recorded signup exists from its first event. Accounts that
  // do not exist yet are in no segment and get no persona.
  bool exists = false;
  Stage stage = Stage::trial;
  int32_t signup_day = kNoDay;       // Metrics' signup day (file, else first event)
  int32_t trial_end_day = kNoDay;    // see trial_end_day()
  int32_t converted_day = kNoDay;    // converted_at's day when on or before the as-of day
  DealSizeResult deal_size;
  DealValue deal_value;
  CommunicationMetrics communication;
  PqlStatus pql;                     // evaluated for every account; the PQL segment is prospects
  FitResult fit;
  uint32_t enterprise_features_used = 0;   // in the adoption window
  double enterprise_feature_adoption = 0;  // percent; NaN when the model lists none
  TrialShape shape;                  // the trial's halves and users added (personas read it)
  double priority = 0;               // priority_of(...) for an existing account, else 0
};

// An account's priority (priority_of, trial_shape.hpp) from its scores in `metrics` and its
// deal size; 0 for an account that does not exist yet.
double account_priority(const Model& model, const Metrics& metrics, std::size_t account, const AccountFacts& facts);

// `cache`, when given and built from `aggregates`, spares the trial shapes a read of the account
// log, and `earlier` facts of the same trials the lookups too (compute_trial_shapes); the facts
// are the same.
std::vector<AccountFacts> compute_account_facts(const Aggregates& aggregates, const Model& model,
                                                const Metrics& metrics, const MetricsCache* cache = nullptr,
                                                const EarlierFacts* earlier = nullptr);

}  // namespace pqlscope
