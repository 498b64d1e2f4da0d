// The scoring model: every rule and threshold of docs/scoring.md §2–§4 as plain data.
//
// A model is what a user edits (as JSON, see model_json.hpp and docs/model.md). Every field has
// a default, so `Model{}` / default_model() / the JSON `{}` is a complete, valid model. The
// structs mirror the JSON document one to one: a field `engagement.window_days` here is the
// JSON path /engagement/window_days there, and validation messages use those paths.
//
// Percentages (activation, adoption, engagement scores, thresholds on them) are in 0..100;
// probabilities are in 0..1; day counts are whole days.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pqlscope {

// The model format version this build reads and writes (JSON key "pqlscope_model").
inline constexpr int kModelFormatVersion = 1;

// ---------------------------------------------------------------------------------------------
// Activation (§2): a checklist of steps, done once, at account or user level.

enum class StepLevel : uint8_t { account, user };

struct ActivationStep {
  std::string id;                   // unique within the checklist; used in reports and exports
  std::string label;                // shown to people; defaults to the id
  StepLevel level = StepLevel::account;
  std::vector<std::string> events;  // any of these event names counts toward the step
  int min_count = 1;                // events needed ("invite 2+ team members" -> 2)
  int min_users = 1;                // distinct users who must do it (account-level steps only)
  // Only events in the first `window_days` days after signup count; nullopt = any time from
  // signup to the as-of date. Completion is permanent once reached ("activated at").
  std::optional<int> window_days;

  bool operator==(const ActivationStep&) const = default;
};

struct ActivationModel {
  std::vector<ActivationStep> steps;
  // The onboarding checklist of paid accounts (stage self_serve / enterprise as of the scoring
  // day; docs/model.md). nullopt = paid accounts use `steps` like every other account.
  std::optional<std::vector<ActivationStep>> paid_steps;
  bool operator==(const ActivationModel&) const = default;

  // Both checklists as one list, `steps` then `paid_steps`: the metrics' step columns
  // (Metrics::account_steps / user_steps) index it, so a column names its checklist too.
  std::size_t combined_size() const { return steps.size() + (paid_steps ? paid_steps->size() : 0); }
  bool is_paid_step(std::size_t combined) const { return combined >= steps.size(); }
  const ActivationStep& combined_step(std::size_t combined) const {
    return combined < steps.size() ? steps[combined] : (*paid_steps)[combined - steps.size()];
  }
};

// ---------------------------------------------------------------------------------------------
// Engagement (§2): importance-weighted event counts over trailing windows, normalised to 0..100.

enum class NormalizationMethod : uint8_t {
  p90,              // min(100, 100 x raw / Pn), Pn = `percentile` of the level's non-zero raw scores
  percentile_rank,  // share of the level's active entities with a raw score <= this one's, x 100
  min_max,          // 100 x (raw - min) / (max - min) over the level's active entities
  recency_decay,    // raw counts importance x max(0, 1 - age / lifespan), then scaled like p90
};

struct Normalization {
  NormalizationMethod method = NormalizationMethod::p90;
  double percentile = 90;   // the Pn of p90 and recency_decay, in (0, 100]
  int lifespan_days = 30;   // recency_decay: an event this old or older counts 0
  bool operator==(const Normalization&) const = default;
};

struct EngagementModel {
  std::map<std::string, int, std::less<>> importance;  // event name -> 0..10
  int default_importance = 0;   // events not listed (the spec: "login is not engagement")
  int window_days = 7;          // length of one scoring window, ending at the as-of date
  int history_windows = 8;      // windows kept, the latest included (trend needs >= 2)
  Normalization normalization;
  bool operator==(const EngagementModel&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Adoption (§2): breadth over key features.

struct Feature {
  std::string id;                   // unique within its list
  std::string label;                // defaults to the id
  std::vector<std::string> events;  // using any of these events means using the feature
  bool operator==(const Feature&) const = default;
};

struct AdoptionModel {
  int window_days = 30;
  std::vector<Feature> key_features;
  bool operator==(const AdoptionModel&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Activity (§2): what makes a user active (DAU / WAU / MAU, seat penetration).

struct ActivityModel {
  // nullopt = every event whose importance is > 0 (the spec's default).
  std::optional<std::vector<std::string>> active_events;
  bool operator==(const ActivityModel&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Communication (§2): replies, meetings, chats, tickets; from a file or from the event stream.

struct CommunicationModel {
  int active_min_count = 2;          // communication level is `active` at this many or more
  std::optional<int> window_days;    // nullopt = the trial window (signup to trial end / as-of)
  std::vector<std::string> event_names;  // events in the stream that are communications
  bool operator==(const CommunicationModel&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Deal size and PQL thresholds (§2).

enum class DealSize : uint8_t { small, mid, large };
inline constexpr std::size_t kDealSizeCount = 3;

// Where an account's deal size comes from.
enum class DealSizeSource : uint8_t {
  automatic,  // JSON "auto": the accounts file's deal-size column when set, else employees
  employees,  // always from employees (the column is ignored)
  column,     // only the column; accounts without it get `unknown_size`
};

struct PerDealSize {
  double small = 0;
  double mid = 0;
  double large = 0;
  double operator[](DealSize size) const {
    return size == DealSize::small ? small : size == DealSize::mid ? mid : large;
  }
  bool operator==(const PerDealSize&) const = default;
};

// Optional firmographic filters; an empty list / nullopt does not filter.
struct FirmographicFilters {
  std::vector<std::string> regions;     // region must be one of these (case-insensitive)
  std::optional<int64_t> min_employees; // inclusive
  std::optional<int64_t> max_employees; // inclusive
  bool operator==(const FirmographicFilters&) const = default;
};

struct DealSizeModel {
  DealSizeSource source = DealSizeSource::automatic;
  int64_t mid_min_employees = 50;     // < 50 small
  int64_t large_min_employees = 1000; // 50..999 mid, >= 1000 large
  DealSize unknown_size = DealSize::small;  // no employees and no column: the strictest threshold
  // An account is a PQL when its activation rate (percent) is >= the threshold for its size.
  PerDealSize pql_activation{80, 60, 25};
  FirmographicFilters filters;        // narrow the PQL definition ("North America, 1000+")
  // Deal value used by the forecast for accounts with no deal value / ARR of their own.
  PerDealSize default_deal_value{0, 0, 0};
  bool operator==(const DealSizeModel&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Segments (§3).

struct TrialSegments {
  int trial_length_days = 14;             // when the accounts file gives no trial_ends_at
  std::optional<int> new_trial_days;      // nullopt = a third of the trial, rounded (14 -> 5)
  int soon_to_expire_days = 3;            // trial ends within this many days
  double red_hot_points = 10;             // PQL whose engagement rose by more than this
  std::vector<int> not_converted_buckets_days{30, 60, 90};  // days after the trial ended
  // "Activated, not converted" includes accounts at least this far toward activation (percent;
  // the seeds' "or a significant way toward becoming Activated"). 100 = every step done only.
  double near_activation = 60;
  bool operator==(const TrialSegments&) const = default;
};

// An ideal-customer-profile test; every criterion left empty passes.
struct FitCriteria {
  std::optional<int64_t> min_employees;
  std::optional<int64_t> max_employees;
  std::vector<std::string> regions;
  std::vector<std::string> industries;
  bool operator==(const FitCriteria&) const = default;
};

struct ProductLedSegments {
  FitCriteria fit;
  int top_accounts = 25;                     // top free/trial accounts by engagement x fit
  double ready_min_engagement = 70;          // self-serve ready for Enterprise: engagement >=
  double ready_min_adoption = 50;            // ... and adoption >= (percent)
  double low_seat_penetration = 30;          // enterprise: active users / seats < this percent
  std::vector<Feature> enterprise_features;  // enterprise-only capabilities
  double low_enterprise_feature_adoption = 50;  // enterprise: features used < this percent
  double opportunistic_max_engagement = 40;  // good fit but engagement below this
  double dead_zone_max_adoption = 20;        // adoption below this percent ...
  int64_t dead_zone_max_employees = 10;      // ... at a company this small or smaller
  bool operator==(const ProductLedSegments&) const = default;
};

struct CustomerSuccessSegments {
  int onboarding_days = 30;             // converted within this many days: "onboarding"
  double at_risk_drop_points = 10;      // paid account whose engagement fell by more than this
  double expansion_rise_points = 10;    // paid account whose engagement rose by more than this
  double power_user_min_engagement = 70;   // user engagement at or above
  double problem_user_drop_points = 10;    // user engagement fell by more than this
  bool operator==(const CustomerSuccessSegments&) const = default;
};

struct SegmentModel {
  TrialSegments trial;
  ProductLedSegments product_led;
  CustomerSuccessSegments customer_success;
  bool operator==(const SegmentModel&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Trial personas and the forecast (§4).

enum class Level : uint8_t { low, medium, high };
enum class CommunicationLevel : uint8_t { low, active };
// The class of an account's net sentiment (see SentimentThresholds).
enum class NetSentiment : uint8_t { negative, neutral, positive };
// Which sentiments a persona-table row applies to.
enum class SentimentMatch : uint8_t { any, positive, neutral, negative, not_positive, not_negative };

enum class Persona : uint8_t {
  golden_lead,
  silent_success,
  contrary_converter,
  positive_procrastinator,
  fizzler,
  incompatible_ignoramus,
  heartbreaker,
  unclassified,
};
inline constexpr std::size_t kPersonaCount = 8;

// value >= high -> high; value < low -> low; otherwise medium. Requires low < high.
struct LevelThresholds {
  double high = 70;
  double low = 40;
  bool operator==(const LevelThresholds&) const = default;
};

// Net sentiment = (positive - negative) / communications with a sentiment, in [-1, 1];
// an account with no sentiment data is neutral. net > positive_above -> positive,
// net < negative_below -> negative, otherwise neutral. Requires negative_below <= positive_above.
struct SentimentThresholds {
  double positive_above = 0;
  double negative_below = 0;
  bool operator==(const SentimentThresholds&) const = default;
};

struct PersonaRule {
  Level activation = Level::low;
  Level engagement = Level::low;
  CommunicationLevel communication = CommunicationLevel::low;
  SentimentMatch sentiment = SentimentMatch::any;
  Persona persona = Persona::unclassified;
  std::string reason;
  bool operator==(const PersonaRule&) const = default;
};

// The trial's shape (docs/segments.md, "Personas"): the engagement of the trial's early half
// against its late half, and the team members the account brought in.
struct TrialShapeModel {
  // A Fizzler: activation high, engagement no longer high, and the late half's raw engagement
  // at most this share of the early half's (engagement tailed off). 0 turns the rule off.
  double fizzler_late_share = 0.5;
  // Halves are compared only once the trial has run this many days (2 or more per half).
  int min_trial_days = 4;
  // A Golden Lead brought in at least this many users after the first day of use, during the
  // trial; fewer makes the account a Silent Success. 0 turns the rule off.
  int golden_lead_min_added_users = 1;
  bool operator==(const TrialShapeModel&) const = default;
};

struct PersonaModel {
  LevelThresholds activation_levels;
  LevelThresholds engagement_levels;
  SentimentThresholds sentiment;
  // Covers each (activation, engagement, communication, sentiment class) exactly once;
  // kept in canonical order (see canonical_persona_order). Default: default_persona_table().
  std::vector<PersonaRule> table;
  // Chance to convert, indexed by Persona. Default 90/75/60/30/10/5/5 %, unclassified 0.
  std::array<double, kPersonaCount> probabilities{0.90, 0.75, 0.60, 0.30, 0.10, 0.05, 0.05, 0.0};
  TrialShapeModel shape;

  PersonaModel();
  double probability(Persona persona) const { return probabilities[static_cast<std::size_t>(persona)]; }
  bool operator==(const PersonaModel&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Workspace rollup (§3): accounts sharing a key (an accounts-file column) form one company.

struct RollupModel {
  bool enabled = true;
  std::string key = "domain";
  bool operator==(const RollupModel&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Signals (docs/segments.md, "Signals"): invitation bursts and champions.

struct SignalsModel {
  std::vector<std::string> invite_events;  // events that are a user inviting someone; empty = off
  int invite_burst_count = 10;      // a burst: this many invites or more by one user ...
  int invite_burst_days = 1;        // ... within this many consecutive days
  double champion_min_engagement = 70;  // champions: user engagement at or above this ...
  int champion_min_invites = 1;         // ... and at least this many invites ...
  int champion_window_days = 30;        // ... in this many days ending at the as-of day
  bool operator==(const SignalsModel&) const = default;
};

// The PQL list's priority (docs/segments.md, "Priority"): a weighted mean of activation,
// engagement, trend and deal size, each on 0..100. Weights >= 0, not all 0.
struct PriorityWeights {
  double activation = 35;
  double engagement = 35;
  double trend = 15;
  double deal_size = 15;
  bool operator==(const PriorityWeights&) const = default;
};

// Calibration (docs/model.md `calibration`): a logistic model of conversion fitted to outcomes by
// `pqlscope calibrate`. P(convert) = 1 / (1 + exp(-(intercept + sum weight[e] x ln(1 + n_e)))),
// n_e = the account's count of event e over its trial window. Absent (fitted = false): the
// conversion probability is the persona's.

struct CalibrationModel {
  bool fitted = false;
  double intercept = 0;
  std::map<std::string, double, std::less<>> weights;  // event name -> weight per ln(1 + count)
  double l2 = 1;                // the penalty it was fitted with (information)
  uint32_t accounts = 0;        // fit accounts (information)
  uint32_t converted = 0;       // of which converted (information)
  bool operator==(const CalibrationModel&) const = default;
};

// ---------------------------------------------------------------------------------------------

// The metrics read as_of_day, activation, engagement, adoption and activity only; the rest is
// the segments stage's (same_metrics_inputs, metrics/metrics.hpp: keep it in step).
struct Model {
  int format_version = kModelFormatVersion;  // JSON "pqlscope_model"
  std::string name = "default";              // the user's label for this model
  std::string version;                       // the user's own revision label, free text
  std::optional<int32_t> as_of_day;          // days since 1970-01-01; nullopt = last event's day
  ActivationModel activation;
  EngagementModel engagement;
  AdoptionModel adoption;
  ActivityModel activity;
  CommunicationModel communication;
  DealSizeModel deal_size;
  SegmentModel segments;
  PersonaModel personas;
  RollupModel rollup;
  SignalsModel signals;
  PriorityWeights priority;
  CalibrationModel calibration;

  bool operator==(const Model&) const = default;
};

// The documented defaults (the same as `Model{}`).
Model default_model();

// The persona table as documented in docs/model.md: the articles' 7 personas and the nearest
// persona for every other combination, each row with its reason. In canonical order.
std::vector<PersonaRule> default_persona_table();

// ---------------------------------------------------------------------------------------------
// Names as they appear in JSON ("account", "p90", "golden_lead", ...), and back.

const char* to_string(StepLevel value);
const char* to_string(NormalizationMethod value);
const char* to_string(DealSize value);
const char* to_string(DealSizeSource value);
const char* to_string(Level value);
const char* to_string(CommunicationLevel value);
const char* to_string(NetSentiment value);
const char* to_string(SentimentMatch value);
const char* to_string(Persona value);

std::optional<StepLevel> step_level_from_string(std::string_view text);
std::optional<NormalizationMethod> normalization_method_from_string(std::string_view text);
std::optional<DealSize> deal_size_from_string(std::string_view text);
std::optional<DealSizeSource> deal_size_source_from_string(std::string_view text);
std::optional<Level> level_from_string(std::string_view text);
std::optional<CommunicationLevel> communication_level_from_string(std::string_view text);
std::optional<SentimentMatch> sentiment_match_from_string(std::string_view text);
std::optional<Persona> persona_from_string(std::string_view text);

// "Golden Lead", "Silent Success", ..., "Unclassified".
const char* display_name(Persona value);

// ---------------------------------------------------------------------------------------------
// Small rules every consumer of the model applies the same way.

Level level_of(double percent, const LevelThresholds& thresholds);
NetSentiment sentiment_of(double net_sentiment, const SentimentThresholds& thresholds);
bool sentiment_matches(SentimentMatch match, NetSentiment sentiment);

// The first table row matching the levels, or nullptr (only for a table that failed validation).
const PersonaRule* find_persona_rule(const PersonaModel& model, Level activation, Level engagement,
                                     CommunicationLevel communication, NetSentiment sentiment);
// The row's persona, or unclassified when no row matches.
Persona classify_persona(const PersonaModel& model, Level activation, Level engagement,
                         CommunicationLevel communication, NetSentiment sentiment);

// Sort key of a row: activation high..low, engagement high..low, communication active..low,
// then sentiment any, positive, not_negative, neutral, not_positive, negative.
bool canonical_persona_order(const PersonaRule& a, const PersonaRule& b);

DealSize deal_size_of_employees(int64_t employees, const DealSizeModel& model);

// new_trial_days, or round(trial_length_days / 3) (halves up), at least 1.
int effective_new_trial_days(const TrialSegments& trial);

// The event's importance (the map's value, else default_importance).
int importance_of(const EngagementModel& engagement, std::string_view event);

// Whether an event makes its user active (activity.active_events, else importance > 0).
bool counts_as_active(const Model& model, std::string_view event);

}  // namespace pqlscope
