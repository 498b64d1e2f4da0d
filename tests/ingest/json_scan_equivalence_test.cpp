// The structural JSON scan (io/json_scan.hpp, ingest/lazy_record_view.hpp) against the reference
// it replaced: every record parsed into an nlohmann DOM (IngestOptions::json_dom_reader). Both
// must give the same aggregates and the same ingest report, issue for issue, on the JSON
// fixtures (fuzz/corpus/json: the exports' documented shapes), on edge cases written here, and
// in chunks of every size. The malformed corpus runs both readers too
// (tests/malformed/malformed_input_test.cpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/session/json_forms.hpp"

namespace pqlscope {
namespace {

// Everything an ingest produced: aggregates, report (counts, mapping, every issue).
std::string outcome(std::string_view data, const FileOptions& file, bool dom, size_t chunk = 0) {
  IngestOptions options;
  options.json_dom_reader = dom;
  options.max_issues = 1000;
  Ingestor ingest(options);
  ingest.begin_file("input.json", file);
  if (chunk == 0) {
    ingest.feed(data);
  } else {
    for (size_t at = 0; at < data.size(); at += chunk) ingest.feed(data.substr(at, chunk));
  }
  const Aggregates a = ingest.finish();
  nlohmann::json j = aggregates_to_json(a);
  j["report"] = nlohmann::json::parse(report_to_json(a.report).dump());
  for (const IngestIssue& issue : a.report.issues) j["issues"].push_back(issue.to_string());
  return j.dump(1);
}

void expect_same_as_dom(std::string_view data, const FileOptions& file, const std::string& what) {
  EXPECT_EQ(outcome(data, file, false), outcome(data, file, true)) << what;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(JsonScanEquivalence, FixturesGiveTheDomReadersResults) {
  const std::filesystem::path dir = std::filesystem::path(PQLSCOPE_SOURCE_DIR) / "fuzz" / "corpus" / "json";
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string data = read_file(entry.path());
    ++files;
    for (FileKind kind : {FileKind::events, FileKind::accounts, FileKind::communications}) {
      for (InputFormat format : {InputFormat::auto_detect, InputFormat::ndjson, InputFormat::json_array}) {
        expect_same_as_dom(data, FileOptions{kind, format, {}},
                           entry.path().filename().string() + " as " + file_kind_name(kind) + ", " +
                               input_format_name(format));
      }
    }
  }
  EXPECT_GE(files, 9u);
}

// Records that reach every branch of the lazy view and of the fallback to the DOM.
const std::string kEdgeCases =
    R"({"type":"track","event":"caf\u00e9 \"x\"","userId":"u\u0031","timestamp":"2024-01-01T00:00:00Z","context":{"groupId":"acc"}})" "\n"
    R"({"type":"track","event":"a","event":"b","userId":"u2","timestamp":"2024-01-01T00:00:01Z","context":{"group\u0049d":"acc2"}})" "\n"
    R"({"type":"track","event":"dot","userId":"u3","timestamp":"2024-01-02T00:00:00Z","context.groupId":"flat","context":{"groupId":"nested"}})" "\n"
    // Objects one level down are indexed by the record's own scan: a duplicate key there (the
    // last wins), a key whose escape hides its name, a second `context` replacing the first.
    R"({"type":"track","event":"nested dup","userId":"u3","timestamp":"2024-01-02T00:00:01Z","context":{"groupId":"first","library":{"groupId":"deep"},"groupId":"last"}})" "\n"
    R"({"type":"track","event":"two contexts","userId":"u3","timestamp":"2024-01-02T00:00:02Z","context":{"groupId":"one"},"context":{"gr\u006fupId":"two"}})" "\n"
    R"({"type":"track","event":"num","userId":12345,"timestamp":1704067200000,"context":{"groupId":-7}})" "\n"
    R"({"type":"track","event":"float","userId":1.5,"timestamp":1704067200.5,"context":{"groupId":1e2}})" "\n"
    R"({"type":"track","event":"big","userId":123456789012345678901,"timestamp":"2024-01-03T00:00:00Z","context":{"groupId":-0}})" "\n"
    R"({"type":"track","event":"arr","userId":["u4","u5"],"timestamp":"2024-01-03T00:00:00Z","context":{"groupId":[]}})" "\n"
    R"({"type":"track","event":"obj","userId":{"id":"u6"},"timestamp":"2024-01-03T00:00:00Z","context":{"groupId":[null]}})" "\n"
    R"({"type":"track","event":"nested arr","userId":[["u7"]],"timestamp":"2024-01-03T00:00:00Z","context":{"groupId":[{"b":1,"a":2}]}})" "\n"
    R"({"type":"track","event":"bools","userId":true,"timestamp":"2024-01-03T00:00:00Z","context":{"groupId":false}})" "\n"
    R"({"type":"track","event":"","userId":"u8","timestamp":"2024-01-03T00:00:00Z"})" "\n"
    R"({"type":"track","event":null,"name":"by name","userId":"","anonymousId":"anon","timestamp":"2024-01-03T00:00:00Z"})" "\n"
    R"({"event":"$pageview","distinct_id":"p1","timestamp":"2024-01-05T10:00:00+01:00","properties":"{\"$groups\":{\"company\":\"co\"}}"})" "\n"
    R"({"event":"$pageview","distinct_id":"p2","timestamp":"2024-01-05T10:00:00Z","properties":"not json"})" "\n"
    R"({"event":"$pageview","distinct_id":"p3","timestamp":"2024-01-05T10:00:00Z","properties":{"$groups":{"company":"co2"}}})" "\n"
    R"({"event":"amp","user_id":"a1","time":"2024-01-06","groups":{"company":["acc_1","acc_2"]}})" "\n"
    R"({"type":"group","userId":"u1","groupId":"acc9","timestamp":"2024-01-06T00:00:00Z"})" "\n"
    R"({"type":"identify","userId":"u1","timestamp":"2024-01-06T00:00:00Z"})" "\n"
    R"({"type":"page","userId":"u1","timestamp":"2024-01-06T00:00:00Z"})" "\n"
    R"({"type":"RECORD","stream":"s","record":{"timestamp":"2024-01-07","user_id":"singer","event":"e"}})" "\n"
    R"({"type":"RECORD","record":{"stream":"s","data":{"timestamp":1704585600000,"user_id":"airbyte","event":"e"},"emitted_at":1})" "}\n"
    R"({"type":"RECORD","record":{"data":{"user_id":"no stream"},"emitted_at":1,"timestamp":"2024-01-07","user_id":"x","event":"e"}})" "\n"
    R"({"type":"STATE","value":{}})" "\n"
    R"({"type":"RECORD","record":"not an object","timestamp":"2024-01-07","user_id":"y","event":"e"})" "\n"
    R"({"t\u0079pe":"LOG","log":{}})" "\n"
    "\xEF\xBB\xBF" R"({"event":"bom","user_id":"b","timestamp":"2024-01-08"})" "\n"
    R"({"event":"overflow","user_id":"o","timestamp":"2024-01-08","n":1e400})" "\n"
    R"({"event":"bad escape","user_id":"o","timestamp":"2024-01-08","s":"\x"})" "\n"
    R"({"event":"lone surrogate","user_id":"o","timestamp":"2024-01-08","s":"\uD800"})" "\n"
    R"(["not","an","object"])" "\n"
    R"({"event":"trailing","user_id":"o","timestamp":"2024-01-08"} x)" "\n"
    R"({"event":"no time","user_id":"o"})" "\n"
    R"({"event":"bad time","user_id":"o","timestamp":"yesterday"})" "\n"
    R"({"event":"pendo","visitor_id":"v","timestamp":"2024-01-09","num_events":3})" "\n"
    R"({"event":"pendo","visitor_id":"v","timestamp":"2024-01-09","num_events":2.5})" "\n"
    R"({"event":"dup","user_id":"d","timestamp":"2024-01-09","messageId":"m1"})" "\n"
    R"({"event":"dup","user_id":"d","timestamp":"2024-01-09","message\u0049d":"m1"})" "\n"
    "   {\"event\" : \"spaced\" ,\r\n \"user_id\":\"s\", \"timestamp\":\"2024-01-10\"}   \r\n"
    R"({"event":"\u00e9\ud83d\ude00\/\t","user_id":"\u0000","timestamp":"2024-01-10"})" "\n";

TEST(JsonScanEquivalence, EdgeCasesGiveTheDomReadersResults) {
  for (FileKind kind : {FileKind::events, FileKind::accounts, FileKind::communications}) {
    expect_same_as_dom(kEdgeCases, FileOptions{kind, InputFormat::ndjson, {}}, file_kind_name(kind));
  }
  // Explicit mappings reach the paths that auto-detection would not pick.
  const std::vector<std::map<std::string, std::string, std::less<>>> mappings = {
      {{"account", "context.groupId"}, {"user", "userId"}},
      {{"account", "properties.$groups.company"}, {"user", "distinct_id"}},
      {{"account", "groups.company"}, {"user", "user_id"}, {"timestamp", "time"}},
      {{"account", "context"}, {"user", "anonymousId"}, {"count", "num_events"}, {"message_id", "messageId"}},
      {{"event", "type"}, {"user", "record.user_id"}, {"timestamp", "record.timestamp"}},
  };
  for (const auto& fields : mappings) {
    FileOptions file{FileKind::events, InputFormat::ndjson, {}};
    file.mapping.fields = fields;
    expect_same_as_dom(kEdgeCases, file, fields.begin()->second);
  }
}

// The scan keeps the last records' key lookups while their keys stay byte for byte the same
// (ingest/lazy_record_view.hpp). Each record here repeats the shape before it but for one
// change that moves, hides or adds a key, so a lookup kept too long gives another answer.
TEST(JsonScanEquivalence, RecordsWhoseKeysChangeGiveTheDomReadersResults) {
  const std::string shapes =
      R"({"event":"a","userId":"u1","timestamp":"2024-01-01T00:00:00Z","context":{"groupId":"g1"}})" "\n"
      R"({"event":"b","userId":"u2","timestamp":"2024-01-01T00:00:01Z","context":{"groupId":"g2"}})" "\n"
      // the same key lengths, one key's bytes changed (top level, then one level down)
      R"({"event":"c","userIx":"u3","timestamp":"2024-01-01T00:00:02Z","context":{"groupId":"g3"}})" "\n"
      R"({"event":"d","userId":"u4","timestamp":"2024-01-01T00:00:03Z","context":{"groupIx":"g4"}})" "\n"
      R"({"event":"e","userId":"u5","timestamp":"2024-01-01T00:00:04Z","context":{"groupId":"g5"}})" "\n"
      // the same keys in another order, then a duplicate (the last wins)
      R"({"userId":"u6","event":"f","context":{"groupId":"g6"},"timestamp":"2024-01-01T00:00:05Z"})" "\n"
      R"({"userId":"u7","event":"g","context":{"groupId":"g7"},"timestamp":"2024-01-01T00:00:06Z","userId":"u7b"})" "\n"
      // an escape that spells the same key, a member one level down more, an object turned string
      R"({"userId":"u8","event":"h","context":{"group\u0049d":"g8"},"timestamp":"2024-01-01T00:00:07Z","userId":"u8b"})" "\n"
      R"({"userId":"u9","event":"i","context":{"groupId":"g9","groupId":"g9b"},"timestamp":"2024-01-01T00:00:08Z","userId":"u9b"})" "\n"
      R"({"userId":"u10","event":"j","context":"{\"groupId\":\"g10\"}","timestamp":"2024-01-01T00:00:09Z","userId":"u10b"})" "\n"
      // the same keys and the same objects' sizes, but another member holds the object
      R"({"userId":"u14","event":"n","context":{"groupId":"g14"},"timestamp":"2024-01-01T00:00:13Z","p":"s"})" "\n"
      R"({"userId":"u15","event":"o","context":"{\"groupId\":\"g15\"}","timestamp":"2024-01-01T00:00:14Z","p":{"groupId":"x"}})" "\n"
      // two levels down (not indexed by the scan): the keys there change, the shape above does not
      R"({"event":"k","userId":"u11","timestamp":"2024-01-01T00:00:10Z","context":{"traits":{"groupId":"g11"}}})" "\n"
      R"({"event":"l","userId":"u12","timestamp":"2024-01-01T00:00:11Z","context":{"traits":{"groupIx":"g12"}}})" "\n"
      R"({"event":"m","userId":"u13","timestamp":"2024-01-01T00:00:12Z","context":{"traits":{"groupId":"g13"}}})" "\n";
  expect_same_as_dom(shapes, FileOptions{FileKind::events, InputFormat::ndjson, {}}, "auto-detected");
  FileOptions nested{FileKind::events, InputFormat::ndjson, {}};
  nested.mapping.fields = {{"account", "context.traits.groupId"}, {"user", "userId"}};
  expect_same_as_dom(shapes, nested, "two levels down");
  // And by hand, for the values a kept lookup would get wrong.
  FileOptions mapped{FileKind::events, InputFormat::ndjson, {}};
  mapped.mapping.fields = {{"account", "context.groupId"}, {"user", "userId"}};
  const Aggregates a = ingest_buffer("input.json", shapes, mapped);
  std::vector<std::string> users, accounts;
  for (const auto& u : a.users) users.push_back(u.id);
  for (const auto& acc : a.accounts) accounts.push_back(acc.id);
  EXPECT_EQ(users, (std::vector<std::string>{"u1", "u2", "u4", "u5", "u6", "u7b", "u8b", "u9b", "u10b", "u14", "u15",
                                             "u11", "u12", "u13"}));
  // Users never seen with an account become accounts of their own, after the others (docs/ingest.md).
  EXPECT_EQ(accounts, (std::vector<std::string>{"g1", "g2", "g3", "g5", "g6", "g7", "g8", "g9b", "g10", "g14", "g15",
                                                "u4", "u11", "u12", "u13"}));
}

TEST(JsonScanEquivalence, ArrayLayoutsGiveTheDomReadersResults) {
  std::string array = "[\n";
  std::string wrapped = "{\"sentAt\":\"x\",\"batch\":[";
  std::istringstream lines(kEdgeCases);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) continue;  // a BOM inside an array is no JSON
    array += (first ? "  " : ",\n  ") + line;
    wrapped += (first ? "" : ",") + line;
    first = false;
  }
  array += "\n]\n";
  wrapped += "],\"next\":null}";
  expect_same_as_dom(array, FileOptions{FileKind::events, InputFormat::auto_detect, {}}, "array");
  expect_same_as_dom(wrapped, FileOptions{FileKind::events, InputFormat::auto_detect, {}}, "wrapped");
}

TEST(JsonScanEquivalence, EveryChunkSizeGivesTheWholeResult) {
  // A record split anywhere, including inside escapes, numbers, literals and multi-byte UTF-8.
  const std::string input =
      R"({"type":"track","event":"caf\u00e9","userId":"u\"1","timestamp":1704067200000,"context":{"groupId":"acc"}})" "\n"
      "{\"event\":\"\xC3\xA9t\xC3\xA9\",\"user_id\":\"u2\",\"timestamp\":\"2024-01-02T00:00:00Z\",\"ok\":true,\"n\":null}\r\n"
      R"({"event":"broken","user_id":"u3")" "\n"
      R"({"event":"last","user_id":"u4","timestamp":"2024-01-03","messageId":"m"})";  // no final line break
  const FileOptions file{FileKind::events, InputFormat::auto_detect, {}};
  const std::string whole = outcome(input, file, false);
  EXPECT_EQ(whole, outcome(input, file, true));
  for (size_t chunk = 1; chunk <= input.size(); ++chunk) {
    EXPECT_EQ(outcome(input, file, false, chunk), whole) << "chunks of " << chunk;
  }
}

Aggregates scanned(const std::string& data, FileOptions file = {}) {
  Aggregates a = ingest_buffer("input.json", data, file);
  return a;
}

// Hand-written expectations (RFC 8259: escapes are unescaped before use; nlohmann/json keeps the
// last of duplicate keys, as its documentation says of objects read from text).
TEST(JsonScan, ReadsEscapedDuplicatedAndNestedValues) {
  FileOptions file{FileKind::events, InputFormat::ndjson, {}};
  file.mapping.fields = {{"account", "context.groupId"}, {"user", "userId"}, {"event", "event"}, {"timestamp", "timestamp"}};
  const Aggregates a = scanned(
      R"({"event":"caf\u00e9 \"x\"","userId":"u\u0031","timestamp":"2024-01-01T00:00:00Z","context":{"group\u0049d":"acc\/1"}})" "\n"
      R"({"event":"a","event":"b","userId":"u2","timestamp":"2024-01-01T00:00:01Z","context.groupId":"flat","context":{"groupId":"nested"}})" "\n"
      R"({"event":"c","userId":42,"timestamp":"2024-01-01T00:00:02Z","context":{"groupId":["first","second"]}})" "\n",
      file);
  EXPECT_EQ(a.report.rejected, 0u);
  EXPECT_EQ(a.event_names, (std::vector<std::string>{"caf\xC3\xA9 \"x\"", "b", "c"}));
  ASSERT_EQ(a.accounts.size(), 3u);
  EXPECT_EQ(a.accounts[0].id, "acc/1");
  EXPECT_EQ(a.accounts[1].id, "flat");  // the key "context.groupId" itself wins over the nested one
  EXPECT_EQ(a.accounts[2].id, "first");
  ASSERT_EQ(a.users.size(), 3u);
  EXPECT_EQ(a.users[0].id, "u1");
  EXPECT_EQ(a.users[2].id, "42");
}

TEST(JsonScan, ReadsPropertiesHeldAsAJsonString) {
  // PostHog exports `properties` as a JSON string in some exports (docs/ingest.md).
  FileOptions file{FileKind::events, InputFormat::ndjson, {}};
  file.mapping.fields = {{"account", "properties.$groups.company"}, {"user", "distinct_id"}};
  const Aggregates a = scanned(
      R"({"event":"$pageview","distinct_id":"p1","timestamp":"2024-01-05T10:00:00Z","properties":"{\"$groups\":{\"company\":\"co\"}}"})" "\n",
      file);
  ASSERT_EQ(a.accounts.size(), 1u);
  EXPECT_EQ(a.accounts[0].id, "co");
}

TEST(JsonScan, RejectsAnInvalidRecordAtItsPositionAndGoesOn) {
  const Aggregates a = scanned(
      "{\"event\":\"e\",\"user_id\":\"u\",\"timestamp\":\"2024-01-01\"}\n"
      "{\"event\":\"e\",\"user_id\":\"u\",\"timestamp\":\"2024-01-01\",}\n"
      "{\"event\":\"e\",\"user_id\":\"u\",\"timestamp\":\"2024-01-02\"}\n");
  EXPECT_EQ(a.report.events, 2u);
  ASSERT_EQ(a.report.issues.size(), 1u);
  EXPECT_EQ(a.report.issues[0].code, IngestErrorCode::invalid_json);
  EXPECT_EQ(a.report.issues[0].line, 2u);
  // The trailing comma is the 52nd byte: the brace after it is where the parser stops.
  EXPECT_EQ(a.report.issues[0].column, 53u);
}

}  // namespace
}  // namespace pqlscope
