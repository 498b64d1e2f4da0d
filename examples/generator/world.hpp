// pqlscope-gen: the model of the world: plans, personas, accounts, users, trial plans,
// communications, and the weighted event tables and helpers the generator draws from.
#pragma once

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "catalog.hpp"
#include "common.hpp"
#include "detrand.hpp"

namespace gen {

// ------------------------------------------------------------------ weighted tables
struct Table {
  std::array<uint32_t, kNumEvents> cum{};
  uint32_t total = 0;
  double mean_importance = 0;  // expected importance of one drawn event
  int pick(Rng& r) const {
    const uint32_t x = static_cast<uint32_t>(r.below(total));
    return static_cast<int>(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin());
  }
};

// Zipf-like popularity (1/rank^1.07) adjusted per plan: `step` scales the activation-step
// events, `admin` the admin features, `sso` and `audit` the enterprise-only ones (SSO is set
// up once, not every day).
Table make_table(double step, double admin, double sso, double audit);

// ------------------------------------------------------------------ model of the world
enum Plan { kTrial = 0, kFree, kSelfServe, kEnterprise, kChurned, kNumPlans };
constexpr const char* kPlanNames[] = {"trial", "free", "self_serve", "enterprise", "churned"};
constexpr double kPlanShare[] = {0.20, 0.22, 0.34, 0.08, 0.16};

enum Persona {
  kGoldenLead = 0, kSilentSuccess, kContraryConverter, kPositiveProcrastinator, kFizzler,
  kIncompatibleIgnoramus, kHeartbreaker, kUnplanted, kNumPersonas
};
constexpr const char* kPersonaNames[] = {
    "golden_lead", "silent_success", "contrary_converter", "positive_procrastinator",
    "fizzler", "incompatible_ignoramus", "heartbreaker", "unplanted"};
// Share of the current trial accounts planted into each persona (documented in README.md).
constexpr double kPersonaShare[] = {0.10, 0.15, 0.10, 0.15, 0.15, 0.10, 0.10, 0.15};

enum Sentiment { kPositive = 0, kNeutral, kNegative };
constexpr const char* kSentimentNames[] = {"positive", "neutral", "negative"};
enum Channel { kEmail = 0, kMeeting, kChat, kTicket };
constexpr const char* kChannelNames[] = {"email", "meeting", "chat", "ticket"};

struct StepEvent {
  int day;
  int ev;
  int count;
  uint32_t user;  // index within the account
};

// How a current trial account behaves: per-day engagement budgets (sum of importances).
struct TrialPlan {
  std::vector<double> pre_frac;  // per day from signup (index day - sd): budget as fraction of P90, pre-window
  std::vector<double> win_w;     // per day: relative weight inside the window
  double target = 0;             // window raw score as a fraction of P90
  std::vector<StepEvent> steps;
  int step_raw_window = 0;       // importance of step events inside the window
  std::vector<int64_t> budget;   // final integer budgets per day from signup
  double quiet_visit = 0.0;      // chance of a zero-importance visit on a day without budget
};

struct Comm {
  int64_t ts;
  uint32_t account;
  uint32_t user;  // global user index
  int channel;
  int sentiment;
};

struct Account {
  int plan = kFree;
  int persona = -1;
  int region = 0;
  int tz_min = 0;
  int industry = 0;
  int64_t employees = 10;
  int64_t signup_ts = 0;
  int64_t trial_end_ts = kNone;
  int64_t converted_ts = kNone;
  int64_t deal_value = kNone;
  int64_t seats = kNone;
  int owner = -1;
  int parent = -1;  // workspace of (same domain)
  bool large = false;
  bool special_name = false;
  std::string id, name, domain;
  uint32_t first_user = 0, n_users = 0;
  // activity model
  double rate = 0;        // relative per-user events per weekday
  double trend = 0;       // relative change across the period
  int signup_day = 0;     // day index (negative: before the period)
  int trial_end_day = 0;  // day index
  int fade_start = INT_MAX, churn_day = INT_MAX;
  bool period_trial = false;  // signed up inside the period and already past its trial
  bool converted = false;
  int trial_plan = -1;  // index into trial_plans (current trial accounts)
};

struct User {
  uint32_t account;
  int join_day;  // day index from which the user is active
  float mult;    // activity multiplier
  float p_active;
};

constexpr double kDowFactor[7] = {0.12, 1.0, 1.08, 1.06, 1.0, 0.82, 0.18};  // Sun..Sat
constexpr int kHourWeights[24] = {1, 0, 0, 0, 0, 1, 2, 5, 12, 20, 24, 22, 14, 18, 22, 21, 18, 12, 6, 4, 4, 4, 3, 2};

struct TzChoice { int minutes; int weight; };
inline const std::vector<TzChoice> kTzByRegion[4] = {
    {{-480, 25}, {-420, 10}, {-360, 25}, {-300, 40}},
    {{0, 30}, {60, 45}, {120, 20}, {180, 5}},
    {{330, 30}, {480, 30}, {540, 20}, {600, 20}},
    {{-180, 60}, {-300, 20}, {-360, 20}},
};

template <class T>
int pick_weighted(Rng& r, const T& weights) {
  int64_t total = 0;
  for (auto w : weights) total += static_cast<int64_t>(w);
  int64_t x = static_cast<int64_t>(r.below(static_cast<uint64_t>(total)));
  int i = 0;
  for (auto w : weights) {
    x -= static_cast<int64_t>(w);
    if (x < 0) return i;
    ++i;
  }
  return i - 1;
}

// Exact integer counts for shares (largest remainder), deterministic.
std::vector<int64_t> allocate(int64_t n, const double* share, int k);

template <class T>
void shuffle(std::vector<T>& v, Rng& r) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[r.below(i)]);
}

double percentile_linear(std::vector<double> v, double p);

std::string zero_pad(const char* prefix, uint64_t v, int width);

}  // namespace gen
