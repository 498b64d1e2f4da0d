// The core session layer every skin drives (the CLI's score, the WebAssembly bindings): model
// choice, scoring, chart columns, the overview with counts and the per-view queries.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/session/json_forms.hpp"
#include "pqlscope/session/model_choice.hpp"
#include "pqlscope/session/session.hpp"
#include "pqlscope/session/vocabulary.hpp"

namespace pqlscope {
namespace {

using ojson = nlohmann::ordered_json;

// Three workspaces over three weeks; no accounts file, so every account is a trial (plan
// unknown, docs/model.md) and gets a persona. Users u1..u3 belong to a1, u4 to a2, u5 to a3.
const char* kEvents =
    "timestamp,account_id,user_id,event\n"
    "2024-03-01T09:00:00Z,a1,u1,login\n2024-03-01T10:00:00Z,a1,u2,report\n2024-03-02T09:00:00Z,a1,u3,login\n"
    "2024-03-08T09:00:00Z,a1,u1,report\n2024-03-09T09:00:00Z,a1,u2,report\n2024-03-15T09:00:00Z,a1,u1,login\n"
    "2024-03-16T09:00:00Z,a1,u3,report\n2024-03-18T09:00:00Z,a1,u1,report\n"
    "2024-03-01T09:00:00Z,a2,u4,login\n2024-03-12T09:00:00Z,a2,u4,login\n"
    "2024-03-03T09:00:00Z,a3,u5,login\n";

const char* kModel = R"({"name": "session-test", "engagement": {"importance": {"login": 1, "report": 3}, "window_days": 7, "history_windows": 2}})";

std::unique_ptr<Session> finished_session() {
  auto session = std::make_unique<Session>(IngestOptions{});
  session->begin_file("events.csv", FileOptions{});
  session->feed(kEvents);
  session->end_file();
  session->finish();
  return session;
}

ojson report_of(Session& session) {
  return ojson::parse(report_to_string(build_report(session.aggregates(), session.model(), session.full_result()), false));
}

TEST(Session, ScoresOnlyAfterFinishAndFinishesOnce) {
  Session session{IngestOptions{}};
  session.begin_file("events.csv", FileOptions{});
  session.feed(kEvents);
  EXPECT_THROW(session.score(kModel, std::nullopt), std::logic_error);
  session.finish();
  EXPECT_THROW(session.finish(), std::logic_error);
  EXPECT_THROW(session.feed("x"), std::logic_error);
  EXPECT_EQ(session.aggregates().accounts.size(), 3u);
}

TEST(ModelChoice, TheGivenModelOrTheStarterWithTheAsOfDayOverriding) {
  const auto session = finished_session();
  EXPECT_FALSE(model_from_text("").has_value());
  const int32_t day = *parse_model_date("2024-03-10");
  const Model given = choose_model(session->aggregates(), model_from_text(kModel), day);
  EXPECT_EQ(given.name, "session-test");
  EXPECT_EQ(given.as_of_day, day);
  EXPECT_FALSE(choose_model(session->aggregates(), model_from_text(kModel), std::nullopt).as_of_day.has_value());
  // No model: what `pqlscope init` writes (suggested_model), as-of still overriding.
  const Model starter = choose_model(session->aggregates(), std::nullopt, day);
  EXPECT_EQ(starter.as_of_day, day);
  Model expected = suggested_model(session->aggregates());
  expected.as_of_day = day;
  EXPECT_EQ(format_model(starter), format_model(expected));
  // The starter knows both event names seen.
  EXPECT_EQ(starter.engagement.importance.size(), 2u);
}

TEST(ModelChoice, AnInvalidModelTextCarriesItsValidation) {
  try {
    model_from_text(R"({"engagement": {"window_days": -3}})");
    FAIL() << "an invalid model was accepted";
  } catch (const InvalidModelError& e) {
    EXPECT_FALSE(e.validation().ok());
    EXPECT_EQ(std::string(e.what()).rfind("the model is not valid:\n", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).back(), '\n');
  }
}

TEST(Session, TheAsOfGivenWithTheScoringWins) {
  const auto session = finished_session();
  session->score(kModel, *parse_model_date("2024-03-10"));
  EXPECT_EQ(report_of(*session)["as_of"], "2024-03-10");
}

TEST(Session, ChartColumnsAreComputedOncePerScoringAndIndexTheVocabulary) {
  const auto session = finished_session();
  session->score(kModel, std::nullopt);
  const ChartColumns& first = session->chart_columns();
  EXPECT_EQ(&first, &session->chart_columns());
  ASSERT_EQ(first.persona_cell.size(), 3u);
  const ojson vocabulary = vocabulary_json();
  const ojson report = report_of(*session);
  for (size_t e = 0; e < 3; ++e) {
    const ojson& account = report["accounts"][e];
    ASSERT_NE(first.persona_cell[e], kNoValue);
    const ojson& cell = vocabulary["persona_cells"][first.persona_cell[e]];
    const ojson& levels = account["persona"]["levels"];
    EXPECT_EQ(cell["activation"], levels["activation"]);
    EXPECT_EQ(cell["engagement"], levels["engagement"]);
    EXPECT_EQ(cell["communication"], levels["communication"]);
    EXPECT_EQ(vocabulary["personas"][first.persona[e]], account["persona"]["persona"]);
    EXPECT_EQ(vocabulary["stages"][first.stage[e]], "trial");
  }
  // A new scoring replaces the columns.
  session->score(kModel, *parse_model_date("2024-03-05"));
  const ChartColumns& again = session->chart_columns();
  EXPECT_EQ(again.engagement.size(), 3u);
}

TEST(Session, OverviewCarriesCountsAndTheGridByCellIndex) {
  const auto session = finished_session();
  session->score(kModel, std::nullopt);
  const ojson overview = session->overview_json();
  const ojson report = report_of(*session);
  EXPECT_FALSE(overview.contains("accounts"));
  EXPECT_FALSE(overview.contains("users"));
  EXPECT_EQ(overview["summary"], report["summary"]);
  EXPECT_EQ(overview["personas"], report["personas"]);
  ASSERT_EQ(overview["segments"].size(), report["segments"].size());
  for (size_t i = 0; i < report["segments"].size(); ++i) {
    const ojson& brief = overview["segments"][i];
    EXPECT_FALSE(brief.contains("members"));
    EXPECT_EQ(brief["count"], report["segments"][i]["members"].size());
    const ojson members = session->segment_members_json(brief["id"].get<std::string>());
    EXPECT_EQ(members.size(), brief["count"].get<size_t>());
    size_t entered = 0;
    for (const ojson& m : members) entered += m["entered"].get<bool>() ? 1 : 0;
    EXPECT_EQ(entered, brief["entered"].get<size_t>());
  }
  EXPECT_EQ(overview["alerts"]["persona_changes"], report["alerts"]["personas"].size());
  // The report lists its grid activation -> engagement -> communication, low first
  // (docs/report.md): the cell index is the position in that list.
  ASSERT_EQ(overview["persona_cells"].size(), 18u);
  for (size_t i = 0; i < 18; ++i) {
    const ojson& cell = overview["persona_cells"][i];
    const ojson& listed = report["personas"]["grid"][i];
    for (const char* key : {"activation", "engagement", "communication", "accounts"}) EXPECT_EQ(cell[key], listed[key]) << i;
  }
  EXPECT_THROW(session->segment_members_json("no_such_segment"), std::out_of_range);
}

// The default persona table (docs/model.md, "The persona table"): low/low/active is Positive
// Procrastinator for positive talk and Incompatible Ignoramus otherwise; low/high/low is left
// unclassified; high/high/active is Golden Lead for any sentiment.
TEST(Session, PersonaCellsGiveTheTablesAnswerPerSentiment) {
  const auto session = finished_session();
  session->score(kModel, std::nullopt);
  const ojson overview = session->overview_json();
  auto personas_of = [&](const char* act, const char* eng, const char* comm) {
    for (const ojson& cell : overview["persona_cells"]) {
      if (cell["activation"] == act && cell["engagement"] == eng && cell["communication"] == comm) return cell["personas"];
    }
    return ojson();
  };
  EXPECT_EQ(personas_of("low", "low", "active"), ojson({"incompatible_ignoramus", "positive_procrastinator"}));
  EXPECT_EQ(personas_of("low", "high", "low"), ojson({"unclassified"}));
  EXPECT_EQ(personas_of("high", "high", "active"), ojson({"golden_lead"}));
}

TEST(Session, AccountQueriesReturnReportElements) {
  const auto session = finished_session();
  session->score(kModel, std::nullopt);
  const ojson report = report_of(*session);
  EXPECT_EQ(session->accounts_json({2, 0}), ojson({report["accounts"][2], report["accounts"][0]}));
  const ojson detail = session->account_detail_json(0);
  EXPECT_EQ(detail["account"], report["accounts"][0]);
  std::set<std::string> users;
  for (const ojson& u : detail["users"]) users.insert(u["id"].get<std::string>());
  EXPECT_EQ(users, (std::set<std::string>{"u1", "u2", "u3"}));
  EXPECT_THROW(session->accounts_json({3}), std::out_of_range);
  EXPECT_EQ(session->account_ids(), (std::vector<std::string>{"a1", "a2", "a3"}));
  EXPECT_EQ(session->account_names(), (std::vector<std::string>{"", "", ""}));
}

// docs/ingest.md lists the codes; the list starts with empty_file, and too_many_event_names
// is the 22nd (codes are only ever appended, so old ones keep their place).
TEST(Vocabulary, ListsTheEnginesNamesInEnumOrder) {
  const ojson v = vocabulary_json();
  EXPECT_EQ(v["error_codes"].size(), kIngestErrorCodeCount);
  EXPECT_EQ(v["error_codes"].front(), "empty_file");
  EXPECT_EQ(v["error_codes"][21], "too_many_event_names");
  EXPECT_EQ(v["epoch_units"], ojson({"s", "ms", "us", "ns"}));  // the --epoch values, docs/ingest.md
  EXPECT_EQ(v["date_orders"], ojson({"mdy", "dmy"}));
  // Why a column fills a role: the names the ingest report and the mapping step use (docs/ingest.md).
  EXPECT_EQ(v["choice_reasons"], ojson({"chosen_by_you", "known_source", "header_name", "values"}));
  EXPECT_EQ(v["personas"], ojson({"golden_lead", "silent_success", "contrary_converter", "positive_procrastinator",
                                  "fizzler", "incompatible_ignoramus", "heartbreaker", "unclassified"}));
  EXPECT_EQ(v["levels"], ojson({"low", "medium", "high"}));
  EXPECT_EQ(v["sentiments"], ojson({"negative", "neutral", "positive"}));
  EXPECT_EQ(v["groups"], ojson({"sales", "product_led", "customer_success"}));
  EXPECT_EQ(v["deal_sizes"], ojson({"small", "mid", "large"}));
  EXPECT_EQ(v["formats"], ojson({"auto", "csv", "tsv", "ndjson", "json"}));
  std::set<std::string> cells;
  for (const ojson& c : v["persona_cells"]) cells.insert(c.dump());
  EXPECT_EQ(cells.size(), 18u);  // every grid position once
}

TEST(Vocabulary, EveryListedOptionKeyIsReadAndNoOther) {
  // A named copy: a range-for over a member of a temporary would read freed memory.
  const ojson vocabulary = vocabulary_json();
  for (const ojson& key : vocabulary["ingest_options"]) {
    const std::string k = key.get<std::string>();
    const bool flag = k == "strict" || k == "drop_identical_rows";
    const std::string text = "{\"" + k + "\": " + (flag ? "true" : "5") + "}";
    EXPECT_NO_THROW(ingest_options_from_json(text)) << text;
  }
  EXPECT_THROW(ingest_options_from_json(R"({"max_issue": 5})"), std::invalid_argument);
  const std::map<std::string, std::string> file_values = {
      {"format", "\"csv\""}, {"mapping", R"({"event": "e"})"}, {"epoch_unit", "\"us\""},
      {"date_order", "\"dmy\""}, {"size", "10"}};
  for (const ojson& key : vocabulary["file_options"]) {
    const std::string k = key.get<std::string>();
    ASSERT_TRUE(file_values.count(k)) << "no test value for the file option " << k;
    EXPECT_NO_THROW(file_options_from_json("{\"" + k + "\": " + file_values.at(k) + "}")) << k;
  }
  EXPECT_THROW(file_options_from_json(R"({"sizes": 10})"), std::invalid_argument);
  for (const ojson& key : vocabulary["score_options"]) {
    const std::string k = key.get<std::string>();
    const std::string value = k == "as_of" ? "\"2024-01-02\"" : k == "max_contributions" ? "3" : k == "history_interval_days" ? "7" : "false";
    EXPECT_NO_THROW(score_options_from_json("{\"" + k + "\": " + value + "}")) << k;
  }
}

}  // namespace
}  // namespace pqlscope
