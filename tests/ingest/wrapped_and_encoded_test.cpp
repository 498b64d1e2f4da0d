// The same three events, written the ways real tools write them, give the same per-account
// results: plain CSV, European Excel (';', Windows-1252, day-first dates), Excel "Unicode
// text" (UTF-16 LE with BOM, tabs), a warehouse unload ('|', epoch microseconds), a
// Segment / RudderStack HTTP batch, a PostHog API page, Singer and Airbyte connector output.
//
// The events, and their expected results worked out by hand:
//   2019-10-01 00:00:00 UTC  Société Générale  amélie  login           (1569888000000 ms: the
//   2019-10-01 08:30:00 UTC  Société Générale  amélie  report_created   BigQuery example date;
//   2019-10-02 12:00:00 UTC  Müller GmbH       jürgen  login            1569888000 s is a known fact)
// so Société Générale has 2 events on 2019-10-01, first 1569888000000, last +8.5 h =
// 1569918600000; Müller GmbH has 1 event on 2019-10-02 at 1569888000000 + 36 h = 1570017600000.
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

// "id events first last | day event count ..." per account, in a fixed order.
std::string per_account(const Aggregates& a) {
  std::string out;
  for (uint32_t i = 0; i < a.accounts.size(); ++i) {
    const AccountRecord& r = a.accounts[i];
    out += r.id + " " + std::to_string(r.events) + " " + std::to_string(r.first_event_at.value_or(-1)) +
           " " + std::to_string(r.last_event_at.value_or(-1)) + " |";
    for (const DayCount& d : a.account_days) {
      if (d.entity == i) out += " " + format_day(d.day) + " " + a.event_names[d.event] + " " + std::to_string(d.count);
    }
    out += "\n";
  }
  return out;
}

const std::string kExpected =
    "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale 2 1569888000000 1569918600000 | 2019-10-01 login 1 "
    "2019-10-01 report_created 1\n"
    "M\xC3\xBCller GmbH 1 1570017600000 1570017600000 | 2019-10-02 login 1\n";

// Ingests `bytes` whole and in every chunk size up to 64: all must give `kExpected`.
void expect_same_results(const std::string& name, const std::string& bytes, FileOptions options = {},
                         uint64_t skipped = 0) {
  for (size_t chunk = 0; chunk <= 64; ++chunk) {
    Ingestor ingest;
    ingest.begin_file(name, options);
    const size_t step = chunk == 0 ? bytes.size() : chunk;
    for (size_t at = 0; at < bytes.size(); at += step) ingest.feed(std::string_view(bytes).substr(at, step));
    const Aggregates a = ingest.finish();
    ASSERT_EQ(a.report.rejected, 0u) << name << " chunk " << chunk << ": "
                                     << (a.report.issues.empty() ? "" : a.report.issues[0].to_string());
    EXPECT_EQ(per_account(a), kExpected) << name << " chunk " << chunk;
    EXPECT_EQ(a.report.events, 3u) << name;
    EXPECT_EQ(a.report.skipped, skipped) << name;
  }
}

Aggregates ingest_whole(const std::string& bytes, FileOptions options = {}) {
  return ingest_buffer("f", bytes, options);
}

const std::string kPlainCsv =
    "timestamp,account_id,user_id,event\n"
    "2019-10-01 00:00:00 UTC,Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale,am\xC3\xA9lie,login\n"
    "2019-10-01 08:30:00 UTC,Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale,am\xC3\xA9lie,report_created\n"
    "2019-10-02 12:00:00 UTC,M\xC3\xBCller GmbH,j\xC3\xBCrgen,login\n";

TEST(SameEventsTest, PlainCsvWithBigQueryTimestamps) { expect_same_results("plain.csv", kPlainCsv); }

// Excel in a German or French locale, "CSV (semicolon delimited)": ';', cp1252 (é = E9,
// ü = FC), dates as the locale shows them (day-first with dots), CRLF line ends.
TEST(SameEventsTest, EuropeanExcelSemicolonWindows1252) {
  const std::string csv =
      "timestamp;account_id;user_id;event\r\n"
      "01.10.2019 00:00;Soci\xE9t\xE9 G\xE9n\xE9rale;am\xE9lie;login\r\n"
      "01.10.2019 08:30;Soci\xE9t\xE9 G\xE9n\xE9rale;am\xE9lie;report_created\r\n"
      "02.10.2019 12:00;M\xFCller GmbH;j\xFCrgen;login\r\n";
  expect_same_results("excel.csv", csv);
  const Aggregates a = ingest_whole(csv);
  EXPECT_EQ(a.report.files[0].encoding, "windows-1252");
  EXPECT_EQ(a.report.files[0].delimiter, ";");
}

// US Excel: month-first slash dates; the 13th proves the order only in a later row, so the
// first row needs --date-order (mapping date_order) or is rejected as ambiguous.
TEST(SameEventsTest, SlashDatesNeedTheOrderWhenTheValuesCannotTell) {
  const std::string csv =
      "timestamp,account_id,user_id,event\n"
      "10/1/2019 0:00,Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale,am\xC3\xA9lie,login\n"
      "10/1/2019 8:30,Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale,am\xC3\xA9lie,report_created\n"
      "10/2/2019 12:00 PM,M\xC3\xBCller GmbH,j\xC3\xBCrgen,login\n";
  FileOptions mdy;
  mdy.mapping.date_order = DateOrder::month_first;
  expect_same_results("us.csv", csv, mdy);
  const Aggregates undecided = ingest_whole(csv);
  EXPECT_EQ(undecided.report.rejected_by_code[static_cast<size_t>(IngestErrorCode::ambiguous_date)], 3u);
  ASSERT_FALSE(undecided.report.issues.empty());
  EXPECT_NE(undecided.report.issues[0].to_string().find("--date-order"), std::string::npos);
  EXPECT_EQ(undecided.report.issues[0].line, 2u);
}

// Excel's "Unicode text": UTF-16 LE with a byte order mark, tab-separated.
TEST(SameEventsTest, ExcelUnicodeTextUtf16) {
  const std::u16string text =
      u"timestamp\taccount_id\tuser_id\tevent\r\n"
      u"2019-10-01T00:00:00Z\tSoci\u00e9t\u00e9 G\u00e9n\u00e9rale\tam\u00e9lie\tlogin\r\n"
      u"2019-10-01T08:30:00Z\tSoci\u00e9t\u00e9 G\u00e9n\u00e9rale\tam\u00e9lie\treport_created\r\n"
      u"2019-10-02T12:00:00Z\tM\u00fcller GmbH\tj\u00fcrgen\tlogin\r\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t unit : text) {
    bytes += static_cast<char>(unit & 0xFF);
    bytes += static_cast<char>(unit >> 8);
  }
  expect_same_results("unicode.txt", bytes);
  EXPECT_EQ(ingest_whole(bytes).report.files[0].encoding, "utf-16le");
}

// A warehouse unload with '|' and GA4-style epoch microseconds (event_timestamp is INT64
// microseconds in the BigQuery export).
TEST(SameEventsTest, PipeDelimitedEpochMicroseconds) {
  expect_same_results("unload.txt",
                      "timestamp|account_id|user_id|event\n"
                      "1569888000000000|Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale|am\xC3\xA9lie|login\n"
                      "1569918600000000|Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale|am\xC3\xA9lie|report_created\n"
                      "1570017600000000|M\xC3\xBCller GmbH|j\xC3\xBCrgen|login\n");
}

// Segment's HTTP tracking API batch body (segment.com/docs/connections/sources/catalog/
// libraries/server/http-api/#batch): {"batch": [calls], "sentAt", "context"}; RudderStack's
// /v1/batch takes the same shape. Members before and after the array; a group call (counted
// as skipped); the account of the track calls is context.groupId.
TEST(SameEventsTest, SegmentHttpBatch) {
  const std::string batch = R"({
  "sentAt": "2019-10-03T00:00:00Z",
  "context": {"library": {"name": "http", "version": "1.0"}, "tags": ["a", "b"]},
  "batch": [
    {"type": "track", "messageId": "m1", "userId": "amélie", "event": "login",
     "timestamp": "2019-10-01T00:00:00Z", "context": {"groupId": "Société Générale"}},
    {"type": "track", "messageId": "m2", "userId": "amélie", "event": "report_created",
     "timestamp": "2019-10-01T08:30:00.000Z", "context": {"groupId": "Société Générale"}},
    {"type": "group", "messageId": "m3", "userId": "jürgen", "groupId": "Müller GmbH",
     "timestamp": "2019-10-02T11:00:00Z", "traits": {"name": "Müller [GmbH]"}},
    {"type": "track", "messageId": "m4", "userId": "jürgen", "event": "login",
     "timestamp": "2019-10-02T12:00:00Z", "properties": {"note": "a } and a ]"},
     "context": {"groupId": "Müller GmbH"}}
  ],
  "writeKey": "not-a-real-key"
}
)";
  expect_same_results("batch.json", batch, {}, 1);
  EXPECT_EQ(ingest_whole(batch).report.files[0].format, "json");
  // The array first, nothing after it; one line.
  std::string one_line = R"({"batch":[{"type":"track","userId":"amélie","event":"login","timestamp":"2019-10-01T00:00:00Z","context":{"groupId":"Société Générale"}},)"
                         R"({"type":"track","userId":"amélie","event":"report_created","timestamp":"2019-10-01T08:30:00Z","context":{"groupId":"Société Générale"}},)"
                         R"({"type":"track","userId":"jürgen","event":"login","timestamp":"2019-10-02T12:00:00Z","context":{"groupId":"Müller GmbH"}}]})";
  expect_same_results("batch1.json", one_line);
}

// PostHog's events API page (posthog.com/docs/api/events): {"next": url, "results": [event]}
// with properties.$groups naming the group of each group type; timestamps with "+00:00".
TEST(SameEventsTest, PostHogApiPage) {
  expect_same_results("page.json", R"({"next": "https://app.posthog.com/api/projects/1/events/?after=x",
 "results": [
  {"id": "1", "event": "login", "distinct_id": "amélie", "timestamp": "2019-10-01T00:00:00+00:00",
   "properties": {"$groups": {"company": "Société Générale"}}, "elements": []},
  {"id": "2", "event": "report_created", "distinct_id": "amélie", "timestamp": "2019-10-01T10:30:00+02:00",
   "properties": {"$groups": {"company": "Société Générale"}}, "elements": []},
  {"id": "3", "event": "login", "distinct_id": "jürgen", "timestamp": "2019-10-02 12:00:00.000000+00:00",
   "properties": {"$groups": {"company": "Müller GmbH"}}, "elements": []}
 ]})");
}

// Singer (the specification in github.com/singer-io/getting-started): SCHEMA, RECORD, STATE messages.
TEST(SameEventsTest, SingerTapOutput) {
  const std::string singer =
      R"({"type": "SCHEMA", "stream": "events", "schema": {"properties": {"event": {"type": "string"}}}, "key_properties": []})" "\n"
      R"({"type": "RECORD", "stream": "events", "record": {"timestamp": "2019-10-01T00:00:00Z", "account_id": "Société Générale", "user_id": "amélie", "event": "login"}})" "\n"
      R"({"type": "RECORD", "stream": "events", "record": {"timestamp": "2019-10-01T08:30:00Z", "account_id": "Société Générale", "user_id": "amélie", "event": "report_created"}, "time_extracted": "2019-10-05T00:00:00Z"})" "\n"
      R"({"type": "STATE", "value": {"bookmarks": {"events": "2019-10-01"}}})" "\n"
      R"({"type": "RECORD", "stream": "events", "record": {"timestamp": "2019-10-02T12:00:00Z", "account_id": "Müller GmbH", "user_id": "jürgen", "event": "login"}})" "\n"
      R"({"type": "STATE", "value": {"bookmarks": {"events": "2019-10-02"}}})" "\n";
  expect_same_results("singer.jsonl", singer, {}, 3);
  const Aggregates a = ingest_whole(singer);
  EXPECT_EQ(a.report.files[0].protocol_messages, 3u);
  EXPECT_EQ(a.report.files[0].rows, 6u);
}

// Airbyte protocol (docs.airbyte.com/understanding-airbyte/airbyte-protocol): RECORD
// messages carry record.stream, record.data, record.emitted_at (ms); LOG and STATE lines too.
TEST(SameEventsTest, AirbyteConnectorOutput) {
  const std::string airbyte =
      R"({"type": "LOG", "log": {"level": "INFO", "message": "starting"}})" "\n"
      R"({"type": "RECORD", "record": {"stream": "events", "data": {"timestamp": 1569888000000, "account_id": "Société Générale", "user_id": "amélie", "event": "login"}, "emitted_at": 1570000000000}})" "\n"
      R"({"type": "RECORD", "record": {"stream": "events", "data": {"timestamp": 1569918600000, "account_id": "Société Générale", "user_id": "amélie", "event": "report_created"}, "emitted_at": 1570000000000}})" "\n"
      R"({"type": "RECORD", "record": {"namespace": "public", "stream": "events", "data": {"timestamp": 1570017600000, "account_id": "Müller GmbH", "user_id": "jürgen", "event": "login"}, "emitted_at": 1570000000000}})" "\n"
      R"({"type": "STATE", "state": {"type": "STREAM", "stream": {"stream_descriptor": {"name": "events"}}}})" "\n"
      R"({"type": "TRACE", "trace": {"type": "ERROR", "emitted_at": 1570000000000.0, "error": {"message": "x"}}})" "\n";
  expect_same_results("airbyte.jsonl", airbyte, {}, 3);
  EXPECT_EQ(ingest_whole(airbyte).report.files[0].protocol_messages, 3u);
}

TEST(WrappedJsonErrorsTest, KeepFileLineAndColumn) {
  // The third element's timestamp is impossible: its position is the element's start.
  const Aggregates a = ingest_whole(
      "{\"sentAt\": 1,\n \"batch\": [\n  {\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"timestamp\":\"2019-10-01T00:00:00Z\"},\n"
      "  {\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"timestamp\":\"2019-02-30T00:00:00Z\"}\n ]\n}\n");
  ASSERT_EQ(a.report.issues.size(), 1u);
  EXPECT_EQ(a.report.issues[0].code, IngestErrorCode::invalid_timestamp);
  EXPECT_EQ(a.report.issues[0].line, 4u);
  EXPECT_EQ(a.report.issues[0].column, 3u);
  EXPECT_EQ(a.report.events, 1u);
  const Aggregates open = ingest_whole("{\"results\": [{\"event\":\"e\",\"user_id\":\"u\",\"timestamp\":\"2019-10-01\"}], \"next\": \"x\"");
  ASSERT_EQ(open.report.issues.size(), 1u);
  EXPECT_EQ(open.report.issues[0].code, IngestErrorCode::invalid_json);
  EXPECT_NE(open.report.issues[0].message.find("not closed"), std::string::npos);
  const Aggregates after = ingest_whole("{\"results\": []}\n{\"results\": []}\n");
  ASSERT_FALSE(after.report.issues.empty());
  EXPECT_EQ(after.report.issues[0].code, IngestErrorCode::invalid_json);
  EXPECT_EQ(after.report.issues[0].line, 2u);
}

// An NDJSON event that has an array member with a wrapper name nested deeper, or a plain
// array member under another name, stays an NDJSON record.
TEST(WrappedJsonErrorsTest, NdjsonRecordsWithArraysAreNotWrappers) {
  const Aggregates a = ingest_whole(
      "{\"event\":\"e\",\"user_id\":\"u\",\"timestamp\":\"2019-10-01\",\"items\":[{\"x\":1}],\"p\":{\"data\":[1]}}\n"
      "{\"event\":\"e\",\"user_id\":\"u\",\"timestamp\":\"2019-10-02\"}\n");
  EXPECT_EQ(a.report.events, 2u);
  EXPECT_EQ(a.report.files[0].format, "ndjson");
}

}  // namespace
}  // namespace pqlscope
