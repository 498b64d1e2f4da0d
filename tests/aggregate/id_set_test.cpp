// IdHashSet against std::set: random hashes (through several partition splits), and hashes that
// crowd one partition (the interpolated position is then far off and the walk must still find
// the place).
#include "pqlscope/aggregate/id_set.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace pqlscope {
namespace {

TEST(IdHashSet, AgreesWithStdSetThroughPartitionSplits) {
  IdHashSet ids(2);  // splits every time the mean partition holds more than 2 members
  std::set<uint64_t> reference;
  std::mt19937_64 rng(11);
  std::vector<uint64_t> inserted;
  for (int i = 0; i < 600000; ++i) {
    // One in four is a repeat of an earlier hash: insert must say "already present".
    const uint64_t h = (i % 4 == 3 && !inserted.empty()) ? inserted[rng() % inserted.size()] : rng();
    const bool is_new = reference.insert(h).second;
    ASSERT_EQ(ids.insert(h), is_new) << i;
    if (is_new) inserted.push_back(h);
  }
  EXPECT_EQ(ids.size(), reference.size());
  EXPECT_GE(ids.partition_bits(), 17u);  // 2^16 partitions x 2 < members: it has split
  for (uint64_t h : inserted) ASSERT_TRUE(ids.contains(h));
  for (int i = 0; i < 100000; ++i) {
    const uint64_t h = rng();
    EXPECT_EQ(ids.contains(h), reference.count(h) == 1);
  }
}

TEST(IdHashSet, HashesThatDifferOnlyInLowOrHighBitsAreDistinct) {
  IdHashSet ids(4);
  std::set<uint64_t> reference;
  for (uint64_t i = 0; i < 3000; ++i) {
    for (uint64_t h : {i, i << 48, (i << 52) | 7, ~i, uint64_t{0x8000000000000000ULL} | i}) {
      ASSERT_EQ(ids.insert(h), reference.insert(h).second) << h;
    }
  }
  EXPECT_EQ(ids.size(), reference.size());
  for (uint64_t h : reference) ASSERT_TRUE(ids.contains(h)) << h;
  EXPECT_FALSE(ids.contains(uint64_t{3001} << 48));
}

TEST(IdHashSet, ClearForgetsEverything) {
  IdHashSet ids;
  EXPECT_TRUE(ids.insert(42));
  EXPECT_FALSE(ids.insert(42));
  ids.clear();
  EXPECT_EQ(ids.size(), 0u);
  EXPECT_FALSE(ids.contains(42));
  EXPECT_TRUE(ids.insert(42));
}

}  // namespace
}  // namespace pqlscope
