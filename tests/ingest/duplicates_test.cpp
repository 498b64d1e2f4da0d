// Duplicates through the Ingestor (docs/ingest.md, "Duplicates" and "The same file twice"):
// overlapping exports, ids scoped by event name, identical rows kept unless asked, and the same
// file given twice. Expected counts are worked out from how each input is built.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "support/chunking.hpp"

namespace pqlscope {
namespace {

struct Input {
  std::string name, bytes;
  FileOptions options = {};
};

Aggregates ingest_files(const std::vector<Input>& files, IngestOptions options = {},
                        size_t max_chunk = 0) {
  Ingestor ingest(options);
  for (const Input& f : files) {
    ingest.begin_file(f.name, f.options);
    if (max_chunk == 0) {
      ingest.feed(f.bytes);
    } else {
      testing_support::feed_in_random_chunks(f.bytes, 9, max_chunk, [&](std::string_view b) { ingest.feed(b); });
    }
  }
  return ingest.finish();
}

uint64_t account_total(const Aggregates& a, std::string_view account, std::string_view event = {}) {
  uint64_t n = 0;
  for (const DayCount& d : a.account_days) {
    if (a.accounts[d.entity].id == account && (event.empty() || a.event_names[d.event] == event)) n += d.count;
  }
  return n;
}

// Day d (0-based from 2024-01-01) as an ISO date.
std::string date(int d) { return format_day(19723 + d); }

// An export of days [from, to): per day, three events with message ids "<day>-<k>" (the
// same id for the same event in every export) spread over accounts a0..a2.
std::string segment_csv(int from, int to) {
  std::string out = "timestamp,account_id,user_id,event,messageId\n";
  for (int d = from; d < to; ++d) {
    for (int k = 0; k < 3; ++k) {
      out += date(d) + "T1" + std::to_string(k) + ":00:00Z,a" + std::to_string(k) + ",u" + std::to_string(k) +
             ",login," + std::to_string(d) + "-" + std::to_string(k) + "\n";
    }
  }
  return out;
}

TEST(Duplicates, OverlappingExportsCountEachMessageOnce) {
  // Jan 1 - Mar 10 (70 days) and Feb 20 - May 9 (Feb 20 = day 50; 80 days): days 50..69 are in
  // both, and most of them were closed long before the second file began.
  const Aggregates a = ingest_files({{"jan-mar.csv", segment_csv(0, 70)}, {"feb-may.csv", segment_csv(50, 130)}});
  EXPECT_EQ(a.report.events, 130u * 3);
  EXPECT_EQ(a.report.duplicates, 20u * 3);
  EXPECT_EQ(a.report.files[1].duplicates, 20u * 3);
  EXPECT_EQ(a.report.files[1].accepted, 60u * 3);
  EXPECT_EQ(a.report.copies_skipped, 0u);
  for (const char* account : {"a0", "a1", "a2"}) EXPECT_EQ(account_total(a, account), 130u);
}

TEST(Duplicates, OverlappingExportsInNoOrderCountEachMessageOnce) {
  // The same two exports with their rows shuffled: the input keeps returning to closed days
  // and the aggregator switches to its unordered mode part way through the first file.
  auto shuffled = [](const std::string& csv, uint64_t seed) {
    const size_t header = csv.find('\n') + 1;
    std::vector<std::string> lines;
    for (size_t at = header; at < csv.size();) {
      const size_t end = csv.find('\n', at) + 1;
      lines.push_back(csv.substr(at, end - at));
      at = end;
    }
    std::mt19937_64 rng(seed);
    std::shuffle(lines.begin(), lines.end(), rng);
    std::string out = csv.substr(0, header);
    for (const std::string& line : lines) out += line;
    return out;
  };
  const Aggregates a =
      ingest_files({{"jan-mar.csv", shuffled(segment_csv(0, 70), 1)}, {"feb-may.csv", shuffled(segment_csv(50, 130), 2)}});
  EXPECT_GT(a.report.reopened_days, 64u);
  EXPECT_EQ(a.report.events, 130u * 3);
  EXPECT_EQ(a.report.duplicates, 20u * 3);
  for (const char* account : {"a0", "a1", "a2"}) EXPECT_EQ(account_total(a, account), 130u);
}

TEST(Duplicates, AnIdIsScopedByItsEventName) {
  // Mixpanel deduplicates on event name + $insert_id (among others): the same id under two
  // event names is two events. The same id and event name again, in another file, is one.
  const std::string one =
      "timestamp,account_id,user_id,event,$insert_id\n"
      "2024-01-01T10:00:00Z,acme,alice,login,x1\n"
      "2024-01-01T10:00:01Z,acme,alice,logout,x1\n";
  const std::string two =
      "timestamp,account_id,user_id,event,$insert_id\n"
      "2024-01-01T10:00:00Z,acme,alice,login,x1\n"
      "2024-01-02T09:00:00Z,acme,alice,login,x2\n";
  const Aggregates a = ingest_files({{"one.csv", one}, {"two.csv", two}});
  EXPECT_EQ(a.report.events, 3u);
  EXPECT_EQ(a.report.duplicates, 1u);
  EXPECT_EQ(account_total(a, "acme", "login"), 2u);
  EXPECT_EQ(account_total(a, "acme", "logout"), 1u);
}

// Two real clicks in the same second, and no message id: identical rows.
const char* kClicks =
    "timestamp,account_id,user_id,event\n"
    "2024-03-01T09:05:00Z,acme,alice,click\n"
    "2024-03-01T09:05:00Z,acme,alice,click\n"
    "2024-03-01T09:06:00Z,acme,alice,click\n";

TEST(Duplicates, IdenticalRowsWithoutAnIdAreKeptByDefault) {
  const Aggregates a = ingest_files({{"clicks.csv", kClicks}});
  EXPECT_EQ(a.report.events, 3u);
  EXPECT_EQ(a.report.duplicates, 0u);
  EXPECT_EQ(account_total(a, "acme", "click"), 3u);
}

TEST(Duplicates, IdenticalRowsAreDroppedWhenAsked) {
  IngestOptions options;
  options.drop_identical_rows = true;
  // Also across files: a second file repeating the 09:06 row.
  const Aggregates a = ingest_files(
      {{"clicks.csv", kClicks}, {"more.csv", "timestamp,account_id,user_id,event\n2024-03-01T09:06:00Z,acme,alice,click\n"}},
      options);
  EXPECT_EQ(a.report.events, 2u);
  EXPECT_EQ(a.report.duplicates, 2u);
  EXPECT_EQ(a.report.identical_rows, 2u);
  EXPECT_EQ(account_total(a, "acme", "click"), 2u);
}

// An export without message ids (so that counting it twice would show), of `days` days.
std::string export_without_ids(int days, const std::string& account = "acme") {
  std::string out = "timestamp,account_id,user_id,event\n";
  for (int d = 0; d < days; ++d) {
    for (int k = 0; k < 20; ++k) {
      out += date(d) + "T10:" + (k < 10 ? "0" : "") + std::to_string(k) + ":00Z," + account + ",u" +
             std::to_string(k) + ",click\n";
    }
  }
  return out;
}

void expect_same_aggregates(Aggregates a, Aggregates b) {
  a.report = {};
  b.report = {};
  EXPECT_EQ(aggregates_to_json(a), aggregates_to_json(b));
}

TEST(Duplicates, TheSameSmallFileTwiceIsSkipped) {
  const std::string bytes = export_without_ids(10);  // 200 events, under 64 KiB
  ASSERT_LT(bytes.size(), 64u * 1024);
  const Aggregates once = ingest_files({{"e.csv", bytes}});
  const Aggregates twice = ingest_files({{"e.csv", bytes}, {"copy of e.csv", bytes}});
  EXPECT_EQ(twice.report.events, 200u);
  EXPECT_EQ(twice.report.copies_skipped, 1u);
  ASSERT_EQ(twice.report.files.size(), 2u);
  EXPECT_TRUE(twice.report.files[1].copy_skipped);
  EXPECT_EQ(twice.report.files[1].same_as, "e.csv");
  EXPECT_EQ(twice.report.files[1].rows, 0u);
  EXPECT_EQ(twice.report.files[1].bytes, bytes.size());
  EXPECT_EQ(twice.report.bytes, 2 * bytes.size());
  EXPECT_EQ(twice.report.rejected, 0u);
  expect_same_aggregates(once, twice);
}

TEST(Duplicates, TheSameLargeFileTwiceIsSkippedWhateverTheChunking) {
  const std::string bytes = export_without_ids(200);  // 4000 events, ~170 KB
  ASSERT_GT(bytes.size(), 64u * 1024);
  const Aggregates once = ingest_files({{"e.csv", bytes}});
  for (size_t max_chunk : {size_t{0}, size_t{7}, size_t{70000}}) {
    const Aggregates twice = ingest_files({{"e.csv", bytes}, {"again.csv", bytes}}, {}, max_chunk);
    EXPECT_EQ(twice.report.events, 4000u) << max_chunk;
    EXPECT_TRUE(twice.report.files[1].copy_skipped) << max_chunk;
    expect_same_aggregates(once, twice);
  }
}

TEST(Duplicates, ACopyLargerThanTheHoldBackIsSkippedWhenItsSizeIsKnown) {
  const std::string bytes = export_without_ids(200);
  IngestOptions options;
  options.max_held_bytes = 80 * 1024;  // less than the file
  FileOptions sized;
  sized.size = static_cast<int64_t>(bytes.size());
  const Aggregates once = ingest_files({{"e.csv", bytes}});
  const Aggregates twice = ingest_files({{"e.csv", bytes, sized}, {"again.csv", bytes, sized}}, options, 5000);
  EXPECT_EQ(twice.report.events, 4000u);
  EXPECT_TRUE(twice.report.files[1].copy_skipped);
  EXPECT_EQ(twice.report.copies_skipped, 1u);
  expect_same_aggregates(once, twice);
}

TEST(Duplicates, ACopyLargerThanTheHoldBackWithoutItsSizeIsReadAndSaidToBeACopy) {
  const std::string bytes = export_without_ids(200);
  IngestOptions options;
  options.max_held_bytes = 80 * 1024;
  const Aggregates twice = ingest_files({{"e.csv", bytes}, {"again.csv", bytes}}, options, 5000);
  // No ids: every event counted twice, and the report says the second file was a copy.
  EXPECT_EQ(twice.report.events, 8000u);
  EXPECT_FALSE(twice.report.files[1].copy_skipped);
  EXPECT_EQ(twice.report.files[1].same_as, "e.csv");
  EXPECT_EQ(twice.report.copies_skipped, 0u);
}

TEST(Duplicates, AFileWithTheSameStartAndSizeButOtherBytesIsNotReadAndSaysWhy) {
  const std::string bytes = export_without_ids(200);
  std::string edited = bytes;
  edited[edited.size() - 3] = 'X';  // "click" -> "cliXk" in the last row: same size
  IngestOptions options;
  options.max_held_bytes = 80 * 1024;
  FileOptions sized;
  sized.size = static_cast<int64_t>(bytes.size());
  const Aggregates a = ingest_files({{"e.csv", bytes, sized}, {"edited.csv", edited, sized}}, options);
  EXPECT_EQ(a.report.events, 4000u);
  EXPECT_EQ(a.report.rejected, 1u);
  EXPECT_EQ(a.report.rejected_by_code[static_cast<size_t>(IngestErrorCode::copy_differs)], 1u);
  ASSERT_EQ(a.report.issues.size(), 1u);
  EXPECT_EQ(a.report.issues[0].file, "edited.csv");
  EXPECT_NE(a.report.issues[0].message.find("'e.csv'"), std::string::npos);
  EXPECT_FALSE(a.report.files[1].copy_skipped);
  EXPECT_TRUE(a.report.files[1].same_as.empty());
}

TEST(Duplicates, AFileThatDiffersAfterItsStartIsRead) {
  const std::string bytes = export_without_ids(200);
  std::string edited = bytes;
  edited[edited.size() - 3] = 'X';                      // same size, differs at the end
  const std::string longer = bytes + date(200) + "T10:00:00Z,acme,u0,click\n";  // an export re-run a day later
  const Aggregates a = ingest_files({{"e.csv", bytes}, {"edited.csv", edited}, {"longer.csv", longer}}, {}, 3000);
  // All three are read: 4000 + 4000 + 4001 events (no ids, nothing is a duplicate).
  EXPECT_EQ(a.report.events, 12001u);
  EXPECT_EQ(a.report.copies_skipped, 0u);
  EXPECT_EQ(account_total(a, "acme", "cliXk"), 1u);
  for (const FileSummary& f : a.report.files) EXPECT_TRUE(f.same_as.empty()) << f.name;
}

TEST(Duplicates, TheSameBytesAsAnotherKindOfFileAreNotACopy) {
  const std::string bytes = "account_id,timestamp,channel\nacme,2024-01-01T00:00:00Z,email\n";
  FileOptions comms;
  comms.kind = FileKind::communications;
  const Aggregates a = ingest_files({{"c.csv", bytes, comms}, {"c2.csv", bytes, comms}, {"c3.csv", bytes}});
  EXPECT_TRUE(a.report.files[1].copy_skipped);
  EXPECT_FALSE(a.report.files[2].copy_skipped);  // read as events (and rejected as such)
  EXPECT_EQ(a.communications.size(), 1u);
  EXPECT_EQ(a.communications[0].count, 1u);
}

}  // namespace
}  // namespace pqlscope
