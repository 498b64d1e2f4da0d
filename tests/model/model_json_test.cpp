// Reading and writing the model JSON: round trips, every validation rule with its path,
// unknown and duplicate keys, invalid JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/model_test_util.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/model/model_json.hpp"

using namespace pqlscope;
using pqlscope::test::full_model;
using pqlscope::test::has_issue;

namespace {

std::string describe(const ModelValidation& v) { return v.to_string(); }

// Found by fuzz/model_fuzz: a number too large for a double made the parser throw
// out_of_range.406 past try_parse_model, which must never throw.
TEST(ModelJson, NumberOverflowIsAReportedErrorNotAnException) {
  ModelParseResult result;
  EXPECT_NO_THROW(result = try_parse_model(R"({"engagement": {"window_days": 1e999999}})"));
  ASSERT_FALSE(result.validation.ok());
  EXPECT_NE(result.validation.errors[0].message.find("number overflow"), std::string::npos)
      << result.validation.to_string();
}

}  // namespace

// --- Round trips ------------------------------------------------------------------------------

TEST(ModelJson, DefaultRoundTrip) {
  const Model m = default_model();
  EXPECT_EQ(model_from_json(model_to_json(m)), m);
  EXPECT_EQ(parse_model(model_to_json(m).dump()), m);
  EXPECT_EQ(parse_model(format_model(m)), m);
}

TEST(ModelJson, FullModelRoundTrip) {
  const Model m = full_model();
  ASSERT_TRUE(validate_model(m).ok()) << describe(validate_model(m));
  EXPECT_NE(m, default_model());
  const nlohmann::json j = model_to_json(m);
  const Model back = model_from_json(j);
  EXPECT_EQ(back, m);
  EXPECT_EQ(model_to_json(back), j);  // JSON -> model -> JSON is exact too
  EXPECT_EQ(parse_model(j.dump()), m);
  EXPECT_EQ(parse_model(j.dump(2)), m);
  EXPECT_EQ(parse_model(format_model(m)), m);
  // Values that are not round numbers survive exactly.
  EXPECT_EQ(back.engagement.normalization.percentile, 87.5);
  EXPECT_EQ(back.personas.probabilities[3], 0.33);
  EXPECT_EQ(back.deal_size.default_deal_value.large, 120000.5);
}

TEST(ModelJson, OutputIsDeterministicAndComplete) {
  const Model m = full_model();
  EXPECT_EQ(model_to_json(m).dump(), model_to_json(full_model()).dump());
  EXPECT_EQ(format_model(m), format_model(full_model()));
  const nlohmann::json j = model_to_json(default_model());
  // Optional fields are written as null, empty lists as [], so a reader sees every field.
  EXPECT_TRUE(j["as_of"].is_null());
  EXPECT_TRUE(j["activity"]["active_events"].is_null());
  EXPECT_TRUE(j["engagement"]["importance"].is_object());
  EXPECT_TRUE(j["activation"]["steps"].is_array());
  EXPECT_EQ(j["pqlscope_model"], 1);
  // Round numbers are written as integers.
  EXPECT_EQ(j["deal_size"]["pql_activation"].dump(), R"({"large":25,"mid":60,"small":80})");
  EXPECT_EQ(j["personas"]["probabilities"]["golden_lead"].dump(), "0.9");
}

TEST(ModelJson, FormatModelUsesTheDocumentedKeyOrder) {
  const std::string text = format_model(default_model());
  const std::vector<std::string> order{"\"pqlscope_model\"", "\"name\"", "\"version\"", "\"as_of\"",
                                       "\"activation\"", "\"engagement\"", "\"adoption\"", "\"activity\"",
                                       "\"communication\"", "\"deal_size\"", "\"segments\"", "\"personas\"",
                                       "\"rollup\""};
  std::size_t previous = 0;
  for (const std::string& key : order) {
    const std::size_t at = text.find("\n  " + key);
    ASSERT_NE(at, std::string::npos) << key;
    EXPECT_GT(at, previous) << key;
    previous = at;
  }
  EXPECT_EQ(text.back(), '\n');
  for (std::size_t start = 0, end; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    // Persona reasons are long strings; everything else fits in 100 columns.
    if (line.find("\"reason\"") == std::string::npos) {
      EXPECT_LE(line.size(), 100u) << line;
    }
  }
}

TEST(ModelJson, DraftStyleShorthands) {
  // A lone event name is a one-element list; integral floats are integers; labels default to ids.
  const Model m = parse_model(R"({"activation": {"steps": [{"id": "p", "events": "project_created", "min_count": 2.0}]}})");
  ASSERT_EQ(m.activation.steps.size(), 1u);
  EXPECT_EQ(m.activation.steps[0].events, std::vector<std::string>{"project_created"});
  EXPECT_EQ(m.activation.steps[0].min_count, 2);
  EXPECT_EQ(m.activation.steps[0].label, "p");
  EXPECT_EQ(m.activation.steps[0].level, StepLevel::account);
}

TEST(ModelJson, ThrowingReadersCarryEveryError) {
  try {
    parse_model(R"({"engagement": {"window_days": 0, "history_windows": 99}})");
    FAIL() << "expected ModelError";
  } catch (const ModelError& e) {
    EXPECT_EQ(e.validation().errors.size(), 2u);
    const std::string what = e.what();
    EXPECT_NE(what.find("invalid model (2 errors)"), std::string::npos) << what;
    EXPECT_NE(what.find("/engagement/window_days: expected an integer between 1 and 3650, got 0"), std::string::npos) << what;
    EXPECT_NE(what.find("/engagement/history_windows: expected an integer between 1 and 52, got 99"), std::string::npos) << what;
  }
  EXPECT_THROW(model_from_json(nlohmann::json::array()), ModelError);
}

// --- Validation: each rule, with its path ----------------------------------------------------

struct ErrorCase {
  const char* json;
  const char* path;
  const char* message;  // a substring of the message
};

// Test names carry the JSON path, not the struct's bytes (which hold pointers and would change
// from run to run, breaking CTest's discovered test names).
void PrintTo(const ErrorCase& c, std::ostream* os) { *os << (c.path[0] ? c.path : "(document)"); }

class ModelValidationErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ModelValidationErrors, ReportsPathAndExpectation) {
  const ErrorCase& c = GetParam();
  const ModelParseResult result = try_parse_model(c.json);
  EXPECT_FALSE(result.validation.ok()) << c.json;
  EXPECT_TRUE(has_issue(result.validation.errors, c.path, c.message))
      << "wanted " << c.path << ": " << c.message << "\ngot:\n" << describe(result.validation);
}

constexpr const char* kThreeSteps =
    R"({"activation": {"steps": [{"id": "a", "events": ["x"]}, {"id": "b", "events": ["y"]},
        {"id": "c", "events": ["z"], "min_count": -3}]}})";

INSTANTIATE_TEST_SUITE_P(
    Model, ModelValidationErrors,
    ::testing::Values(
        // document
        ErrorCase{"[]", "", "expected a JSON object (the model), got an empty array"},
        ErrorCase{R"({"pqlscope_model": 2})", "/pqlscope_model", "expected 1 (the only model format version this build reads), got 2"},
        ErrorCase{R"({"pqlscope_model": "1"})", "/pqlscope_model", "got \"1\""},
        ErrorCase{R"({"name": 3})", "/name", "expected a string, got 3"},
        ErrorCase{R"({"version": 2})", "/version", "expected a string, got 2"},
        ErrorCase{R"({"as_of": "2024-02-30"})", "/as_of", "expected a date \"YYYY-MM-DD\""},
        ErrorCase{R"({"as_of": 20240301})", "/as_of", "got 20240301"},
        // activation
        ErrorCase{kThreeSteps, "/activation/steps/2/min_count", "expected an integer >= 1, got -3"},
        ErrorCase{R"({"activation": 3})", "/activation", "expected an object, got 3"},
        ErrorCase{R"({"activation": {"steps": {}}})", "/activation/steps", "expected an array of steps, got an empty object"},
        ErrorCase{R"({"activation": {"steps": [7]}})", "/activation/steps/0", "expected an object, got 7"},
        ErrorCase{R"({"activation": {"steps": [{"events": ["x"]}]}})", "/activation/steps/0", "missing required key \"id\""},
        ErrorCase{R"({"activation": {"steps": [{"id": "a"}]}})", "/activation/steps/0", "missing required key \"events\""},
        ErrorCase{R"({"activation": {"steps": [{"id": "", "events": ["x"]}]}})", "/activation/steps/0/id", "expected a non-empty string, got \"\""},
        ErrorCase{R"({"activation": {"steps": [{"id": "a", "events": []}]}})", "/activation/steps/0/events", "expected a non-empty array of event names, got an empty array"},
        ErrorCase{R"({"activation": {"steps": [{"id": "a", "events": ["x", 3]}]}})", "/activation/steps/0/events/1", "expected a non-empty string, got 3"},
        ErrorCase{R"({"activation": {"steps": [{"id": "a", "events": ["x"], "level": "team"}]}})", "/activation/steps/0/level", "expected one of \"account\", \"user\", got \"team\""},
        ErrorCase{R"({"activation": {"steps": [{"id": "a", "events": ["x"], "min_count": 2.5}]}})", "/activation/steps/0/min_count", "expected an integer >= 1, got 2.5"},
        ErrorCase{R"({"activation": {"steps": [{"id": "a", "events": ["x"], "min_count": 1e12}]}})", "/activation/steps/0/min_count", "(at most 2147483647)"},
        ErrorCase{R"({"activation": {"steps": [{"id": "a", "events": ["x"], "min_users": 0}]}})", "/activation/steps/0/min_users", "expected an integer >= 1, got 0"},
        ErrorCase{R"({"activation": {"steps": [{"id": "a", "events": ["x"], "window_days": 0}]}})", "/activation/steps/0/window_days", "expected an integer between 1 and 3650 or null, got 0"},
        ErrorCase{R"({"activation": {"steps": [{"id": "a", "events": ["x"]}, {"id": "a", "events": ["y"]}]}})", "/activation/steps/1/id", "duplicate step id \"a\" (already used at /activation/steps/0/id)"},
        // engagement
        ErrorCase{R"({"engagement": {"importance": {"report_created": 11}}})", "/engagement/importance/report_created", "expected an integer between 0 and 10, got 11"},
        ErrorCase{R"({"engagement": {"importance": {"a/b": -1}}})", "/engagement/importance/a~1b", "expected an integer between 0 and 10, got -1"},
        ErrorCase{R"({"engagement": {"importance": {"x": "high"}}})", "/engagement/importance/x", "got \"high\""},
        ErrorCase{R"({"engagement": {"importance": {"": 3}}})", "/engagement/importance/", "must not be empty"},
        ErrorCase{R"({"engagement": {"importance": [1]}})", "/engagement/importance", "expected an object mapping event names to importance 0..10, got an array"},
        ErrorCase{R"({"engagement": {"default_importance": 11}})", "/engagement/default_importance", "expected an integer between 0 and 10, got 11"},
        ErrorCase{R"({"engagement": {"window_days": 0}})", "/engagement/window_days", "expected an integer between 1 and 3650, got 0"},
        ErrorCase{R"({"engagement": {"history_windows": 0}})", "/engagement/history_windows", "expected an integer between 1 and 52, got 0"},
        ErrorCase{R"({"engagement": {"history_windows": 53}})", "/engagement/history_windows", "expected an integer between 1 and 52, got 53"},
        ErrorCase{R"({"engagement": {"normalization": "p90"}})", "/engagement/normalization", "expected an object, got \"p90\""},
        ErrorCase{R"({"engagement": {"normalization": {"method": "p95"}}})", "/engagement/normalization/method", "expected one of \"p90\", \"percentile_rank\", \"min_max\", \"recency_decay\", got \"p95\""},
        ErrorCase{R"({"engagement": {"normalization": {"percentile": 0}}})", "/engagement/normalization/percentile", "expected a number greater than 0 and at most 100, got 0"},
        ErrorCase{R"({"engagement": {"normalization": {"percentile": 101}}})", "/engagement/normalization/percentile", "got 101"},
        ErrorCase{R"({"engagement": {"normalization": {"lifespan_days": 0}}})", "/engagement/normalization/lifespan_days", "expected an integer between 1 and 3650, got 0"},
        // adoption
        ErrorCase{R"({"adoption": {"window_days": -1}})", "/adoption/window_days", "expected an integer between 1 and 3650, got -1"},
        ErrorCase{R"({"adoption": {"key_features": {}}})", "/adoption/key_features", "expected an array of features"},
        ErrorCase{R"({"adoption": {"key_features": [{"id": "f"}]}})", "/adoption/key_features/0", "missing required key \"events\""},
        ErrorCase{R"({"adoption": {"key_features": [{"id": "f", "events": ["a"]}, {"id": "f", "events": ["b"]}]}})", "/adoption/key_features/1/id", "duplicate feature id \"f\" (already used at /adoption/key_features/0/id)"},
        // activity
        ErrorCase{R"({"activity": {"active_events": "login"}})", "/activity/active_events", "expected an array of event names, or null (every event with importance > 0), got \"login\""},
        ErrorCase{R"({"activity": {"active_events": [""]}})", "/activity/active_events/0", "expected a non-empty string"},
        // communication
        ErrorCase{R"({"communication": {"active_min_count": 0}})", "/communication/active_min_count", "expected an integer >= 1, got 0"},
        ErrorCase{R"({"communication": {"window_days": "trial"}})", "/communication/window_days", "or null, got \"trial\""},
        ErrorCase{R"({"communication": {"event_names": [null]}})", "/communication/event_names/0", "expected a non-empty string, got null"},
        // deal size
        ErrorCase{R"({"deal_size": {"source": "crm"}})", "/deal_size/source", "expected one of \"auto\", \"employees\", \"column\", got \"crm\""},
        ErrorCase{R"({"deal_size": {"mid_min_employees": 0}})", "/deal_size/mid_min_employees", "expected an integer >= 1, got 0"},
        ErrorCase{R"({"deal_size": {"large_min_employees": 50}})", "/deal_size/large_min_employees", "expected an integer greater than mid_min_employees (50), got 50"},
        ErrorCase{R"({"deal_size": {"mid_min_employees": 2000}})", "/deal_size/mid_min_employees", "expected an integer below large_min_employees (1000), got 2000"},
        ErrorCase{R"({"deal_size": {"unknown_size": "medium"}})", "/deal_size/unknown_size", "expected one of \"small\", \"mid\", \"large\", got \"medium\""},
        ErrorCase{R"({"deal_size": {"pql_activation": {"small": 120}}})", "/deal_size/pql_activation/small", "expected a number between 0 and 100, got 120"},
        ErrorCase{R"({"deal_size": {"pql_activation": {"mid": "60%"}}})", "/deal_size/pql_activation/mid", "got \"60%\""},
        ErrorCase{R"({"deal_size": {"filters": {"regions": "NA"}}})", "/deal_size/filters/regions", "expected an array of region names, got \"NA\""},
        ErrorCase{R"({"deal_size": {"filters": {"min_employees": 500, "max_employees": 100}}})", "/deal_size/filters/max_employees", "expected an integer >= min_employees (500) or null, got 100"},
        ErrorCase{R"({"deal_size": {"filters": {"min_employees": -1}}})", "/deal_size/filters/min_employees", "expected an integer >= 0 or null, got -1"},
        ErrorCase{R"({"deal_size": {"default_deal_value": {"small": -5}}})", "/deal_size/default_deal_value/small", "expected a number >= 0, got -5"},
        // segments
        ErrorCase{R"({"segments": {"trial": {"trial_length_days": 0}}})", "/segments/trial/trial_length_days", "expected an integer between 1 and 3650, got 0"},
        ErrorCase{R"({"segments": {"trial": {"new_trial_days": 0}}})", "/segments/trial/new_trial_days", "expected an integer between 1 and 3650 or null, got 0"},
        ErrorCase{R"({"segments": {"trial": {"soon_to_expire_days": 0}}})", "/segments/trial/soon_to_expire_days", "got 0"},
        ErrorCase{R"({"segments": {"trial": {"red_hot_points": -1}}})", "/segments/trial/red_hot_points", "expected a number between 0 and 100, got -1"},
        ErrorCase{R"({"segments": {"trial": {"not_converted_buckets_days": []}}})", "/segments/trial/not_converted_buckets_days", "expected a non-empty array of increasing day counts, got an empty array"},
        ErrorCase{R"({"segments": {"trial": {"not_converted_buckets_days": [30, 20]}}})", "/segments/trial/not_converted_buckets_days/1", "expected an integer greater than the previous bucket (30), got 20"},
        ErrorCase{R"({"segments": {"trial": {"not_converted_buckets_days": [0]}}})", "/segments/trial/not_converted_buckets_days/0", "expected an integer between 1 and 3650, got 0"},
        ErrorCase{R"({"segments": {"product_led": {"top_accounts": 0}}})", "/segments/product_led/top_accounts", "expected an integer between 1 and 1000000, got 0"},
        ErrorCase{R"({"segments": {"product_led": {"fit": {"min_employees": 10, "max_employees": 5}}}})", "/segments/product_led/fit/max_employees", "expected an integer >= min_employees (10)"},
        ErrorCase{R"({"segments": {"product_led": {"fit": {"industries": [1]}}}})", "/segments/product_led/fit/industries/0", "expected a non-empty string, got 1"},
        ErrorCase{R"({"segments": {"product_led": {"ready_min_adoption": 150}}})", "/segments/product_led/ready_min_adoption", "expected a number between 0 and 100, got 150"},
        ErrorCase{R"({"segments": {"product_led": {"enterprise_features": [{"id": "sso", "events": []}]}}})", "/segments/product_led/enterprise_features/0/events", "expected a non-empty array of event names"},
        ErrorCase{R"({"segments": {"product_led": {"dead_zone_max_employees": -1}}})", "/segments/product_led/dead_zone_max_employees", "expected an integer >= 0, got -1"},
        ErrorCase{R"({"segments": {"customer_success": {"onboarding_days": 0}}})", "/segments/customer_success/onboarding_days", "got 0"},
        ErrorCase{R"({"segments": {"customer_success": {"at_risk_drop_points": 101}}})", "/segments/customer_success/at_risk_drop_points", "expected a number between 0 and 100, got 101"},
        // personas
        ErrorCase{R"({"personas": {"activation_levels": {"high": 70, "low": 80}}})", "/personas/activation_levels/low", "expected a number below high (70), got 80"},
        ErrorCase{R"({"personas": {"engagement_levels": {"high": 30}}})", "/personas/engagement_levels/high", "expected a number above low (40), got 30"},
        ErrorCase{R"({"personas": {"engagement_levels": {"low": 40, "high": 40}}})", "/personas/engagement_levels/low", "expected a number below high (40), got 40"},
        ErrorCase{R"({"personas": {"activation_levels": {"high": 170}}})", "/personas/activation_levels/high", "expected a number between 0 and 100, got 170"},
        ErrorCase{R"({"personas": {"sentiment": {"positive_above": 0.2, "negative_below": 0.5}}})", "/personas/sentiment/negative_below", "expected a number <= positive_above (0.2), got 0.5"},
        ErrorCase{R"({"personas": {"sentiment": {"positive_above": -0.5}}})", "/personas/sentiment/positive_above", "expected a number >= negative_below (0), got -0.5"},
        ErrorCase{R"({"personas": {"sentiment": {"positive_above": 2}}})", "/personas/sentiment/positive_above", "expected a number between -1 and 1, got 2"},
        ErrorCase{R"({"personas": {"probabilities": {"golden_lead": 1.5}}})", "/personas/probabilities/golden_lead", "expected a number between 0 and 1, got 1.5"},
        ErrorCase{R"({"personas": {"probabilities": {"heartbreaker": -0.1}}})", "/personas/probabilities/heartbreaker", "got -0.1"},
        ErrorCase{R"({"personas": {"probabilities": {"gold_lead": 0.9}}})", "/personas/probabilities/gold_lead", "unknown key (did you mean \"golden_lead\"?)"},
        ErrorCase{R"({"personas": {"table": {}}})", "/personas/table", "expected an array of rows"},
        ErrorCase{R"({"personas": {"table": [{"activation": "high", "engagement": "high", "communication": "active", "persona": "winner"}]}})", "/personas/table/0/persona", "expected one of \"golden_lead\", \"silent_success\""},
        ErrorCase{R"({"personas": {"table": [{"activation": "High", "engagement": "high", "communication": "active", "persona": "golden_lead"}]}})", "/personas/table/0/activation", "expected one of \"low\", \"medium\", \"high\", got \"High\""},
        ErrorCase{R"({"personas": {"table": [{"engagement": "high", "communication": "active", "persona": "golden_lead"}]}})", "/personas/table/0", "missing required key \"activation\""},
        ErrorCase{R"({"personas": {"table": [{"activation": "high", "engagement": "high", "communication": "loud", "persona": "golden_lead"}]}})", "/personas/table/0/communication", "expected one of \"low\", \"active\", got \"loud\""},
        ErrorCase{R"({"personas": {"table": [{"activation": "high", "engagement": "high", "communication": "low", "sentiment": "happy", "persona": "silent_success"}]}})", "/personas/table/0/sentiment", "got \"happy\""},
        ErrorCase{R"({"personas": {"table": [
            {"activation": "high", "engagement": "high", "communication": "active", "persona": "golden_lead"},
            {"activation": "high", "engagement": "high", "communication": "active", "sentiment": "negative", "persona": "contrary_converter"}]}})",
                  "/personas/table/1", "overlaps /personas/table/0: both apply to activation high, engagement high, communication active with negative sentiment"},
        ErrorCase{R"({"personas": {"table": [
            {"activation": "low", "engagement": "low", "communication": "active", "sentiment": "positive", "persona": "positive_procrastinator"},
            {"activation": "low", "engagement": "low", "communication": "active", "sentiment": "negative", "persona": "incompatible_ignoramus"}]}})",
                  "/personas/table", "no row for activation low, engagement low, communication active with neutral sentiment"},
        // rollup
        ErrorCase{R"({"rollup": {"enabled": "yes"}})", "/rollup/enabled", "expected true or false, got \"yes\""},
        ErrorCase{R"({"rollup": {"key": ""}})", "/rollup/key", "expected a non-empty string, got \"\""}));

TEST(ModelValidationAll, EveryProblemIsCollected) {
  const ModelParseResult result = try_parse_model(R"({
    "engagement": {"window_days": 0, "importance": {"a": 11, "b": 12}, "tyop": 1},
    "activation": {"steps": [{"id": "a", "events": []}, {"id": "a", "events": ["x"], "min_count": 0}]},
    "personas": {"probabilities": {"golden_lead": 2}},
    "rollup": {"key": 5}
  })");
  EXPECT_EQ(result.validation.errors.size(), 9u) << describe(result.validation);
  const auto& e = result.validation.errors;
  EXPECT_TRUE(has_issue(e, "/engagement/window_days", "got 0"));
  EXPECT_TRUE(has_issue(e, "/engagement/importance/a", "got 11"));
  EXPECT_TRUE(has_issue(e, "/engagement/importance/b", "got 12"));
  EXPECT_TRUE(has_issue(e, "/engagement/tyop", "unknown key"));
  EXPECT_TRUE(has_issue(e, "/activation/steps/0/events", "non-empty array"));
  EXPECT_TRUE(has_issue(e, "/activation/steps/1/id", "duplicate step id"));
  EXPECT_TRUE(has_issue(e, "/activation/steps/1/min_count", "got 0"));
  EXPECT_TRUE(has_issue(e, "/personas/probabilities/golden_lead", "got 2"));
  EXPECT_TRUE(has_issue(e, "/rollup/key", "got 5"));
}

TEST(ModelValidationAll, IssueTextNamesThePath) {
  const ModelParseResult result = try_parse_model(kThreeSteps);
  ASSERT_EQ(result.validation.errors.size(), 1u);
  EXPECT_EQ(result.validation.errors[0].to_string(),
            "/activation/steps/2/min_count: expected an integer >= 1, got -3");
  EXPECT_EQ(result.validation.to_string(),
            "error: /activation/steps/2/min_count: expected an integer >= 1, got -3\n");
  const ModelParseResult root = try_parse_model("3");
  ASSERT_EQ(root.validation.errors.size(), 1u);
  EXPECT_EQ(root.validation.errors[0].to_string(), "(root): expected a JSON object (the model), got 3");
}

TEST(ModelValidationAll, LongStringsAreShortenedInMessages) {
  const std::string name(200, 'x');
  const ModelParseResult result = try_parse_model(R"({"deal_size": {"source": ")" + name + R"("}})");
  ASSERT_EQ(result.validation.errors.size(), 1u);
  EXPECT_LT(result.validation.errors[0].message.size(), 160u);
  EXPECT_NE(result.validation.errors[0].message.find("...\""), std::string::npos);
}

TEST(ModelValidationAll, Warnings) {
  const ModelParseResult result = try_parse_model(R"({
    "activation": {"steps": [{"id": "u", "level": "user", "events": ["x", "x"], "min_users": 3}]},
    "engagement": {"history_windows": 1},
    "activity": {"active_events": []},
    "deal_size": {"pql_activation": {"small": 20, "large": 90}},
    "segments": {"trial": {"new_trial_days": 20, "soon_to_expire_days": 30}}
  })");
  EXPECT_TRUE(result.validation.ok()) << describe(result.validation);
  const auto& w = result.validation.warnings;
  EXPECT_EQ(w.size(), 7u) << describe(result.validation);
  EXPECT_TRUE(has_issue(w, "/activation/steps/0/min_users", "no effect on a user-level step"));
  EXPECT_TRUE(has_issue(w, "/activation/steps/0/events/1", "\"x\" is listed twice"));
  EXPECT_TRUE(has_issue(w, "/engagement/history_windows", "no trend"));
  EXPECT_TRUE(has_issue(w, "/activity/active_events", "no event counts as active"));
  EXPECT_TRUE(has_issue(w, "/deal_size/pql_activation", "usually small >= mid >= large"));
  EXPECT_TRUE(has_issue(w, "/segments/trial/new_trial_days", "longer than the trial"));
  EXPECT_TRUE(has_issue(w, "/segments/trial/soon_to_expire_days", "longer than the trial"));
  EXPECT_EQ(result.model.activation.steps[0].events, std::vector<std::string>{"x"});
}

// --- Unknown and duplicate keys ------------------------------------------------------------

TEST(ModelUnknownKeys, AreErrorsWithASuggestion) {
  const ModelParseResult result = try_parse_model(
      R"({"activation": {"steps": [{"id": "a", "events": ["x"], "min_cout": 2}]}, "engagment": {}, "zzz": 1})");
  const auto& e = result.validation.errors;
  EXPECT_EQ(e.size(), 3u) << describe(result.validation);
  EXPECT_TRUE(has_issue(e, "/activation/steps/0/min_cout", "unknown key (did you mean \"min_count\"?)"));
  EXPECT_TRUE(has_issue(e, "/engagment", "unknown key (did you mean \"engagement\"?)"));
  EXPECT_TRUE(has_issue(e, "/zzz", "unknown key; expected one of \"pqlscope_model\", \"name\""));
}

TEST(ModelUnknownKeys, EverySectionChecksItsKeys) {
  const char* documents[][2] = {
      {R"({"engagement": {"normalization": {"lifespan": 3}}})", "/engagement/normalization/lifespan"},
      {R"({"adoption": {"key_features": [{"id": "f", "events": ["e"], "weight": 2}]}})", "/adoption/key_features/0/weight"},
      {R"({"activity": {"inactive_events": []}})", "/activity/inactive_events"},
      {R"({"communication": {"min_count": 2}})", "/communication/min_count"},
      {R"({"deal_size": {"filters": {"region": ["NA"]}}})", "/deal_size/filters/region"},
      {R"({"deal_size": {"pql_activation": {"medium": 60}}})", "/deal_size/pql_activation/medium"},
      {R"({"segments": {"trial_length_days": 14}})", "/segments/trial_length_days"},
      {R"({"segments": {"product_led": {"fit": {"countries": []}}}})", "/segments/product_led/fit/countries"},
      {R"({"segments": {"customer_success": {"churn_points": 1}}})", "/segments/customer_success/churn_points"},
      {R"({"personas": {"activation_levels": {"mid": 50}}})", "/personas/activation_levels/mid"},
      {R"({"personas": {"sentiment": {"positive": 0.1}}})", "/personas/sentiment/positive"},
      {R"({"personas": {"table": [{"activation": "high", "engagement": "high", "communication": "active", "persona": "golden_lead", "odds": 1}]}})", "/personas/table/0/odds"},
      {R"({"rollup": {"by": "domain"}})", "/rollup/by"},
  };
  for (const auto& [text, path] : documents) {
    const ModelParseResult result = try_parse_model(text);
    EXPECT_TRUE(has_issue(result.validation.errors, path, "unknown key")) << text << "\n" << describe(result.validation);
  }
}

TEST(ModelUnknownKeys, DraftKeysPointToTheirNewPlace) {
  const ModelParseResult result = try_parse_model(R"({"segments": {"trial_length_days": 21, "red_hot_points": 5}})");
  EXPECT_EQ(result.validation.errors.size(), 2u) << describe(result.validation);
  EXPECT_TRUE(has_issue(result.validation.errors, "/segments/trial_length_days",
                        "unknown key (moved to /segments/trial/trial_length_days)"));
  EXPECT_TRUE(has_issue(result.validation.errors, "/segments/red_hot_points",
                        "unknown key (moved to /segments/trial/red_hot_points)"));
}

TEST(ModelUnknownKeys, CanBeWarnings) {
  ModelParseOptions options;
  options.unknown_keys_are_errors = false;
  const ModelParseResult result = try_parse_model(R"({"engagement": {"window_days": 14, "extra": true}})", options);
  EXPECT_TRUE(result.validation.ok()) << describe(result.validation);
  EXPECT_TRUE(has_issue(result.validation.warnings, "/engagement/extra", "unknown key"));
  EXPECT_EQ(result.model.engagement.window_days, 14);
}

TEST(ModelUnknownKeys, CommentsAndSchemaAreAllowed) {
  const ModelParseResult result = try_parse_model(R"({
    "$schema": "../schema/model.schema.json",
    "_comment": "tuned on Q2 data",
    "engagement": {"_why": "login is not engagement", "importance": {"_not_a_comment": 3}}
  })");
  EXPECT_TRUE(result.validation.ok()) << describe(result.validation);
  EXPECT_TRUE(result.validation.warnings.empty());
  // Inside the importance map keys are event names, so "_not_a_comment" is an event.
  EXPECT_EQ(result.model.engagement.importance.at("_not_a_comment"), 3);
  // "$schema" is only meaningful at the top.
  const ModelParseResult nested = try_parse_model(R"({"rollup": {"$schema": "x"}})");
  EXPECT_TRUE(has_issue(nested.validation.errors, "/rollup/$schema", "unknown key"));
}

TEST(ModelDuplicateKeys, AreErrorsWithTheirPath) {
  const ModelParseResult a = try_parse_model(R"({"engagement": {"importance": {"login": 0, "report": 9, "login": 5}}})");
  EXPECT_TRUE(has_issue(a.validation.errors, "/engagement/importance/login", "duplicate key")) << describe(a.validation);
  const ModelParseResult b = try_parse_model(
      R"({"activation": {"steps": [{"id": "a", "events": ["x"]}, {"id": "b", "events": ["y"], "id": "c"}]}})");
  EXPECT_TRUE(has_issue(b.validation.errors, "/activation/steps/1/id", "duplicate key")) << describe(b.validation);
  const ModelParseResult c = try_parse_model(R"({"name": "a", "segments": {"trial": {}}, "name": "b"})");
  EXPECT_TRUE(has_issue(c.validation.errors, "/name", "duplicate key")) << describe(c.validation);
  EXPECT_EQ(c.validation.errors.size(), 1u);
  // Nested arrays keep their indexes right.
  const ModelParseResult d = try_parse_model(
      R"({"personas": {"table": [{"activation": "high", "engagement": "high", "communication": "active", "persona": "golden_lead"},
                                  {"activation": "high", "engagement": "high", "communication": "low", "persona": "silent_success", "persona": "fizzler"}]}})");
  EXPECT_TRUE(has_issue(d.validation.errors, "/personas/table/1/persona", "duplicate key")) << describe(d.validation);
}

// --- Invalid JSON --------------------------------------------------------------------------

TEST(ModelInvalidJson, ReportsLineAndColumn) {
  const ModelParseResult result = try_parse_model("{\n  \"name\": \"x\",\n  \"as_of\": ,\n}\n");
  ASSERT_EQ(result.validation.errors.size(), 1u);
  const ModelIssue& issue = result.validation.errors[0];
  EXPECT_EQ(issue.line, 3);
  EXPECT_EQ(issue.column, 12);
  EXPECT_EQ(issue.path, "");
  EXPECT_EQ(issue.message.rfind("invalid JSON: ", 0), 0u) << issue.message;
  EXPECT_EQ(issue.to_string().rfind("line 3, column 12: invalid JSON: ", 0), 0u) << issue.to_string();
}

TEST(ModelInvalidJson, TrailingCommaEmptyInputAndGarbage) {
  for (const char* text : {"{\"name\": \"x\",}", "", "   ", "{\"a\": 1} extra", "{'name': 1}", "{\"name\": \"\\x\"}"}) {
    const ModelParseResult result = try_parse_model(text);
    ASSERT_EQ(result.validation.errors.size(), 1u) << text;
    EXPECT_GE(result.validation.errors[0].line, 1) << text;
    EXPECT_GE(result.validation.errors[0].column, 1) << text;
    EXPECT_EQ(result.validation.errors[0].message.rfind("invalid JSON: ", 0), 0u) << text;
  }
  const ModelParseResult multi = try_parse_model("{\n\n\n      x");
  ASSERT_FALSE(multi.validation.ok());
  EXPECT_EQ(multi.validation.errors[0].line, 4);
  EXPECT_EQ(multi.validation.errors[0].column, 7);
  EXPECT_THROW(parse_model("{"), ModelError);
}

// --- validate_model on models built in code ---------------------------------------------------

TEST(ModelValidateStruct, SameRulesAndPaths) {
  Model m;
  m.engagement.history_windows = 0;
  m.activation.steps.push_back(ActivationStep{"a", "A", StepLevel::account, {"x"}, 0, 1, std::nullopt});
  m.personas.probabilities[0] = 1.2;
  m.format_version = 2;
  m.as_of_day = 70000;  // past 2149-06-05
  const ModelValidation v = validate_model(m);
  EXPECT_EQ(v.errors.size(), 5u) << describe(v);
  EXPECT_TRUE(has_issue(v.errors, "/engagement/history_windows", "expected an integer between 1 and 52, got 0"));
  EXPECT_TRUE(has_issue(v.errors, "/activation/steps/0/min_count", "expected an integer >= 1, got 0"));
  EXPECT_TRUE(has_issue(v.errors, "/personas/probabilities/golden_lead", "got 1.2"));
  EXPECT_TRUE(has_issue(v.errors, "/pqlscope_model", "got 2"));
  EXPECT_TRUE(has_issue(v.errors, "/as_of", "expected a date"));
}

TEST(ModelValidateStruct, AnIncompleteTableIsAnError) {
  Model m;
  m.personas.table.erase(m.personas.table.begin());  // high/high/active
  const ModelValidation v = validate_model(m);
  ASSERT_EQ(v.errors.size(), 1u) << describe(v);
  EXPECT_TRUE(has_issue(v.errors, "/personas/table",
                        "no row for activation high, engagement high, communication active"));
  // Reading the same JSON as a user document fills the cell from the defaults instead.
  EXPECT_EQ(model_from_json(model_to_json(m)).personas.table, default_persona_table());
}
