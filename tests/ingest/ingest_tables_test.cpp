// The hash tables under ingest: the string interner (ids in order of first appearance, with a
// shortcut for a repeated name) and the per-day group counter (radix-sorted drain).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "pqlscope/aggregate/group_counter.hpp"
#include "pqlscope/aggregate/string_interner.hpp"

namespace pqlscope {
namespace {

TEST(StringInterner, IdsFollowFirstAppearanceAcrossRepeatsGrowthAndLengths) {
  StringInterner interner;
  std::map<std::string, uint32_t> expected;
  std::mt19937_64 rng(7);
  std::vector<std::string> names;
  for (int i = 0; i < 5000; ++i) {
    // Lengths 0-40: inline (<= 16 bytes) and stored names, and names that differ only in length.
    names.push_back(std::string(static_cast<size_t>(i % 41), 'x') + std::to_string(i % 1700));
  }
  names.push_back("");
  names.push_back(std::string("a\0", 2));
  names.push_back("a");
  for (int step = 0; step < 20000; ++step) {
    const std::string& name = names[rng() % names.size()];
    const int repeats = 1 + static_cast<int>(rng() % 3);  // the last-name shortcut
    for (int r = 0; r < repeats; ++r) {
      const auto it = expected.emplace(name, static_cast<uint32_t>(expected.size())).first;
      ASSERT_EQ(interner.intern(name), it->second) << name;
      ASSERT_EQ(interner.find(name), it->second) << name;
    }
  }
  EXPECT_EQ(interner.size(), expected.size());
  for (const auto& [name, id] : expected) EXPECT_EQ(interner.name(id), name);
  EXPECT_EQ(interner.find("never seen"), StringInterner::kNotFound);
}

// reserve() (the merge sizes its tables up front) changes where names sit, never their ids: an
// interner reserved before, in the middle and for fewer names than it holds answers like a plain one.
TEST(StringInterner, ReserveKeepsIdsAndLookups) {
  StringInterner plain, reserved;
  reserved.reserve(10);
  for (int i = 0; i < 6000; ++i) {
    const std::string name = (i % 3 == 0 ? "a-much-longer-user-identifier-" : "u") + std::to_string(i * 7919 % 4001);
    if (i == 2500) reserved.reserve(50000);
    if (i == 4000) reserved.reserve(5);
    ASSERT_EQ(reserved.intern(name), plain.intern(name)) << name;
  }
  ASSERT_EQ(reserved.size(), plain.size());
  for (uint32_t id = 0; id < plain.size(); ++id) {
    EXPECT_EQ(reserved.name(id), plain.name(id));
    EXPECT_EQ(reserved.find(plain.name(id)), id);
  }
  EXPECT_EQ(reserved.find("never seen"), StringInterner::kNotFound);
}

TEST(GroupCounter, DrainIsSortedByKeyAndCountsAreExact) {
  std::mt19937_64 rng(11);
  GroupCounter counter;
  for (int round = 0; round < 4; ++round) {  // reuse after a drain, small and large tables
    std::map<uint64_t, uint32_t> expected;
    const int n = round % 2 == 0 ? 40 : 30000;
    for (int i = 0; i < n; ++i) {
      // Keys shaped like entity << 16 | event, plus a few using high bytes.
      uint64_t key = ((rng() % 50000) << 16) | (rng() % 30);
      if (i % 97 == 0) key |= rng() << 40;
      const uint32_t add = 1 + static_cast<uint32_t>(rng() % 3);
      counter.add(key, add);
      expected[key] += add;
    }
    std::vector<std::pair<uint64_t, uint32_t>> drained;
    counter.drain_sorted([&](uint64_t k, uint32_t c) { drained.emplace_back(k, c); });
    const std::vector<std::pair<uint64_t, uint32_t>> want(expected.begin(), expected.end());
    EXPECT_EQ(drained, want);
    EXPECT_EQ(counter.size(), 0u);
  }
}

}  // namespace
}  // namespace pqlscope
