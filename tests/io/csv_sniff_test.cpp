// Delimiter sniffing. European Excel saves "CSV" with ';' (its decimal separator is ',');
// pipes come from some warehouse unloads (Redshift UNLOAD's default delimiter is '|').
#include <gtest/gtest.h>

#include "pqlscope/io/csv_reader.hpp"

namespace pqlscope {
namespace {

TEST(CsvSniffTest, HeaderLineDecides) {
  EXPECT_EQ(sniff_delimiter("timestamp,account_id,event\n"), ',');
  EXPECT_EQ(sniff_delimiter("timestamp;account_id;event\n"), ';');
  EXPECT_EQ(sniff_delimiter("timestamp\taccount_id\tevent\n"), '\t');
  EXPECT_EQ(sniff_delimiter("timestamp|account_id|event\n"), '|');
  EXPECT_EQ(sniff_delimiter("timestamp;account_id;event"), ';');  // no line end yet
  EXPECT_EQ(sniff_delimiter("\xEF\xBB\xBFtimestamp;account_id\r\n"), ';');
}

TEST(CsvSniffTest, NothingToGoOnMeansComma) {
  EXPECT_EQ(sniff_delimiter("timestamp\n"), ',');
  EXPECT_EQ(sniff_delimiter(""), ',');
}

TEST(CsvSniffTest, QuotedDelimitersDoNotCount) {
  EXPECT_EQ(sniff_delimiter("\"a,b,c\";\"d,e\";f\n"), ';');
  EXPECT_EQ(sniff_delimiter("\"x\"\";\"\";\",y,z\n"), ',');  // doubled quotes inside a quoted field
}

TEST(CsvSniffTest, RowsBreakTiesAndDecimalCommas) {
  // The header has one ',' (inside a name) and one ';'; the rows carry decimal commas in
  // varying numbers, so only ';' is the same on every line.
  EXPECT_EQ(sniff_delimiter("company, inc;amount\nacme;1,5\nbeta;2\n"), ';');
  // Equal counts on the first line and consistent: the earlier candidate (',' before ';').
  EXPECT_EQ(sniff_delimiter("a,b;c\n1,2;3\n"), ',');
  // Blank lines are not lines.
  EXPECT_EQ(sniff_delimiter("a;b\n\n1;2\n\r\n3;4\n"), ';');
}

}  // namespace
}  // namespace pqlscope
