// The malformed-input corpus: each case with its expected outcome — the named error and its
// line / column, or the accepted value. Inputs that must be large are generated here rather
// than committed. Every case is also fed in 7-byte chunks to check the outcome does not depend
// on chunking.
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"

namespace pqlscope {
namespace {

struct Case {
  std::string name;
  std::string input;
  InputFormat format = InputFormat::auto_detect;
  // Expected: the first issue's code, line and column (code kCount = no issue at all) ...
  IngestErrorCode code = IngestErrorCode::kCount;
  uint64_t line = 0;
  uint64_t column = 0;
  // ... how many events were accepted, and how many problems were reported in all.
  uint64_t events = 0;
  uint64_t issues = 1;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

const std::string kHeader = "timestamp,account_id,event\n";

// ASCII text as UTF-16 code units (each byte a unit).
std::string utf16(const std::string& ascii, bool little_endian) {
  std::string out;
  for (char c : ascii) {
    out += little_endian ? c : '\0';
    out += little_endian ? '\0' : c;
  }
  return out;
}

std::vector<Case> cases() {
  using C = IngestErrorCode;
  std::vector<Case> v = {
      {"empty_file", "", {}, C::empty_file, 1, 1, 0},
      {"only_whitespace", " \n\r\n\t", {}, C::empty_file, 1, 1, 0},
      {"only_a_bom", "\xEF\xBB\xBF", {}, C::empty_file, 1, 1, 0},
      {"header_only", kHeader, {}, C::header_only, 2, 1, 0},
      // Found by fuzz/csv_fuzz: after a file-level stop, later rows are not reported, however
      // the bytes are chunked (the corpus runs every case whole and in 7-byte chunks).
      {"bad_row_after_unusable_header", "a,b\n\xC3\x28,x\n", {}, C::missing_column, 1, 1, 0},
      {"missing_event_column", "timestamp,account_id\n2024-01-01,a\n", {}, C::missing_column, 1, 1, 0},
      {"extra_column", kHeader + "2024-01-01,a,e,x\n", {}, C::wrong_column_count, 2, 16, 0},
      {"short_row", kHeader + "2024-01-01,a\n2024-01-02,a,e\n", {}, C::wrong_column_count, 2, 13, 1},
      {"unterminated_quote", kHeader + "2024-01-01,a,e\n2024-01-02,\"a,e\n", {}, C::unterminated_quote, 3, 12, 1},
      {"text_after_closing_quote", kHeader + "2024-01-01,\"a\"b,e\n", {}, C::unexpected_after_quote, 2, 15, 0},
      // The first non-ASCII byte decides the encoding (io/text_decoder.hpp): not UTF-8 there
      // means Windows-1252, transcoded; after valid UTF-8, invalid bytes are row errors.
      {"latin1_bytes", kHeader + "2024-01-01,caf\xE9,e\n", {}, C::kCount, 0, 0, 1},
      {"latin1_after_utf8", kHeader + "2024-01-01,\xC3\xA9,e\n2024-01-01,caf\xE9,e\n", {}, C::invalid_utf8, 3, 15, 1},
      {"utf16_le_with_bom", std::string("\xFF\xFE") + utf16(kHeader + "2024-01-01,a,e\n", true), {}, C::kCount, 0, 0, 1},
      {"utf16_be_with_bom", std::string("\xFE\xFF") + utf16(kHeader + "2024-01-01,a,e\n", false), {}, C::kCount, 0, 0, 1},
      {"utf16_le_without_bom", utf16(kHeader + "2024-01-01,a,e\n", true), {}, C::kCount, 0, 0, 1},
      {"overlong_utf8", kHeader + "2024-01-01,\xC3\xA9,e\n2024-01-01,\xC0\xAF,e\n", {}, C::invalid_utf8, 3, 12, 1},
      {"utf8_surrogate", kHeader + "2024-01-01,\xC3\xA9,e\n2024-01-01,\xED\xA0\x80,e\n", {}, C::invalid_utf8, 3, 12, 1},
      {"nul_byte_is_data", kHeader + std::string("2024-01-01,a\0b,e\n", 17), {}, C::kCount, 0, 0, 1},
      {"impossible_date", kHeader + "2023-02-29,a,e\n", {}, C::invalid_timestamp, 2, 9, 0},
      {"impossible_time", kHeader + "2024-01-01T24:00:01Z,a,e\n", {}, C::invalid_timestamp, 2, 12, 0},
      {"before_1970", kHeader + "1969-12-31T23:59:59Z,a,e\n", {}, C::timestamp_out_of_range, 2, 1, 0},
      {"after_2149", kHeader + "2150-01-01,a,e\n", {}, C::timestamp_out_of_range, 2, 1, 0},
      {"negative_epoch", kHeader + "-5,a,e\n", {}, C::timestamp_out_of_range, 2, 1, 0},
      {"words_as_timestamp", kHeader + "next tuesday,a,e\n", {}, C::unknown_timestamp_format, 2, 1, 0},
      {"no_entity", "timestamp,account_id,user_id,event\n2024-01-01,,,e\n", {}, C::missing_entity, 2, 1, 0},
      {"json_line_in_csv", kHeader + "{\"timestamp\":\"2024-01-01\"}\n", {}, C::wrong_column_count, 2, 27, 0},
      {"csv_line_in_ndjson", "{\"timestamp\":\"2024-01-01\",\"user_id\":\"u\",\"event\":\"e\"}\n2024-01-01,u,e\n", {},
       C::invalid_json, 2, 6, 1},  // nlohmann/json stops after the number 2024
      {"numbers_where_strings_belong", "{\"timestamp\":\"2024-01-01\",\"user_id\":456,\"event\":123}\n", {}, C::kCount, 0, 0, 1},
      {"object_where_string_belongs", "{\"timestamp\":{\"a\":1},\"user_id\":\"u\",\"event\":\"e\"}\n", {},
       C::unknown_timestamp_format, 1, 1, 0},
      // Found by fuzz/json_fuzz: a number beyond double range escaped as an exception.
      {"number_overflow", "{\"timestamp\":\"2024-01-01\",\"user_id\":\"u\",\"event\":\"e\",\"n\":1e999999}\n", {},
       C::invalid_json, 1, 1, 0},
      {"array_of_numbers", "[1, 2]", {}, C::not_an_object, 1, 2, 0, 2},
      {"garbage_after_array", "[{\"timestamp\":\"2024-01-01\",\"user_id\":\"u\",\"event\":\"e\"}] x", {}, C::invalid_json, 1, 1, 1},
      {"unclosed_array", "[{\"timestamp\":\"2024-01-01\",\"user_id\":\"u\",\"event\":\"e\"},", {}, C::invalid_json, 1, 1, 1},
      {"cr_only_line_ends", "timestamp,account_id,event\r2024-01-01,a,e\r2024-01-02,a,e", {}, C::kCount, 0, 0, 2},
  };
  // Generated: a 10 MB field is data, not an error.
  v.push_back({"ten_megabyte_field", kHeader + "2024-01-01,\"" + std::string(10 << 20, 'x') + "\",e\n", {}, C::kCount, 0, 0, 1});
  // Generated: 100,000 columns, the three known ones first.
  std::string wide = "timestamp,account_id,event", row = "2024-01-01,a,e";
  for (int i = 0; i < 100000; ++i) {
    wide += ",c" + std::to_string(i);
    row += ",1";
  }
  v.push_back({"hundred_thousand_columns", wide + "\n" + row + "\n", {}, C::kCount, 0, 0, 1});
  // Generated: nesting 100,000 deep, in an array (cut before any parser) and on an NDJSON line.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  v.push_back({"deep_json_in_array", "[{\"timestamp\":\"2024-01-01\",\"user_id\":\"u\",\"event\":\"e\",\"p\":" + deep + "}]",
               {}, C::json_too_deep, 1, 2, 0});
  v.push_back({"deep_json_on_a_line", "{\"timestamp\":\"2024-01-01\",\"user_id\":\"u\",\"event\":\"e\",\"p\":" + deep + "}\n",
               {}, C::json_too_deep, 1, 1, 0});
  return v;
}

class MalformedInput : public ::testing::TestWithParam<Case> {};

void check(const Case& c, const Aggregates& a, const char* how) {
  if (c.code != IngestErrorCode::kCount) {
    EXPECT_EQ(a.report.issues.size(), c.issues) << how << ": a file-level stop reports one problem";
  }
  if (c.code == IngestErrorCode::kCount) {
    EXPECT_EQ(a.report.rejected, 0u) << how << ": " << (a.report.issues.empty() ? "" : a.report.issues[0].to_string());
  } else {
    ASSERT_FALSE(a.report.issues.empty()) << how;
    const IngestIssue& issue = a.report.issues[0];
    EXPECT_EQ(error_code_name(issue.code), std::string(error_code_name(c.code))) << how << ": " << issue.to_string();
    EXPECT_EQ(issue.line, c.line) << how << ": " << issue.to_string();
    EXPECT_EQ(issue.column, c.column) << how << ": " << issue.to_string();
  }
  EXPECT_EQ(a.report.events, c.events) << how;
}

TEST_P(MalformedInput, HasItsExpectedOutcome) {
  const Case& c = GetParam();
  check(c, ingest_buffer("case", c.input, FileOptions{FileKind::events, c.format, {}}), "whole");
  Ingestor ingest;
  ingest.begin_file("case", FileOptions{FileKind::events, c.format, {}});
  for (size_t at = 0; at < c.input.size(); at += 7) ingest.feed(std::string_view(c.input).substr(at, 7));
  check(c, ingest.finish(), "in 7-byte chunks");
}

// Everything but the reader's speed: aggregates, counts and every issue with its position.
std::string outcome(const Aggregates& a) {
  nlohmann::json j = aggregates_to_json(a);
  j["rows"] = a.report.rows;
  j["rejected"] = a.report.rejected;
  j["skipped"] = a.report.skipped;
  for (const IngestIssue& issue : a.report.issues) j["issues"].push_back(issue.to_string());
  return j.dump();
}

// JSON records are read by a structural scan; the DOM reader it replaced is the reference
// (io/json_scan.hpp): same outcome on every case of the corpus.
TEST_P(MalformedInput, SameOutcomeWithTheDomJsonReader) {
  const Case& c = GetParam();
  IngestOptions dom;
  dom.json_dom_reader = true;
  EXPECT_EQ(outcome(ingest_buffer("case", c.input, FileOptions{FileKind::events, c.format, {}})),
            outcome(ingest_buffer("case", c.input, FileOptions{FileKind::events, c.format, {}}, dom)));
}

INSTANTIATE_TEST_SUITE_P(Corpus, MalformedInput, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace pqlscope
