// The documented defaults (docs/model.md), the persona table and the small shared rules.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "pqlscope/model/model.hpp"
#include "pqlscope/model/model_json.hpp"

using namespace pqlscope;

TEST(ModelDefaults, EveryDocumentedDefault) {
  const Model m = default_model();
  EXPECT_EQ(m, Model{});
  EXPECT_EQ(m.format_version, 1);
  EXPECT_EQ(m.name, "default");
  EXPECT_EQ(m.version, "");
  EXPECT_FALSE(m.as_of_day.has_value());

  EXPECT_TRUE(m.activation.steps.empty());

  EXPECT_TRUE(m.engagement.importance.empty());
  EXPECT_EQ(m.engagement.default_importance, 0);
  EXPECT_EQ(m.engagement.window_days, 7);
  EXPECT_EQ(m.engagement.history_windows, 8);
  EXPECT_EQ(m.engagement.normalization.method, NormalizationMethod::p90);
  EXPECT_EQ(m.engagement.normalization.percentile, 90);
  EXPECT_EQ(m.engagement.normalization.lifespan_days, 30);

  EXPECT_EQ(m.adoption.window_days, 30);
  EXPECT_TRUE(m.adoption.key_features.empty());
  EXPECT_FALSE(m.activity.active_events.has_value());

  EXPECT_EQ(m.communication.active_min_count, 2);
  EXPECT_FALSE(m.communication.window_days.has_value());
  EXPECT_TRUE(m.communication.event_names.empty());

  EXPECT_EQ(m.deal_size.source, DealSizeSource::automatic);
  EXPECT_EQ(m.deal_size.mid_min_employees, 50);
  EXPECT_EQ(m.deal_size.large_min_employees, 1000);
  EXPECT_EQ(m.deal_size.unknown_size, DealSize::small);
  EXPECT_EQ(m.deal_size.pql_activation, (PerDealSize{80, 60, 25}));
  EXPECT_EQ(m.deal_size.filters, FirmographicFilters{});
  EXPECT_EQ(m.deal_size.default_deal_value, (PerDealSize{0, 0, 0}));

  const TrialSegments& t = m.segments.trial;
  EXPECT_EQ(t.trial_length_days, 14);
  EXPECT_FALSE(t.new_trial_days.has_value());
  EXPECT_EQ(t.soon_to_expire_days, 3);
  EXPECT_EQ(t.red_hot_points, 10);
  EXPECT_EQ(t.not_converted_buckets_days, (std::vector<int>{30, 60, 90}));
  const ProductLedSegments& p = m.segments.product_led;
  EXPECT_EQ(p.fit, FitCriteria{});
  EXPECT_EQ(p.top_accounts, 25);
  EXPECT_EQ(p.ready_min_engagement, 70);
  EXPECT_EQ(p.ready_min_adoption, 50);
  EXPECT_EQ(p.low_seat_penetration, 30);
  EXPECT_TRUE(p.enterprise_features.empty());
  EXPECT_EQ(p.low_enterprise_feature_adoption, 50);
  EXPECT_EQ(p.opportunistic_max_engagement, 40);
  EXPECT_EQ(p.dead_zone_max_adoption, 20);
  EXPECT_EQ(p.dead_zone_max_employees, 10);
  const CustomerSuccessSegments& c = m.segments.customer_success;
  EXPECT_EQ(c.onboarding_days, 30);
  EXPECT_EQ(c.at_risk_drop_points, 10);
  EXPECT_EQ(c.expansion_rise_points, 10);
  EXPECT_EQ(c.power_user_min_engagement, 70);
  EXPECT_EQ(c.problem_user_drop_points, 10);

  EXPECT_EQ(m.personas.activation_levels, (LevelThresholds{70, 40}));
  EXPECT_EQ(m.personas.engagement_levels, (LevelThresholds{70, 40}));
  EXPECT_EQ(m.personas.sentiment, (SentimentThresholds{0, 0}));
  EXPECT_EQ(m.personas.table, default_persona_table());
  EXPECT_DOUBLE_EQ(m.personas.probability(Persona::golden_lead), 0.90);
  EXPECT_DOUBLE_EQ(m.personas.probability(Persona::silent_success), 0.75);
  EXPECT_DOUBLE_EQ(m.personas.probability(Persona::contrary_converter), 0.60);
  EXPECT_DOUBLE_EQ(m.personas.probability(Persona::positive_procrastinator), 0.30);
  EXPECT_DOUBLE_EQ(m.personas.probability(Persona::fizzler), 0.10);
  EXPECT_DOUBLE_EQ(m.personas.probability(Persona::incompatible_ignoramus), 0.05);
  EXPECT_DOUBLE_EQ(m.personas.probability(Persona::heartbreaker), 0.05);
  EXPECT_DOUBLE_EQ(m.personas.probability(Persona::unclassified), 0.0);

  EXPECT_TRUE(m.rollup.enabled);
  EXPECT_EQ(m.rollup.key, "domain");
}

TEST(ModelDefaults, EmptyDocumentIsTheDefaultModel) {
  const ModelParseResult result = try_parse_model("{}");
  EXPECT_TRUE(result.validation.ok()) << result.validation.to_string();
  EXPECT_TRUE(result.validation.warnings.empty()) << result.validation.to_string();
  EXPECT_EQ(result.model, default_model());
  EXPECT_EQ(parse_model("  {\n}\n"), default_model());
  EXPECT_TRUE(validate_model(default_model()).ok()) << validate_model(default_model()).to_string();
}

TEST(ModelDefaults, EmptySectionsKeepTheirDefaults) {
  const Model m = parse_model(R"({"activation": {}, "engagement": {}, "adoption": {}, "activity": {},
      "communication": {}, "deal_size": {"filters": {}}, "segments": {"trial": {}, "product_led": {"fit": {}},
      "customer_success": {}}, "personas": {"sentiment": {}, "probabilities": {}}, "rollup": {}})");
  EXPECT_EQ(m, default_model());
}

// --- The persona table ------------------------------------------------------------------------

TEST(ModelPersonaTable, EveryCombinationPresentExactlyOnce) {
  const PersonaModel personas;
  std::set<std::tuple<Level, Level, CommunicationLevel>> cells;
  for (const PersonaRule& row : personas.table) {
    cells.insert({row.activation, row.engagement, row.communication});
    EXPECT_FALSE(row.reason.empty()) << to_string(row.activation) << "/" << to_string(row.engagement);
  }
  EXPECT_EQ(cells.size(), 18u);
  EXPECT_EQ(personas.table.size(), 21u);  // three cells are split by sentiment

  for (Level a : {Level::high, Level::medium, Level::low}) {
    for (Level e : {Level::high, Level::medium, Level::low}) {
      for (CommunicationLevel c : {CommunicationLevel::active, CommunicationLevel::low}) {
        for (NetSentiment s : {NetSentiment::positive, NetSentiment::neutral, NetSentiment::negative}) {
          int matches = 0;
          for (const PersonaRule& row : personas.table) {
            matches += row.activation == a && row.engagement == e && row.communication == c &&
                       sentiment_matches(row.sentiment, s);
          }
          EXPECT_EQ(matches, 1) << to_string(a) << "/" << to_string(e) << "/" << to_string(c)
                                << "/" << to_string(s);
        }
      }
    }
  }
}

TEST(ModelPersonaTable, CompleteAfterDefaultsWhenAUserListsSomeRows) {
  const Model m = parse_model(R"({"personas": {"table": [
      {"activation": "low", "engagement": "low", "communication": "active", "persona": "heartbreaker"},
      {"activation": "low", "engagement": "high", "communication": "low", "sentiment": "positive", "persona": "silent_success"},
      {"activation": "low", "engagement": "high", "communication": "low", "sentiment": "not_positive", "persona": "fizzler"}
  ]}})");
  std::set<std::tuple<Level, Level, CommunicationLevel>> cells;
  for (const PersonaRule& row : m.personas.table) cells.insert({row.activation, row.engagement, row.communication});
  EXPECT_EQ(cells.size(), 18u);
  EXPECT_EQ(m.personas.table.size(), 21u);  // low/low/active: 2 rows -> 1; low/high/low: 1 -> 2
  EXPECT_TRUE(validate_model(m).ok()) << validate_model(m).to_string();
  EXPECT_TRUE(std::is_sorted(m.personas.table.begin(), m.personas.table.end(), canonical_persona_order));
  const auto& p = m.personas;
  EXPECT_EQ(classify_persona(p, Level::low, Level::low, CommunicationLevel::active, NetSentiment::positive),
            Persona::heartbreaker);
  EXPECT_EQ(classify_persona(p, Level::low, Level::high, CommunicationLevel::low, NetSentiment::positive),
            Persona::silent_success);
  EXPECT_EQ(classify_persona(p, Level::low, Level::high, CommunicationLevel::low, NetSentiment::neutral),
            Persona::fizzler);
  // Untouched cells keep their defaults.
  EXPECT_EQ(classify_persona(p, Level::high, Level::high, CommunicationLevel::active, NetSentiment::neutral),
            Persona::golden_lead);
}

TEST(ModelPersonaTable, TheArticlesNamedCells) {
  const PersonaModel p;
  using C = CommunicationLevel;
  using S = NetSentiment;
  for (S s : {S::positive, S::neutral, S::negative}) {
    EXPECT_EQ(classify_persona(p, Level::high, Level::high, C::active, s), Persona::golden_lead);
    EXPECT_EQ(classify_persona(p, Level::high, Level::high, C::low, s), Persona::silent_success);
    EXPECT_EQ(classify_persona(p, Level::medium, Level::medium, C::active, s), Persona::contrary_converter);
    EXPECT_EQ(classify_persona(p, Level::high, Level::low, C::low, s), Persona::fizzler);
    EXPECT_EQ(classify_persona(p, Level::low, Level::low, C::low, s), Persona::heartbreaker);
  }
  EXPECT_EQ(classify_persona(p, Level::low, Level::low, C::active, S::positive), Persona::positive_procrastinator);
  EXPECT_EQ(classify_persona(p, Level::low, Level::low, C::active, S::neutral), Persona::incompatible_ignoramus);
  EXPECT_EQ(classify_persona(p, Level::low, Level::low, C::active, S::negative), Persona::incompatible_ignoramus);
}

TEST(ModelPersonaTable, TheNearestPersonaForUnnamedCells) {
  const PersonaModel p;
  using C = CommunicationLevel;
  using S = NetSentiment;
  const Level H = Level::high, M = Level::medium, L = Level::low;
  EXPECT_EQ(classify_persona(p, H, M, C::active, S::neutral), Persona::contrary_converter);
  EXPECT_EQ(classify_persona(p, H, M, C::low, S::neutral), Persona::fizzler);
  EXPECT_EQ(classify_persona(p, H, L, C::active, S::neutral), Persona::fizzler);
  EXPECT_EQ(classify_persona(p, M, H, C::active, S::neutral), Persona::contrary_converter);
  EXPECT_EQ(classify_persona(p, M, H, C::low, S::neutral), Persona::silent_success);
  EXPECT_EQ(classify_persona(p, M, M, C::low, S::neutral), Persona::contrary_converter);
  EXPECT_EQ(classify_persona(p, M, L, C::active, S::positive), Persona::positive_procrastinator);
  EXPECT_EQ(classify_persona(p, M, L, C::active, S::negative), Persona::incompatible_ignoramus);
  EXPECT_EQ(classify_persona(p, M, L, C::low, S::neutral), Persona::fizzler);
  EXPECT_EQ(classify_persona(p, L, H, C::active, S::neutral), Persona::contrary_converter);
  EXPECT_EQ(classify_persona(p, L, H, C::low, S::neutral), Persona::unclassified);
  EXPECT_EQ(classify_persona(p, L, M, C::active, S::positive), Persona::positive_procrastinator);
  EXPECT_EQ(classify_persona(p, L, M, C::active, S::neutral), Persona::contrary_converter);
  EXPECT_EQ(classify_persona(p, L, M, C::low, S::neutral), Persona::heartbreaker);
}

TEST(ModelPersonaTable, FindRuleGivesTheReasonAndMissingRowsAreUnclassified) {
  PersonaModel p;
  const PersonaRule* row = find_persona_rule(p, Level::low, Level::high, CommunicationLevel::low, NetSentiment::neutral);
  ASSERT_NE(row, nullptr);
  EXPECT_NE(row->reason.find("checklist"), std::string::npos);
  p.table.clear();
  EXPECT_EQ(find_persona_rule(p, Level::high, Level::high, CommunicationLevel::active, NetSentiment::neutral), nullptr);
  EXPECT_EQ(classify_persona(p, Level::high, Level::high, CommunicationLevel::active, NetSentiment::neutral),
            Persona::unclassified);
}

// --- Shared rules ---------------------------------------------------------------------------

TEST(ModelRules, LevelsAtTheirBoundaries) {
  const LevelThresholds t;  // high >= 70, low < 40
  EXPECT_EQ(level_of(100, t), Level::high);
  EXPECT_EQ(level_of(70, t), Level::high);
  EXPECT_EQ(level_of(69.999, t), Level::medium);
  EXPECT_EQ(level_of(40, t), Level::medium);
  EXPECT_EQ(level_of(39.999, t), Level::low);
  EXPECT_EQ(level_of(0, t), Level::low);
}

TEST(ModelRules, SentimentClasses) {
  const SentimentThresholds t;  // > 0 positive, < 0 negative
  EXPECT_EQ(sentiment_of(0.01, t), NetSentiment::positive);
  EXPECT_EQ(sentiment_of(0.0, t), NetSentiment::neutral);
  EXPECT_EQ(sentiment_of(-0.01, t), NetSentiment::negative);
  const SentimentThresholds wide{0.3, -0.3};
  EXPECT_EQ(sentiment_of(0.3, wide), NetSentiment::neutral);
  EXPECT_EQ(sentiment_of(0.31, wide), NetSentiment::positive);
  EXPECT_EQ(sentiment_of(-0.31, wide), NetSentiment::negative);
  EXPECT_TRUE(sentiment_matches(SentimentMatch::not_positive, NetSentiment::neutral));
  EXPECT_FALSE(sentiment_matches(SentimentMatch::not_positive, NetSentiment::positive));
  EXPECT_TRUE(sentiment_matches(SentimentMatch::not_negative, NetSentiment::positive));
  EXPECT_FALSE(sentiment_matches(SentimentMatch::not_negative, NetSentiment::negative));
}

TEST(ModelRules, DealSizeBands) {
  const DealSizeModel d;
  EXPECT_EQ(deal_size_of_employees(0, d), DealSize::small);
  EXPECT_EQ(deal_size_of_employees(49, d), DealSize::small);
  EXPECT_EQ(deal_size_of_employees(50, d), DealSize::mid);
  EXPECT_EQ(deal_size_of_employees(999, d), DealSize::mid);
  EXPECT_EQ(deal_size_of_employees(1000, d), DealSize::large);
  EXPECT_EQ(d.pql_activation[DealSize::small], 80);
  EXPECT_EQ(d.pql_activation[DealSize::mid], 60);
  EXPECT_EQ(d.pql_activation[DealSize::large], 25);
}

TEST(ModelRules, NewTrialDaysDefaultToAThirdOfTheTrial) {
  TrialSegments t;
  EXPECT_EQ(effective_new_trial_days(t), 5);  // 14 / 3 = 4.67
  t.trial_length_days = 30;
  EXPECT_EQ(effective_new_trial_days(t), 10);
  t.trial_length_days = 7;
  EXPECT_EQ(effective_new_trial_days(t), 2);
  t.trial_length_days = 1;
  EXPECT_EQ(effective_new_trial_days(t), 1);
  t.new_trial_days = 4;
  EXPECT_EQ(effective_new_trial_days(t), 4);
}

TEST(ModelRules, ImportanceAndActiveEvents) {
  Model m;
  m.engagement.importance = {{"report_created", 9}, {"login", 0}};
  EXPECT_EQ(importance_of(m.engagement, "report_created"), 9);
  EXPECT_EQ(importance_of(m.engagement, "unlisted"), 0);
  EXPECT_TRUE(counts_as_active(m, "report_created"));
  EXPECT_FALSE(counts_as_active(m, "login"));
  EXPECT_FALSE(counts_as_active(m, "unlisted"));
  m.engagement.default_importance = 1;
  EXPECT_TRUE(counts_as_active(m, "unlisted"));
  m.activity.active_events = std::vector<std::string>{"login"};
  EXPECT_TRUE(counts_as_active(m, "login"));
  EXPECT_FALSE(counts_as_active(m, "report_created"));
}

TEST(ModelRules, NamesRoundTrip) {
  for (std::size_t i = 0; i < kPersonaCount; ++i) {
    const auto persona = static_cast<Persona>(i);
    EXPECT_EQ(persona_from_string(to_string(persona)), persona);
    EXPECT_STRNE(display_name(persona), "?");
  }
  EXPECT_EQ(std::string(to_string(DealSizeSource::automatic)), "auto");
  EXPECT_EQ(deal_size_source_from_string("auto"), DealSizeSource::automatic);
  EXPECT_EQ(normalization_method_from_string("recency_decay"), NormalizationMethod::recency_decay);
  EXPECT_FALSE(level_from_string("High").has_value());  // names are lowercase, exactly
}

TEST(ModelRules, Dates) {
  EXPECT_EQ(parse_model_date("1970-01-01"), 0);
  EXPECT_EQ(parse_model_date("2024-03-05"), 19787);
  EXPECT_EQ(parse_model_date("2024-02-29"), 19782);
  EXPECT_FALSE(parse_model_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_model_date("2024-13-01").has_value());
  EXPECT_FALSE(parse_model_date("1969-12-31").has_value());
  EXPECT_FALSE(parse_model_date("2149-06-06").has_value());
  EXPECT_EQ(parse_model_date("2149-06-05"), 65534);
  EXPECT_FALSE(parse_model_date("2024-3-5").has_value());
  EXPECT_FALSE(parse_model_date("2024-03-05T00:00:00Z").has_value());
  EXPECT_EQ(format_model_date(19787), "2024-03-05");
  EXPECT_EQ(format_model_date(0), "1970-01-01");
}
