// sort_members / sort_top_members (core/src/segments/rules.cpp) against a plain sort by the
// documented order: value as shown (descending or ascending), NaN last, then account id as
// std::string orders it. The ids are chosen to stress the id-prefix shortcut: shared prefixes
// of every length up to past 8 bytes, ids that are prefixes of others, NUL and high bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "segments/rules.hpp"
#include "support/rng.hpp"

namespace pqlscope {
namespace {

using pqlscope::testing::Rng;

std::string random_id(Rng& rng) {
  static const std::string kAlphabet = std::string("ab\0\xff\x80z", 6);
  std::string id = std::string("acct_0000", rng.below(10));  // a shared prefix of 0-9 bytes
  for (uint64_t n = rng.below(6); n > 0; --n) id += kAlphabet[rng.below(kAlphabet.size())];
  return id;
}

TEST(SortMembers, TheOrderIsValueAsShownNanLastThenTheIdAsAString) {
  Rng rng{5};
  for (int round = 0; round < 200; ++round) {
    Aggregates aggregates;
    std::vector<std::string> seen;
    while (aggregates.accounts.size() < 60) {
      std::string id = random_id(rng);
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;  // ids are distinct
      seen.push_back(id);
      aggregates.accounts.emplace_back();
      aggregates.accounts.back().id = std::move(id);
    }
    std::vector<SegmentMember> members;
    for (uint32_t a = 0; a < aggregates.accounts.size(); ++a) {
      if (rng.below(4) == 0) continue;
      const uint64_t kind = rng.below(10);
      const double value = kind == 0   ? std::numeric_limits<double>::quiet_NaN()
                           : kind < 6 ? static_cast<double>(rng.below(3))       // many ties
                                      : 1.0 + 1e-6 * static_cast<double>(rng.below(3));  // ties as shown
      members.push_back({a, value, "member " + std::to_string(a)});
    }
    for (const bool descending : {true, false}) {
      std::vector<SegmentMember> want = members;
      std::sort(want.begin(), want.end(), [&](const SegmentMember& x, const SegmentMember& y) {
        const bool xn = std::isnan(x.value), yn = std::isnan(y.value);
        if (xn != yn) return yn;
        const double xs = xn ? 0 : std::round(x.value * 1e4) / 1e4, ys = yn ? 0 : std::round(y.value * 1e4) / 1e4;
        if (xs != ys) return descending ? xs > ys : xs < ys;
        return aggregates.accounts[x.account].id < aggregates.accounts[y.account].id;
      });
      for (const std::size_t limit : {members.size(), std::size_t{5}, std::size_t{0}}) {
        std::vector<SegmentMember> got = members;
        segments_detail::sort_top_members(got, descending, aggregates, limit);
        ASSERT_EQ(got.size(), std::min(limit, members.size()));
        for (std::size_t i = 0; i < got.size(); ++i) {
          EXPECT_EQ(got[i].account, want[i].account) << "round " << round << ", place " << i;
          EXPECT_EQ(got[i].reason, want[i].reason);
        }
      }
    }
  }
}

TEST(SortMembers, IdPrefixesOrderAsTheIdsWhereverTheyDiffer) {
  const std::vector<std::string> ids = {"", "a", std::string("a\0", 2), "ab", "abcdefgh", "abcdefgh1", "abcdefgi",
                                        "\xff", "b"};
  for (const std::string& x : ids) {
    for (const std::string& y : ids) {
      const uint64_t px = segments_detail::id_prefix(x), py = segments_detail::id_prefix(y);
      if (px != py) EXPECT_EQ(px < py, x < y) << "'" << x << "' '" << y << "'";
    }
  }
  EXPECT_EQ(segments_detail::id_prefix("abcdefgh"), segments_detail::id_prefix("abcdefgh1"));  // past 8 bytes
}

}  // namespace
}  // namespace pqlscope
