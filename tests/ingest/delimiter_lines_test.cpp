// The delimiter is sniffed on the first lines of a file, not its header alone: a header whose
// column names hold more commas than the file's real delimiter must not win (docs/ingest.md,
// "Formats"). Whatever the chunking, the same lines decide.
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/ingest/ingestor.hpp"

namespace pqlscope {
namespace {

// A German spreadsheet export: ';' between fields, a header with an unquoted label holding four
// commas (Excel quotes a field only when it holds the delimiter, a quote or a line break), and
// decimal commas in the values. The header alone has 4 ',' and 3 ';'.
const std::string kGermanSheet =
    "timestamp;account_id;event;Preis, netto, EUR, gerundet, Q1\n"
    "2024-03-01T10:00:00Z;acme;login;12,50\n"
    "2024-03-01T11:00:00Z;acme;export;7\n"
    "2024-03-02T09:00:00Z;globex;login;1,25\n";

TEST(DelimiterLinesTest, RowsOutvoteAMisleadingHeader) {
  for (size_t chunk : {size_t{0}, size_t{1}, size_t{9}}) {
    Ingestor ingest;
    ingest.begin_file("sheet.csv");
    const size_t step = chunk == 0 ? kGermanSheet.size() : chunk;
    for (size_t at = 0; at < kGermanSheet.size(); at += step) ingest.feed(std::string_view(kGermanSheet).substr(at, step));
    const Aggregates a = ingest.finish();
    EXPECT_EQ(a.report.files.at(0).delimiter, ";") << chunk;
    EXPECT_EQ(a.report.rejected, 0u) << chunk;
    EXPECT_EQ(a.report.events, 3u) << chunk;
    EXPECT_EQ(a.accounts.size(), 2u) << chunk;
  }
}

// More than 20 lines: the first 20 with content decide, so a delimiter that only becomes
// inconsistent later does not change the decision (and the decision does not wait for the end).
TEST(DelimiterLinesTest, TheFirstTwentyLinesDecide) {
  std::string csv = "timestamp,account_id,event\n";
  for (int i = 0; i < 30; ++i) csv += "2024-03-01T10:00:00Z,acme,login\n";
  const Aggregates a = ingest_buffer("plain.csv", csv);
  EXPECT_EQ(a.report.files.at(0).delimiter, "");  // ',' is not named
  EXPECT_EQ(a.report.events, 30u);
}

// A quoted field spanning lines is one line for the count.
TEST(DelimiterLinesTest, LineBreaksInsideQuotesDoNotCount) {
  const std::string csv =
      "timestamp|account_id|event|note\n"
      "2024-03-01T10:00:00Z|acme|login|\"a, b,\nc, d\"\n"
      "2024-03-01T11:00:00Z|acme|login|x\n";
  const Aggregates a = ingest_buffer("unload.txt", csv);
  EXPECT_EQ(a.report.files.at(0).delimiter, "|");
  EXPECT_EQ(a.report.events, 2u);
}

}  // namespace
}  // namespace pqlscope
