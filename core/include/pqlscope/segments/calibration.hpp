// Calibration (issue 4): how well the model separates converters on a team's own history.
//
// Given the scored accounts (a SegmentReport, normally as of the end of the trials being
// judged) and an outcomes table, for the accounts found in both:
// - AUC (Mann-Whitney, ties count half) of several scores separating converters from the rest:
//     persona_probability  the model's own chance to convert (assign_persona on every outcome
//                          account, whatever its plan now): the primary score;
//     activation           the account activation rate;
//     engagement           the latest engagement score;
//     combined             (activation + engagement) / 2.
//   NaN when there are no converters or no non-converters (or no account has the score).
// - conversion rate per persona next to the persona's probability;
// - conversion rate of PQLs and non-PQLs (per deal size and overall).
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

struct ScoreAuc {
  std::string score;   // "persona_probability", "activation", "engagement", "combined"
  double auc = 0;      // NaN when undefined
  uint32_t positives = 0;  // converters with the score
  uint32_t negatives = 0;
};

struct RateRow {
  uint32_t accounts = 0;
  uint32_t converted = 0;
  double rate = 0;         // converted / accounts; NaN when no accounts
  double expected = 0;     // persona rows: the model's probability; PQL rows: mean probability
};

struct CalibrationReport {
  uint32_t outcomes = 0;           // rows read
  uint32_t matched = 0;            // rows whose account is in the aggregates
  std::vector<std::string> unmatched;  // account ids not found (first 100)
  uint32_t duplicates = 0;         // later rows for an account already seen (ignored)
  std::vector<ScoreAuc> auc;       // persona_probability first
  std::array<RateRow, kPersonaCount> personas{};  // indexed by Persona
  RateRow pql;                     // PQLs (PqlStatus::qualified, whatever the plan)
  RateRow not_pql;
  std::array<RateRow, kDealSizeCount> pql_by_size{};
  std::array<RateRow, kDealSizeCount> not_pql_by_size{};
};

// AUC of scores against labels (Mann-Whitney U / (P x N), ties half). NaN scores are skipped.
double auc(const std::vector<double>& scores, const std::vector<bool>& positive);

CalibrationReport calibrate(const Aggregates& aggregates, const Model& model,
                            const Metrics& metrics, const SegmentReport& report,
                            const std::vector<Outcome>& outcomes);

}  // namespace pqlscope
