// The day-count table, version 2 (docs/aggregates.md "CSV form"): what a warehouse writes must
// give the aggregates raw ingest gives for the same events.
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"

namespace pqlscope {
namespace {

using json = nlohmann::json;

// Five events: alice's second event names no account (it counts for her home, acme), alice is
// also seen with beta, bob is never seen with an account (he becomes an account of his own),
// beta's last event has no user.
constexpr std::string_view kRawEvents =
    "timestamp,account_id,user_id,event\n"
    "2024-03-01T09:00:00Z,acme,alice,login\n"
    "2024-03-01T09:05:00Z,,alice,report\n"
    "2024-03-02T10:00:00Z,beta,alice,login\n"
    "2024-03-02T11:00:00Z,,bob,login\n"
    "2024-03-03T08:00:00Z,beta,,login\n";

// The same events as day counts, written by hand from the contract: epoch milliseconds and day
// numbers computed independently (Python's datetime: 2024-03-01T09:00Z = 1709283600000 ms,
// day 19783 = 2024-03-01).
constexpr std::string_view kDayCounts =
    "level,entity_id,account_id,event,day,count,first_event_ms,last_event_ms,in_several_accounts\n"
    "event_total,login,,,,4,1709283600000,1709452800000,\n"
    "event_total,report,,,,1,1709283900000,1709283900000,\n"
    "account_total,acme,,,,1,1709283600000,1709283600000,\n"
    "account_total,beta,,,,2,1709373600000,1709452800000,\n"
    "user_total,alice,acme,,,3,1709283600000,1709373600000,1\n"
    "user_total,bob,,,,1,1709377200000,1709377200000,0\n"
    "account,acme,,login,19783,1,,,\n"
    "account,beta,,login,19784,1,,,\n"
    "account,beta,,login,19785,1,,,\n"
    "user,alice,,login,19783,1,,,\n"
    "user,alice,,report,19783,1,,,\n"
    "user,alice,,login,19784,1,,,\n"
    "user,bob,,login,19784,1,,,\n"
    "user_no_account,alice,,report,19783,1,,,\n"
    "user_no_account,bob,,login,19784,1,,,\n";

json without_report(const Aggregates& a) {
  json j = aggregates_to_json(a);
  j.erase("report");
  return j;
}

TEST(DayCountsCsv, VersionTwoGivesWhatRawIngestGives) {
  const Aggregates raw = ingest_buffer("events.csv", kRawEvents);
  Aggregates read = aggregates_from_day_counts_csv(kDayCounts);
  // One difference, the documented one (docs/aggregates.md, "CSV form"): alice's report
  // (09:05, no account) counts for acme, but its row has no time finer than its day, so acme's
  // last seen is the start of that day raised to alice's first event (09:00), not 09:05.
  EXPECT_EQ(read.accounts[0].last_event_at, 1709283600000);
  EXPECT_EQ(raw.accounts[0].last_event_at, 1709283900000);
  read.accounts[0].last_event_at = raw.accounts[0].last_event_at;
  EXPECT_EQ(without_report(read), without_report(raw));
  // And by hand: accounts in order of appearance, bob's own account appended last with his
  // totals, alice's unattributed report credited to acme.
  ASSERT_EQ(read.accounts.size(), 3u);
  EXPECT_EQ(read.accounts[2].id, "bob");
  EXPECT_EQ(read.accounts[2].events, 1u);
  EXPECT_EQ(*read.accounts[2].first_event_at, 1709377200000);
  EXPECT_EQ(read.users[0].account, 0u);
  EXPECT_TRUE(read.users[0].in_several_accounts);
  EXPECT_EQ(read.accounts[0].events, 2u);  // its own event and alice's report, as in its day counts
  EXPECT_EQ(read.accounts[0].first_event_at, 1709283600000);
  uint32_t acme_day_one = 0;
  for (const DayCount& d : read.account_days) {
    if (d.entity == 0 && d.day == 19783) acme_day_one += d.count;
  }
  EXPECT_EQ(acme_day_one, 2u);
  EXPECT_EQ(read.report.events, 5u);
  EXPECT_EQ(read.report.unattributed_users, 1u);
}

TEST(DayCountsCsv, ChunkingDoesNotMatter) {
  const json whole = without_report(aggregates_from_day_counts_csv(kDayCounts));
  for (size_t size : {1u, 2u, 7u, 64u}) {
    DayCountsReader reader;
    for (size_t at = 0; at < kDayCounts.size(); at += size) reader.feed(kDayCounts.substr(at, size));
    EXPECT_EQ(without_report(reader.finish()), whole) << "chunks of " << size;
  }
}

// Out of time order, users in several accounts, rows without an account or without a user.
std::string mixed_events(int rows) {
  std::string out = "timestamp,account_id,user_id,event\n";
  for (int i = 0; i < rows; ++i) {
    const int day = (i * 7919) % 40 + 1;
    out += "2024-0" + std::to_string(1 + day / 29) + "-" + (day % 28 + 1 < 10 ? "0" : "") + std::to_string(day % 28 + 1) +
           "T1" + std::to_string(i % 10) + ":00:00Z," + (i % 11 == 0 ? "" : "acc" + std::to_string(i % 13)) + "," +
           (i % 17 == 0 ? "" : "u" + std::to_string(i % 41)) + ",ev" + std::to_string(i % 5) + "\n";
  }
  return out;
}

TEST(DayCountsCsv, WrittenFormReadsBackIdentically) {
  const Aggregates a = ingest_buffer("events.csv", mixed_events(3000));
  const std::string csv = day_counts_to_csv(a);
  EXPECT_EQ(csv.substr(0, kDayCountsHeaderV2.size()), kDayCountsHeaderV2);
  EXPECT_EQ(without_report(aggregates_from_day_counts_csv(csv)), without_report(a));
}

TEST(DayCountsCsv, HeaderRecognised) {
  EXPECT_TRUE(starts_with_day_counts_header(std::string(kDayCountsHeaderV2) + "\r\n"));
  EXPECT_TRUE(starts_with_day_counts_header("\xEF\xBB\xBF" + std::string(kDayCountsHeaderV1) + "\n"));
  EXPECT_FALSE(starts_with_day_counts_header("level,entity_id,account_id,event,day,count,extra\n"));
  EXPECT_FALSE(starts_with_day_counts_header("timestamp,account_id,user_id,event\n"));
}

std::string error_of(std::string_view body) {
  try {
    aggregates_from_day_counts_csv(std::string(kDayCountsHeaderV2) + "\n" + std::string(body));
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(DayCountsCsv, BadRowsNameTheirLine) {
  EXPECT_EQ(error_of("team,a,,e,1,1,,,\n"),
            "day counts: line 2: level must be account, user, user_no_account, account_total, user_total or event_total");
  EXPECT_EQ(error_of("account,a,,e,1,0,,,\n"), "day counts: line 2: count must be a whole number 1..4294967295");
  EXPECT_EQ(error_of("account,a,,e,2024-01-01,1,,,\n"),
            "day counts: line 2: day must be a day number from 0 (1970-01-01) to 65534, got '2024-01-01'");
  EXPECT_EQ(error_of("account_total,a,,,,3,,,\n"),
            "day counts: line 2: an entity with events needs first_event_ms and last_event_ms");
  EXPECT_EQ(error_of("account_total,a,,,,1,5,4,\n"),
            "day counts: line 2: first_event_ms and last_event_ms must both be given, first <= last, or both be empty");
  EXPECT_EQ(error_of("user_total,u,,,,1,5,5,2\n"), "day counts: line 2: in_several_accounts must be 0 or 1");
  EXPECT_EQ(error_of("account_total,a,,,,1,5,5,\naccount_total,a,,,,1,5,5,\n"),
            "day counts: line 3: a second total row for 'a'");
  EXPECT_EQ(error_of("account,a,,e,1,1\n"), "day counts: line 2: expected 9 columns");
  EXPECT_EQ(error_of(""), "day counts: line 2: no day counts after the header");
  EXPECT_THROW(aggregates_from_day_counts_csv("timestamp,account_id\n"), std::invalid_argument);
}

TEST(DayCountsCsv, VersionOneStillReads) {
  const Aggregates a = aggregates_from_day_counts_csv(
      "level,entity_id,account_id,event,day,count\n"
      "account,acme,acme,login,2024-03-01,2\n"
      "user,alice,acme,login,2024-03-01,2\n");
  ASSERT_EQ(a.accounts.size(), 1u);
  EXPECT_EQ(a.accounts[0].events, 2u);
  EXPECT_EQ(*a.accounts[0].first_event_at, int64_t{19783} * 86'400'000);  // day precision
  EXPECT_EQ(a.users[0].account, 0u);
}

}  // namespace
}  // namespace pqlscope
