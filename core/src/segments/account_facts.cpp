#include "pqlscope/segments/account_facts.hpp"

#include <limits>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {

std::vector<AccountFacts> compute_account_facts(const Aggregates& aggregates, const Model& model,
                                                const Metrics& metrics) {
  const std::size_t n = aggregates.accounts.size();
  const int32_t as_of = metrics.as_of_day;
  std::vector<AccountFacts> out(n);
  std::vector<int32_t> signup(n, kNoDay), trial_end(n, kNoDay);
  for (std::size_t a = 0; a < n; ++a) {
    const AccountInfo& info = aggregates.accounts[a].info;
    AccountFacts& f = out[a];
    f.signup_day = a < metrics.accounts.signup_day.size() ? metrics.accounts.signup_day[a] : kNoDay;
    f.exists = f.signup_day != kNoDay && f.signup_day <= as_of;
    f.stage = stage_at(info, as_of);
    f.trial_end_day = trial_end_day(info, f.signup_day, model.segments.trial);
    f.converted_day = converted_day_at(info, as_of);
    f.deal_size = deal_size_of(info, model.deal_size);
    f.deal_value = deal_value_of(info, f.deal_size.size, model.deal_size);
    const double activation = a < metrics.accounts.activation_rate.size()
                                  ? metrics.accounts.activation_rate[a]
                                  : std::numeric_limits<double>::quiet_NaN();
    f.pql = evaluate_pql(activation, f.deal_size.size, info, model.deal_size);
    f.fit = evaluate_fit(info, model.segments.product_led.fit);
    signup[a] = f.signup_day;
    trial_end[a] = f.trial_end_day;
  }
  std::vector<CommunicationMetrics> comm = compute_communication(aggregates, model, as_of, signup, trial_end);
  const std::vector<uint32_t> used = enterprise_features_used(aggregates, model, as_of);
  const std::size_t k = model.segments.product_led.enterprise_features.size();
  for (std::size_t a = 0; a < n; ++a) {
    out[a].communication = comm[a];
    out[a].enterprise_features_used = used[a];
    out[a].enterprise_feature_adoption =
        k == 0 ? std::numeric_limits<double>::quiet_NaN() : 100.0 * used[a] / static_cast<double>(k);
  }
  return out;
}

}  // namespace pqlscope
