// event_name_stats (pqlscope init's input): per event name its total count and how many
// distinct accounts and users did it, on events counted here by hand, spread over several days
// and over more than one DayLog chunk.
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/aggregate/event_stats.hpp"
#include "pqlscope/ingest/ingestor.hpp"

namespace pqlscope {
namespace {

const EventNameStats& stats_of(const std::vector<EventNameStats>& all, const std::string& name) {
  for (const EventNameStats& s : all) {
    if (s.name == name) return s;
  }
  throw std::runtime_error("no stats for " + name);
}

TEST(EventNameStats, CountsTotalsAndDistinctAccountsAndUsers) {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  // view: a1/u1 x3 on the 1st, a1/u2 on the 2nd, a2/u3 on the 1st and the 3rd: total 6, accounts
  // {a1, a2}, users {u1, u2, u3}. click: a2/u3 on the 3rd: total 1, one account, one user.
  ingest.feed("timestamp,account_id,user_id,event\n"
              "2024-03-01T10:00:00Z,a1,u1,view\n2024-03-01T11:00:00Z,a1,u1,view\n"
              "2024-03-01T12:00:00Z,a1,u1,view\n2024-03-01T13:00:00Z,a2,u3,view\n"
              "2024-03-02T10:00:00Z,a1,u2,view\n2024-03-03T10:00:00Z,a2,u3,view\n"
              "2024-03-03T11:00:00Z,a2,u3,click\n");
  const std::vector<EventNameStats> stats = event_name_stats(ingest.finish());
  ASSERT_EQ(stats.size(), 2u);
  EXPECT_EQ(stats_of(stats, "view").total_count, 6u);
  EXPECT_EQ(stats_of(stats, "view").distinct_accounts, 2u);
  EXPECT_EQ(stats_of(stats, "view").distinct_users, 3u);
  EXPECT_EQ(stats_of(stats, "click").total_count, 1u);
  EXPECT_EQ(stats_of(stats, "click").distinct_accounts, 1u);
  EXPECT_EQ(stats_of(stats, "click").distinct_users, 1u);
}

TEST(EventNameStats, ManyEntitiesAcrossLogChunks) {
  // 70,000 users (one account each: acct<u / 7>), each doing "a" on two days and "b" once when
  // u is even: more DayCounts than one DayLog chunk (65,536), so the pass crosses chunk ends.
  std::string csv = "timestamp,account_id,user_id,event\n";
  const int users = 70000;
  for (int day = 1; day <= 2; ++day) {
    for (int u = 0; u < users; ++u) {
      const std::string row = ",acct" + std::to_string(u / 7) + ",user" + std::to_string(u) + ",";
      csv += "2024-03-0" + std::to_string(day) + "T10:00:00Z" + row + "a\n";
      if (day == 2 && u % 2 == 0) csv += "2024-03-02T11:00:00Z" + row + "b\n";
    }
  }
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed(csv);
  const Aggregates a = ingest.finish();
  ASSERT_GT(a.user_days.size(), std::size_t{65536});
  const std::vector<EventNameStats> stats = event_name_stats(a);
  EXPECT_EQ(stats_of(stats, "a").total_count, 2u * users);
  EXPECT_EQ(stats_of(stats, "a").distinct_users, static_cast<uint64_t>(users));
  EXPECT_EQ(stats_of(stats, "a").distinct_accounts, static_cast<uint64_t>(users / 7));
  EXPECT_EQ(stats_of(stats, "b").total_count, static_cast<uint64_t>(users / 2));
  EXPECT_EQ(stats_of(stats, "b").distinct_users, static_cast<uint64_t>(users / 2));
  EXPECT_EQ(stats_of(stats, "b").distinct_accounts, static_cast<uint64_t>(users / 7));  // each has an even user
}

}  // namespace
}  // namespace pqlscope
