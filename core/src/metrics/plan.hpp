// Internal to the metrics stage: the model lowered onto one Aggregates' event ids, built once
// per (model, event names) so that inner loops only index flat vectors. Deliberately includes
// neither model.hpp nor aggregates.hpp, so each metrics file depends on only what it needs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pqlscope {

struct Aggregates;
struct Model;
struct Metrics;

namespace metrics_detail {

// event id -> list of small indices (steps, features), as CSR.
struct EventIndex {
  std::vector<uint32_t> offsets;  // events + 1
  std::vector<uint32_t> items;
  bool any(uint16_t event) const { return offsets[event] != offsets[event + 1u]; }
};

struct StepPlan {
  uint32_t model_index = 0;
  uint64_t min_count = 1;
  uint32_t min_users = 1;
  int32_t window_days = -1;  // -1: no window
};

enum class Method : uint8_t { p90, percentile_rank, min_max, recency_decay };

// The nearest rank of percentile p among n sorted values: ceil(p / 100 x n) in exact integer
// arithmetic, within 1..n (0 when n is 0). See engagement.cpp.
std::size_t nearest_rank(double percentile, std::size_t n);

struct ScoringPlan {
  // Activation: the columns of both checklists (plan.cpp), the trial checklist's first.
  bool paid_checklist = false;          // the model has paid_steps (paid accounts use them)
  std::size_t account_trial_steps = 0;  // account_steps[0 .. this) are the trial checklist's
  std::size_t user_trial_steps = 0;
  std::vector<StepPlan> account_steps;
  std::vector<StepPlan> user_steps;
  EventIndex account_step_events;  // event -> positions in account_steps
  EventIndex user_step_events;     // event -> positions in user_steps

  // Engagement.
  std::vector<double> importance;  // per event
  int window_days = 7;
  int history_windows = 8;
  Method method = Method::p90;
  double percentile = 90;
  int lifespan_days = 30;

  // Adoption.
  int adoption_window_days = 30;
  uint32_t feature_count = 0;
  EventIndex feature_events;  // event -> feature positions

  // Activity.
  std::vector<uint8_t> active;  // per event

  std::optional<int32_t> as_of_day;
};

// paid_columns false leaves the paid checklist's steps out (see paid_columns_needed).
ScoringPlan make_plan(const Model& model, const std::vector<std::string>& event_names, bool paid_columns = true);

// Whether the model has paid_steps and some account is paid as of `as_of`. A stage only moves
// towards paid as days pass (stage_at: a conversion is never undone, churned and free never
// become paid), so when none is paid on the scoring day none was before either, and neither the
// scoring nor its history reads a paid column: the pass then does not count them (activation.cpp).
bool paid_columns_needed(const Aggregates& aggregates, const Model& model, int32_t as_of);

// The passes that use a plan are in scan.hpp.

}  // namespace metrics_detail
}  // namespace pqlscope
