// The corpus property (tests/corpus/EXPECTED): each source's file, in its documented export
// shape, gives the accounts, users, events, rejects and per-account event counts counted by
// hand; and the same events give the same per-account counts gzipped, zipped (a .gz entry and a
// plain entry), wrapped (JSON lines: {"batch": [...]}, {"results": [...]}, Singer and Airbyte
// messages), split across two files (overlapping when every row has a message id), and saved
// from a European spreadsheet (CSV: ';' and Windows-1252, CRLF). The variants are made here
// from the corpus file's lines; the expected counts are EXPECTED's, never the code's output.
// Native only: gzip and ZIP go through the native file readers (io/input_files.hpp).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/input_files.hpp"
#include "support/compressed_fixtures.hpp"
#include "support/temp_dir.hpp"

namespace pqlscope {
namespace {

namespace fs = std::filesystem;
using testing::gzip_member;
using testing::make_zip;

const fs::path kCorpus = fs::path(PQLSCOPE_SOURCE_DIR) / "tests" / "corpus";

struct Expectation {
  std::string file, source;
  size_t accounts = 0, users = 0;
  uint64_t events = 0, rejected = 0, skipped = 0;
  bool has_ids = false;
  std::map<std::string, uint64_t> per_account;
};

std::string trim_copy(const std::string& s) {
  const size_t a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::vector<Expectation> expectations() {
  std::ifstream in(kCorpus / "EXPECTED");
  std::vector<Expectation> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream s(line);
    for (std::string cell; std::getline(s, cell, '|');) cells.push_back(trim_copy(cell));
    if (cells.size() != 9) ADD_FAILURE() << "EXPECTED: " << line;
    if (cells.size() != 9) continue;
    Expectation e{cells[0], cells[1], std::stoul(cells[2]), std::stoul(cells[3]), std::stoull(cells[4]),
                  std::stoull(cells[5]), std::stoull(cells[6]), cells[7] == "yes", {}};
    std::stringstream pairs(cells[8]);
    for (std::string pair; pairs >> pair;) {
      const size_t eq = pair.rfind('=');
      e.per_account[pair.substr(0, eq)] = std::stoull(pair.substr(eq + 1));
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A file as its header (CSV) and its record lines.
struct Lines {
  std::string header;  // with its line end; "" for JSON lines
  std::vector<std::string> rows;
  std::string join(size_t from, size_t to) const {
    std::string out = header;
    for (size_t i = from; i < to && i < rows.size(); ++i) out += rows[i] + "\n";
    return out;
  }
};

Lines split_lines(const std::string& text, bool csv) {
  Lines l;
  std::stringstream s(text);
  std::string line;
  if (csv && std::getline(s, line)) l.header = line + "\n";
  while (std::getline(s, line)) {
    if (!line.empty()) l.rows.push_back(line);
  }
  return l;
}

// Excel's "CSV (semicolon delimited)" in a Western European locale: ';' between fields, quotes
// only where a field holds ';', '"' or a line break, Windows-1252 bytes, CRLF. The fields are
// read back with a small RFC 4180 reader of its own (quoted fields, doubled quotes).
std::string as_european_spreadsheet(const std::string& csv) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') { field += '"'; ++i; }
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  std::string utf8;
  for (const auto& row : rows) {
    if (row.empty()) continue;
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string& f = row[i];
      if (i > 0) utf8 += ';';
      if (f.find_first_of(";\"\n") != std::string::npos) {
        utf8 += '"';
        for (char c : f) utf8 += c == '"' ? std::string("\"\"") : std::string(1, c);
        utf8 += '"';
      } else {
        utf8 += f;
      }
    }
    utf8 += "\r\n";
  }
  // UTF-8 to Windows-1252: the corpus holds only characters of U+0000..U+00FF here, which
  // 1252 writes as the same byte.
  std::string out;
  for (size_t i = 0; i < utf8.size(); ++i) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      out += static_cast<char>(b);
    } else {
      EXPECT_TRUE(b == 0xC2 || b == 0xC3) << "a character beyond Latin-1 in the corpus";
      out += static_cast<char>(((b & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F));
    }
  }
  return out;
}

class Sink final : public InputFileSink {
 public:
  explicit Sink(Ingestor& ingest) : ingest_(ingest) {}
  void begin_file(const std::string& name) override { ingest_.begin_file(name); }
  void data(std::string_view bytes) override { ingest_.feed(bytes); }
  void end_file() override { ingest_.end_file(); }
  void notice(const std::string&) override {}

 private:
  Ingestor& ingest_;
};

class Corpus : public pqlscope::testing::TempDirTest {
 protected:
  // Ingests the named files (written to a temporary folder) through the file readers.
  Aggregates ingest(const std::vector<std::pair<std::string, std::string>>& files) {
    Ingestor ingestor;
    Sink sink(ingestor);
    for (const auto& [name, bytes] : files) read_input_files(write(name, bytes), sink, 4096);
    return ingestor.finish();
  }
};

// Events per account from the per-day counts (an event of a user whose account is learnt
// later, from a group call, counts there).
std::map<std::string, uint64_t> per_account(const Aggregates& a) {
  std::map<std::string, uint64_t> out;
  for (const DayCount& d : a.account_days) out[a.accounts[d.entity].id] += d.count;
  return out;
}

TEST_F(Corpus, EachSourceFileGivesItsHandCountedResult) {
  const std::vector<Expectation> all = expectations();
  ASSERT_EQ(all.size(), 10u);
  for (const Expectation& e : all) {
    const Aggregates a = ingest({{e.file, read_file(kCorpus / e.file)}});
    ASSERT_EQ(a.report.files.size(), 1u) << e.file;
    EXPECT_EQ(a.report.files[0].mapping.source, e.source) << e.file;
    EXPECT_EQ(a.accounts.size(), e.accounts) << e.file;
    EXPECT_EQ(a.users.size(), e.users) << e.file;
    EXPECT_EQ(a.report.events, e.events) << e.file;
    EXPECT_EQ(a.report.rejected, e.rejected) << e.file;
    EXPECT_EQ(a.report.skipped, e.skipped) << e.file;
    EXPECT_EQ(per_account(a), e.per_account) << e.file;
  }
}

TEST_F(Corpus, TheSameEventsGiveTheSameAccountsHoweverTheyArePackaged) {
  for (const Expectation& e : expectations()) {
    const bool csv = e.file.find(".csv") != std::string::npos;
    const std::string text = read_file(kCorpus / e.file);
    const Lines lines = split_lines(text, csv);
    const size_t n = lines.rows.size();
    const std::string ext = csv ? ".csv" : ".jsonl";
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> variants;
    variants["gzip"] = {{e.file + ".gz", gzip_member(text)}};
    variants["zip"] = {{"export.zip", make_zip({{"part-1" + ext + ".gz", gzip_member(lines.join(0, n / 2)), true},
                                                {"part-2" + ext, lines.join(n / 2, n), true}})}};
    if (e.has_ids) {
      // Re-exported periods overlap: the middle third is in both files.
      variants["overlapping files"] = {{"jan-mar" + ext, lines.join(0, (2 * n + 2) / 3)},
                                       {"mar-jun" + ext, lines.join(n / 3, n)}};
    } else {
      variants["two files"] = {{"jan-feb" + ext, lines.join(0, n / 2)}, {"mar-apr" + ext, lines.join(n / 2, n)}};
    }
    if (csv) {
      variants["european spreadsheet"] = {{e.file, as_european_spreadsheet(text)}};
    } else {
      std::string array, singer, airbyte;
      for (size_t i = 0; i < n; ++i) {
        array += (i > 0 ? ",\n  " : "") + lines.rows[i];
        singer += "{\"type\": \"RECORD\", \"stream\": \"events\", \"record\": " + lines.rows[i] + "}\n";
        airbyte += "{\"type\": \"RECORD\", \"record\": {\"stream\": \"events\", \"data\": " + lines.rows[i] +
                   ", \"emitted_at\": 1709280000000}}\n";
      }
      variants["batch"] = {{"batch.json", "{\"sentAt\": \"2024-03-04T00:00:00Z\", \"batch\": [\n  " + array + "\n]}\n"}};
      variants["results page"] = {{"page.json", "{\"next\": null, \"results\": [" + array + "]}"}};
      variants["singer"] = {{"tap.jsonl", "{\"type\": \"SCHEMA\", \"stream\": \"events\", \"schema\": {}, \"key_properties\": []}\n" +
                                              singer + "{\"type\": \"STATE\", \"value\": {\"bookmark\": 1}}\n"}};
      variants["airbyte"] = {{"airbyte.jsonl", airbyte + "{\"type\": \"STATE\", \"state\": {\"data\": {}}}\n"}};
    }
    for (const auto& [variant, files] : variants) {
      const Aggregates a = ingest(files);
      EXPECT_EQ(per_account(a), e.per_account) << e.file << " " << variant;
      EXPECT_EQ(a.report.events, e.events) << e.file << " " << variant;
      EXPECT_EQ(a.users.size(), e.users) << e.file << " " << variant;
    }
  }
}

}  // namespace
}  // namespace pqlscope
#endif
