// An account's totals (events, first / last seen) cover the same events as its account_days:
// also the events of a user that named no account and count for the user's home account,
// whether the home is learnt later (a Segment `group` call) or the user becomes an account of
// its own. Checked on a hand-written fixture in one pass, in parallel chunks and through the
// day-count table, and as a property (events == sum of account_days) over tests/corpus and a
// generated file.
//
// The fixture is Segment-shaped JSON lines as Segment documents its calls: `track` with
// `userId`, `event`, `timestamp` and the account in `context.groupId`; `group` with `userId`
// and `groupId` (the user belongs to that account). Times below: 2024-03-01T00:00:00Z is
// 1709251200000 ms, day 19783 since 1970-01-01; one day is 86400000 ms, one hour 3600000 ms.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kMar1 = 1709251200000;  // 2024-03-01T00:00:00Z
constexpr int64_t kHour = 3600000;
constexpr int64_t kDay = 86400000;

// u1: three events on two days with no account, then a group call naming A, then one event
// naming A. u2: one event naming A. u3: two events, never any account.
const char* const kFixture =
    R"({"type":"track","messageId":"m1","userId":"u1","event":"Login","timestamp":"2024-03-01T09:00:00.000Z"})" "\n"
    R"({"type":"track","messageId":"m2","userId":"u1","event":"Report Built","timestamp":"2024-03-01T15:30:00.000Z"})" "\n"
    R"({"type":"track","messageId":"m3","userId":"u1","event":"Login","timestamp":"2024-03-02T08:15:00.000Z"})" "\n"
    R"({"type":"group","messageId":"m4","userId":"u1","groupId":"A","timestamp":"2024-03-02T12:00:00.000Z"})" "\n"
    R"({"type":"track","messageId":"m5","userId":"u1","event":"Login","context":{"groupId":"A"},"timestamp":"2024-03-03T10:00:00.000Z"})" "\n"
    R"({"type":"track","messageId":"m6","userId":"u3","event":"Login","timestamp":"2024-03-03T11:00:00.000Z"})" "\n"
    R"({"type":"track","messageId":"m7","userId":"u2","event":"Login","context":{"groupId":"A"},"timestamp":"2024-03-04T11:00:00.000Z"})" "\n"
    R"({"type":"track","messageId":"m8","userId":"u3","event":"Login","timestamp":"2024-03-05T07:45:00.000Z"})" "\n";

Aggregates one_pass(const std::string& bytes, const std::string& name) {
  Ingestor ingest;
  ingest.begin_file(name);
  ingest.feed(bytes);
  ingest.end_file();
  return ingest.finish();
}

Aggregates in_chunks(const std::string& bytes, unsigned chunks) {
  Ingestor ingest;
  ParallelOptions p;
  p.chunks = chunks;
  p.threads = 2;
  p.min_chunk_bytes = 1;
  const RangeReader read = [&](uint64_t offset, char* out, size_t n) -> size_t {
    if (offset >= bytes.size()) return 0;
    n = std::min<size_t>(n, bytes.size() - offset);
    std::memcpy(out, bytes.data() + offset, n);
    return n;
  };
  ingest.ingest_file_parallel("events.jsonl", {}, bytes.size(), read, p);
  return ingest.finish();
}

const AccountRecord& account(const Aggregates& a, std::string_view id) {
  const uint32_t i = a.find_account(id);
  if (i == kNoAccount) throw std::runtime_error("no account " + std::string(id));
  return a.accounts[i];
}

// The hand-computed values: A has u1's 3 early events, u1's event naming A and u2's event
// (5), first at u1's first event (03-01 09:00), last at u2's (03-04 11:00). u3 becomes an
// account of its own: 2 events, 03-03 11:00 .. 03-05 07:45.
void expect_hand_computed(const Aggregates& a) {
  const AccountRecord& acct = account(a, "A");
  EXPECT_EQ(acct.events, 5u);
  EXPECT_EQ(acct.first_event_at, kMar1 + 9 * kHour);
  EXPECT_EQ(acct.last_event_at, kMar1 + 3 * kDay + 11 * kHour);
  const AccountRecord& u3 = account(a, "u3");
  EXPECT_EQ(u3.events, 2u);
  EXPECT_EQ(u3.first_event_at, kMar1 + 2 * kDay + 11 * kHour);
  EXPECT_EQ(u3.last_event_at, kMar1 + 4 * kDay + 7 * kHour + 45 * 60000);
}

// For every account: events is the sum of its account_days counts, and first / last seen fall
// on its first / last day there (none when it has no day counts).
void expect_totals_match_day_counts(const Aggregates& a, const std::string& what) {
  std::vector<uint64_t> sum(a.accounts.size(), 0);
  std::vector<int32_t> first(a.accounts.size(), INT32_MAX), last(a.accounts.size(), -1);
  for (const DayCount& d : a.account_days) {
    sum[d.entity] += d.count;
    first[d.entity] = std::min<int32_t>(first[d.entity], d.day);
    last[d.entity] = std::max<int32_t>(last[d.entity], d.day);
  }
  for (size_t i = 0; i < a.accounts.size(); ++i) {
    const AccountRecord& r = a.accounts[i];
    EXPECT_EQ(r.events, sum[i]) << what << ": account " << r.id;
    ASSERT_EQ(r.first_event_at.has_value(), sum[i] > 0) << what << ": account " << r.id;
    if (!r.first_event_at) continue;
    EXPECT_EQ(day_of_millis(*r.first_event_at), first[i]) << what << ": account " << r.id;
    EXPECT_EQ(day_of_millis(*r.last_event_at), last[i]) << what << ": account " << r.id;
  }
}

TEST(AccountTotals, OnePassCountsEventsWhoseAccountIsLearntLater) {
  const Aggregates a = one_pass(kFixture, "events.jsonl");
  expect_hand_computed(a);
  expect_totals_match_day_counts(a, "fixture");
}

TEST(AccountTotals, ParallelChunksGiveTheSameTotals) {
  for (unsigned chunks = 2; chunks <= 6; ++chunks) {
    SCOPED_TRACE(chunks);
    const Aggregates a = in_chunks(kFixture, chunks);
    expect_hand_computed(a);
    expect_totals_match_day_counts(a, "chunks");
  }
}

TEST(AccountTotals, TheDayCountTableKeepsThem) {
  const Aggregates a = aggregates_from_day_counts_csv(day_counts_to_csv(one_pass(kFixture, "events.jsonl")));
  expect_hand_computed(a);
  expect_totals_match_day_counts(a, "written and read back");
}

// The table a warehouse writes (docs/aggregates.md, "CSV form"), written by hand for the same
// events: account_total counts only the 2 events that named A; u1's 3 others are
// user_no_account rows (days 19783, 19783, 19784). Those rows have no time finer than the day:
// A's first seen is the start of day 19783 raised to u1's first event (09:00, its user_total),
// here the exact value; u3 has no home, so its total row gives its times.
TEST(AccountTotals, WarehouseDayCountsCreditTheHomeAccount) {
  const std::string csv =
      "level,entity_id,account_id,event,day,count,first_event_ms,last_event_ms,in_several_accounts\n"
      "account_total,A,,,,2,1709460000000,1709550000000,\n"
      "user_total,u1,A,,,4,1709283600000,1709460000000,0\n"
      "user_total,u3,,,,2,1709463600000,1709624700000,0\n"
      "user_total,u2,A,,,1,1709550000000,1709550000000,0\n"
      "account,A,,Login,19785,1,,,\n"
      "account,A,,Login,19786,1,,,\n"
      "user,u1,,Login,19783,1,,,\n"
      "user,u1,,Report Built,19783,1,,,\n"
      "user,u1,,Login,19784,1,,,\n"
      "user,u1,,Login,19785,1,,,\n"
      "user,u3,,Login,19785,1,,,\n"
      "user,u2,,Login,19786,1,,,\n"
      "user,u3,,Login,19787,1,,,\n"
      "user_no_account,u1,,Login,19783,1,,,\n"
      "user_no_account,u1,,Report Built,19783,1,,,\n"
      "user_no_account,u1,,Login,19784,1,,,\n"
      "user_no_account,u3,,Login,19785,1,,,\n"
      "user_no_account,u3,,Login,19787,1,,,\n";
  const Aggregates a = aggregates_from_day_counts_csv(csv);
  const AccountRecord& acct = account(a, "A");
  EXPECT_EQ(acct.events, 5u);
  EXPECT_EQ(acct.first_event_at, kMar1 + 9 * kHour);
  EXPECT_EQ(acct.last_event_at, kMar1 + 3 * kDay + 11 * kHour);
  const AccountRecord& u3 = account(a, "u3");
  EXPECT_EQ(u3.events, 2u);
  EXPECT_EQ(u3.first_event_at, kMar1 + 2 * kDay + 11 * kHour);
  EXPECT_EQ(u3.last_event_at, kMar1 + 4 * kDay + 7 * kHour + 45 * 60000);
  expect_totals_match_day_counts(a, "warehouse table");
}

TEST(AccountTotals, EveryCorpusFileAgreesWithItsDayCounts) {
  const fs::path corpus = fs::path(PQLSCOPE_SOURCE_DIR) / "tests" / "corpus";
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    const std::string name = entry.path().filename().string();
    if (name == "EXPECTED") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    expect_totals_match_day_counts(one_pass(s.str(), name), name);
    ++files;
  }
  EXPECT_GE(files, 10u);
}

// Segment-shaped lines from a fixed seed: users that name an account on some events only,
// group calls, users never seen with an account, times out of order.
std::string generated_file() {
  std::mt19937_64 rng(20261202);
  std::string out;
  for (int i = 0; i < 4000; ++i) {
    const int user = static_cast<int>(rng() % 60);
    const int64_t at = kMar1 + static_cast<int64_t>(rng() % (40 * kDay));
    const std::string time = format_millis(at);
    const uint64_t kind = rng() % 10;
    std::string line = R"({"type":")";
    if (kind == 0 && user < 50) {
      line += R"(group","userId":"g)" + std::to_string(user) + R"(","groupId":"acct)" +
              std::to_string(rng() % 12) + '"';
    } else {
      line += R"(track","userId":"g)" + std::to_string(user) + R"(","event":"e)" + std::to_string(rng() % 5) + '"';
      // users 50..59 never name an account; the others on about half of their events
      if (user < 50 && kind % 2 == 1) line += R"(,"context":{"groupId":"acct)" + std::to_string(user % 12) + R"("})";
    }
    out += line + R"(,"timestamp":")" + time + "\"}\n";
  }
  return out;
}

TEST(AccountTotals, AGeneratedFileAgreesWithItsDayCountsInEveryPath) {
  const std::string bytes = generated_file();
  const Aggregates a = one_pass(bytes, "generated.jsonl");
  ASSERT_GT(a.report.events, 3000u);
  ASSERT_GT(a.report.unattributed_users, 0u);
  expect_totals_match_day_counts(a, "one pass");
  expect_totals_match_day_counts(in_chunks(bytes, 4), "4 chunks");
  expect_totals_match_day_counts(aggregates_from_day_counts_csv(day_counts_to_csv(a)), "day-count table");
}

}  // namespace
}  // namespace pqlscope
