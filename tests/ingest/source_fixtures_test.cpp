// A corpus of small files in the documented export shape of each source, with the accounts,
// users, events and rejects each must give, counted by hand from the rows written here.
// Every fixture is also read in random chunk sizes: the mapping (decided on the first records)
// and the result must not depend on the chunking.
//
// Shapes, from the tools' public documentation:
// - Snowplow atomic.events: `event` is the event type (page_view, unstruct, struct), the name is
//   `event_name`; `event_id` (UUID), `collector_tstamp`, `derived_tstamp`, `user_id`,
//   `domain_userid` (first-party cookie id). Warehouse timestamps `YYYY-MM-DD HH:MM:SS.mmm`.
// - GA4 BigQuery export: `event_date` STRING YYYYMMDD, `event_timestamp` INT64 microseconds since
//   the epoch (UTC), `event_name`, `event_params` (repeated key/value records), `user_id`
//   (nullable), `user_pseudo_id`.
// - Pendo (data sync / aggregations): rows per visitor, account and hour with `num_events` and
//   `num_minutes`; `feature_id` / `page_id`; times in epoch milliseconds.
// - Segment / RudderStack warehouse tables: snake_case `tracks` (event slug `event`, original
//   `event_text`), `pages` (name, path, url, title, referrer), `identifies` (traits as columns),
//   `groups` (user_id, group_id, traits), with id, anonymous_id, user_id, timestamp,
//   original_timestamp, sent_at, received_at, uuid_ts, context_* columns. RudderStack adds
//   context_source_id, context_destination_id, context_request_ip and channel.
// - PostHog CSV export: uuid, event, properties (JSON text; `$groups` maps group type -> key),
//   timestamp, distinct_id, person_id, elements_chain.
// - Amplitude export in a warehouse (Snowflake: upper-case columns): UUID, EVENT_TYPE,
//   EVENT_TIME `YYYY-MM-DD HH:MM:SS.ffffff` UTC, USER_ID, DEVICE_ID, AMPLITUDE_ID, GROUPS (JSON
//   text, group type -> [ids]), EVENT_PROPERTIES.
// - Heap (Fivetran's Heap connector `event` table): event_id, session_id, user_id, event_name,
//   time, type (click, pageview, ...), library, landing_page, path.
// - Mixpanel raw export: {"event", "properties": {"time" epoch seconds, "distinct_id",
//   "$insert_id", "mp_processing_time_ms", ...}}. Its schematized export pipeline's single table
//   `mp_master_event`: mp_event_name, time, distinct_id, one lower-case column per property,
//   `$` properties prefixed `mp_` (mp_insert_id, mp_lib).
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/ingest/kind_guess.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "support/chunking.hpp"

namespace pqlscope {
namespace {

struct Expected {
  std::string source;                          // recognised source id ("" for none)
  std::map<std::string, std::string> fields;   // role -> field that must fill it
  size_t accounts, users;
  uint64_t events, rejected, skipped;
};

uint32_t account_count(const Aggregates& a, std::string_view account, std::string_view event, std::string_view day) {
  uint32_t n = 0;
  for (const DayCount& d : a.account_days) {
    if (a.accounts[d.entity].id == account && a.event_names[d.event] == event && format_day(d.day) == day) n += d.count;
  }
  return n;
}

const RoleChoice* choice(const FileSummary& f, std::string_view role) {
  for (const RoleChoice& c : f.mapping.roles) {
    if (c.role == role) return &c;
  }
  return nullptr;
}

// Reads one events file whole, then in random chunks, checks the two agree, and checks the
// expectations on the whole read. Returns the whole read for fixture-specific checks.
Aggregates check_fixture(const std::string& text, const Expected& want, FileOptions options = {}) {
  const Aggregates whole = ingest_buffer("fixture", text, options);
  const std::string whole_json = aggregates_to_json(whole).dump();
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    Ingestor ingest;
    ingest.begin_file("fixture", options);
    testing_support::feed_in_random_chunks(text, seed, seed * 5, [&](std::string_view c) { ingest.feed(c); });
    const Aggregates chunked = ingest.finish();
    EXPECT_EQ(aggregates_to_json(chunked).dump(), whole_json) << "seed " << seed;
    const auto& a = chunked.report.files.at(0).mapping.roles;
    const auto& b = whole.report.files.at(0).mapping.roles;
    EXPECT_EQ(a.size(), b.size());
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
      EXPECT_EQ(a[i].field, b[i].field);
      EXPECT_EQ(a[i].detail, b[i].detail);
    }
  }
  const FileSummary& file = whole.report.files.at(0);
  EXPECT_EQ(file.mapping.source, want.source);
  for (const auto& [role, field] : want.fields) {
    const RoleChoice* c = choice(file, role);
    EXPECT_TRUE(c != nullptr && c->field == field) << role << " <- " << (c ? c->field : "(none)") << ", want " << field;
  }
  EXPECT_EQ(whole.accounts.size(), want.accounts);
  EXPECT_EQ(whole.users.size(), want.users);
  EXPECT_EQ(whole.report.events, want.events);
  EXPECT_EQ(whole.report.rejected, want.rejected);
  EXPECT_EQ(whole.report.skipped, want.skipped);
  return whole;
}

TEST(SourceFixtures, SnowplowAtomicEventsUseEventNameNotTheEventType) {
  // Odd column order, extra columns, unicode user id; rows 1 and 4 have no user_id (anonymous:
  // their domain_userid counts); row 4 has no derived_tstamp: its collector_tstamp counts.
  const std::string text =
      "app_id,platform,collector_tstamp,dvce_created_tstamp,event,event_id,name_tracker,user_id,domain_userid,"
      "network_userid,derived_tstamp,event_vendor,event_name,event_format,page_urlpath\n"
      "shop,web,2024-03-01 09:00:00.123,2024-03-01 09:00:00.100,page_view,c6ef3124-b53a-4b13-a233-0088f79dcbcb,sp1,,"
      "d-111,n-1,2024-03-01 09:00:00.110,com.snowplowanalytics.snowplow,page_view,jsonschema,/pricing\n"
      "shop,web,2024-03-01 09:05:00.000,2024-03-01 09:04:59.000,unstruct,9a1f7a0e-0000-4000-8000-000000000001,sp1,"
      "zo\xC3\xAB@acme.io,d-111,n-1,2024-03-01 09:04:59.900,com.acme,signup_started,jsonschema,/signup\n"
      "shop,web,2024-03-02 10:00:00.000,,struct,9a1f7a0e-0000-4000-8000-000000000002,sp1,zo\xC3\xAB@acme.io,d-111,"
      "n-1,2024-03-02 10:00:00.000,com.google.analytics,event,jsonschema,/app\n"
      "shop,web,2024-03-03 12:00:00.000,,unstruct,9a1f7a0e-0000-4000-8000-000000000003,sp1,,d-222,n-2,,com.acme,"
      "report_run,jsonschema,/x\n";
  const Aggregates a = check_fixture(text, {"snowplow",
                                            {{"event", "event_name"}, {"timestamp", "derived_tstamp"},
                                             {"user", "user_id"}, {"message_id", "event_id"}},
                                            3, 3, 4, 0, 0});
  EXPECT_EQ(account_count(a, "d-222", "report_run", "2024-03-03"), 1u);
  EXPECT_EQ(a.find_event("unstruct"), kNoAccount) << "the event type must not become an event name";
  EXPECT_NE(a.find_event("signup_started"), kNoAccount);
  EXPECT_EQ(account_count(a, "d-111", "page_view", "2024-03-01"), 1u);  // anonymous: its own account
}

TEST(SourceFixtures, EmptyEventColumnLosesToTheFilledOne) {
  // No known source: `event` is empty on every row, `event_name` holds the names.
  const std::string text =
      "ts,event,event_name,account_id,user_id\n"
      "2024-05-01T10:00:00Z,,Report Created,acc-1,u1\n"
      "2024-05-01T11:00:00Z,,Report Shared,acc-1,u2\n"
      "2024-05-02T09:30:00+02:00,,Report Created,acc-2,u3\n";
  const Aggregates a = check_fixture(text, {"", {{"event", "event_name"}, {"timestamp", "ts"}}, 2, 3, 3, 0, 0});
  const RoleChoice* event = choice(a.report.files[0], "event");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->reason, ChoiceReason::values);
  EXPECT_NE(event->detail.find("'event' is empty"), std::string::npos) << event->detail;
  EXPECT_EQ(account_count(a, "acc-2", "Report Created", "2024-05-02"), 1u);  // 09:30+02:00 = 07:30Z
}

TEST(SourceFixtures, EventTypeColumnLosesToEventNameByItsValues) {
  // Snowplow-like types in `event` without the rest of Snowplow's columns; epoch seconds.
  // 1709280000 = 2024-03-01T08:00:00Z (1709251200 is that day's midnight).
  const std::string text =
      "time,event,event_name,user_id\n"
      "1709280000,page_view,Viewed Pricing,u1\n"
      "1709283600,struct,Clicked Buy,u1\n";
  const Aggregates a = check_fixture(text, {"", {{"event", "event_name"}, {"timestamp", "time"}}, 1, 1, 2, 0, 0});
  EXPECT_NE(choice(a.report.files[0], "event")->detail.find("event types"), std::string::npos);
  EXPECT_EQ(a.report.files[0].mapping.timestamp_format, "epoch seconds");
  EXPECT_EQ(account_count(a, "u1", "Clicked Buy", "2024-03-01"), 1u);
}

TEST(SourceFixtures, PageViewsAloneAreEventNames) {
  // page_view is a Snowplow type but also a plain event name: a column of page views only
  // (no generic unstruct / struct) fits the event role.
  const std::string text =
      "time,event,user_id\n"
      "1709280000,page_view,u1\n"
      "1709283600,page_ping,u1\n";
  const Aggregates a = check_fixture(text, {"", {{"event", "event"}}, 1, 1, 2, 0, 0});
  EXPECT_EQ(choice(a.report.files[0], "event")->reason, ChoiceReason::header_name);
  EXPECT_EQ(account_count(a, "u1", "page_view", "2024-03-01"), 1u);
}

TEST(SourceFixtures, TimestampColumnWhoseValuesDoNotParseLosesToOneThatDoes) {
  const std::string text =
      "timestamp,created_at,user_id,event\n"
      "n/a,2024-02-01 08:00:00,u1,login\n"
      "n/a,2024-02-01 09:00:00,u2,login\n";
  const Aggregates a = check_fixture(text, {"", {{"timestamp", "created_at"}}, 2, 2, 2, 0, 0});
  EXPECT_EQ(choice(a.report.files[0], "timestamp")->reason, ChoiceReason::values);
}

TEST(SourceFixtures, Ga4ExportReadsEventTimestampAsMicroseconds) {
  // 1709280000123456 us = 2024-03-01T08:00:00.123456Z; 1709337600500000 us = 2024-03-02T00:00:00.5Z.
  // Row 1 has no user_id: user_pseudo_id counts. event_date (YYYYMMDD) is not the timestamp:
  // row 4, without event_timestamp, is rejected (missing_timestamp).
  const std::string text =
      "event_date,event_timestamp,event_name,event_params,user_id,user_pseudo_id,platform\n"
      "20240301,1709280000123456,page_view,\"[{\"\"key\"\":\"\"page_title\"\",\"\"value\"\":{\"\"string_value\"\":"
      "\"\"Home\"\"}}]\",,1234567890.1709280000,WEB\n"
      "20240301,1709283600000001,sign_up,[],u-42,1234567890.1709280000,WEB\n"
      "20240302,1709337600500000,purchase,[],u-42,1234567890.1709280000,WEB\n"
      "20240302,,purchase,[],u-42,1234567890.1709280000,WEB\n";
  const Aggregates a = check_fixture(
      text, {"ga4", {{"timestamp", "event_timestamp"}, {"event", "event_name"}, {"user", "user_id"}}, 2, 2, 3, 1, 0});
  EXPECT_EQ(a.report.rejected_by_code[static_cast<size_t>(IngestErrorCode::missing_timestamp)], 1u);
  EXPECT_EQ(account_count(a, "1234567890.1709280000", "page_view", "2024-03-01"), 1u);
  EXPECT_EQ(account_count(a, "u-42", "purchase", "2024-03-02"), 1u);
  EXPECT_NE(a.report.files[0].mapping.timestamp_format.find("microseconds"), std::string::npos);
}

TEST(SourceFixtures, PendoRollupRowCountsAsNumEventsEvents) {
  // Epoch milliseconds: 1709280000000 = 2024-03-01T08:00Z. Row 1 stands for 3 events, row 2 for
  // 1; row 3 has num_events 0 (skipped: no event happened); row 4's count is not a number.
  const std::string text =
      "account_id,visitor_id,timestamp,feature_id,num_events,num_minutes,remote_ip\n"
      "acme,v1,1709280000000,feat_Export,3,2,1.2.3.4\n"
      "acme,v2,1709283600000,feat_Export,1,1,\n"
      "globex,v3,1709283600000,feat_Share,0,0,\n"
      "globex,v3,1709287200000,feat_Share,abc,1,\n"
      "acme,v1,1709287200000,feat_Export,2,1,\n";
  const Aggregates a = check_fixture(text, {"pendo",
                                            {{"event", "feature_id"}, {"user", "visitor_id"},
                                             {"account", "account_id"}, {"count", "num_events"}},
                                            1, 2, 6, 1, 1});
  EXPECT_EQ(account_count(a, "acme", "feat_Export", "2024-03-01"), 6u);
  EXPECT_EQ(a.report.rejected_by_code[static_cast<size_t>(IngestErrorCode::invalid_number)], 1u);
  EXPECT_FALSE(a.report.files[0].mapping.row_rule.empty());
}

// Segment warehouse: groups, tracks, pages and identifies tables read together.
TEST(SourceFixtures, SegmentWarehouseTablesGiveAccountsEventsAndPageViews) {
  const std::string groups =
      "id,received_at,uuid_ts,anonymous_id,user_id,group_id,timestamp,original_timestamp,sent_at,name,plan,"
      "context_library_name\n"
      "g1,2024-03-30 08:00:01+00,2024-03-30 08:05:00+00,anon-1,u1,acct_42,2024-03-30 08:00:00+00,"
      "2024-03-30 08:00:00+00,2024-03-30 08:00:00+00,Acme Ltd,pro,analytics.js\n"
      "g2,2024-03-30 08:10:01+00,2024-03-30 08:15:00+00,,u2,acct_42,2024-03-30 08:10:00+00,"
      "2024-03-30 08:10:00+00,2024-03-30 08:10:00+00,Acme Ltd,pro,analytics.js\n";
  const std::string tracks =
      "id,received_at,uuid_ts,anonymous_id,user_id,event,event_text,timestamp,original_timestamp,sent_at,"
      "context_library_name,context_page_path\n"
      "t1,2024-04-01 10:00:01+00,2024-04-01 10:05:00+00,anon-1,u1,order_completed,Order Completed,"
      "2024-04-01 10:00:00.000+00,2024-04-01 09:59:59+00,2024-04-01 10:00:00+00,analytics.js,/checkout\n"
      "t2,2024-04-01 11:00:01+00,2024-04-01 11:05:00+00,,u2,signed_up,Signed Up,2024-04-01 11:00:00+00,"
      "2024-04-01 11:00:00+00,2024-04-01 11:00:00+00,analytics.js,/\n"
      "t3,2024-04-01 12:00:01+00,2024-04-01 12:05:00+00,anon-3,,viewed_demo,Viewed Demo,2024-04-01 12:00:00+00,"
      "2024-04-01 12:00:00+00,2024-04-01 12:00:00+00,analytics.js,/demo\n";
  const std::string pages =
      "id,received_at,uuid_ts,anonymous_id,user_id,name,path,url,title,referrer,timestamp,original_timestamp,sent_at,"
      "context_library_name\n"
      "p1,2024-04-02 08:00:01+00,2024-04-02 08:05:00+00,anon-9,,Pricing,/pricing,https://acme.io/pricing,"
      "Pricing \xE2\x80\x93 Acme,,2024-04-02 08:00:00+00,2024-04-02 08:00:00+00,2024-04-02 08:00:00+00,analytics.js\n"
      "p2,2024-04-02 09:00:01+00,2024-04-02 09:05:00+00,anon-2,u2,Docs,/docs,https://acme.io/docs,Docs,"
      "https://google.com,2024-04-02 09:00:00+00,2024-04-02 09:00:00+00,2024-04-02 09:00:00+00,analytics.js\n";
  const std::string identifies =
      "id,received_at,uuid_ts,anonymous_id,user_id,email,first_name,timestamp,original_timestamp,sent_at,"
      "context_library_name\n"
      "i1,2024-03-30 07:00:01+00,2024-03-30 07:05:00+00,anon-1,u1,u1@acme.io,Zo\xC3\xAB,2024-03-30 07:00:00+00,"
      "2024-03-30 07:00:00+00,2024-03-30 07:00:00+00,analytics.js\n";
  Ingestor ingest;
  for (const auto& [name, text] : {std::pair{"groups.csv", groups}, {"tracks.csv", tracks}, {"pages.csv", pages},
                                   {"identifies.csv", identifies}}) {
    ingest.begin_file(name);
    ingest.feed(text);
  }
  const Aggregates a = ingest.finish();
  const auto& files = a.report.files;
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0].mapping.source, "segment_groups");
  EXPECT_EQ(files[1].mapping.source, "segment_tracks");
  EXPECT_EQ(files[2].mapping.source, "segment_pages");
  EXPECT_EQ(files[3].mapping.source, "segment_identifies");
  EXPECT_EQ(choice(files[1], "event")->field, "event_text");
  EXPECT_EQ(choice(files[2], "event"), nullptr) << "a page's name is not an event name";
  EXPECT_EQ(files[0].skipped, 2u);
  EXPECT_EQ(files[1].accepted, 3u);
  EXPECT_EQ(files[2].accepted, 2u);
  EXPECT_EQ(files[3].skipped, 1u);
  EXPECT_EQ(a.report.events, 5u);
  EXPECT_EQ(a.report.rejected, 0u);
  // acct_42 (u1, u2 by the group rows), and the anonymous anon-3 and anon-9 on their own.
  EXPECT_EQ(a.accounts.size(), 3u);
  EXPECT_EQ(a.users.size(), 4u);
  EXPECT_EQ(account_count(a, "acct_42", "Order Completed", "2024-04-01"), 1u);
  EXPECT_EQ(account_count(a, "acct_42", "Signed Up", "2024-04-01"), 1u);
  EXPECT_EQ(account_count(a, "acct_42", "page_viewed", "2024-04-02"), 1u);
  EXPECT_EQ(account_count(a, "anon-9", "page_viewed", "2024-04-02"), 1u);
  EXPECT_EQ(account_count(a, "anon-3", "Viewed Demo", "2024-04-01"), 1u);
}

TEST(SourceFixtures, RudderStackTracksTableWithChannelIsEventsNotCommunications) {
  const std::string text =
      "id,anonymous_id,user_id,received_at,sent_at,original_timestamp,timestamp,context_ip,event,event_text,"
      "uuid_ts,context_source_id,context_source_type,context_destination_id,context_destination_type,"
      "context_request_ip,channel,context_library_name\n"
      "r1,a1,u1,2024-07-01 10:00:01.000,2024-07-01 10:00:00.900,2024-07-01 10:00:00.000,2024-07-01 10:00:00.000,"
      "10.0.0.1,product_added,Product Added,2024-07-01 10:01:00.000,src1,HTTP,dst1,SNOWFLAKE,10.0.0.1,web,"
      "RudderLabs JavaScript SDK\n"
      "r2,a2,,2024-07-02 10:00:01.000,2024-07-02 10:00:00.900,2024-07-02 10:00:00.000,2024-07-02 10:00:00.000,"
      "10.0.0.2,product_added,Product Added,2024-07-02 10:01:00.000,src1,HTTP,dst1,SNOWFLAKE,10.0.0.2,web,"
      "RudderLabs JavaScript SDK\n";
  const Aggregates a = check_fixture(
      text, {"rudderstack_tracks", {{"event", "event_text"}, {"user", "user_id"}, {"message_id", "id"}}, 2, 2, 2, 0, 0});
  EXPECT_EQ(a.report.files[0].mapping.guessed.kind, "events");
  EXPECT_EQ(guess_file_kind(text).kind, "events");
}

TEST(SourceFixtures, PostHogCsvPropertiesJsonGivesTheAccountFromGroups) {
  // d4 has no $groups: it is its own account. d1 and d2 share company c-1.
  const std::string text =
      "uuid,event,properties,timestamp,distinct_id,elements_chain,person_id\n"
      "01890000-0000-0000-0000-000000000001,$pageview,\"{\"\"$current_url\"\":\"\"https://app.x/\"\",\"\"$groups\"\":"
      "{\"\"company\"\":\"\"c-1\"\"}}\",2024-06-01 10:00:00.000000+00:00,d1,,p1\n"
      "01890000-0000-0000-0000-000000000002,report_created,\"{\"\"$groups\"\":{\"\"company\"\":\"\"c-1\"\"},"
      "\"\"plan\"\":\"\"pro\"\"}\",2024-06-01 11:00:00.000000+00:00,d2,,p2\n"
      "01890000-0000-0000-0000-000000000003,report_created,\"{\"\"$groups\"\":{\"\"company\"\":\"\"c-2\"\"}}\","
      "2024-06-02 09:00:00.000000+00:00,d3,,p3\n"
      "01890000-0000-0000-0000-000000000004,$pageview,\"{\"\"$browser\"\":\"\"Firefox\"\"}\","
      "2024-06-02 09:30:00.000000+00:00,d4,,p4\n";
  const Aggregates a = check_fixture(
      text, {"posthog", {{"account", "properties.$groups.company"}, {"user", "distinct_id"}, {"message_id", "uuid"}},
             3, 4, 4, 0, 0});
  EXPECT_EQ(account_count(a, "c-1", "report_created", "2024-06-01"), 1u);
  EXPECT_EQ(account_count(a, "c-1", "$pageview", "2024-06-01"), 1u);
  EXPECT_EQ(account_count(a, "c-2", "report_created", "2024-06-02"), 1u);
  EXPECT_EQ(a.report.unattributed_users, 1u);
}

TEST(SourceFixtures, JsonColumnPathCanBeMappedExplicitly) {
  // --map account=props.org.id: a path inside a CSV column's JSON, chosen by the user.
  const std::string text =
      "when,what,who,props\n"
      "2024-01-05T10:00:00Z,login,alice,\"{\"\"org\"\":{\"\"id\"\":\"\"o-1\"\"}}\"\n"
      "2024-01-05T11:00:00Z,login,bob,\"{\"\"org\"\":{\"\"id\"\":\"\"o-1\"\"}}\"\n";
  FileOptions options;
  options.mapping.fields = {{"timestamp", "when"}, {"event", "what"}, {"user", "who"}, {"account", "props.org.id"}};
  const Aggregates a = check_fixture(text, {"", {{"account", "props.org.id"}}, 1, 2, 2, 0, 0}, options);
  EXPECT_EQ(choice(a.report.files[0], "account")->reason, ChoiceReason::chosen_by_you);
  EXPECT_EQ(account_count(a, "o-1", "login", "2024-01-05"), 2u);
}

TEST(SourceFixtures, AmplitudeWarehouseTableWithUpperCaseColumnsAndGroupsJson) {
  // Row 2 has no USER_ID (DEVICE_ID counts) and no group: its own account.
  const std::string text =
      "UUID,EVENT_TYPE,EVENT_TIME,USER_ID,DEVICE_ID,AMPLITUDE_ID,GROUPS,EVENT_PROPERTIES,SERVER_UPLOAD_TIME\n"
      "5f6e0000-0000-0000-0000-000000000001,Dashboard Viewed,2024-02-10 12:00:00.123456,alice,dev-1,111,"
      "\"{\"\"company\"\":[\"\"acme\"\"]}\",{},2024-02-10 12:00:01.000000\n"
      "5f6e0000-0000-0000-0000-000000000002,Dashboard Viewed,2024-02-10 13:00:00.000000,,dev-2,222,{},"
      "\"{\"\"x\"\":1}\",2024-02-10 13:00:01.000000\n";
  const Aggregates a = check_fixture(
      text, {"amplitude", {{"event", "EVENT_TYPE"}, {"timestamp", "EVENT_TIME"}, {"account", "GROUPS.company"}},
             2, 2, 2, 0, 0});
  EXPECT_EQ(account_count(a, "acme", "Dashboard Viewed", "2024-02-10"), 1u);
  EXPECT_EQ(account_count(a, "dev-2", "Dashboard Viewed", "2024-02-10"), 1u);
}

TEST(SourceFixtures, HeapEventTableKeepsItsTypeColumnOutOfTheCallTypeRole) {
  // Heap's `type` (click, pageview) is not a Segment call type: it must not be read as one.
  const std::string text =
      "event_id,session_id,user_id,event_name,time,type,library,landing_page,path\n"
      "101,9,5001,Click - Signup,2024-01-15 10:00:00.000,click,web,/,/\n"
      "102,9,5001,Pageview - Home,2024-01-15 10:00:05.000,pageview,web,/,/\n";
  const Aggregates a = check_fixture(
      text, {"heap", {{"event", "event_name"}, {"timestamp", "time"}, {"user", "user_id"}}, 1, 1, 2, 0, 0});
  EXPECT_EQ(choice(a.report.files[0], "type"), nullptr);
}

TEST(SourceFixtures, MixpanelRawExportIsRecognised) {
  // 1709280000 s = 2024-03-01T08:00:00Z.
  const std::string text =
      "{\"event\":\"Signed Up\",\"properties\":{\"time\":1709280000,\"distinct_id\":\"u1\",\"$insert_id\":\"i1\","
      "\"mp_processing_time_ms\":1709280001000,\"company_id\":\"acme\"}}\n"
      "{\"event\":\"Logged In\",\"properties\":{\"time\":1709283600,\"distinct_id\":\"u2\",\"$insert_id\":\"i2\","
      "\"mp_processing_time_ms\":1709283601000,\"company_id\":null,\"$city\":\"Z\xC3\xBCrich\"}}\n";
  const Aggregates a = check_fixture(
      text, {"mixpanel", {{"timestamp", "properties.time"}, {"user", "properties.distinct_id"}}, 2, 2, 2, 0, 0});
  EXPECT_EQ(account_count(a, "acme", "Signed Up", "2024-03-01"), 1u);
}

TEST(SourceFixtures, PostHogBatchExportLinesWithPropertiesAsJsonText) {
  // PostHog's batch export writes `properties` and `person_properties` as JSON-encoded strings.
  const std::string text =
      "{\"uuid\":\"0189-a1\",\"event\":\"insight viewed\",\"distinct_id\":\"d1\",\"person_id\":\"p1\","
      "\"timestamp\":\"2024-06-01T10:00:00.000000Z\",\"properties\":\"{\\\"$groups\\\":{\\\"company\\\":"
      "\\\"c-9\\\"},\\\"$os\\\":\\\"Mac OS X\\\"}\",\"person_properties\":\"{}\"}\n"
      "{\"uuid\":\"0189-a2\",\"event\":\"insight viewed\",\"distinct_id\":\"d2\",\"person_id\":\"p2\","
      "\"timestamp\":\"2024-06-01T12:00:00.000000Z\",\"properties\":\"{\\\"$groups\\\":{\\\"company\\\":"
      "\\\"c-9\\\"}}\",\"person_properties\":null}\n";
  const Aggregates a = check_fixture(
      text, {"posthog", {{"account", "properties.$groups.company"}, {"user", "distinct_id"}}, 1, 2, 2, 0, 0});
  EXPECT_EQ(account_count(a, "c-9", "insight viewed", "2024-06-01"), 2u);
}

TEST(SourceFixtures, SegmentCallsGroupCallGivesTheAccount) {
  // S3 log lines: a group call (userId -> groupId), then track calls of that user and of an
  // anonymous visitor; an identify call is skipped.
  const std::string text =
      "{\"type\":\"group\",\"messageId\":\"m1\",\"userId\":\"u1\",\"groupId\":\"g-1\","
      "\"traits\":{\"name\":\"Ac\xC3\xA9me\"},\"timestamp\":\"2024-05-01T08:00:00.000Z\"}\n"
      "{\"type\":\"identify\",\"messageId\":\"m2\",\"userId\":\"u1\",\"traits\":{\"email\":\"a@b.c\"},"
      "\"timestamp\":\"2024-05-01T08:00:01.000Z\"}\n"
      "{\"type\":\"track\",\"event\":\"Report Built\",\"messageId\":\"m3\",\"userId\":\"u1\",\"anonymousId\":null,"
      "\"originalTimestamp\":\"2024-05-01T09:00:00.000Z\",\"timestamp\":\"2024-05-01T09:00:00.100Z\"}\n"
      "{\"type\":\"track\",\"event\":\"Report Built\",\"messageId\":\"m4\",\"anonymousId\":\"anon-7\","
      "\"timestamp\":\"2024-05-02T09:00:00.000Z\",\"receivedAt\":\"2024-05-02T09:00:01.000Z\"}\n";
  const Aggregates a = check_fixture(text, {"segment_calls", {{"type", "type"}}, 2, 2, 2, 0, 2});
  EXPECT_EQ(account_count(a, "g-1", "Report Built", "2024-05-01"), 1u);
  EXPECT_EQ(account_count(a, "anon-7", "Report Built", "2024-05-02"), 1u);
}

TEST(SourceFixtures, Ga4JsonLinesWithNestedParams) {
  // 1709280000000000 us = 2024-03-01T08:00:00Z.
  const std::string text =
      "{\"event_date\":\"20240301\",\"event_timestamp\":\"1709280000000000\",\"event_name\":\"login\","
      "\"event_params\":[{\"key\":\"method\",\"value\":{\"string_value\":\"sso\"}}],\"user_id\":null,"
      "\"user_pseudo_id\":\"77.88\"}\n"
      "{\"event_date\":\"20240301\",\"event_timestamp\":1709280060000000,\"event_name\":\"login\","
      "\"event_params\":[],\"user_id\":\"u-1\",\"user_pseudo_id\":\"77.88\"}\n";
  const Aggregates a = check_fixture(text, {"ga4", {{"timestamp", "event_timestamp"}}, 2, 2, 2, 0, 0});
  EXPECT_EQ(account_count(a, "77.88", "login", "2024-03-01"), 1u);
  EXPECT_EQ(account_count(a, "u-1", "login", "2024-03-01"), 1u);
}

TEST(SourceFixtures, MixpanelSchematizedExportSingleTable) {
  // 1709280000 s = 2024-03-01T08:00:00Z; 1709366400 = 2024-03-02T08:00:00Z. The `name` column
  // is a property (a plan name), not the event name.
  const std::string text =
      "mp_event_name,time,distinct_id,mp_insert_id,mp_lib,name,company_id\n"
      "Signup,1709280000,1,ins-1,web,free,acme\n"
      "Purchase,1709366400,1,ins-2,web,,acme\n"
      "Signup,1709366400,2,ins-3,android,paid,\n";
  const Aggregates a = check_fixture(
      text, {"mixpanel_table", {{"event", "mp_event_name"}, {"timestamp", "time"}, {"message_id", "mp_insert_id"}},
             2, 2, 3, 0, 0});
  EXPECT_EQ(account_count(a, "acme", "Purchase", "2024-03-02"), 1u);
  EXPECT_EQ(account_count(a, "2", "Signup", "2024-03-02"), 1u);
}

TEST(SourceFixtures, MappingIsDecidedOnTheFirstRecordsWhateverTheChunking) {
  // 250 rows: `event` is empty in the first 200 (the sample) and filled after. The mapping is
  // event_name for the whole file, read whole or in any chunks.
  std::string text = "timestamp,user_id,event,event_name\n";
  for (int i = 0; i < 250; ++i) {
    char time[32];
    std::snprintf(time, sizeof time, "2024-01-01T00:%02d:%02dZ", i / 60, i % 60);  // distinct rows
    text += std::string(time) + ",u" + std::to_string(i % 7) + "," + (i < 200 ? "" : "late_event") + ",name_" +
            std::to_string(i % 3) + "\n";
  }
  const Aggregates a = check_fixture(text, {"", {{"event", "event_name"}}, 7, 7, 250, 0, 0});
  EXPECT_EQ(a.find_event("late_event"), kNoAccount);
  EXPECT_EQ(a.report.files[0].mapping.sampled_records, 200u);
}

TEST(SourceFixtures, SampleStopsAtItsByteBudgetWhateverTheChunking) {
  // 60 rows of ~100 KB each (a long note column): the sample holds at most 4 MiB of records,
  // so it ends after about 40 rows, never at 200; the mapping and results are the same read
  // whole or in chunks.
  std::string text = "timestamp,user_id,event,note\n";
  const std::string note(100 * 1024, 'x');
  for (int i = 0; i < 60; ++i) {
    text += "2024-01-01T00:00:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "Z,u" + std::to_string(i % 3) +
            ",e,\"" + note + "\"\n";
  }
  const Aggregates a = check_fixture(text, {"", {{"event", "event"}}, 3, 3, 60, 0, 0});
  EXPECT_GE(a.report.files[0].mapping.sampled_records, 30u);
  EXPECT_LE(a.report.files[0].mapping.sampled_records, 42u);  // 4 MiB / 100 KB = 40.96
}

TEST(KindGuess, FromHeaderAndValues) {
  EXPECT_EQ(guess_file_kind("account_id,name,domain,employees,plan\nacme,Acme,acme.com,50,trial\n").kind, "accounts");
  EXPECT_EQ(guess_file_kind("account_id,timestamp,channel,sentiment\nacme,2024-01-01,email,positive\n").kind,
            "communications");
  // An event column makes it events even with a channel column beside it.
  const KindGuess events = guess_file_kind("timestamp,user_id,event,channel\n2024-01-01,u1,login,web\n");
  EXPECT_EQ(events.kind, "events");
  EXPECT_TRUE(events.confident);
  EXPECT_NE(events.reason.find("'event'"), std::string::npos);
  EXPECT_EQ(guess_file_kind("{\"event\":\"x\",\"timestamp\":\"2024-01-01\"}\n").kind, "events");
  EXPECT_FALSE(guess_file_kind("a,b\n1,2\n").confident);
  // The first bytes of a file, cut inside a row: the complete rows decide.
  const KindGuess cut = guess_file_kind("event_name,collector_tstamp,domain_userid\nsignup,2024-01-01 00:00:00,d1\nlog");
  EXPECT_EQ(cut.kind, "events");
  EXPECT_NE(cut.reason.find("Snowplow"), std::string::npos) << cut.reason;
}

}  // namespace
}  // namespace pqlscope
