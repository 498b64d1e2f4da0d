// merge_into / finish_partial on small aggregates written by hand; every expected value below
// was worked out on paper from the rules in docs/aggregates.md ("Merging").
#include "pqlscope/aggregate/merge.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pqlscope/aggregate/event_aggregator.hpp"

namespace pqlscope {
namespace {

std::vector<DayCount> vec(const DayLog& log) { return std::vector<DayCount>(log.begin(), log.end()); }

AccountRecord account(std::string id, uint64_t events, int64_t first, int64_t last) {
  AccountRecord a;
  a.id = std::move(id);
  a.events = events;
  a.first_event_at = first;
  a.last_event_at = last;
  return a;
}

UserRecord user(std::string id, uint32_t home, uint64_t events, int64_t first, int64_t last) {
  UserRecord u;
  u.id = std::move(id);
  u.account = home;
  u.events = events;
  u.first_event_at = first;
  u.last_event_at = last;
  return u;
}

IngestIssue issue(std::string file, uint64_t line) {
  return IngestIssue{IngestErrorCode::invalid_timestamp, std::move(file), line, 3, 40, "timestamp", "bad"};
}

// Target: events login, report; accounts acme, beta; users alice (acme), bob (beta).
Aggregates target_aggregates() {
  Aggregates t;
  t.event_names = {"login", "report"};
  t.accounts = {account("acme", 3, 1000, 5000), account("beta", 1, 2000, 2000)};
  t.users = {user("alice", 0, 3, 1000, 5000), user("bob", 1, 1, 2000, 2000)};
  // {entity, event, day, count}, sorted by (day, entity, event)
  t.account_days = {{0, 0, 10, 2}, {1, 1, 10, 1}, {0, 1, 11, 1}};
  t.user_days = {{0, 0, 10, 2}, {1, 1, 10, 1}, {0, 1, 11, 1}};
  t.channels = {"email"};
  t.communications = {{0, 10, 0, Sentiment::positive, 1}};
  t.report.files.push_back(FileSummary{.name = "a.csv", .rows = 5});
  t.report.bytes = 100;
  t.report.rows = 5;
  t.report.events = 4;
  t.report.rejected = 1;
  t.report.rejected_by_code[static_cast<size_t>(IngestErrorCode::invalid_timestamp)] = 1;
  t.report.issues = {issue("a.csv", 3)};
  return t;
}

// Source: events report, export; accounts gamma, acme (listed in the accounts file);
// users bob (now with acme), carol (gamma).
Aggregates source_aggregates() {
  Aggregates s;
  s.event_names = {"report", "export"};
  s.accounts = {account("gamma", 2, 3000, 9000), account("acme", 1, 500, 500)};
  s.accounts[1].in_accounts_file = true;
  s.accounts[1].info.name = "Acme, Inc.";
  s.users = {user("bob", 1, 1, 500, 500), user("carol", 0, 2, 3000, 9000)};
  s.account_days = {{1, 0, 9, 1}, {0, 1, 11, 1}, {0, 0, 12, 1}};
  s.user_days = {{0, 0, 9, 1}, {1, 1, 11, 1}, {1, 0, 12, 1}};
  s.channels = {"call", "email"};
  s.communications = {{0, 11, 0, Sentiment::neutral, 1}, {1, 10, 1, Sentiment::positive, 2}};
  s.report.files.push_back(FileSummary{.name = "b.csv", .rows = 3});
  s.report.bytes = 50;
  s.report.rows = 3;
  s.report.events = 3;
  s.report.issues = {issue("b.csv", 7)};
  return s;
}

// The same union whether the users' and the accounts' sides of the merge run one after the
// other or side by side.
TEST(Merge, TwoSmallAggregatesGiveTheHandComputedUnion) {
  for (unsigned threads : {1u, 2u}) {
    SCOPED_TRACE(threads);
    MergeOptions options;
    options.threads = threads;
    Aggregates t = target_aggregates();
    merge_into(t, source_aggregates(), options);

    // New names are appended in the source's order; report -> 1, export -> 2.
    EXPECT_EQ(t.event_names, (std::vector<std::string>{"login", "report", "export"}));

    ASSERT_EQ(t.accounts.size(), 3u);
    EXPECT_EQ(t.accounts[0].id, "acme");  // 3 + 1 events, widened to 500 .. 5000
    EXPECT_EQ(t.accounts[0].events, 4u);
    EXPECT_EQ(t.accounts[0].first_event_at, 500);
    EXPECT_EQ(t.accounts[0].last_event_at, 5000);
    EXPECT_TRUE(t.accounts[0].in_accounts_file);  // the source listed it: its firmographics come along
    EXPECT_EQ(t.accounts[0].info.name, "Acme, Inc.");
    EXPECT_EQ(t.accounts[1].id, "beta");
    EXPECT_EQ(t.accounts[1].events, 1u);
    EXPECT_EQ(t.accounts[2].id, "gamma");
    EXPECT_EQ(t.accounts[2].events, 2u);
    EXPECT_EQ(t.accounts[2].first_event_at, 3000);

    ASSERT_EQ(t.users.size(), 3u);
    EXPECT_EQ(t.users[1].id, "bob");
    EXPECT_EQ(t.users[1].account, 1u);  // beta: the target saw bob first
    EXPECT_TRUE(t.users[1].in_several_accounts);  // then with acme
    EXPECT_EQ(t.users[1].events, 2u);
    EXPECT_EQ(t.users[1].first_event_at, 500);
    EXPECT_EQ(t.users[1].last_event_at, 2000);
    EXPECT_EQ(t.users[2].id, "carol");
    EXPECT_EQ(t.users[2].account, 2u);  // gamma, re-indexed
    EXPECT_FALSE(t.users[0].in_several_accounts);

    // The source's groups (acme report 9, gamma export 11, gamma report 12) under the target's
    // indices, in (day, entity, event) order.
    EXPECT_EQ(vec(t.account_days), (std::vector<DayCount>{
                                       {0, 1, 9, 1}, {0, 0, 10, 2}, {1, 1, 10, 1}, {0, 1, 11, 1}, {2, 2, 11, 1}, {2, 1, 12, 1}}));
    EXPECT_EQ(vec(t.user_days), (std::vector<DayCount>{
                                    {1, 1, 9, 1}, {0, 0, 10, 2}, {1, 1, 10, 1}, {0, 1, 11, 1}, {2, 2, 11, 1}, {2, 1, 12, 1}}));

    EXPECT_EQ(t.channels, (std::vector<std::string>{"email", "call"}));
    // acme / day 10 / email / positive: 1 + 2; gamma / 11 / call / neutral: 1.
    EXPECT_EQ(t.communications, (std::vector<CommunicationCount>{{0, 10, 0, Sentiment::positive, 3},
                                                                  {2, 11, 1, Sentiment::neutral, 1}}));

    EXPECT_EQ(t.report.bytes, 150u);
    EXPECT_EQ(t.report.rows, 8u);
    EXPECT_EQ(t.report.events, 7u);
    EXPECT_EQ(t.report.rejected, 1u);
    EXPECT_EQ(t.report.rejected_by_code[static_cast<size_t>(IngestErrorCode::invalid_timestamp)], 1u);
    ASSERT_EQ(t.report.files.size(), 2u);
    EXPECT_EQ(t.report.files[1].name, "b.csv");
    ASSERT_EQ(t.report.issues.size(), 2u);
    EXPECT_EQ(t.report.issues[0].file, "a.csv");
    EXPECT_EQ(t.report.issues[1].file, "b.csv");
  }
}

TEST(Merge, SameGroupOnBothSidesIsSummed) {
  Aggregates t, s;
  t.event_names = {"x"};
  s.event_names = {"x"};
  t.accounts = {account("a", 5, 10, 20)};
  s.accounts = {account("a", 7, 5, 15)};
  t.account_days = {{0, 0, 100, 5}};
  s.account_days = {{0, 0, 100, 7}};
  merge_into(t, std::move(s));
  EXPECT_EQ(vec(t.account_days), (std::vector<DayCount>{{0, 0, 100, 12}}));
  EXPECT_EQ(t.accounts[0].events, 12u);
  EXPECT_EQ(t.accounts[0].first_event_at, 5);
  EXPECT_EQ(t.accounts[0].last_event_at, 20);
}

TEST(Merge, AccountsFileListingOfTheTargetWins) {
  Aggregates t, s;
  t.accounts = {account("a", 0, 0, 0)};
  t.accounts[0].first_event_at.reset();
  t.accounts[0].last_event_at.reset();
  t.accounts[0].in_accounts_file = true;
  t.accounts[0].info.name = "first listing";
  s.accounts = {account("a", 2, 50, 60)};
  s.accounts[0].in_accounts_file = true;
  s.accounts[0].info.name = "second listing";
  merge_into(t, std::move(s));
  EXPECT_EQ(t.accounts[0].info.name, "first listing");
  EXPECT_EQ(t.accounts[0].first_event_at, 50);  // the target had no events
  EXPECT_EQ(t.accounts[0].last_event_at, 60);
}

TEST(Merge, AUserWithoutEventsTakesTheOtherSidesTimes) {
  Aggregates t, s;
  t.accounts = {account("a", 0, 0, 0)};
  t.users = {user("u", 0, 0, 0, 0)};  // known from a group call only
  s.users = {user("u", kNoAccount, 2, 700, 900)};
  merge_into(t, std::move(s));
  EXPECT_EQ(t.users[0].first_event_at, 700);
  EXPECT_EQ(t.users[0].last_event_at, 900);
  EXPECT_EQ(t.users[0].events, 2u);
  EXPECT_EQ(t.users[0].account, 0u);
  EXPECT_FALSE(t.users[0].in_several_accounts);
}

TEST(Merge, IssuesStopAtTheCapAndTheRestAreCounted) {
  Aggregates t, s;
  t.report.issues = {issue("a", 1)};
  s.report.issues = {issue("b", 1), issue("b", 2)};
  s.report.issues_not_kept = 4;
  merge_into(t, std::move(s), MergeOptions{.max_issues = 2});
  ASSERT_EQ(t.report.issues.size(), 2u);
  EXPECT_EQ(t.report.issues[1].file, "b");
  EXPECT_EQ(t.report.issues[1].line, 1u);
  EXPECT_EQ(t.report.issues_not_kept, 1u + 4u);
}

TEST(Merge, ChannelsPastTheLimitBecomeOther) {
  Aggregates t, s;
  t.accounts = {account("a", 0, 0, 0)};
  for (int i = 0; i < 255; ++i) t.channels.push_back("c" + std::to_string(i));
  s.accounts = {account("a", 0, 0, 0)};
  s.channels = {"c3", "new"};
  s.communications = {{0, 1, 0, Sentiment::unknown, 1}, {0, 1, 1, Sentiment::unknown, 1}};
  merge_into(t, std::move(s));
  ASSERT_EQ(t.channels.size(), 256u);
  EXPECT_EQ(t.channels[255], "other");
  EXPECT_EQ(t.communications, (std::vector<CommunicationCount>{{0, 1, 3, Sentiment::unknown, 1},
                                                                {0, 1, 255, Sentiment::unknown, 1}}));
}

TEST(Merge, TooManyEventNamesIsAnOverflow) {
  Aggregates t, s;
  for (size_t i = 0; i < EventAggregator::kMaxEventNames; ++i) t.event_names.push_back("e" + std::to_string(i));
  s.event_names = {"e7", "one too many"};
  EXPECT_THROW(merge_into(t, std::move(s)), MergeOverflow);
}

// u1 has an event with no account in the first part and is seen with acme in the second: one
// ingest of both would count that event for acme, and so does the partial merge.
TEST(Merge, PartialsDecideTheHomeOfUnattributedEventsOverBothParts) {
  PartialAggregates t, s;
  t.aggregates.event_names = {"a"};
  t.aggregates.users = {user("u1", kNoAccount, 1, 100, 100)};
  t.aggregates.user_days = {{0, 0, 5, 1}};
  t.unattributed = {{0, 0, 5, 1}};
  t.unattributed_totals = {{1, 100, 100}};
  s.aggregates.event_names = {"a"};
  s.aggregates.accounts = {account("acme", 1, 200, 200)};
  s.aggregates.users = {user("u1", 0, 1, 200, 200)};
  s.aggregates.account_days = {{0, 0, 6, 1}};
  s.aggregates.user_days = {{0, 0, 6, 1}};
  merge_into(t, std::move(s));
  const Aggregates out = finish_partial(std::move(t));
  ASSERT_EQ(out.accounts.size(), 1u);
  EXPECT_EQ(out.accounts[0].id, "acme");
  // the event that named it and u1's event that named no account, as in its day counts
  EXPECT_EQ(out.accounts[0].events, 2u);
  EXPECT_EQ(out.accounts[0].first_event_at, 100);
  EXPECT_EQ(out.accounts[0].last_event_at, 200);
  EXPECT_EQ(out.users[0].account, 0u);
  EXPECT_EQ(out.report.unattributed_users, 0u);
  EXPECT_EQ(vec(out.account_days), (std::vector<DayCount>{{0, 0, 5, 1}, {0, 0, 6, 1}}));
}

TEST(Merge, AUserNeverSeenWithAnAccountBecomesOneAtTheEnd) {
  PartialAggregates p;
  p.aggregates.event_names = {"a"};
  p.aggregates.accounts = {account("x", 1, 1, 1)};
  p.aggregates.users = {user("solo", kNoAccount, 2, 10, 20), user("member", 0, 1, 1, 1)};
  p.aggregates.account_days = {{0, 0, 0, 1}};
  p.aggregates.user_days = {{1, 0, 0, 1}, {0, 0, 1, 2}};
  p.unattributed = {{0, 0, 1, 2}};
  p.unattributed_totals = {{2, 10, 20}, {}};
  const Aggregates out = finish_partial(std::move(p));
  ASSERT_EQ(out.accounts.size(), 2u);
  EXPECT_EQ(out.accounts[1].id, "solo");
  EXPECT_EQ(out.accounts[1].events, 2u);  // its events that named no account: all of them
  EXPECT_EQ(out.accounts[1].first_event_at, 10);
  EXPECT_EQ(out.accounts[1].last_event_at, 20);
  EXPECT_EQ(out.users[0].account, 1u);
  EXPECT_EQ(out.report.unattributed_users, 1u);
  EXPECT_EQ(vec(out.account_days), (std::vector<DayCount>{{0, 0, 0, 1}, {1, 0, 1, 2}}));
}

}  // namespace
}  // namespace pqlscope
