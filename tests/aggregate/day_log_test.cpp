#include "pqlscope/aggregate/day_log.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace pqlscope {
namespace {

constexpr std::size_t kChunk = DayLog::kChunkSize;

DayLog log_of(const std::vector<DayCount>& v) {
  DayLog log;
  for (const DayCount& d : v) log.push_back(d);
  return log;
}

std::vector<DayCount> vector_of(const DayLog& log) { return std::vector<DayCount>(log.begin(), log.end()); }

// n groups over `days` days, in day order or not, with repeated groups.
std::vector<DayCount> random_counts(std::size_t n, uint16_t days, bool day_ordered, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<DayCount> v(n);
  for (DayCount& d : v) {
    d = {static_cast<uint32_t>(rng() % 300), static_cast<uint16_t>(rng() % 7), static_cast<uint16_t>(rng() % days),
         static_cast<uint32_t>(1 + rng() % 5)};
  }
  if (day_ordered) std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.day < b.day; });
  return v;
}

TEST(DayLog, GrowsChunkByChunkAndReadsLikeAVector) {
  const std::vector<DayCount> v = random_counts(3 * kChunk + 123, 50, false, 1);
  DayLog log;
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(log.begin(), log.end());
  for (const DayCount& d : v) log.push_back(d);
  ASSERT_EQ(log.size(), v.size());
  EXPECT_EQ(log.front(), v.front());
  EXPECT_EQ(log.back(), v.back());
  for (std::size_t i = 0; i < v.size(); i += 997) EXPECT_EQ(log[i], v[i]);
  EXPECT_EQ(vector_of(log), v);
  EXPECT_GE(log.capacity(), log.size());
  EXPECT_LE(log.capacity(), log.size() + kChunk);  // never more than one chunk of slack
  // Spans cover the log in order, split at chunk boundaries only.
  std::vector<DayCount> seen;
  std::size_t spans = 0;
  log.for_each_span([&](std::span<const DayCount> s) {
    ++spans;
    seen.insert(seen.end(), s.begin(), s.end());
  });
  EXPECT_EQ(spans, 4u);
  EXPECT_EQ(seen, v);
  seen.clear();
  log.for_each_span(kChunk - 5, 2 * kChunk + 5, [&](std::span<const DayCount> s) { seen.insert(seen.end(), s.begin(), s.end()); });
  EXPECT_EQ(seen, std::vector<DayCount>(v.begin() + kChunk - 5, v.begin() + 2 * kChunk + 5));
  // Random-access iterators.
  EXPECT_EQ(log.end() - log.begin(), static_cast<std::ptrdiff_t>(v.size()));
  EXPECT_EQ(*(log.begin() + kChunk), v[kChunk]);
  DayLog::const_iterator it = log.begin();
  EXPECT_EQ(it[kChunk + 1], v[kChunk + 1]);
}

TEST(DayLog, CopiesMovesComparesTruncatesAndShrinks) {
  const std::vector<DayCount> v = random_counts(2 * kChunk + 7, 30, true, 2);
  DayLog log = log_of(v);
  DayLog copy = log;
  EXPECT_EQ(copy, log);
  EXPECT_EQ(copy.capacity(), copy.size());  // copies are exact
  copy.push_back({1, 2, 3, 4});               // and can grow again
  EXPECT_FALSE(copy == log);
  EXPECT_EQ(copy.back(), (DayCount{1, 2, 3, 4}));
  copy[5].count += 1;
  copy.truncate(log.size());
  EXPECT_FALSE(copy == log);
  copy[5].count -= 1;
  EXPECT_EQ(copy, log);

  DayLog moved = std::move(copy);
  EXPECT_EQ(moved, log);
  EXPECT_TRUE(copy.empty());  // NOLINT: moved-from is empty
  copy = moved;
  EXPECT_EQ(copy, log);

  moved.truncate(kChunk + 1);
  EXPECT_EQ(vector_of(moved), std::vector<DayCount>(v.begin(), v.begin() + kChunk + 1));
  EXPECT_EQ(moved.capacity(), 2 * kChunk);
  moved.shrink_to_fit();
  EXPECT_EQ(moved.capacity(), kChunk + 1);
  for (std::size_t i = kChunk + 1; i < v.size(); ++i) moved.push_back(v[i]);
  EXPECT_EQ(moved, log);
  moved.truncate(0);
  EXPECT_TRUE(moved.empty());
  EXPECT_EQ(moved.capacity(), 0u);
  moved.push_back(v[0]);
  EXPECT_EQ(moved.size(), 1u);

  const DayLog small{{1, 1, 1, 1}, {2, 2, 2, 2}};
  EXPECT_EQ(small.size(), 2u);
  EXPECT_EQ(small.back().entity, 2u);
}

// The DayLog sort gives exactly what the vector sort gives, whichever path it takes: logs in
// day order (days within one chunk, days across chunk boundaries), and logs in no order.
TEST(DayLog, SortAndMergeEqualsTheVectorSort) {
  struct Case {
    std::size_t n;
    uint16_t days;
    bool day_ordered;
  };
  for (const Case c : {Case{1000, 5, true}, Case{3 * kChunk + 11, 400, true}, Case{3 * kChunk + 11, 3, true},
                       Case{2 * kChunk + 3, 90, false}, Case{100, 1, false}, Case{0, 1, false}}) {
    std::vector<DayCount> expected = random_counts(c.n, c.days, c.day_ordered, c.n + c.days);
    DayLog log = log_of(expected);
    sort_and_merge(expected);
    sort_and_merge(log);
    EXPECT_EQ(vector_of(log), expected) << c.n << " " << c.days << " " << c.day_ordered;
    sort_and_merge(log);  // already sorted: unchanged
    EXPECT_EQ(vector_of(log), expected);
  }
}

// Days of many entries are sorted by a radix sort over the bytes of (entity, event) that vary:
// entities and events over their whole ranges, so every byte varies, and ranges where only some do.
TEST(DayLog, SortAndMergeOrdersEntitiesAndEventsOverTheirWholeRange) {
  std::mt19937_64 rng(7);
  for (const uint64_t entity_mask : {uint64_t{0xFFFFFFFF}, uint64_t{0xFF00FF00}, uint64_t{0x1}}) {
    std::vector<DayCount> v(5000);
    for (std::size_t i = 0; i < v.size(); ++i) {
      v[i] = {static_cast<uint32_t>(rng() & entity_mask), static_cast<uint16_t>(rng() & 0xFFFF),
              static_cast<uint16_t>(i < 2500 ? 10 : 11), 1};
    }
    DayLog log = log_of(v);
    std::sort(v.begin(), v.end(), [](const DayCount& a, const DayCount& b) {
      return std::tie(a.day, a.entity, a.event) < std::tie(b.day, b.entity, b.event);
    });
    std::vector<DayCount> expected;  // equal groups summed, by hand
    for (const DayCount& d : v) {
      if (!expected.empty() && expected.back().day == d.day && expected.back().entity == d.entity &&
          expected.back().event == d.event) {
        expected.back().count += d.count;
      } else {
        expected.push_back(d);
      }
    }
    sort_and_merge(log);
    EXPECT_EQ(vector_of(log), expected) << std::hex << entity_mask;
  }
}

// merge_sorted of the two logs (each sorted first) equals a plain vector sort of their union,
// and consumes both.
void expect_merge_is_the_sorted_union(const std::vector<DayCount>& a, const std::vector<DayCount>& b,
                                      const std::string& label) {
  DayLog la = log_of(a), lb = log_of(b);
  sort_and_merge(la);
  sort_and_merge(lb);
  std::vector<DayCount> expected = a;
  expected.insert(expected.end(), b.begin(), b.end());
  sort_and_merge(expected);
  const DayLog merged = merge_sorted(std::move(la), std::move(lb));
  EXPECT_EQ(vector_of(merged), expected) << label;
  EXPECT_TRUE(la.empty()) << label;  // NOLINT: consumed
  EXPECT_TRUE(lb.empty()) << label;  // NOLINT: consumed
}

TEST(DayLog, MergeSortedEqualsSortingTheUnion) {
  for (const std::size_t n : {std::size_t{0}, std::size_t{10}, kChunk - 1, 2 * kChunk + 5}) {
    expect_merge_is_the_sorted_union(random_counts(n, 60, true, 7 + n), random_counts(n / 3 + 1, 60, false, 8 + n),
                                     std::to_string(n));
  }
}

// Logs that follow each other in time (the chunks of a time-ordered file): a's days up to the
// one they share stay in place, the shared day is summed group by group; also b before a, b
// empty, and a log that spans several chunks. The expected union is a plain vector sort.
TEST(DayLog, MergeSortedOfLogsThatFollowInTimeEqualsSortingTheUnion) {
  auto shifted = [](std::vector<DayCount> v, uint16_t by) {
    for (DayCount& d : v) d.day = static_cast<uint16_t>(d.day + by);
    return v;
  };
  struct Case {
    std::size_t a_n, b_n;
    uint16_t b_from;  // b's first day; a holds days 0..40
  };
  for (const Case c : {Case{2 * kChunk + 7, kChunk + 3, 40}, Case{5000, 5000, 40}, Case{5000, 3000, 41},
                       Case{5000, 3000, 0}, Case{3000, 0, 40}, Case{0, 3000, 10}, Case{kChunk, kChunk, 39}}) {
    expect_merge_is_the_sorted_union(random_counts(c.a_n, 41, true, c.a_n + 1),
                                     shifted(random_counts(c.b_n, 40, true, c.b_n + 2), c.b_from),
                                     std::to_string(c.a_n) + " " + std::to_string(c.b_n) + " " + std::to_string(c.b_from));
  }
}

}  // namespace
}  // namespace pqlscope
