// Adoption (docs/scoring.md §2): which key features each account and user used in the adoption window
// (window_days ending at the as-of day, inclusive) and at any time up to it; rate = features
// used / key features x 100 (NaN when the model has no key features).
//
// The single pass over the logs (scan.cpp) leaves one bitmask of features per entity and
// period; this file expands them into the public flags and rates.
#include <bit>
#include <tuple>
#include <cmath>
#include <limits>

#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope::metrics_detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void expand(const std::vector<uint32_t>& bits, std::size_t words, std::size_t size, std::size_t k,
            std::vector<uint8_t>& used, std::vector<double>& rate) {
  used.assign(size * k, 0);
  rate.assign(size, kNaN);
  if (k == 0) return;
  for (std::size_t e = 0; e < size; ++e) {
    const uint32_t* w = bits.data() + e * words;
    std::size_t n = 0;
    for (std::size_t i = 0; i < words; ++i) n += static_cast<std::size_t>(std::popcount(w[i]));
    uint8_t* flags = used.data() + e * k;
    for (std::size_t f = 0; f < k; ++f) flags[f] = static_cast<uint8_t>((w[f / 32] >> (f % 32)) & 1u);
    rate[e] = 100.0 * static_cast<double>(n) / static_cast<double>(k);
  }
}

}  // namespace

void finish_adoption(const ScoringPlan& plan, const ScanState& state, Metrics& out) {
  const std::size_t k = plan.feature_count;
  const std::size_t words = state.feature_words;
  for (auto [level, window, all_time] :
       {std::tuple{&out.accounts, &state.account_features, &state.account_features_all_time},
        std::tuple{&out.users, &state.user_features, &state.user_features_all_time}}) {
    level->feature_count = k;
    expand(*window, words, level->size, k, level->feature_used, level->adoption_rate);
    expand(*all_time, words, level->size, k, level->feature_used_all_time, level->adoption_rate_all_time);
  }
}

}  // namespace pqlscope::metrics_detail
