// Lowers a Model onto one Aggregates' event ids (see plan.hpp). Includes model.hpp only.
#include "metrics/plan.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "pqlscope/model/model.hpp"

namespace pqlscope::metrics_detail {
namespace {

// Builds event -> item CSR from (item, event names) lists; unknown names are ignored.
class IndexBuilder {
 public:
  explicit IndexBuilder(const std::vector<std::string>& names) : per_event_(names.size()) {
    for (std::size_t i = 0; i < names.size(); ++i) ids_.emplace(names[i], static_cast<uint32_t>(i));
  }
  void add(uint32_t item, const std::vector<std::string>& events) {
    for (const std::string& name : events) {
      auto it = ids_.find(name);
      if (it == ids_.end()) continue;
      auto& list = per_event_[it->second];
      if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
    }
  }
  EventIndex finish() {
    EventIndex index;
    index.offsets.reserve(per_event_.size() + 1);
    index.offsets.push_back(0);
    for (auto& list : per_event_) {
      index.items.insert(index.items.end(), list.begin(), list.end());
      index.offsets.push_back(static_cast<uint32_t>(index.items.size()));
      list.clear();
    }
    return index;
  }

 private:
  std::unordered_map<std::string_view, uint32_t> ids_;
  std::vector<std::vector<uint32_t>> per_event_;
};

Method lower(NormalizationMethod method) {
  switch (method) {
    case NormalizationMethod::percentile_rank: return Method::percentile_rank;
    case NormalizationMethod::min_max: return Method::min_max;
    case NormalizationMethod::recency_decay: return Method::recency_decay;
    case NormalizationMethod::p90: break;
  }
  return Method::p90;
}

}  // namespace

ScoringPlan make_plan(const Model& model, const std::vector<std::string>& event_names, bool paid_columns) {
  ScoringPlan plan;
  IndexBuilder account_steps(event_names), user_steps(event_names), features(event_names);
  // Both checklists in one list of columns (trial, then paid; ActivationModel::combined_step):
  // the pass counts every column for every entity, and finish_activation keeps each entity's
  // checklist, so the stage decides only which columns are read, never how they are counted.
  const ActivationModel& activation = model.activation;
  plan.paid_checklist = activation.paid_steps.has_value();
  const std::size_t columns = paid_columns ? activation.combined_size() : activation.steps.size();
  for (std::size_t i = 0; i < columns; ++i) {
    const ActivationStep& step = activation.combined_step(i);
    StepPlan p;
    p.model_index = static_cast<uint32_t>(i);
    p.min_count = static_cast<uint64_t>(std::max(step.min_count, 1));
    p.min_users = step.level == StepLevel::account ? static_cast<uint32_t>(std::max(step.min_users, 1)) : 0;
    p.window_days = step.window_days ? std::max(*step.window_days, 0) : -1;
    if (step.level == StepLevel::account) {
      account_steps.add(static_cast<uint32_t>(plan.account_steps.size()), step.events);
      plan.account_steps.push_back(p);
    } else {
      user_steps.add(static_cast<uint32_t>(plan.user_steps.size()), step.events);
      plan.user_steps.push_back(p);
    }
    if (i + 1 == activation.steps.size()) {  // the last trial column; 0 of each when no steps
      plan.account_trial_steps = plan.account_steps.size();
      plan.user_trial_steps = plan.user_steps.size();
    }
  }
  plan.account_step_events = account_steps.finish();
  plan.user_step_events = user_steps.finish();

  const EngagementModel& engagement = model.engagement;
  plan.importance.resize(event_names.size());
  plan.active.resize(event_names.size());
  for (std::size_t e = 0; e < event_names.size(); ++e) {
    plan.importance[e] = importance_of(engagement, event_names[e]);
    plan.active[e] = counts_as_active(model, event_names[e]) ? 1 : 0;
  }
  plan.window_days = std::max(engagement.window_days, 1);
  plan.history_windows = std::max(engagement.history_windows, 1);
  plan.method = lower(engagement.normalization.method);
  plan.percentile = std::clamp(engagement.normalization.percentile, 0.0, 100.0);
  plan.lifespan_days = std::max(engagement.normalization.lifespan_days, 1);

  plan.adoption_window_days = std::max(model.adoption.window_days, 1);
  plan.feature_count = static_cast<uint32_t>(model.adoption.key_features.size());
  for (uint32_t f = 0; f < plan.feature_count; ++f) features.add(f, model.adoption.key_features[f].events);
  plan.feature_events = features.finish();

  plan.as_of_day = model.as_of_day;
  return plan;
}

}  // namespace pqlscope::metrics_detail
