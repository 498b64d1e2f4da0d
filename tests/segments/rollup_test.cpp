// Workspace rollup: the company's metrics are recomputed on the union of its workspaces' data.
#include <gtest/gtest.h>

#include <stdexcept>

#include "pqlscope/segments/rollup.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

TEST(Rollup, NormalizesDomains) {
  EXPECT_EQ(normalize_domain(" https://www.Acme.com/about "), "acme.com");
  EXPECT_EQ(normalize_domain("http://acme.com:8080"), "acme.com");
  EXPECT_EQ(normalize_domain("ops@acme.com"), "acme.com");
  EXPECT_EQ(normalize_domain("ACME.COM."), "acme.com");
  EXPECT_EQ(normalize_domain(""), "");
  AccountInfo i;
  i.region = " EMEA ";
  EXPECT_EQ(rollup_key_of(i, "region"), "emea");
  EXPECT_THROW(rollup_key_of(i, "colour"), std::invalid_argument);
}

struct RollupWorld {
  Aggregates ag;
  Model model;
  RollupWorld() {
    const int32_t d = kDay0;
    // Two Acme workspaces: one creates projects, the other invites; one upload each.
    std::string events = rows(d, "acme-eng", "ann", "create_project", 3) + rows(d + 1, "acme-eng", "ann", "upload") +
                         rows(d, "acme-sales", "bob", "invite", 2) + rows(d + 2, "acme-sales", "bob", "upload") +
                         rows(d + 1, "solo", "cat", "create_project") + rows(d + 1, "nodomain", "dan", "invite");
    const std::string accounts =
        "account_id,domain,employees,plan,signup_at,trial_ends_at,converted_at,deal_value,seats,region\n"
        "acme-eng,https://www.acme.com,300,trial," + format_day(d) + "," + format_day(d + 14) + ",,1000,5,\n"
        "acme-sales,acme.com,250,self_serve," + format_day(d - 10) + "," + format_day(d + 4) + "," +
        format_day(d + 1) + ",2500,,EMEA\n"
        "solo,solo.io,10,trial," + format_day(d) + ",,,,,\n"
        "nodomain,,5,trial," + format_day(d) + ",,,,,\n";
    const std::string comms = "account_id,timestamp,channel,sentiment\n"
                              "acme-eng," + at(d + 1) + ",email,positive\n"
                              "acme-sales," + at(d + 1) + ",email,positive\n";
    ag = ingest(events, accounts, comms);
    model.activation.steps = {step("create", StepLevel::account, {"create_project"}),
                              step("invite", StepLevel::account, {"invite"}),
                              step("upload_2_users", StepLevel::account, {"upload"}, 1, 2)};
    model.engagement.importance = {{"create_project", 5}, {"invite", 8}, {"upload", 2}};
  }
};

TEST(Rollup, MergesInfosByDocumentedRules) {
  RollupWorld w;
  const Rollup r = rollup_aggregates(w.ag, w.model.rollup);
  ASSERT_EQ(r.companies.accounts.size(), 3u);  // acme.com, solo.io, nodomain
  const uint32_t acme = r.companies.find_account("acme.com");
  ASSERT_NE(acme, kNoAccount);
  EXPECT_EQ(r.company_of_account[w.ag.find_account("acme-eng")], acme);
  EXPECT_EQ(r.company_of_account[w.ag.find_account("acme-sales")], acme);
  EXPECT_EQ(r.member_count(acme), 2u);
  EXPECT_NE(r.companies.find_account("solo.io"), kNoAccount);
  EXPECT_NE(r.companies.find_account("nodomain"), kNoAccount);  // no key: its own company, its own id

  const AccountInfo& i = r.companies.accounts[acme].info;
  EXPECT_EQ(i.domain, "acme.com");
  EXPECT_EQ(i.employees, 300);                 // max
  EXPECT_DOUBLE_EQ(i.deal_value, 3500);        // sum
  EXPECT_EQ(i.seats, 5);                       // sum of known
  EXPECT_EQ(i.plan, Plan::self_serve);         // most advanced
  EXPECT_EQ(*i.signup_at, int64_t{kDay0 - 10} * kMillisPerDay);  // earliest
  EXPECT_EQ(*i.trial_ends_at, int64_t{kDay0 + 14} * kMillisPerDay);  // latest
  EXPECT_EQ(*i.converted_at, int64_t{kDay0 + 1} * kMillisPerDay);
  EXPECT_EQ(i.region, "EMEA");                 // primary (earliest signup: acme-sales) has it
  EXPECT_EQ(r.companies.accounts[acme].events, 7u);
  ASSERT_EQ(r.companies.communications.size(), 1u);  // acme's two rows merged into one group
  EXPECT_EQ(r.companies.communications[0].count, 2u);
  for (const UserRecord& u : r.companies.users) {
    if (u.id == "ann" || u.id == "bob") EXPECT_EQ(u.account, acme);
  }
}

// Union, not average: each workspace did half of the checklist, the company all of it; the
// two-user upload step needs both workspaces' users.
TEST(Rollup, MetricsAreRecomputedOnTheUnionNotAveraged) {
  RollupWorld w;
  const int32_t as_of = kDay0 + 3;
  const Metrics accounts = compute_metrics(w.ag, w.model, as_of);
  const uint32_t eng = w.ag.find_account("acme-eng"), sales = w.ag.find_account("acme-sales");
  EXPECT_NEAR(accounts.accounts.activation_rate[eng], 100.0 / 3, 1e-9);   // create
  EXPECT_NEAR(accounts.accounts.activation_rate[sales], 100.0 / 3, 1e-9); // invite
  const double average = (accounts.accounts.activation_rate[eng] + accounts.accounts.activation_rate[sales]) / 2;

  const Rollup r = rollup_aggregates(w.ag, w.model.rollup);
  const Metrics companies = compute_metrics(r.companies, w.model, as_of);
  const uint32_t acme = r.companies.find_account("acme.com");
  EXPECT_DOUBLE_EQ(companies.accounts.activation_rate[acme], 100);  // all three steps on the union
  EXPECT_NE(companies.accounts.activation_rate[acme], average);
  EXPECT_EQ(companies.accounts.activated_day[acme], kDay0 + 2);     // the second user's upload
  // Raw engagement of the latest window is the sum of the workspaces' (counts merged).
  EXPECT_DOUBLE_EQ(companies.accounts.latest_raw(acme),
                   accounts.accounts.latest_raw(eng) + accounts.accounts.latest_raw(sales));
  EXPECT_DOUBLE_EQ(companies.accounts.latest_raw(acme), 3 * 5 + 2 + 2 * 8 + 2);
  EXPECT_EQ(companies.account_activity[acme].mau, 2u);  // ann and bob
  EXPECT_DOUBLE_EQ(companies.seat_penetration[acme], 100.0 * 2 / 5);

  // The company-level segments run on the same code: acme is a paid company (one workspace
  // converted), both workspaces' communications count.
  const SegmentReport seg = compute_segments(r.companies, w.model, companies);
  EXPECT_EQ(seg.accounts[acme].stage, Stage::self_serve);
  EXPECT_EQ(seg.accounts[acme].communication.count, 2u);
  EXPECT_TRUE(in(seg, "onboarding", acme));
}

TEST(Rollup, PrimaryWorkspaceOnEqualSignupIsTheSmallerIdInAnyRowOrder) {
  // Two workspaces of x.com signed up at the same instant: the primary (whose name the company
  // takes) is the smaller account id, a-ws, whichever row comes first (issue 18: no tie is
  // decided by input order).
  const std::string day = format_day(kDay0);
  const std::string a_ws = "a-ws,x.com,Alpha name," + day + "\n";
  const std::string b_ws = "b-ws,x.com,Beta name," + day + "\n";
  const std::string a_use = rows(kDay0, "a-ws", "u1", "use"), b_use = rows(kDay0, "b-ws", "u2", "use");
  for (bool b_first : {false, true}) {
    const std::string rows_in_order = b_first ? b_ws + a_ws : a_ws + b_ws;
    const Aggregates ag = ingest(b_first ? b_use + a_use : a_use + b_use,
                                 "account_id,domain,name,signup_at\n" + rows_in_order);
    ASSERT_EQ(ag.accounts[0].id, b_first ? "b-ws" : "a-ws");  // the index follows the rows
    const Rollup r = rollup_aggregates(ag, Model{}.rollup);
    const uint32_t x = r.companies.find_account("x.com");
    ASSERT_NE(x, kNoAccount);
    EXPECT_EQ(r.companies.accounts[x].info.name, "Alpha name") << rows_in_order;
  }
}

TEST(Rollup, DisabledKeepsEveryAccount) {
  RollupWorld w;
  w.model.rollup.enabled = false;
  const Rollup r = rollup_aggregates(w.ag, w.model.rollup);
  ASSERT_EQ(r.companies.accounts.size(), w.ag.accounts.size());
  for (uint32_t a = 0; a < w.ag.accounts.size(); ++a) {
    EXPECT_EQ(r.company_of_account[a], a);
    EXPECT_EQ(r.companies.accounts[a].id, w.ag.accounts[a].id);
  }
  EXPECT_EQ(r.companies.account_days, w.ag.account_days);
}

}  // namespace
}  // namespace pqlscope
