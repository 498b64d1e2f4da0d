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

// shares_member_with walks both sorted sets in step: checked against the sets' contents, for
// sets of different partition counts (one has split, the other not), a common member placed
// anywhere, in both directions, whole or slice by slice, and empty sets.
TEST(IdHashSet, SharesAMemberExactlyWhenTheSetsIntersect) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 40; ++trial) {
    IdHashSet big(2), small;  // `big` splits past 2^16 partitions, `small` never does
    std::vector<uint64_t> in_big, in_small;
    for (int i = 0; i < 150000; ++i) {
      in_big.push_back(rng());
      big.insert(in_big.back());
    }
    for (int i = 0; i < 1000 + trial * 37; ++i) {
      in_small.push_back(rng());
      small.insert(in_small.back());
    }
    // Random 64-bit values: the two sets are disjoint unless a member is planted.
    const bool planted = trial % 2 == 1;
    uint64_t common = 0;
    if (planted) {
      common = trial % 4 == 1 ? in_big[rng() % in_big.size()] : in_small[rng() % in_small.size()];
      big.insert(common);
      small.insert(common);
    }
    ASSERT_GE(big.partition_bits(), 17u);
    ASSERT_EQ(small.partition_bits(), 16u);
    const std::set<uint64_t> big_set(in_big.begin(), in_big.end());
    bool intersect = false;
    for (uint64_t h : in_small) intersect = intersect || big_set.count(h) == 1;
    EXPECT_EQ(intersect || planted, planted) << trial;  // no accidental collision
    EXPECT_EQ(big.shares_member_with(small), planted) << trial;
    EXPECT_EQ(small.shares_member_with(big), planted) << trial;
    // Cut into slices of the hash space: exactly the slice that holds the common member's top
    // 16 mixed bits says so (slice s covers [2^16 s / n, 2^16 (s + 1) / n)).
    const uint64_t top = IdHashSet::mixed(common) >> 48;
    for (const unsigned slices : {1u, 2u, 3u, 7u}) {
      for (unsigned slice = 0; slice < slices; ++slice) {
        const bool holds = planted && top >= 65536u * slice / slices && top < 65536u * (slice + 1) / slices;
        EXPECT_EQ(big.shares_member_in_slice(small, slice, slices), holds) << trial << " " << slice << "/" << slices;
        EXPECT_EQ(small.shares_member_in_slice(big, slice, slices), holds) << trial << " " << slice << "/" << slices;
      }
    }
  }
  IdHashSet empty, one;
  one.insert(7);
  EXPECT_FALSE(empty.shares_member_with(one));
  EXPECT_FALSE(one.shares_member_with(empty));
  EXPECT_TRUE(one.shares_member_with(one));
}

// Sets with the same partition bits, the usual case of the parallel ingest's chunks (sets of
// similar size): split and unsplit pairs, a common member planted in half the trials, as the
// least or greatest member of the set or anywhere, whole and in slices.
TEST(IdHashSet, SetsOfTheSamePartitionBitsShareExactlyWhenTheyIntersect) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 24; ++trial) {
    const bool split = trial % 3 != 0;
    IdHashSet a(split ? 2 : IdHashSet::kSplitAt), b(split ? 2 : IdHashSet::kSplitAt);
    std::vector<uint64_t> in_a;
    const int n = split ? 140000 : 3000 + trial * 101;  // split: past 2 x 2^16 members
    for (int i = 0; i < n; ++i) {
      in_a.push_back(rng());
      a.insert(in_a.back());
      b.insert(rng());
    }
    const bool planted = trial % 2 == 1;
    uint64_t common = 0;
    if (planted) {
      // The least or greatest member of a's sorted members, or any: the ends of the walk.
      std::vector<uint64_t> mixed = a.mixed_members();
      const uint64_t pick = trial % 4 == 1 ? mixed.front() : trial % 4 == 3 ? mixed.back() : mixed[rng() % mixed.size()];
      for (uint64_t h : in_a) {
        if (IdHashSet::mixed(h) == pick) common = h;
      }
      b.insert(common);
    }
    ASSERT_EQ(a.partition_bits(), b.partition_bits()) << trial;
    if (split) ASSERT_GE(a.partition_bits(), 17u);
    EXPECT_EQ(a.shares_member_with(b), planted) << trial;
    EXPECT_EQ(b.shares_member_with(a), planted) << trial;
    const uint64_t top = IdHashSet::mixed(common) >> 48;
    for (const unsigned slices : {2u, 5u}) {
      for (unsigned slice = 0; slice < slices; ++slice) {
        const bool holds = planted && top >= 65536u * slice / slices && top < 65536u * (slice + 1) / slices;
        EXPECT_EQ(a.shares_member_in_slice(b, slice, slices), holds) << trial << " " << slice << "/" << slices;
      }
    }
  }
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

// Moves hand over the members and the blocks (the first blocks' shared allocation included):
// the moved-to set answers for every member, the moved-from one is empty and usable, and a
// set assigned over frees what it held (ASan in the native sanitiser run would see a leak or a
// double free).
TEST(IdHashSet, MovesHandOverMembersAndBlocks) {
  std::mt19937_64 rng(21);
  std::vector<uint64_t> members;
  IdHashSet a;
  for (int i = 0; i < 300000; ++i) {  // ~4.6 a partition: most stay in their first block, some outgrow it
    members.push_back(rng());
    ASSERT_TRUE(a.insert(members.back()));
  }
  IdHashSet b(std::move(a));
  EXPECT_EQ(a.size(), 0u);
  EXPECT_FALSE(a.contains(members[0]));
  EXPECT_TRUE(a.insert(members[0]));  // the moved-from set starts again
  IdHashSet c;
  for (int i = 0; i < 1000; ++i) c.insert(rng());
  c = std::move(b);
  EXPECT_EQ(c.size(), members.size());
  for (uint64_t h : members) ASSERT_TRUE(c.contains(h));
  for (uint64_t h : members) ASSERT_FALSE(c.insert(h));
}

// The bytes a set reports: 6 a member plus the growth slack (a quarter at most, a block), the
// partition table, and the first blocks' allocation while a partition still uses it. With 3M
// members (45.8 a partition on average; the chance that one of 65,536 holds 8 or fewer is
// ~1e-13) every partition has outgrown its first block, which must then be gone.
TEST(IdHashSet, MemoryIsTheMembersWithTheirSlack) {
  std::mt19937_64 rng(4);
  IdHashSet ids;
  // The partition table: a pointer and two 32-bit counts per partition (16 bytes natively, 12 in
  // 32-bit WebAssembly).
  const size_t table = (size_t{1} << 16) * (sizeof(void*) + 8);
  const size_t first_blocks = (size_t{1} << 16) * 8 * IdHashSet::kStride;  // 8 members a slot
  for (int i = 0; i < 100000; ++i) ids.insert(rng());
  EXPECT_GE(ids.memory_bytes(), table + first_blocks);  // the first blocks are in use
  for (int i = 100000; i < 3000000; ++i) ids.insert(rng());
  const double members = 6.0 * static_cast<double>(ids.size());
  EXPECT_GE(static_cast<double>(ids.memory_bytes()), members + static_cast<double>(table));
  EXPECT_LE(static_cast<double>(ids.memory_bytes()), 1.2 * members + static_cast<double>(table));
  ids.clear();
  EXPECT_EQ(ids.memory_bytes(), 0u);
}

}  // namespace
}  // namespace pqlscope
