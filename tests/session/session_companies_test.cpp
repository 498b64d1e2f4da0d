// The session's company level (rollup in the package API) and its management views: what the
// WebAssembly bindings return for companies(), company() and management().
#include <gtest/gtest.h>

#include <stdexcept>

#include "pqlscope/session/companies.hpp"
#include "pqlscope/session/session.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;
using ojson = nlohmann::ordered_json;

// Two workspaces of acme.com (one created a project, the other invited) and one of solo.io.
// Checklist create + invite: each acme workspace is at 50 %, the company did both: 100 %.
std::unique_ptr<Session> company_session() {
  const std::string events = rows(kDay0, "acme-eng", "ann", "create_project") + rows(kDay0 + 1, "acme-sales", "bob", "invite") +
                             rows(kDay0 + 1, "solo", "cat", "create_project", 3);
  const std::string accounts = "account_id,domain,name\n"
                               "acme-eng,https://www.acme.com,Acme Engineering\n"
                               "acme-sales,acme.com,Acme Sales\n"
                               "solo,solo.io,Solo\n";
  auto session = std::make_unique<Session>(ingest(events, accounts));
  session->score(R"({"activation": {"steps": [{"id": "create", "events": "create_project"}, {"id": "invite", "events": "invite"}]},
                     "engagement": {"importance": {"create_project": 1, "invite": 1}}})",
                 std::nullopt);
  return session;
}

TEST(SessionCompanies, CompaniesAreScoredOnTheUnionOfTheirWorkspaces) {
  auto session = company_session();
  const ojson page = session->companies_json(CompanyQuery{});
  EXPECT_EQ(page["enabled"], true);
  EXPECT_EQ(page["key"], "domain");
  EXPECT_EQ(page["workspaces"], 3);
  EXPECT_EQ(page["companies"], 2);
  EXPECT_EQ(page["several"], 1);
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["rows"].size(), 2u);
  // Engagement (importance 1 each, p90 of the two companies' raw scores 2 and 3 is 3): solo
  // 3 events -> 100, acme 2 events -> 66.6667. Descending by default.
  EXPECT_EQ(page["rows"][0]["id"], "solo.io");
  EXPECT_EQ(page["rows"][1]["id"], "acme.com");
  EXPECT_EQ(page["rows"][1]["workspaces"], 2);
  EXPECT_EQ(page["rows"][1]["info"]["name"], "Acme Engineering");  // the primary workspace: smaller id on a tie
  EXPECT_EQ(page["rows"][1]["activation"]["rate"], 100);
  EXPECT_EQ(page["rows"][1]["engagement"]["score"], 66.6667);

  const ojson detail = session->company_detail_json("acme.com");
  EXPECT_EQ(detail["company"]["id"], "acme.com");
  ASSERT_EQ(detail["workspaces"].size(), 2u);
  EXPECT_EQ(detail["workspaces"][0]["id"], "acme-eng");
  EXPECT_EQ(detail["workspaces"][1]["id"], "acme-sales");
  EXPECT_EQ(detail["workspaces"][0]["activation"]["rate"], 50);
  EXPECT_EQ(detail["workspaces"][1]["activation"]["rate"], 50);
  EXPECT_THROW(session->company_detail_json("nope.com"), std::out_of_range);
}

TEST(SessionCompanies, QueriesSortFilterAndPage) {
  auto session = company_session();
  CompanyQuery q = company_query_from_json(R"({"sort": "workspaces", "limit": 1})");
  ojson page = session->companies_json(q);
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["rows"].size(), 1u);
  EXPECT_EQ(page["rows"][0]["id"], "acme.com");
  page = session->companies_json(company_query_from_json(R"({"several": true})"));
  EXPECT_EQ(page["total"], 1);
  page = session->companies_json(company_query_from_json(R"({"search": "SOLO"})"));
  ASSERT_EQ(page["total"], 1);
  EXPECT_EQ(page["rows"][0]["id"], "solo.io");
  page = session->companies_json(company_query_from_json(R"({"sort": "name", "descending": false, "offset": 1})"));
  ASSERT_EQ(page["rows"].size(), 1u);
  EXPECT_EQ(page["rows"][0]["id"], "solo.io");  // "Acme Engineering" < "Solo"
  EXPECT_THROW(company_query_from_json(R"({"sort": "size"})"), std::invalid_argument);
  EXPECT_THROW(company_query_from_json(R"({"limit": 5001})"), std::invalid_argument);
  EXPECT_THROW(company_query_from_json(R"({"colour": 1})"), std::invalid_argument);
}

TEST(SessionCompanies, ARescoreRebuildsTheCompanyLevelAndRollupOffKeepsWorkspaces) {
  auto session = company_session();
  EXPECT_EQ(session->companies_json(CompanyQuery{})["companies"], 2);
  session->score(R"({"rollup": {"enabled": false}})", std::nullopt);
  const ojson page = session->companies_json(CompanyQuery{});
  EXPECT_EQ(page["enabled"], false);
  EXPECT_EQ(page["companies"], 3);  // every workspace its own company
  EXPECT_EQ(page["several"], 0);
}

TEST(SessionCompanies, ManagementViewsOfTheLastScoring) {
  auto session = company_session();
  const ojson m = session->management_json();
  EXPECT_EQ(m["as_of"], format_day(kDay0 + 1));
  EXPECT_EQ(m["this_month"]["month"], "2024-03");
  EXPECT_EQ(m["this_month"]["accounts"], 3);
  EXPECT_EQ(m["this_month"]["mean_activation"], 50);  // each workspace did one of two steps
  ASSERT_EQ(m["weekly_active"].size(), 1u);
  EXPECT_EQ(m["weekly_active"][0]["active"], 3);
}

}  // namespace
}  // namespace pqlscope
