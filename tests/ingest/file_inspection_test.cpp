// inspect_file_head(): what the dashboard's mapping step shows for the head of a file. The
// fixtures are written by hand in documented export shapes; the expected values are read off
// the rows written here.
// - European Excel saves "CSV (semicolon delimited)" in the ANSI code page (Windows-1252 in
//   Western Europe) with ';' between fields: its list separator, since ',' is the decimal one.
// - Snowplow atomic.events: `event` is the event type, the name is `event_name`; timestamps
//   `YYYY-MM-DD HH:MM:SS.mmm`; `domain_userid` the first-party cookie id.
// - GA4 BigQuery export: `event_timestamp` INT64 microseconds since the epoch, `user_pseudo_id`.
// - Segment HTTP API batch: {"batch": [{"type": "track", "event", "userId", "timestamp",
//   "context": {"groupId"}}, ...], "sentAt"}.
// - Singer: one message a line, {"type": "SCHEMA"|"RECORD"|"STATE", "stream", "record"}.
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/ingest/file_inspection.hpp"
#include "pqlscope/session/inspection.hpp"

namespace pqlscope {
namespace {

InspectOptions whole() {
  InspectOptions o;
  o.complete = true;
  return o;
}

const InspectedRole& role_of(const FileInspection& x, const std::string& name) {
  for (const InspectedRole& r : x.roles) {
    if (r.role == name) return r;
  }
  throw std::out_of_range("no role " + name);
}

TEST(FileInspection, SemicolonWindows1252EventsCsv) {
  // "Société Générale" in Windows-1252: 0xE9 is é.
  const std::string file =
      "timestamp;account_id;user_id;event\r\n"
      "2024-03-05T14:07:09Z;Soci\xE9t\xE9 G\xE9n\xE9rale;u1;login\r\n"
      "2024-03-05T15:00:00Z;acme;u2;report_created\r\n";
  const FileInspection x = inspect_file_head(file, whole());
  EXPECT_EQ(x.problem, "");
  EXPECT_EQ(x.kind, "events");
  EXPECT_EQ(x.mapping.guessed.kind, "events");
  EXPECT_TRUE(x.mapping.guessed.confident);
  EXPECT_EQ(x.format, "csv");
  EXPECT_EQ(x.delimiter, ";");
  EXPECT_EQ(x.encoding, "windows-1252");
  EXPECT_EQ(x.notices.size(), 2u);
  EXPECT_EQ(x.columns, (std::vector<std::string>{"timestamp", "account_id", "user_id", "event"}));
  ASSERT_EQ(x.preview.size(), 2u);
  EXPECT_EQ(x.preview[0], (std::vector<std::string>{"2024-03-05T14:07:09Z", "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale",
                                                    "u1", "login"}));
  EXPECT_EQ(role_of(x, "timestamp").field, "timestamp");
  EXPECT_TRUE(role_of(x, "timestamp").required);
  EXPECT_EQ(role_of(x, "account").field, "account_id");
  EXPECT_EQ(role_of(x, "user").field, "user_id");
  EXPECT_EQ(role_of(x, "event").field, "event");
  EXPECT_EQ(role_of(x, "event").reason, "header_name");
  EXPECT_EQ(role_of(x, "message_id").field, "");
  EXPECT_EQ(x.missing, "");
  EXPECT_EQ(x.epoch_unit, "");
  EXPECT_FALSE(x.slash_dates);
  EXPECT_EQ(x.timestamps_parsed, 2u);
  EXPECT_EQ(x.timestamps_sampled, 2u);
}

// The day-count table of docs/aggregates.md ("CSV form", version 1 header): session/input_ingest
// reads it as day counts whatever kind and mapping are chosen, so the step must not ask for one
// (its `day` column would otherwise be offered as the timestamp, `entity_id` as nothing).
TEST(FileInspection, DayCountFileHasNothingToMap) {
  const std::string file =
      "level,entity_id,account_id,event,day,count\n"
      "account,acme,acme,login,2026-06-01,2\n"
      "user,u1,acme,login,2026-06-01,2\n";
  const FileInspection x = inspect_file_head(file, whole());
  EXPECT_TRUE(x.day_counts);
  EXPECT_EQ(x.kind, "events");
  EXPECT_TRUE(x.roles.empty());
  EXPECT_EQ(x.missing, "");
  EXPECT_EQ(x.problem, "");
  ASSERT_EQ(x.preview.size(), 2u);
  EXPECT_EQ(x.preview[0][1], "acme");
  EXPECT_EQ(inspection_to_json(x)["day_counts"], true);

  // An events file is not taken for one.
  EXPECT_FALSE(inspect_file_head("timestamp,account_id,user_id,event\n2026-06-01T10:00:00Z,acme,u1,login\n", whole())
                   .day_counts);
}

TEST(FileInspection, EmptyEventColumnPassedOverForEventName) {
  const std::string file =
      "event_id,event,event_name,derived_tstamp,domain_userid\n"
      "e1,,page_view,2024-03-05 14:07:09.123,d1\n"
      "e2,,link_click,2024-03-05 14:08:00.000,d2\n";
  const FileInspection x = inspect_file_head(file, whole());
  EXPECT_EQ(x.kind, "events");
  EXPECT_EQ(role_of(x, "event").field, "event_name");
  EXPECT_EQ(role_of(x, "timestamp").field, "derived_tstamp");
  EXPECT_EQ(role_of(x, "user").field, "domain_userid");
  EXPECT_EQ(x.preview[1][2], "link_click");
  EXPECT_EQ(x.preview[1][1], "");
}

TEST(FileInspection, Ga4MicrosecondsAreAnEpochUnit) {
  // 1709647629123456 us = 2024-03-05T14:07:09.123456Z.
  const std::string file =
      "event_date,event_timestamp,event_name,user_pseudo_id\n"
      "20240305,1709647629123456,session_start,1234.5678\n";
  const FileInspection x = inspect_file_head(file, whole());
  EXPECT_EQ(x.mapping.source, "ga4");
  EXPECT_EQ(role_of(x, "timestamp").field, "event_timestamp");
  EXPECT_EQ(role_of(x, "user").field, "user_pseudo_id");
  EXPECT_EQ(x.epoch_unit, "us");
  EXPECT_EQ(x.timestamps_parsed, 1u);
}

TEST(FileInspection, SpreadsheetDatesAmbiguousUntilAValueOrTheOptionDecides) {
  const std::string open = "timestamp,user_id,event\n03/01/2024 14:30,u1,login\n04/02/2024 09:00,u2,login\n";
  FileInspection x = inspect_file_head(open, whole());
  EXPECT_TRUE(x.slash_dates);
  EXPECT_TRUE(x.date_order_ambiguous);
  EXPECT_EQ(x.date_order, "");
  EXPECT_EQ(x.timestamps_parsed, 0u);

  // 13/01: 13 cannot be a month, so the column is day-first.
  x = inspect_file_head(open + "13/01/2024 10:00,u3,login\n", whole());
  EXPECT_TRUE(x.slash_dates);
  EXPECT_FALSE(x.date_order_ambiguous);
  EXPECT_EQ(x.date_order, "dmy");
  EXPECT_EQ(x.timestamps_parsed, 3u);

  InspectOptions given = whole();
  given.file.mapping.date_order = DateOrder::month_first;
  x = inspect_file_head(open, given);
  EXPECT_FALSE(x.date_order_ambiguous);
  EXPECT_EQ(x.date_order, "mdy");
  EXPECT_EQ(x.timestamps_parsed, 2u);
}

TEST(FileInspection, SegmentBatchIsUnwrapped) {
  const std::string file =
      R"({"batch": [{"type": "track", "event": "Signed Up", "userId": "u1", "timestamp": "2024-03-05T14:07:09Z",)"
      R"( "context": {"groupId": "acme"}, "messageId": "m1"},)"
      R"( {"type": "track", "event": "Report Created", "userId": "u2", "timestamp": "2024-03-05T15:00:00Z",)"
      R"( "context": {"groupId": "acme"}, "messageId": "m2"}], "sentAt": "2024-03-05T15:00:01Z"})";
  const FileInspection x = inspect_file_head(file, whole());
  EXPECT_TRUE(x.wrapped);
  EXPECT_EQ(x.format, "json");
  EXPECT_EQ(x.sampled_records, 2u);
  EXPECT_EQ(role_of(x, "event").field, "event");
  EXPECT_EQ(role_of(x, "user").field, "userId");
  EXPECT_EQ(role_of(x, "account").field, "context.groupId");
  EXPECT_EQ(role_of(x, "message_id").field, "messageId");
  ASSERT_EQ(x.preview.size(), 2u);
  bool found = false;
  for (size_t c = 0; c < x.columns.size(); ++c) {
    if (x.columns[c] == "event") {
      found = true;
      EXPECT_EQ(x.preview[1][c], "Report Created");
    }
  }
  EXPECT_TRUE(found);
}

TEST(FileInspection, SingerRecordsUnwrappedOtherMessagesCounted) {
  const std::string file =
      R"({"type": "SCHEMA", "stream": "events", "schema": {}, "key_properties": ["id"]})" "\n"
      R"({"type": "RECORD", "stream": "events", "record": {"id": "1", "event": "login", "user_id": "u1", "timestamp": "2024-03-05T14:07:09Z"}})" "\n"
      R"({"type": "RECORD", "stream": "events", "record": {"id": "2", "event": "logout", "user_id": "u1", "timestamp": "2024-03-05T15:07:09Z"}})" "\n"
      R"({"type": "STATE", "value": {"bookmark": 2}})" "\n";
  const FileInspection x = inspect_file_head(file, whole());
  EXPECT_EQ(x.format, "ndjson");
  EXPECT_EQ(x.envelope_records, 2u);
  EXPECT_EQ(x.protocol_messages, 2u);
  EXPECT_EQ(x.sampled_records, 2u);
  EXPECT_EQ(role_of(x, "event").field, "event");
  EXPECT_EQ(role_of(x, "user").field, "user_id");
}

TEST(FileInspection, AccountsGuessedAndAKindGivenWins) {
  const std::string file = "account_id,name,domain,employees,plan\nacme,Acme,acme.com,50,trial\n";
  FileInspection x = inspect_file_head(file, whole());
  EXPECT_EQ(x.kind, "accounts");
  EXPECT_EQ(role_of(x, "account").field, "account_id");
  EXPECT_EQ(role_of(x, "domain").field, "domain");

  InspectOptions as_events = whole();
  as_events.kind = FileKind::events;
  x = inspect_file_head(file, as_events);
  EXPECT_EQ(x.kind, "events");
  EXPECT_EQ(x.mapping.guessed.kind, "accounts");
  EXPECT_NE(x.missing, "");  // no timestamp, no event name
}

TEST(FileInspection, AnExplicitMappingIsChosenByYou) {
  const std::string file = "when,who,what\n2024-03-05T14:07:09Z,u1,login\n";
  InspectOptions o = whole();
  o.file.mapping.fields = {{"timestamp", "when"}, {"user", "who"}, {"event", "what"}};
  const FileInspection x = inspect_file_head(file, o);
  EXPECT_EQ(role_of(x, "event").field, "what");
  EXPECT_EQ(role_of(x, "event").reason, "chosen_by_you");
  EXPECT_EQ(role_of(x, "timestamp").field, "when");
  EXPECT_EQ(x.missing, "");
}

TEST(FileInspection, NothingReadableIsAProblem) {
  EXPECT_NE(inspect_file_head(std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10), whole()).problem, "");
  EXPECT_EQ(inspect_file_head("  \n\n", whole()).problem, "the file is empty");
  EXPECT_EQ(inspect_file_head("timestamp,user_id,event\n", whole()).problem, "the file has a header but no rows");
}

TEST(FileInspection, AHeadCutInsideARowLeavesThatRowOut) {
  const std::string head = "timestamp,user_id,event\n2024-03-05T14:07:09Z,u1,login\n2024-03-05T15:0";
  InspectOptions cut;  // complete = false
  const FileInspection x = inspect_file_head(head, cut);
  EXPECT_EQ(x.sampled_records, 1u);
  EXPECT_EQ(x.preview.size(), 1u);
  EXPECT_EQ(x.unreadable_records, 0u);
}

TEST(FileInspection, JsonForm) {
  const InspectOptions o = inspect_options_from_json(R"({"complete": true, "kind": "accounts", "mapping": {"name": "title"}})");
  EXPECT_TRUE(o.complete);
  ASSERT_TRUE(o.kind.has_value());
  EXPECT_EQ(*o.kind, FileKind::accounts);
  EXPECT_EQ(o.file.mapping.fields.at("name"), "title");
  EXPECT_FALSE(inspect_options_from_json(R"({"date_order": "dmy"})").kind.has_value());
  EXPECT_THROW(inspect_options_from_json(R"({"complete": 1})"), std::invalid_argument);
  EXPECT_THROW(inspect_options_from_json(R"({"colour": "red"})"), std::invalid_argument);

  const nlohmann::ordered_json j =
      inspection_to_json(inspect_file_head("timestamp,user_id,event\n2024-03-05T14:07:09Z,u1,login\n", whole()));
  EXPECT_EQ(j["kind"], "events");
  EXPECT_EQ(j["columns"].get<std::vector<std::string>>(), (std::vector<std::string>{"timestamp", "user_id", "event"}));
  EXPECT_EQ(j["preview"][0][2], "login");
  EXPECT_EQ(j["roles"][0]["role"], "timestamp");
  EXPECT_EQ(j["roles"][0]["field"], "timestamp");
  EXPECT_EQ(j["problem"], "");
}

}  // namespace
}  // namespace pqlscope
