#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace pqlscope
