// Defaults, names and the small shared rules of the scoring model.
#include "pqlscope/model/model.hpp"

#include <algorithm>
#include <cmath>

namespace pqlscope {

namespace {

template <typename Enum, std::size_t N>
const char* name_of(Enum value, const std::array<const char*, N>& names) {
  const auto index = static_cast<std::size_t>(value);
  return index < N ? names[index] : "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(std::string_view text, const std::array<const char*, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (text == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

// Indexed by the enums' values; these are the JSON spellings.
constexpr std::array<const char*, 2> kStepLevelNames{"account", "user"};
constexpr std::array<const char*, 4> kNormalizationNames{"p90", "percentile_rank", "min_max",
                                                         "recency_decay"};
constexpr std::array<const char*, 3> kDealSizeNames{"small", "mid", "large"};
constexpr std::array<const char*, 3> kDealSizeSourceNames{"auto", "employees", "column"};
constexpr std::array<const char*, 3> kLevelNames{"low", "medium", "high"};
constexpr std::array<const char*, 2> kCommunicationNames{"low", "active"};
constexpr std::array<const char*, 3> kSentimentNames{"negative", "neutral", "positive"};
constexpr std::array<const char*, 6> kSentimentMatchNames{"any",      "positive",     "neutral",
                                                          "negative", "not_positive", "not_negative"};
constexpr std::array<const char*, kPersonaCount> kPersonaNames{
    "golden_lead", "silent_success",         "contrary_converter", "positive_procrastinator",
    "fizzler",     "incompatible_ignoramus", "heartbreaker",       "unclassified"};
constexpr std::array<const char*, kPersonaCount> kPersonaDisplayNames{
    "Golden Lead", "Silent Success",         "Contrary Converter", "Positive Procrastinator",
    "Fizzler",     "Incompatible Ignoramus", "Heartbreaker",       "Unclassified"};

PersonaRule rule(Level activation, Level engagement, CommunicationLevel communication,
                 SentimentMatch sentiment, Persona persona, const char* reason) {
  return PersonaRule{activation, engagement, communication, sentiment, persona, reason};
}

}  // namespace

const char* to_string(StepLevel value) { return name_of(value, kStepLevelNames); }
const char* to_string(NormalizationMethod value) { return name_of(value, kNormalizationNames); }
const char* to_string(DealSize value) { return name_of(value, kDealSizeNames); }
const char* to_string(DealSizeSource value) { return name_of(value, kDealSizeSourceNames); }
const char* to_string(Level value) { return name_of(value, kLevelNames); }
const char* to_string(CommunicationLevel value) { return name_of(value, kCommunicationNames); }
const char* to_string(NetSentiment value) { return name_of(value, kSentimentNames); }
const char* to_string(SentimentMatch value) { return name_of(value, kSentimentMatchNames); }
const char* to_string(Persona value) { return name_of(value, kPersonaNames); }
const char* display_name(Persona value) { return name_of(value, kPersonaDisplayNames); }

std::optional<StepLevel> step_level_from_string(std::string_view text) {
  return parse_name<StepLevel>(text, kStepLevelNames);
}
std::optional<NormalizationMethod> normalization_method_from_string(std::string_view text) {
  return parse_name<NormalizationMethod>(text, kNormalizationNames);
}
std::optional<DealSize> deal_size_from_string(std::string_view text) {
  return parse_name<DealSize>(text, kDealSizeNames);
}
std::optional<DealSizeSource> deal_size_source_from_string(std::string_view text) {
  return parse_name<DealSizeSource>(text, kDealSizeSourceNames);
}
std::optional<Level> level_from_string(std::string_view text) {
  return parse_name<Level>(text, kLevelNames);
}
std::optional<CommunicationLevel> communication_level_from_string(std::string_view text) {
  return parse_name<CommunicationLevel>(text, kCommunicationNames);
}
std::optional<SentimentMatch> sentiment_match_from_string(std::string_view text) {
  return parse_name<SentimentMatch>(text, kSentimentMatchNames);
}
std::optional<Persona> persona_from_string(std::string_view text) {
  return parse_name<Persona>(text, kPersonaNames);
}

// The persona table. docs/scoring.md §4 names 6 level combinations (7 personas: Positive
// Procrastinator and Incompatible Ignoramus share low/low/active and are split by sentiment).
// Each of the other 12 combinations goes to its nearest named cell: a level of activation or
// engagement counts 2, a communication mismatch 1 (usage, not talk, drives conversion: "SaaS
// revenue forecasting is all about looking at engagement"). Ties go to the persona whose
// description in the articles fits, then to the lower chance to convert, so the forecast does
// not over-promise. One cell is left unclassified where the candidates contradict the data.
std::vector<PersonaRule> default_persona_table() {
  using L = Level;
  using C = CommunicationLevel;
  using S = SentimentMatch;
  using P = Persona;
  std::vector<PersonaRule> table{
      rule(L::high, L::high, C::active, S::any, P::golden_lead,
           "Named in the articles: high activation, high engagement, actively communicates."),
      rule(L::high, L::high, C::low, S::any, P::silent_success,
           "Named in the articles: high activation and engagement, little or no communication."),
      rule(L::high, L::medium, C::active, S::any, P::contrary_converter,
           "Not named. Equally near Golden Lead (engagement one level short) and Contrary "
           "Converter (activation one level higher). Golden Lead needs high engagement "
           "throughout the trial, so the lower-odds neighbour."),
      rule(L::high, L::medium, C::low, S::any, P::fizzler,
           "Not named. Equally near Silent Success and Fizzler. Engagement has already dropped "
           "below high and nobody talks to the team: the start of the Fizzler's 'engagement "
           "tails off'."),
      rule(L::high, L::low, C::active, S::any, P::fizzler,
           "Not named. Nearest is Fizzler (only communication differs): activated, then usage "
           "tailed off; talking does not bring the usage back."),
      rule(L::high, L::low, C::low, S::any, P::fizzler,
           "Named in the articles: high activation, low engagement, little or no communication."),
      rule(L::medium, L::high, C::active, S::any, P::contrary_converter,
           "Not named. Equally near Golden Lead (activation one level short) and Contrary "
           "Converter (engagement one level higher). Setup is unfinished, so the lower-odds "
           "neighbour."),
      rule(L::medium, L::high, C::low, S::any, P::silent_success,
           "Not named. Nearest is Silent Success (activation one level short): heavy "
           "self-serve use without talking to the team."),
      rule(L::medium, L::medium, C::active, S::any, P::contrary_converter,
           "Named in the articles: medium activation, medium engagement, actively "
           "communicates. The articles add 'mostly negative', but the key indicators do not "
           "depend on sentiment, so the row applies to any sentiment."),
      rule(L::medium, L::medium, C::low, S::any, P::contrary_converter,
           "Not named. Nearest is Contrary Converter (only communication differs): the same "
           "medium setup and usage, just silent."),
      rule(L::medium, L::low, C::active, S::positive, P::positive_procrastinator,
           "Not named. Equally near Contrary Converter and low/low/active. Positive talk while "
           "usage stays low: the Positive Procrastinator's excuses for not making progress."),
      rule(L::medium, L::low, C::active, S::not_positive, P::incompatible_ignoramus,
           "Not named. Equally near Contrary Converter and low/low/active. Contrary Converters "
           "keep using the product; this account stopped and its talk is not positive: the "
           "Incompatible Ignoramus."),
      rule(L::medium, L::low, C::low, S::any, P::fizzler,
           "Not named. Equally near Fizzler and Heartbreaker. The account did start setting up, "
           "which a Heartbreaker never does: a Fizzler that burnt out earlier."),
      rule(L::low, L::high, C::active, S::any, P::contrary_converter,
           "Not named. Two usage levels from Golden Lead, Contrary Converter and low/low/active "
           "alike. Uses the product a lot while setup lags, and talks: the Contrary Converter's "
           "'keep engaging and implementing'. Check that the checklist covers what they use."),
      rule(L::low, L::high, C::low, S::any, P::unclassified,
           "Not named. Equally far from Silent Success (self-served to value) and Heartbreaker "
           "(never uses the product); both contradict heavy use without setup. Usually the "
           "checklist misses what this account values: review it rather than forecast it."),
      rule(L::low, L::medium, C::active, S::positive, P::positive_procrastinator,
           "Not named. Between Contrary Converter and low/low/active. Little setup and positive "
           "talk: the Positive Procrastinator."),
      rule(L::low, L::medium, C::active, S::not_positive, P::contrary_converter,
           "Not named. Between Contrary Converter and low/low/active. Keeps using the product "
           "while its talk is not positive: the Contrary Converter ('mostly negative')."),
      rule(L::low, L::medium, C::low, S::any, P::heartbreaker,
           "Not named. Nearest is Heartbreaker (engagement one level higher): not set up and "
           "silent, a few people poking around; the wrong person started the trial."),
      rule(L::low, L::low, C::active, S::positive, P::positive_procrastinator,
           "Named in the articles: low activation, low engagement, actively communicates, "
           "positive."),
      rule(L::low, L::low, C::active, S::not_positive, P::incompatible_ignoramus,
           "Named in the articles: low activation, low engagement, actively communicates, not "
           "positive."),
      rule(L::low, L::low, C::low, S::any, P::heartbreaker,
           "Named in the articles: low activation, low engagement, little or no communication "
           "(typically a large, well-known logo)."),
  };
  std::stable_sort(table.begin(), table.end(), canonical_persona_order);
  return table;
}

PersonaModel::PersonaModel() : table(default_persona_table()) {}

Model default_model() { return Model{}; }

Level level_of(double percent, const LevelThresholds& thresholds) {
  if (percent >= thresholds.high) return Level::high;
  if (percent < thresholds.low) return Level::low;
  return Level::medium;
}

NetSentiment sentiment_of(double net_sentiment, const SentimentThresholds& thresholds) {
  if (net_sentiment > thresholds.positive_above) return NetSentiment::positive;
  if (net_sentiment < thresholds.negative_below) return NetSentiment::negative;
  return NetSentiment::neutral;
}

bool sentiment_matches(SentimentMatch match, NetSentiment sentiment) {
  switch (match) {
    case SentimentMatch::any: return true;
    case SentimentMatch::positive: return sentiment == NetSentiment::positive;
    case SentimentMatch::neutral: return sentiment == NetSentiment::neutral;
    case SentimentMatch::negative: return sentiment == NetSentiment::negative;
    case SentimentMatch::not_positive: return sentiment != NetSentiment::positive;
    case SentimentMatch::not_negative: return sentiment != NetSentiment::negative;
  }
  return false;
}

const PersonaRule* find_persona_rule(const PersonaModel& model, Level activation, Level engagement,
                                     CommunicationLevel communication, NetSentiment sentiment) {
  for (const PersonaRule& row : model.table) {
    if (row.activation == activation && row.engagement == engagement &&
        row.communication == communication && sentiment_matches(row.sentiment, sentiment)) {
      return &row;
    }
  }
  return nullptr;
}

Persona classify_persona(const PersonaModel& model, Level activation, Level engagement,
                         CommunicationLevel communication, NetSentiment sentiment) {
  const PersonaRule* row = find_persona_rule(model, activation, engagement, communication, sentiment);
  return row ? row->persona : Persona::unclassified;
}

bool canonical_persona_order(const PersonaRule& a, const PersonaRule& b) {
  // Higher levels first; sentiment in the order a reader scans a split cell.
  static constexpr std::array<int, 6> kSentimentRank{
      /*any*/ 0, /*positive*/ 1, /*neutral*/ 3, /*negative*/ 5, /*not_positive*/ 4,
      /*not_negative*/ 2};
  auto key = [](const PersonaRule& r) {
    return std::array<int, 4>{-static_cast<int>(r.activation), -static_cast<int>(r.engagement),
                              -static_cast<int>(r.communication),
                              kSentimentRank[static_cast<std::size_t>(r.sentiment)]};
  };
  return key(a) < key(b);
}

DealSize deal_size_of_employees(int64_t employees, const DealSizeModel& model) {
  if (employees >= model.large_min_employees) return DealSize::large;
  if (employees >= model.mid_min_employees) return DealSize::mid;
  return DealSize::small;
}

int effective_new_trial_days(const TrialSegments& trial) {
  if (trial.new_trial_days) return *trial.new_trial_days;
  return std::max(1, (trial.trial_length_days + 1) / 3);
}

int importance_of(const EngagementModel& engagement, std::string_view event) {
  auto it = engagement.importance.find(event);
  return it != engagement.importance.end() ? it->second : engagement.default_importance;
}

bool counts_as_active(const Model& model, std::string_view event) {
  if (model.activity.active_events) {
    const auto& list = *model.activity.active_events;
    return std::find(list.begin(), list.end(), event) != list.end();
  }
  return importance_of(model.engagement, event) > 0;
}

}  // namespace pqlscope
