#include "pqlscope/io/csv_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/chunking.hpp"

namespace pqlscope {
namespace {

struct Collected {
  std::vector<std::vector<std::string>> rows;
  std::vector<uint64_t> lines;
  std::vector<std::string> errors;  // "code@line:offset"
};

class Collector final : public CsvSink {
 public:
  Collected out;
  void on_record(const CsvRecord& r) override {
    out.rows.emplace_back(r.fields.begin(), r.fields.end());
    out.lines.push_back(r.line);
  }
  void on_csv_error(const CsvRecord& r, IngestErrorCode code, size_t offset, std::string, bool fatal) override {
    out.errors.push_back(std::string(error_code_name(code)) + "@" + std::to_string(r.line) + ":" +
                         std::to_string(offset) + (fatal ? "!" : ""));
  }
};

Collected read_whole(std::string_view text, char delimiter = ',') {
  Collector sink;
  CsvReader reader({delimiter}, sink);
  reader.feed(text);
  reader.finish();
  return sink.out;
}

Collected read_chunked(std::string_view text, uint64_t seed, size_t max_chunk) {
  Collector sink;
  CsvReader reader({','}, sink);
  testing_support::feed_in_random_chunks(text, seed, max_chunk, [&](std::string_view c) { reader.feed(c); });
  reader.finish();
  return sink.out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, PlainRowsWithAndWithoutFinalNewline) {
  EXPECT_EQ(read_whole("a,b\n1,2\n").rows, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_whole("a,b\n1,2").rows, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_whole("a,,\n").rows, (Rows{{"a", "", ""}}));
}

TEST(CsvReader, QuotesDoubledQuotesAndLineBreaksInsideQuotes) {
  const auto c = read_whole("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row,x\n");
  EXPECT_EQ(c.rows, (Rows{{"a,b", "say \"hi\"", "two\nlines"}, {"next", "row", "x"}}));
  EXPECT_EQ(c.lines, (std::vector<uint64_t>{1, 3}));
  EXPECT_TRUE(c.errors.empty());
  EXPECT_EQ(read_whole("\"\"\n").rows, (Rows{{""}}));
}

TEST(CsvReader, LineEndingsBomAndBlankLines) {
  EXPECT_EQ(read_whole("\xEF\xBB\xBFh1,h2\r\n1,2\r\n").rows, (Rows{{"h1", "h2"}, {"1", "2"}}));
  const auto cr = read_whole("a\rb\r\rc");
  EXPECT_EQ(cr.rows, (Rows{{"a"}, {"b"}, {"c"}}));
  EXPECT_EQ(cr.lines, (std::vector<uint64_t>{1, 2, 4}));
  const auto blank = read_whole("a\n\n\nb\n");
  EXPECT_EQ(blank.rows, (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(blank.lines, (std::vector<uint64_t>{1, 4}));
}

TEST(CsvReader, BareQuoteInsideUnquotedFieldIsLiteral) {
  EXPECT_EQ(read_whole("5\" disk,x\n").rows, (Rows{{"5\" disk", "x"}}));
}

TEST(CsvReader, TabDelimited) {
  EXPECT_EQ(read_whole("a\tb,c\n1\t\"2\t3\"\n", '\t').rows, (Rows{{"a", "b,c"}, {"1", "2\t3"}}));
}

TEST(CsvReader, UnterminatedQuoteStopsTheFileAtTheOpeningQuote) {
  const auto c = read_whole("a,b\n1,\"oops\n2,3\n");
  EXPECT_EQ(c.rows, (Rows{{"a", "b"}}));
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0], "unterminated_quote@2:2!");
}

TEST(CsvReader, CharacterAfterClosingQuoteRejectsOnlyThatRecord) {
  const auto c = read_whole("\"ab\"c,d\nok,1\n");
  EXPECT_EQ(c.rows, (Rows{{"ok", "1"}}));
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0], "unexpected_after_quote@1:4");
}

TEST(CsvReader, InvalidUtf8RejectsTheRecordWithItsOffset) {
  const auto c = read_whole("ok,1\nbad\xC3\x28,2\nok,3\n");
  EXPECT_EQ(c.rows, (Rows{{"ok", "1"}, {"ok", "3"}}));
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0], "invalid_utf8@2:3");
}

TEST(CsvReader, OverlongRecordStopsTheFile) {
  Collector sink;
  CsvReader reader({',', 64}, sink);
  reader.feed("a,b\n\"");
  reader.feed(std::string(100, 'x'));
  reader.finish();
  ASSERT_EQ(sink.out.errors.size(), 1u);
  EXPECT_EQ(sink.out.errors[0].substr(0, 16), "record_too_large");
  EXPECT_TRUE(reader.stopped());
}

TEST(CsvReader, TenMegabyteFieldIsAccepted) {
  std::string big = "a,b\n\"" + std::string(10 << 20, 'y') + "\",2\n";
  const auto c = read_chunked(big, 5, 1 << 16);
  ASSERT_EQ(c.rows.size(), 2u);
  EXPECT_EQ(c.rows[1][0].size(), size_t{10} << 20);
}

// Every split point of a tricky input (inside quotes, a doubled quote, a 4-byte UTF-8 character,
// a CRLF, a BOM) gives the same records as reading it whole.
TEST(CsvReader, EverySingleSplitPointGivesTheSameRecords) {
  const std::string text =
      "\xEF\xBB\xBFname,note\r\n\"Zo\xC3\xAB \xF0\x9F\x98\x80\",\"a \"\"q\"\"\r\nline\"\r\nplain,x\rlast,\"\"";
  const Collected whole = read_whole(text);
  ASSERT_EQ(whole.rows.size(), 4u);
  EXPECT_EQ(whole.rows[1][0], "Zo\xC3\xAB \xF0\x9F\x98\x80");
  for (size_t split = 0; split <= text.size(); ++split) {
    Collector sink;
    CsvReader reader({','}, sink);
    reader.feed(std::string_view(text).substr(0, split));
    reader.feed(std::string_view(text).substr(split));
    reader.finish();
    EXPECT_EQ(sink.out.rows, whole.rows) << "split at " << split;
    EXPECT_EQ(sink.out.lines, whole.lines) << "split at " << split;
  }
}

TEST(CsvReader, RandomChunkingsGiveTheSameRecordsAndErrors) {
  std::string text = "h1,h2,h3\n";
  for (int i = 0; i < 300; ++i) {
    text += "\"r" + std::to_string(i) + ",\"\"x\"\"\"," + (i % 7 == 0 ? "\"multi\nline\"" : "v") +
            ",\xC3\xA9\xE2\x82\xAC" + (i % 3 == 0 ? "\r\n" : "\n");
    if (i % 50 == 0) text += "\"bad\"x,1,2\n";
  }
  const Collected whole = read_whole(text);
  EXPECT_EQ(whole.rows.size(), 301u);
  EXPECT_EQ(whole.errors.size(), 6u);
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const Collected chunked = read_chunked(text, seed, seed % 2 ? 7 : 300);
    EXPECT_EQ(chunked.rows, whole.rows) << "seed " << seed;
    EXPECT_EQ(chunked.lines, whole.lines) << "seed " << seed;
    EXPECT_EQ(chunked.errors, whole.errors) << "seed " << seed;
  }
}

// The reader splits quote-free records with a 64-byte-at-a-time fast path and only validates
// UTF-8 where a byte >= 0x80 was seen. Checked against an independent split (fields, field
// offsets, lines, byte offsets) on rows long and short, across block and chunk boundaries, with
// non-ASCII text, invalid UTF-8, quoted rows in between and every line-end style.
struct Detailed {
  std::vector<std::string> records;  // fields joined by '|', then "@line/byte_offset/offsets"
  std::vector<std::string> errors;   // "code@line:offset/byte_offset"
};

class DetailedCollector final : public CsvSink {
 public:
  Detailed out;
  void on_record(const CsvRecord& r) override {
    std::string text;
    for (size_t f = 0; f < r.fields.size(); ++f) text += (f ? "|" : "") + std::string(r.fields[f]);
    text += "@" + std::to_string(r.line) + "/" + std::to_string(r.byte_offset) + "/";
    for (uint32_t o : r.field_offsets) text += std::to_string(o) + ";";
    out.records.push_back(text);
  }
  void on_csv_error(const CsvRecord& r, IngestErrorCode code, size_t offset, std::string, bool) override {
    out.errors.push_back(std::string(error_code_name(code)) + "@" + std::to_string(r.line) + ":" +
                         std::to_string(offset) + "/" + std::to_string(r.byte_offset));
  }
};

Detailed read_detailed(std::string_view text, char delimiter, uint64_t seed, size_t max_chunk) {
  DetailedCollector sink;
  CsvReader reader({delimiter}, sink);
  if (seed == 0) {
    reader.feed(text);
  } else {
    testing_support::feed_in_random_chunks(text, seed, max_chunk, [&](std::string_view c) { reader.feed(c); });
  }
  reader.finish();
  return sink.out;
}

TEST(CsvReader, FastPathMatchesAnIndependentSplit) {
  for (const char delimiter : {',', '\t'}) {
    std::string text;
    Detailed expected;
    uint64_t line = 1;
    for (int i = 0; i < 400; ++i) {
      std::vector<std::string> fields = {"2026-01-02T00:00:" + std::to_string(10 + i % 50) + "Z",
                                         "acc_" + std::to_string(i * 7919 % 1000),
                                         std::string(static_cast<size_t>(i * 37 % 150), 'u'), ""};
      if (i % 11 == 0) fields[3] = "caf\xC3\xA9 \xF0\x9F\x98\x80";  // valid UTF-8
      std::string row;
      std::string offsets;
      for (size_t f = 0; f < fields.size(); ++f) {
        if (f) row += delimiter;
        offsets += std::to_string(row.size()) + ";";
        row += fields[f];
      }
      const uint64_t byte_offset = text.size();
      const std::string line_end = i % 5 == 0 ? "\r\n" : i % 13 == 0 ? "\r" : "\n";
      if (i % 17 == 0) {  // invalid UTF-8 at a known offset: the record is rejected
        const size_t at = row.size();
        row += "\xC3\x28";
        expected.errors.push_back("invalid_utf8@" + std::to_string(line) + ":" + std::to_string(at) +
                                  "/" + std::to_string(byte_offset));
      } else {
        std::string joined;
        for (size_t f = 0; f < fields.size(); ++f) joined += (f ? "|" : "") + fields[f];
        expected.records.push_back(joined + "@" + std::to_string(line) + "/" +
                                   std::to_string(byte_offset) + "/" + offsets);
      }
      text += row + line_end;
      ++line;
      if (i % 29 == 0) {  // a quoted record in between goes through the state machine
        const uint64_t quoted_offset = text.size();
        text += std::string("\"q,\"\"x\"\"\"") + delimiter + "plain" + "\n";
        expected.records.push_back(std::string("q,\"x\"|plain@") + std::to_string(line) + "/" +
                                   std::to_string(quoted_offset) + "/0;10;");
        ++line;
      }
    }
    text += std::string("last") + delimiter + "row";  // no final line end
    expected.records.push_back("last|row@" + std::to_string(line) + "/" +
                               std::to_string(text.size() - 8) + "/0;5;");
    for (uint64_t seed = 0; seed <= 30; ++seed) {  // seed 0: the whole text in one chunk
      const Detailed got =
          read_detailed(text, delimiter, seed, seed % 3 == 0 ? 5 : seed % 3 == 1 ? 100 : 5000);
      EXPECT_EQ(got.records, expected.records) << "seed " << seed;
      EXPECT_EQ(got.errors, expected.errors) << "seed " << seed;
    }
  }
}

}  // namespace
}  // namespace pqlscope
