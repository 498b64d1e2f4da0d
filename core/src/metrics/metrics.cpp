// The metrics entry point: lowers the model once, scans the logs once, then finishes each
// metric family.
#include "pqlscope/metrics/metrics.hpp"

#include "metrics/day_range.hpp"
#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {

int32_t default_as_of_day(const Aggregates& aggregates) { return aggregates.last_day().value_or(0); }

int32_t resolve_as_of_day(const Aggregates& aggregates, const Model& model) {
  metrics_detail::ScoringPlan plan = metrics_detail::make_plan(model, {});
  return plan.as_of_day ? *plan.as_of_day : default_as_of_day(aggregates);
}

namespace {

// What the metrics read of a checklist or of adoption: all but the ids and labels of the steps
// and features, which only name them in reports and reasons (the metrics know them by index).
template <class Named>
void unname(std::vector<Named>& items) {
  for (Named& item : items) item.id.clear(), item.label.clear();
}
ActivationModel counted(ActivationModel activation) {
  unname(activation.steps);
  if (activation.paid_steps) unname(*activation.paid_steps);
  return activation;
}
AdoptionModel counted(AdoptionModel adoption) {
  unname(adoption.key_features);
  return adoption;
}

}  // namespace

bool same_metrics_inputs(const Model& a, const Model& b) {
  return same_metrics_inputs_but_activation(a, b) && counted(a.activation) == counted(b.activation);
}

bool same_metrics_inputs_but_activation(const Model& a, const Model& b) {
  return a.as_of_day == b.as_of_day && a.engagement == b.engagement && a.activity == b.activity &&
         counted(a.adoption) == counted(b.adoption);
}

Metrics compute_metrics(const Aggregates& aggregates, const Model& model, int32_t as_of_day) {
  Metrics out;
  compute_metrics(aggregates, model, as_of_day, out);
  return out;
}

void compute_metrics(const Aggregates& aggregates, const Model& model, int32_t as_of_day, Metrics& out) {
  compute_metrics(aggregates, model, as_of_day, out, 1);
}

void compute_metrics(const Aggregates& aggregates, const Model& model, int32_t as_of_day, Metrics& out,
                     unsigned threads) {
  using namespace metrics_detail;
  const ScoringPlan plan = make_plan(model, aggregates.event_names, paid_columns_needed(aggregates, model, as_of_day));
  prepare_metrics(aggregates, plan, as_of_day, out);
  // One pass over each log gathers what every family needs (scan.hpp); each family then
  // finishes its own results from that state.
  ScanState& state = thread_scan_state();
  scan_logs(aggregates, plan, as_of_day, out, state, threads);
  finish_metrics(aggregates, plan, as_of_day, state, false, out, threads);
}

namespace metrics_detail {

ScanState& thread_scan_state() {
  thread_local ScanState state;
  return state;
}

void prepare_metrics(const Aggregates& aggregates, const ScoringPlan& plan, int32_t as_of_day, Metrics& out) {
  // Every vector below is assigned or fully overwritten by the families (so `out` may hold a
  // previous result whose capacity is reused); the few built by push_back are cleared here.
  out.account_steps.clear();
  out.user_steps.clear();
  out.as_of_day = as_of_day;
  out.window_days = plan.window_days;
  out.adoption_window_days = plan.adoption_window_days;
  out.accounts.size = aggregates.accounts.size();
  out.users.size = aggregates.users.size();
}

void finish_metrics(const Aggregates& aggregates, const ScoringPlan& plan, int32_t as_of_day, ScanState& state,
                    bool contributions_done, Metrics& out, unsigned threads) {
  if (threads <= 1) {
    if (state.account_step_users_pending) count_account_step_users(plan, out, state);
    finish_activation(aggregates, plan, state, out);
    finish_engagement(aggregates, plan, as_of_day, contributions_done, out);
    finish_adoption(plan, state, out);
    finish_activity(aggregates, state, as_of_day, out);
    return;
  }
  // Disjoint outputs (scan.hpp); the users' engagement, the largest part, is taken first. The
  // users' contributions to their accounts read only the users' raw scores, and the account
  // steps' users only the pass's candidates: both run beside the rest too.
  JobErrors errors(5);
  run_on_threads(5, threads, [&](std::size_t job) {
    errors.run(job, [&] {
      switch (job) {
        case 0: finish_engagement_level(aggregates, plan, as_of_day, contributions_done, true, out); break;
        case 1:
          if (state.account_step_users_pending) count_account_step_users(plan, out, state);
          finish_activation(aggregates, plan, state, out);
          break;
        case 2: finish_engagement_level(aggregates, plan, as_of_day, contributions_done, false, out); break;
        case 3: finish_user_contributions(aggregates, out); break;
        default:
          finish_adoption(plan, state, out);
          finish_activity(aggregates, state, as_of_day, out);
          break;
      }
    });
  });
  errors.rethrow_first();
}

}  // namespace metrics_detail
}  // namespace pqlscope
