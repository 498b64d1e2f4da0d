// Calibration against an outcomes table: AUC of the model's scores and conversion rates per
// persona and per PQL status.
#include "pqlscope/segments/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void add(RateRow& row, bool converted, double probability) {
  row.accounts += 1;
  row.converted += converted ? 1 : 0;
  row.expected += probability;  // a sum until finish()
}

void finish(RateRow& row, bool mean_expected) {
  row.rate = row.accounts == 0 ? kNaN : static_cast<double>(row.converted) / row.accounts;
  if (mean_expected) row.expected = row.accounts == 0 ? kNaN : row.expected / row.accounts;
}

}  // namespace

double auc(const std::vector<double>& scores, const std::vector<bool>& positive) {
  // Rank-sum form of Mann-Whitney U: average ranks for ties.
  std::vector<std::pair<double, bool>> v;
  for (std::size_t i = 0; i < scores.size() && i < positive.size(); ++i) {
    if (!std::isnan(scores[i])) v.emplace_back(scores[i], positive[i]);
  }
  std::sort(v.begin(), v.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  double rank_sum = 0;
  double pos = 0, neg = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i;
    while (j < v.size() && v[j].first == v[i].first) ++j;
    const double avg_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) {
      if (v[k].second) {
        rank_sum += avg_rank;
        pos += 1;
      } else {
        neg += 1;
      }
    }
    i = j;
  }
  if (pos == 0 || neg == 0) return kNaN;
  return (rank_sum - pos * (pos + 1) / 2.0) / (pos * neg);
}

CalibrationReport calibrate(const Aggregates& aggregates, const Model& model, const Metrics& metrics,
                            const SegmentReport& report, const std::vector<Outcome>& outcomes) {
  CalibrationReport cal;
  cal.outcomes = static_cast<uint32_t>(outcomes.size());
  std::unordered_map<std::string_view, uint32_t> index;
  for (uint32_t a = 0; a < aggregates.accounts.size(); ++a) index.emplace(aggregates.accounts[a].id, a);

  std::vector<uint8_t> seen(aggregates.accounts.size(), 0);
  std::vector<double> prob, activation, engagement, combined;
  std::vector<bool> labels;
  for (const Outcome& o : outcomes) {
    auto it = index.find(o.account);
    if (it == index.end()) {
      if (cal.unmatched.size() < 100) cal.unmatched.push_back(o.account);
      continue;
    }
    const uint32_t a = it->second;
    if (seen[a]) {
      ++cal.duplicates;
      continue;
    }
    seen[a] = 1;
    ++cal.matched;
    const PersonaAssignment p = assign_persona(model, metrics, report.accounts[a], a);
    const double act = metrics.accounts.activation_rate[a];
    const double eng = metrics.accounts.latest_score(a);
    prob.push_back(p.probability);
    activation.push_back(act);
    engagement.push_back(eng);
    combined.push_back(std::isnan(act) ? kNaN : (act + eng) / 2.0);
    labels.push_back(o.converted);

    add(cal.personas[static_cast<std::size_t>(p.persona)], o.converted, 0);
    const PqlStatus& pql = report.accounts[a].pql;
    const std::size_t size = static_cast<std::size_t>(pql.size);
    if (pql.qualified()) {
      add(cal.pql, o.converted, p.probability);
      add(cal.pql_by_size[size], o.converted, p.probability);
    } else {
      add(cal.not_pql, o.converted, p.probability);
      add(cal.not_pql_by_size[size], o.converted, p.probability);
    }
  }

  for (std::size_t k = 0; k < kPersonaCount; ++k) {
    finish(cal.personas[k], false);
    cal.personas[k].expected = model.personas.probabilities[k];
  }
  finish(cal.pql, true);
  finish(cal.not_pql, true);
  for (std::size_t s = 0; s < kDealSizeCount; ++s) {
    finish(cal.pql_by_size[s], true);
    finish(cal.not_pql_by_size[s], true);
  }

  auto score = [&](const char* name, const std::vector<double>& values) {
    ScoreAuc s;
    s.score = name;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (std::isnan(values[i])) continue;
      (labels[i] ? s.positives : s.negatives) += 1;
    }
    s.auc = auc(values, labels);
    cal.auc.push_back(std::move(s));
  };
  score("persona_probability", prob);
  score("activation", activation);
  score("engagement", engagement);
  score("combined", combined);
  return cal;
}

}  // namespace pqlscope
