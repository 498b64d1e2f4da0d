// The score stage's metrics (docs/scoring.md §2): activation, engagement, adoption and activity for
// every account and user, computed from Aggregates + Model only, as of one day.
//
// Only DayCounts with day <= as_of count, so scoring as of a past day equals ingesting only the
// events up to that day and scoring. Results are flat vectors indexed like Aggregates::accounts /
// ::users (row-major for per-entity lists: entity x step, entity x window, entity x feature),
// plus CSR lists (offsets + items) for the per-entity contribution lists.
//
// Conventions (see docs in each section):
// - percentages are 0..100; "not applicable" is NaN (no steps, no key features, no seats, ...);
// - a day is days since 1970-01-01; kNoDay means "never";
// - engagement windows are stored oldest first: window index windows-1 is the latest window,
//   which ends at the as-of day inclusive; window k covers
//   [as_of - (windows-k)*window_days + 1, as_of - (windows-1-k)*window_days].
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace pqlscope {

struct Aggregates;
struct AccountInfo;
struct Model;

inline constexpr int32_t kNoDay = -1;

// One activation step of one entity.
struct StepStatus {
  bool done = false;
  uint64_t count = 0;               // qualifying events so far (inside the step window), with or
                                    // without a user; for an account: the events in it
  uint32_t users = 0;               // distinct home users so far (account-level steps; 0 for users)
  int32_t completed_day = kNoDay;   // first day min_count was reached, and min_users when >= 2
};

struct EventContribution {
  uint16_t event;   // index into Aggregates::event_names
  double points;    // importance x count (decayed under recency_decay) in the latest window
};

struct UserContribution {
  uint32_t user;    // index into Aggregates::users
  double points;    // the user's latest raw score
};

// The names of the two activation checklists in reports and exports (docs/model.md).
inline const char* checklist_name(bool paid) { return paid ? "paid" : "trial"; }

// Per-entity results of one level (accounts or users).
struct LevelMetrics {
  std::size_t size = 0;  // number of entities

  // Activation, over the steps of this level (`account_steps` / `user_steps` of Metrics name the
  // columns). The columns are both checklists' (docs/model.md, `activation.paid_steps`): the
  // trial checklist's, then the last paid_step_count ones the paid checklist's. Each entity is
  // scored on one of them (an account: paid on the as-of day; a user: as its home account), and
  // steps_of(e) gives that checklist's columns only; all columns are counted for every entity,
  // so the score history can switch an account's checklist at the day its stage changed.
  std::size_t step_count = 0;              // columns
  std::size_t paid_step_count = 0;         // the paid checklist's columns (the last ones)
  std::vector<uint8_t> paid_checklist;     // per entity: 1 = scored on the paid checklist; empty:
                                           // every entity on the trial checklist
  std::vector<StepStatus> steps;           // size x step_count
  std::vector<double> activation_rate;     // done / step_count x 100; NaN when no steps
  std::vector<int32_t> activated_day;      // day the last step was done; kNoDay if not all done
  std::vector<int32_t> signup_day;         // window start for steps; kNoDay when no signup/event

  // Engagement.
  std::size_t windows = 0;                 // history_windows (>= 1), oldest first
  std::vector<double> raw;                 // size x windows
  std::vector<double> score;               // size x windows, normalised 0..100
  std::vector<double> trend;               // latest - previous score (points); NaN if windows < 2
  std::vector<double> slope;               // least squares, points per window; NaN if windows < 2
  std::vector<double> reference;           // per window: Pn (p90 / recency_decay), max (min_max),
                                           // NaN (percentile_rank, or no active entity)
  std::vector<uint32_t> active_entities;   // per window: entities with raw > 0 (the normalised
                                           // population; not activity.active_events)
  std::vector<uint32_t> event_offsets;     // size + 1; CSR into event_contributions
  std::vector<EventContribution> event_contributions;  // per entity, by points descending

  // Adoption, over the model's key features.
  std::size_t feature_count = 0;
  std::vector<uint8_t> feature_used;           // size x feature_count, in the adoption window
  std::vector<uint8_t> feature_used_all_time;  // size x feature_count, up to as_of
  std::vector<double> adoption_rate;           // used / key features x 100; NaN when none
  std::vector<double> adoption_rate_all_time;

  bool on_paid_checklist(std::size_t e) const { return !paid_checklist.empty() && paid_checklist[e] != 0; }
  // The first column and the number of columns of one checklist (paid or trial).
  std::size_t checklist_begin(bool paid) const { return paid ? step_count - paid_step_count : 0; }
  std::size_t checklist_size(bool paid) const { return paid ? paid_step_count : step_count - paid_step_count; }
  // The statuses of entity e's own checklist.
  std::span<const StepStatus> steps_of(std::size_t e) const { return checklist_steps_of(e, on_paid_checklist(e)); }
  std::span<const StepStatus> checklist_steps_of(std::size_t e, bool paid) const {
    return {steps.data() + e * step_count + checklist_begin(paid), checklist_size(paid)};
  }
  std::span<const double> raw_of(std::size_t e) const { return {raw.data() + e * windows, windows}; }
  std::span<const double> score_of(std::size_t e) const { return {score.data() + e * windows, windows}; }
  double latest_raw(std::size_t e) const { return raw[e * windows + windows - 1]; }
  double latest_score(std::size_t e) const { return score[e * windows + windows - 1]; }
  std::span<const EventContribution> contributions_of(std::size_t e) const {
    return {event_contributions.data() + event_offsets[e], event_offsets[e + 1] - event_offsets[e]};
  }
  std::span<const uint8_t> features_of(std::size_t e) const {
    return {feature_used.data() + e * feature_count, feature_count};
  }
  std::span<const uint8_t> features_all_time_of(std::size_t e) const {
    return {feature_used_all_time.data() + e * feature_count, feature_count};
  }
};

// Active users (at least one active event) in the day, the 7 days and the 30 days ending at
// the as-of day; stickiness = DAU / MAU x 100 (NaN when MAU is 0).
struct ActivityCounts {
  uint32_t dau = 0;
  uint32_t wau = 0;
  uint32_t mau = 0;
  double stickiness = 0;
};

struct Metrics {
  int32_t as_of_day = 0;
  int window_days = 0;          // engagement window length
  int adoption_window_days = 0;

  // Indices into model.activation.steps of the account-level and the user-level steps, in the
  // order of LevelMetrics::steps columns.
  // Since paid_steps, these are indices into ActivationModel::combined_step (steps, then
  // paid_steps); *_step_ids_of gives the ids of one entity's own checklist, like steps_of.
  std::vector<uint32_t> account_steps;
  std::vector<uint32_t> user_steps;
  std::span<const uint32_t> account_step_ids_of(std::size_t a) const { return step_ids(account_steps, accounts, a); }
  std::span<const uint32_t> user_step_ids_of(std::size_t u) const { return step_ids(user_steps, users, u); }
  static std::span<const uint32_t> step_ids(const std::vector<uint32_t>& ids, const LevelMetrics& level, std::size_t e) {
    const bool paid = level.on_paid_checklist(e);
    return {ids.data() + level.checklist_begin(paid), level.checklist_size(paid)};
  }

  LevelMetrics accounts;
  LevelMetrics users;

  // Users' own activation, per account: its users (home account, with an event up to as_of)
  // who completed every user-level step, and the median of their users' activation rates.
  std::vector<uint32_t> account_users;            // users with an event up to as_of
  std::vector<uint32_t> activated_users;
  std::vector<double> median_user_activation;     // NaN when no users or no user-level steps

  // Contribution of each user (home account) to the account's latest raw score.
  std::vector<uint32_t> user_contribution_offsets;  // accounts.size + 1
  std::vector<UserContribution> user_contributions; // per account, by points descending
  std::span<const UserContribution> user_contributions_of(std::size_t a) const {
    return {user_contributions.data() + user_contribution_offsets[a],
            user_contribution_offsets[a + 1] - user_contribution_offsets[a]};
  }

  // Activity.
  std::vector<ActivityCounts> account_activity;  // per account (users by home account)
  std::vector<double> seat_penetration;          // MAU / seats (else / employees) x 100; NaN
  ActivityCounts overall;                        // all users, whatever their account
  uint32_t active_accounts_day = 0;              // accounts with >= 1 active user
  uint32_t active_accounts_week = 0;
  uint32_t active_accounts_month = 0;
};

// The last day with an event (0 when there are none).
int32_t default_as_of_day(const Aggregates& aggregates);
// model.as_of_day when set, else default_as_of_day().
int32_t resolve_as_of_day(const Aggregates& aggregates, const Model& model);

// True when the metrics read the same from both models: the as-of day, activation, engagement,
// adoption and activity (the only parts make_plan, core/src/metrics/plan.cpp, lowers), the ids
// and labels of steps and features aside (the metrics know them by index). A model
// that differs elsewhere (segments, personas, deal sizes, communication, signals, priority,
// calibration, its name) has the same metrics on the same aggregates: a Session then runs only
// the segments stage again. A new part of Model that the metrics read must be added here.
bool same_metrics_inputs(const Model& a, const Model& b);
// True when the metrics read the same from both models, the activation checklists (steps and
// paid steps) aside: the dashboard's checklist editor. When the checklists differ too, a Session
// computes only activation again (recompute_activation, metrics_cache.hpp), then the segments.
bool same_metrics_inputs_but_activation(const Model& a, const Model& b);

// Whether an account is scored on the paid checklist as of a day: the model has paid_steps and
// the account's stage that day (aggregate/account_stage.hpp) is self_serve or enterprise.
bool on_paid_checklist(const Model& model, const AccountInfo& info, int32_t day);

Metrics compute_metrics(const Aggregates& aggregates, const Model& model, int32_t as_of_day);
// The same results, written into `out`, whose previous contents are replaced (every field) and
// whose vectors' capacity is reused: re-scoring into the same Metrics (a changed model on the
// same or similar aggregates) then allocates nothing and takes no page faults on the results.
void compute_metrics(const Aggregates& aggregates, const Model& model, int32_t as_of_day, Metrics& out);
// The same on up to `threads` threads: the passes over the accounts' and the users' logs, then
// the metric families, side by side (each writes its own results: the same doubles).
void compute_metrics(const Aggregates& aggregates, const Model& model, int32_t as_of_day, Metrics& out,
                     unsigned threads);

}  // namespace pqlscope
