// The one CSV writer (pqlscope/io/csv_writer.hpp). Expected cells are written by hand from
// RFC 4180 section 2 (fields holding a comma, a double quote or a line break are enclosed in
// double quotes; an inner double quote is doubled) and from OWASP's "CSV Injection" advice
// (a cell starting with = + - @ tab or CR is prefixed with an apostrophe).
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/io/csv_reader.hpp"
#include "pqlscope/io/csv_writer.hpp"

namespace pqlscope {
namespace {

std::string field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

std::string cell(std::string_view text) {
  std::string out;
  append_csv_text_cell(out, text);
  return out;
}

TEST(CsvWriterTest, PlainFieldsAreWrittenAsIs) {
  EXPECT_EQ(field(""), "");
  EXPECT_EQ(field("acme"), "acme");
  EXPECT_EQ(field("two words"), "two words");
  EXPECT_EQ(field("=SUM(A1)"), "=SUM(A1)");  // a machine-read field is never altered
  EXPECT_EQ(field("caf\xc3\xa9"), "caf\xc3\xa9");
}

TEST(CsvWriterTest, FieldsThatNeedQuotesAreQuotedWithInnerQuotesDoubled) {
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(field("\""), "\"\"\"\"");
}

TEST(CsvWriterTest, TextCellsStartingWithAFormulaCharacterAreNeutralised) {
  EXPECT_EQ(cell("=1+1"), "'=1+1");
  EXPECT_EQ(cell("+33 1 23"), "'+33 1 23");
  EXPECT_EQ(cell("-5"), "'-5");
  EXPECT_EQ(cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(cell("\tx"), "'\tx");
  EXPECT_EQ(cell("\rx"), "\"'\rx\"");  // neutralised, and quoted for the CR
  EXPECT_EQ(cell("a=b"), "a=b");        // only the first character matters
  EXPECT_EQ(cell(""), "");
}

TEST(CsvWriterTest, NeutralisedCellsAreQuotedWhenTheyNeedIt) {
  EXPECT_EQ(cell("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  EXPECT_EQ(cell("Acme, Inc."), "\"Acme, Inc.\"");
}

// What the writer produces, the repository's reader gives back unchanged.
TEST(CsvWriterTest, FieldsRoundTripThroughTheReader) {
  const std::vector<std::string> originals = {"plain", "a,b", "say \"hi\"", "multi\nline", "", "\"", "x\r\ny"};
  std::string text;
  for (size_t i = 0; i < originals.size(); ++i) {
    if (i) text.push_back(',');
    append_csv_field(text, originals[i]);
  }
  text.push_back('\n');

  struct Collect final : CsvSink {
    std::vector<std::string> fields;
    size_t records = 0;
    size_t errors = 0;
    void on_record(const CsvRecord& r) override {
      ++records;
      for (std::string_view f : r.fields) fields.emplace_back(f);
    }
    void on_csv_error(const CsvRecord&, IngestErrorCode, size_t, std::string, bool) override { ++errors; }
  } sink;
  CsvReader reader({','}, sink);
  reader.feed(text);
  reader.finish();
  EXPECT_EQ(sink.errors, 0u);
  EXPECT_EQ(sink.records, 1u);
  EXPECT_EQ(sink.fields, originals);
}

}  // namespace
}  // namespace pqlscope
