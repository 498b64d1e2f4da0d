// A day-count file fed to a Session (what the npm package and the dashboard do) is recognised
// by its header, whatever kind the page declared and however the bytes are cut, and scores to
// the same export as the raw events; re-scoring works as for raw events.
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope {
namespace {

// Users in two accounts, an event without an account, a user never seen with one, a duplicate
// message id.
const std::string kEvents =
    "timestamp,account_id,user_id,event,message_id\n"
    "2024-03-01T09:00:00Z,acme,alice,project_created,m1\n"
    "2024-03-01T09:00:00Z,acme,alice,project_created,m1\n"
    "2024-03-01T10:00:00Z,,alice,report_created,m2\n"
    "2024-03-02T09:00:00Z,acme,bob,report_created,\n"
    "2024-03-03T09:00:00Z,globex,bob,login,\n"
    "2024-03-04T09:00:00Z,,dave,login,\n";
const std::string kAccounts = "account_id,name,plan\nacme,Acme,trial\nglobex,Globex,enterprise\ninitech,Initech,free\n";

std::string scored_export(Session& session) {
  session.score("", std::nullopt);
  return accounts_csv(session.aggregates(), session.model(), session.result());
}

std::string raw_export() {
  Session raw(IngestOptions{});
  raw.begin_file("events.csv", FileOptions{});
  raw.feed(kEvents);
  raw.end_file();
  raw.begin_file("accounts.csv", FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
  raw.feed(kAccounts);
  raw.end_file();
  raw.finish();
  return scored_export(raw);
}

TEST(InputIngest, DayCountsScoreLikeTheirRawEvents) {
  const std::string expected = raw_export();
  // The day counts of the same events as `pqlscope sql` makes them, written by hand
  // (docs/aggregates.md, version 2): m1 once, alice's and dave's events without an account as
  // user_no_account rows. 2024-03-01T09:00Z = 1709283600000 ms, day 19783.
  const std::string counts =
      "level,entity_id,account_id,event,day,count,first_event_ms,last_event_ms,in_several_accounts\n"
      "event_total,project_created,,,,1,1709283600000,1709283600000,\n"
      "event_total,report_created,,,,2,1709287200000,1709370000000,\n"
      "event_total,login,,,,2,1709456400000,1709542800000,\n"
      "account_total,acme,,,,2,1709283600000,1709370000000,\n"
      "account_total,globex,,,,1,1709456400000,1709456400000,\n"
      "user_total,alice,acme,,,2,1709283600000,1709287200000,0\n"
      "user_total,bob,acme,,,2,1709370000000,1709456400000,1\n"
      "user_total,dave,,,,1,1709542800000,1709542800000,0\n"
      "account,acme,,project_created,19783,1,,,\n"
      "account,acme,,report_created,19784,1,,,\n"
      "account,globex,,login,19785,1,,,\n"
      "user,alice,,project_created,19783,1,,,\n"
      "user,alice,,report_created,19783,1,,,\n"
      "user,bob,,report_created,19784,1,,,\n"
      "user,bob,,login,19785,1,,,\n"
      "user,dave,,login,19786,1,,,\n"
      "user_no_account,alice,,report_created,19783,1,,,\n"
      "user_no_account,dave,,login,19786,1,,,\n";
  for (FileKind declared : {FileKind::events, FileKind::accounts}) {
    for (size_t chunk : {size_t{1}, size_t{5}, size_t{100}, counts.size()}) {
      Session session(IngestOptions{});
      session.begin_file("counts.csv", FileOptions{declared, InputFormat::auto_detect, {}});
      for (size_t at = 0; at < counts.size(); at += chunk) session.feed(std::string_view(counts).substr(at, chunk));
      session.end_file();
      session.begin_file("accounts.csv", FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
      session.feed(kAccounts);
      session.end_file();
      const IngestReport& report = session.finish();
      EXPECT_EQ(report.events, 5u);
      EXPECT_EQ(scored_export(session), expected) << "chunks of " << chunk;
      // Re-scoring the same session with another as-of day reads no file again.
      EXPECT_NO_THROW(session.score("", 19790));
    }
  }
}

TEST(InputIngest, ABadDayCountRowNamesFileAndLine) {
  Session session(IngestOptions{});
  session.begin_file("counts.csv", FileOptions{});
  try {
    session.feed(std::string(kDayCountsHeaderV2) + "\naccount,acme,,login,19783,0,,,\n");
    session.end_file();
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "counts.csv: line 2: count must be a whole number 1..4294967295");
  }
}

TEST(InputIngest, ARawFileIsNotMistakenForDayCounts) {
  Session session(IngestOptions{});
  session.begin_file("events.csv", FileOptions{});
  session.feed("level,entity_id,account_id,event,day,count,other\n");  // not the header
  session.feed("x,acme,acme,login,2024-03-01,1,\n");
  session.end_file();
  EXPECT_EQ(session.finish().files.at(0).mapping.source == "pqlscope_day_counts", false);
}

}  // namespace
}  // namespace pqlscope
