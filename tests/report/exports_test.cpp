// The tool-ready exports against each receiving format's documented rules (docs/exports.md):
// HubSpot's import columns and property definitions, Salesforce's custom field names, Slack's
// Block Kit limits and escaping, and the formula-neutralised CSV cells of all of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/exports.hpp"
#include "pqlscope/report/report.hpp"

namespace pqlscope {
namespace {

using Row = std::vector<std::string>;

// An RFC 4180 reader written for the test (quoted cells, doubled quotes, line breaks inside).
std::vector<Row> read_csv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(cell), cell.clear();
    } else if (c == '\n') {
      row.push_back(cell), cell.clear();
      rows.push_back(row), row.clear();
    } else {
      cell += c;
    }
  }
  EXPECT_TRUE(cell.empty() && row.empty()) << "the last line must end with a newline";
  return rows;
}

std::size_t column(const Row& header, const std::string& name) {
  const auto at = std::find(header.begin(), header.end(), name);
  EXPECT_NE(at, header.end()) << name;
  return static_cast<std::size_t>(at - header.begin());
}

struct Scored {
  Aggregates aggregates;
  Model model;
  ScoreResult result;
};

// Three accounts: one named like a formula, one with quotes and a line break, one without a
// domain nor a name; a4 only in the accounts file.
Scored scored() {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n"
              "2024-01-01T10:00:00Z,a1,u1,made\n2024-01-08T10:00:00Z,a2,u2,made\n"
              "2024-01-09T10:00:00Z,a2,u2,made\n2024-01-10T10:00:00Z,a3,=u3,made\n");
  ingest.begin_file("accounts.csv", FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
  ingest.feed("account_id,name,domain,plan\n"
              "a1,\"=cmd|' /C calc'!A0\",+1.example,trial\n"
              "a2,\"Quote \"\"Co\"\", Inc.\nline two\",quote.example,free\n"
              "a3,,,trial\n"
              "a4,Only Listed,listed.example,self_serve\n");
  Scored s{ingest.finish(), parse_model(R"({"activation": {"steps": [{"id": "made", "events": "made"},
                                            {"id": "made_by_user", "events": "made", "level": "user"}]},
      "engagement": {"importance": {"made": 1}, "window_days": 7, "history_windows": 2}})"), {}};
  s.result = score(s.aggregates, s.model);
  return s;
}

// ---------------------------------------------------------------- HubSpot

TEST(HubSpotExport, ImporterColumnsFirstAndAccountsWithoutDomainCounted) {
  const Scored s = scored();
  const ExportText out = hubspot_companies_csv(s.aggregates, s.result);
  const auto rows = read_csv(out.text);
  // HubSpot's companies import maps these headers to its default properties `domain` (the
  // key it deduplicates companies on) and `name`.
  ASSERT_GE(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "Company Domain Name");
  EXPECT_EQ(rows[0][1], "Name");
  EXPECT_EQ(out.rows, 3u);      // a1, a2, a4
  EXPECT_EQ(out.left_out, 1u);  // a3: no domain
  EXPECT_FALSE(out.left_out_reason.empty());
  EXPECT_EQ(rows.size(), 4u);
  for (const Row& r : rows) EXPECT_EQ(r.size(), rows[0].size());
  // Formula cells neutralised (OWASP CSV injection), then quoted per RFC 4180.
  EXPECT_NE(out.text.find("\n'+1.example,'=cmd|' /C calc'!A0,a1,"), std::string::npos) << out.text;
  EXPECT_EQ(rows[2][1], "Quote \"Co\", Inc.\nline two");
}

TEST(HubSpotExport, PropertiesDescribeEveryColumnWithValidNamesTypesAndOptions) {
  const Scored s = scored();
  const auto rows = read_csv(hubspot_companies_csv(s.aggregates, s.result).text);
  const nlohmann::json body = nlohmann::json::parse(hubspot_properties_json(s.result));
  const auto& inputs = body.at("inputs");
  ASSERT_EQ(inputs.size() + 2, rows[0].size());  // every column after domain and name
  // HubSpot: internal names are lower case letters, digits and underscores, starting with a
  // letter; (type, fieldType) pairs from its properties API.
  const std::regex name_rule("[a-z][a-z0-9_]*");
  const std::set<std::pair<std::string, std::string>> pairs = {
      {"string", "text"}, {"number", "number"}, {"date", "date"},
      {"enumeration", "booleancheckbox"}, {"enumeration", "select"}, {"enumeration", "checkbox"}};
  std::set<std::string> names;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& p = inputs[i];
    const std::string name = p.at("name");
    EXPECT_TRUE(std::regex_match(name, name_rule)) << name;
    EXPECT_EQ(name.rfind("pqlscope_", 0), 0u) << name;
    EXPECT_TRUE(names.insert(name).second) << "duplicate " << name;
    EXPECT_EQ(p.at("label"), rows[0][i + 2]) << "the CSV column is headed by the property's label";
    EXPECT_TRUE(pairs.count({p.at("type"), p.at("fieldType")})) << name;
    EXPECT_EQ(p.at("groupName"), "pqlscope");
    if (p.at("type") != "enumeration") continue;
    // Every value a row holds is one of the options (multiple values ';'-separated).
    std::set<std::string> options;
    for (const auto& o : p.at("options")) options.insert(o.at("value").get<std::string>());
    for (std::size_t r = 1; r < rows.size(); ++r) {
      std::string cell = rows[r][i + 2];
      std::size_t at = 0;
      while (!cell.empty() && at <= cell.size()) {
        const std::size_t end = std::min(cell.find(';', at), cell.size());
        EXPECT_TRUE(options.count(cell.substr(at, end - at))) << name << ": " << cell;
        at = end + 1;
      }
    }
  }
  EXPECT_TRUE(names.count("pqlscope_activation"));
  EXPECT_TRUE(names.count("pqlscope_segments"));
}

TEST(HubSpotExport, DatesAreIsoDaysAndFlagsTrueOrFalse) {
  const Scored s = scored();
  const auto rows = read_csv(hubspot_companies_csv(s.aggregates, s.result).text);
  const std::size_t scored_date = column(rows[0], "pqlscope scored date");
  const std::size_t pql = column(rows[0], "pqlscope PQL");
  for (std::size_t r = 1; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r][scored_date], "2024-01-10");  // the last event's day
    EXPECT_TRUE(rows[r][pql] == "true" || rows[r][pql] == "false") << rows[r][pql];
  }
}

// ---------------------------------------------------------------- Salesforce

TEST(SalesforceExport, StandardColumnsThenCustomFieldApiNames) {
  const Scored s = scored();
  const ExportText out = salesforce_accounts_csv(s.aggregates, s.result);
  const auto rows = read_csv(out.text);
  EXPECT_EQ(rows[0][0], "Account Name");  // required by the Data Import Wizard for accounts
  EXPECT_EQ(rows[0][1], "Website");
  EXPECT_EQ(out.rows, 3u);
  EXPECT_EQ(out.left_out, 1u);  // a3 has no name
  // Custom field API names: a letter first, letters / digits / single underscores, no
  // trailing underscore, at most 40 characters before the __c suffix.
  const std::regex api_rule("[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*__c");
  for (std::size_t c = 2; c < rows[0].size(); ++c) {
    EXPECT_TRUE(std::regex_match(rows[0][c], api_rule)) << rows[0][c];
    EXPECT_LE(rows[0][c].size(), 40u + 3u) << rows[0][c];
  }
  EXPECT_NE(out.text.find("\n'=cmd|' /C calc'!A0,'+1.example,a1,"), std::string::npos) << out.text;
}

TEST(SalesforceExport, FieldsFileListsEachColumnOnceWithAnExternalIdKey) {
  const Scored s = scored();
  const auto rows = read_csv(salesforce_accounts_csv(s.aggregates, s.result).text);
  const auto fields = read_csv(salesforce_fields_csv(s.result));
  ASSERT_EQ(fields[0], (Row{"label", "api_name", "type", "length", "precision", "scale", "values",
                            "external_id", "description"}));
  ASSERT_EQ(fields.size() - 1, rows[0].size() - 2);
  const std::set<std::string> types = {"Text", "Number", "Date", "Checkbox", "Picklist", "MultiselectPicklist"};
  std::size_t external = 0;
  for (std::size_t f = 1; f < fields.size(); ++f) {
    EXPECT_EQ(fields[f][1], rows[0][f + 1]);
    EXPECT_TRUE(types.count(fields[f][2])) << fields[f][2];
    if (fields[f][7] == "true") {
      ++external;
      EXPECT_EQ(fields[f][2], "Text");
    }
    if (fields[f][2] == "Picklist") EXPECT_FALSE(fields[f][6].empty()) << fields[f][1];
  }
  EXPECT_EQ(external, 1u);
}

// ---------------------------------------------------------------- Slack

// A digest of many long changes: 60 segments of 30 accounts entering, names that are Slack
// control text.
TEST(SlackDigest, StaysWithinBlockKitLimitsAndSaysHowManyMore) {
  Scored s = scored();
  AlertReport& alerts = s.result.alerts;
  alerts = {};
  alerts.from_day = 19727;  // 2024-01-03
  alerts.to_day = 19732;    // 2024-01-08
  s.aggregates.accounts[0].info.name = "<!channel> & <https://evil.example|click>";
  for (int g = 0; g < 60; ++g) {
    SegmentAlerts seg{"seg" + std::to_string(g), "Segment " + std::to_string(g), {}, {}};
    for (int k = 0; k < 30; ++k) seg.entered.push_back({static_cast<uint32_t>(k % 4), std::string(300, 'r')});
    alerts.segments.push_back(seg);
  }
  const SlackDigest d = slack_digest(s.aggregates, s.result);
  const nlohmann::json message = nlohmann::json::parse(d.blocks_json);
  const auto& blocks = message.at("blocks");
  EXPECT_LE(blocks.size(), kSlackMaxBlocks);
  EXPECT_FALSE(message.at("text").get<std::string>().empty());  // the notification fallback
  std::size_t total = 0;
  for (const auto& b : blocks) {
    if (b.at("type") == "header") EXPECT_LE(b.at("text").at("text").get<std::string>().size(), kSlackMaxHeaderText);
    if (b.at("type") != "section") continue;
    const std::string text = b.at("text").at("text");
    EXPECT_EQ(b.at("text").at("type"), "mrkdwn");
    EXPECT_LE(text.size(), kSlackMaxSectionText);
    total += text.size();
    // Slack's control characters are entities; nothing else is.
    EXPECT_EQ(text.find('<'), std::string::npos) << text;
    EXPECT_EQ(text.find('>'), std::string::npos) << text;
  }
  EXPECT_LE(total, kSlackMaxTotalText);
  EXPECT_EQ(d.entries + d.not_listed, 60u * 30u);
  EXPECT_GT(d.not_listed, 0u);
  EXPECT_NE(d.blocks_json.find("&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;"), std::string::npos);
  EXPECT_NE(d.blocks_json.find("_and "), std::string::npos);
  // The text for the composer says the same, unescaped.
  EXPECT_NE(d.markdown.find("<!channel> & <https://evil.example|click>"), std::string::npos);
  EXPECT_NE(d.markdown.find("more segments"), std::string::npos);
}

TEST(SlackDigest, MostValuableFirstWithReasonsInWords) {
  Scored s = scored();
  s.result.alerts = {};
  s.aggregates.accounts[0].info.name = "Small";
  s.aggregates.accounts[1].info.name = "Large";
  s.result.segments.accounts[0].deal_value = {1000, false};
  s.result.segments.accounts[1].deal_value = {250000, false};
  SegmentAlerts pql{"pql", "Product-qualified leads", {{0, "activation 100% >= 80%"}, {1, "activation 90% >= 25%"}}, {}};
  s.result.alerts.segments.push_back(pql);
  s.result.alerts.segments.push_back({"dead_zone", "Dead zone", {}, {}});  // no change: not shown
  const SlackDigest d = slack_digest(s.aggregates, s.result);
  const std::size_t large = d.markdown.find("*Large*");
  const std::size_t small = d.markdown.find("*Small*");
  ASSERT_NE(large, std::string::npos);
  ASSERT_NE(small, std::string::npos);
  EXPECT_LT(large, small);
  EXPECT_NE(d.markdown.find("activation 90% >= 25% \xC2\xB7 deal 250,000"), std::string::npos) << d.markdown;
  EXPECT_EQ(d.markdown.find("Dead zone"), std::string::npos);
  EXPECT_EQ(d.entries, 2u);
  EXPECT_EQ(d.not_listed, 0u);
}

// Issue 16: the persona changes of the alerts (trial accounts whose persona changed, appeared or
// ended) are listed too, most valuable first, with both personas in words.
TEST(SlackDigest, ListsPersonaChangesMostValuableFirst) {
  Scored s = scored();
  s.result.alerts = {};
  s.aggregates.accounts[0].info.name = "Small";
  s.aggregates.accounts[1].info.name = "Large";
  s.aggregates.accounts[2].info.name = "Middle";
  s.result.segments.accounts[0].deal_value = {1000, false};
  s.result.segments.accounts[1].deal_value = {250000, false};
  s.result.segments.accounts[2].deal_value = {5000, true};
  s.result.alerts.personas = {{0, Persona::fizzler, Persona::golden_lead, true, true},
                              {1, Persona::unclassified, Persona::silent_success, false, true},
                              {2, Persona::heartbreaker, Persona::unclassified, true, false}};
  const SlackDigest d = slack_digest(s.aggregates, s.result);
  EXPECT_EQ(d.persona_changes, 3u);
  EXPECT_EQ(d.not_listed, 0u);
  const std::string arrow = "\xE2\x86\x92";
  const std::size_t large = d.markdown.find("*Large* (quote.example): new trial, Silent Success \xC2\xB7 deal 250,000");
  const std::size_t middle = d.markdown.find("*Middle*: no longer a trial, was Heartbreaker \xC2\xB7 deal 5,000 (model default)");
  const std::size_t small = d.markdown.find("*Small* (+1.example): Fizzler " + arrow + " Golden Lead \xC2\xB7 deal 1,000");
  ASSERT_NE(large, std::string::npos) << d.markdown;
  ASSERT_NE(middle, std::string::npos) << d.markdown;
  ASSERT_NE(small, std::string::npos) << d.markdown;
  EXPECT_LT(large, middle);
  EXPECT_LT(middle, small);
  EXPECT_NE(d.markdown.find("*Persona changes* (3)"), std::string::npos);
  EXPECT_NE(d.markdown.find("3 persona changes"), std::string::npos);  // the summary line
  const nlohmann::json message = nlohmann::json::parse(d.blocks_json);
  std::size_t sections = 0;
  for (const auto& b : message.at("blocks")) sections += b.at("type") == "section";
  EXPECT_EQ(sections, 2u);  // the persona changes and "No account entered or left a segment."
}

// Segments that would fill the message leave the persona changes their section (its room is
// kept), within the same limits; what does not fit is counted.
TEST(SlackDigest, PersonaChangesKeepTheirRoomWhenSegmentsFillTheMessage) {
  Scored s = scored();
  AlertReport& alerts = s.result.alerts;
  alerts = {};
  for (int g = 0; g < 60; ++g) {
    SegmentAlerts seg{"seg" + std::to_string(g), "Segment " + std::to_string(g), {}, {}};
    for (int k = 0; k < 30; ++k) seg.entered.push_back({static_cast<uint32_t>(k % 4), std::string(300, 'r')});
    alerts.segments.push_back(seg);
  }
  for (uint32_t k = 0; k < 30; ++k) alerts.personas.push_back({k % 4, Persona::fizzler, Persona::golden_lead, true, true});
  const SlackDigest d = slack_digest(s.aggregates, s.result);
  const nlohmann::json message = nlohmann::json::parse(d.blocks_json);
  EXPECT_LE(message.at("blocks").size(), kSlackMaxBlocks);
  std::size_t total = 0;
  for (const auto& b : message.at("blocks")) {
    if (b.at("type") != "section") continue;
    const std::string text = b.at("text").at("text");
    EXPECT_LE(text.size(), kSlackMaxSectionText);
    total += text.size();
  }
  EXPECT_LE(total, kSlackMaxTotalText);
  EXPECT_EQ(d.persona_changes, 10u);  // at most 10 lines a section
  EXPECT_EQ(d.entries + d.persona_changes + d.not_listed, 60u * 30u + 30u);
  EXPECT_NE(d.markdown.find("*Persona changes* (30)"), std::string::npos) << d.markdown;
  EXPECT_NE(d.markdown.find("_and 20 more_"), std::string::npos) << d.markdown;
  EXPECT_NE(d.markdown.find("more segments (see the alerts CSV)"), std::string::npos);
}

// ---------------------------------------------------------------- user traits

TEST(UserTraitsExport, OneRowPerUserKeyedByUserIdAndNeutralised) {
  const Scored s = scored();
  const ExportText out = user_traits_csv(s.aggregates, s.result);
  const auto rows = read_csv(out.text);
  // Intercom's CSV import and Segment's identify both key users on user_id.
  EXPECT_EQ(rows[0][0], "user_id");
  EXPECT_EQ(rows[0][1], "company_id");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(out.rows, 3u);
  EXPECT_EQ(rows[3][0], "'=u3");  // a user id that is a formula stays text
  EXPECT_EQ(rows[3][1], "a3");
  const std::size_t activation = column(rows[0], "pqlscope_activation");
  EXPECT_EQ(rows[3][activation], "100");  // u3 did the one user-level step
}

}  // namespace
}  // namespace pqlscope
