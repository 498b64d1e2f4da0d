// Same data, same answer: ties in a segment's order (and so in the top_accounts cut-off) are
// broken by account id, never by the order of the input rows (issue 18).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pqlscope/model/model_json.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

std::vector<std::string> member_ids(const Aggregates& a, const SegmentReport& r, const char* id) {
  std::vector<std::string> out;
  for (const SegmentMember& m : r.find(id)->members) out.push_back(a.accounts[m.account].id);
  return out;
}

TEST(TieOrder, TopAccountsCutOffDoesNotDependOnRowOrder) {
  // Three trial accounts with one `use` each: raw 1 each, P90 = 1, engagement 100 each, fit 1
  // (no ICP): score 100 x 1 = 100 for all three, a three-way tie for top_accounts = 2.
  // By account id: acme, beta are kept, zeta is cut -- whichever row comes first.
  // All three also complete the one step (100% >= 80%): the PQL list ties on activation 100.
  const Model model = parse_model(R"({"activation": {"steps": [{"id": "use", "events": "use"}]},
    "engagement": {"importance": {"use": 1}},
    "segments": {"product_led": {"top_accounts": 2}}})");
  const std::string acme = rows(kDay0, "acme", "u1", "use");
  const std::string beta = rows(kDay0, "beta", "u2", "use");
  const std::string zeta = rows(kDay0, "zeta", "u3", "use");
  for (const std::string& csv : {acme + beta + zeta, zeta + beta + acme, beta + zeta + acme}) {
    const Aggregates a = ingest(csv);
    const Metrics m = compute_metrics(a, model, kDay0);
    const SegmentReport r = compute_segments(a, model, m);
    EXPECT_EQ(member_ids(a, r, "top_accounts"), (std::vector<std::string>{"acme", "beta"})) << csv;
    EXPECT_EQ(member_ids(a, r, "pql"), (std::vector<std::string>{"acme", "beta", "zeta"})) << csv;
  }
}

TEST(TieOrder, UsersWithEqualScoresAreListedById) {
  // Hand-built: one paid account, power users bob and ann (added in that order) both at 80.
  World w;
  const uint32_t acct = w.account("paid", info(Plan::self_serve));
  w.user("bob", acct, 80, 80);
  w.user("ann", acct, 80, 80);
  const SegmentReport r = w.segments();
  const UserSegment* power = nullptr;
  for (const UserSegment& s : r.user_segments) {
    if (s.id == "power_users") power = &s;
  }
  ASSERT_NE(power, nullptr);
  ASSERT_EQ(power->members.size(), 2u);
  EXPECT_EQ(w.aggregates.users[power->members[0].user].id, "ann");
  EXPECT_EQ(w.aggregates.users[power->members[1].user].id, "bob");
}

}  // namespace
}  // namespace pqlscope
