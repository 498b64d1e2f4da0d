#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report.hpp"

namespace pqlscope {
namespace {

// Account names an attacker controls, as an accounts file would carry them.
std::string exported_csv() {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n"
              "2024-01-01T10:00:00Z,a1,u1,made\n2024-01-08T10:00:00Z,a2,u2,made\n"
              "2024-01-09T10:00:00Z,a2,u2,made\n2024-01-10T10:00:00Z,a2,u2,made\n");
  ingest.begin_file("accounts.csv", FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
  ingest.feed("account_id,name,domain\n"
              "a1,\"=cmd|' /C calc'!A0\",+1.example\n"
              "a2,\"Quote \"\"Co\"\", Inc.\nline two\",@evil\n"
              "a3,-2+3,\"\tTab\"\n"
              "a4,\"\rCR\",plain.io\n");
  const Aggregates a = ingest.finish();
  const Model model = parse_model(R"({"engagement": {"importance": {"made": 1}, "window_days": 7, "history_windows": 2}})");
  return accounts_csv(a, model, score(a, model));
}

TEST(CsvExport, FormulaCellsAreNeutralisedAndQuotedPerRfc4180) {
  const std::string csv = exported_csv();
  EXPECT_NE(csv.find("\na1,'=cmd|' /C calc'!A0,'+1.example,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\na2,\"Quote \"\"Co\"\", Inc.\nline two\",'@evil,"), std::string::npos) << csv;
  // Ingest trims spaces and tabs around values, so a leading tab never reaches the export.
  EXPECT_NE(csv.find("\na3,'-2+3,Tab,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\na4,\"'\rCR\",plain.io,"), std::string::npos) << csv;
}

TEST(CsvExport, NumbersStayNumbersEvenWhenNegative) {
  const std::string csv = exported_csv();
  // a1 was active only in the earlier window: its trend is -100, a number, not escaped text.
  const size_t row = csv.find("\na1,");
  ASSERT_NE(row, std::string::npos);
  const std::string line = csv.substr(row + 1, csv.find('\n', row + 1) - row - 1);
  EXPECT_NE(line.find(",-100,"), std::string::npos) << line;
  EXPECT_EQ(line.find("'-100"), std::string::npos) << line;
}

TEST(CsvExport, EveryRowHasTheHeaderColumnCount) {
  const std::string csv = exported_csv();
  Ingestor check;  // read the export back with pqlscope's own RFC 4180 reader
  check.begin_file("export.csv", FileOptions{FileKind::accounts, InputFormat::csv, {}});
  check.feed(csv);
  const Aggregates back = check.finish();
  EXPECT_EQ(back.report.rejected, 0u);
  EXPECT_EQ(back.accounts.size(), 4u);
  EXPECT_EQ(back.accounts[1].info.name, "Quote \"Co\", Inc.\nline two");
}

// The cells of one row (plain cells: no quoting in these rows).
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells(1);
  for (char c : line) {
    if (c == ',') cells.emplace_back();
    else cells.back() += c;
  }
  return cells;
}

TEST(CsvExport, PqlMeansInThePqlListAndTheCriteriaHaveTheirOwnColumn) {
  // Four accounts, one `made` each, one step on it: all at 100% activation, all small deals
  // (no employees: unknown -> small, threshold 80%): every one meets the PQL criteria. Only
  // prospects (trial, free) are in the PQL list: trial and free yes; the paying (self-serve)
  // and the churned account no, though they meet the criteria.
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n"
              "2024-01-10T10:00:00Z,tri,u1,made\n2024-01-10T10:00:00Z,fre,u2,made\n"
              "2024-01-10T10:00:00Z,pay,u3,made\n2024-01-10T10:00:00Z,chu,u4,made\n");
  ingest.begin_file("accounts.csv", FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
  ingest.feed("account_id,plan\ntri,trial\nfre,free\npay,self_serve\nchu,churned\n");
  const Aggregates a = ingest.finish();
  const Model model = parse_model(R"({"activation": {"steps": [{"id": "made", "events": "made"}]}})");
  const std::string csv = accounts_csv(a, model, score(a, model));
  std::map<std::string, std::vector<std::string>> rows;
  std::size_t at = 0;
  std::vector<std::string> header;
  while (at < csv.size()) {
    const std::size_t end = csv.find('\n', at);
    auto cells = cells_of(csv.substr(at, end - at));
    if (header.empty()) header = cells;
    else rows[cells[0]] = cells;
    at = end + 1;
  }
  auto column = [&](const char* name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t pql = column("pql"), criteria = column("meets_pql_criteria");
  ASSERT_LT(pql, header.size());
  ASSERT_LT(criteria, header.size());
  EXPECT_EQ(rows["tri"][pql], "yes");
  EXPECT_EQ(rows["fre"][pql], "yes");
  EXPECT_EQ(rows["pay"][pql], "no");
  EXPECT_EQ(rows["chu"][pql], "no");
  for (const char* id : {"tri", "fre", "pay", "chu"}) EXPECT_EQ(rows[id][criteria], "yes") << id;
}

}  // namespace
}  // namespace pqlscope
