// JSON text inside a CSV column gives the account: PostHog's CSV export writes `properties` as
// JSON text whose `$groups` maps each group type to the group's key (group types are named by
// each project: company, organization, project, ...); Segment calls saved as CSV keep
// `context` (which may hold `groupId`) and `properties` as JSON text. Expected results counted
// by hand from the rows below.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

std::string field_of(const Aggregates& a, std::string_view role) {
  for (const RoleChoice& c : a.report.files.at(0).mapping.roles) {
    if (c.role == role) return c.field;
  }
  return "";
}

// "account event day" -> count
std::map<std::string, uint32_t> per_account(const Aggregates& a) {
  std::map<std::string, uint32_t> out;
  for (const DayCount& d : a.account_days) {
    out[a.accounts[d.entity].id + " " + a.event_names[d.event] + " " + format_day(d.day)] += d.count;
  }
  return out;
}

TEST(JsonInCsvTest, PostHogGroupTypeOtherThanCompany) {
  const std::string csv =
      "uuid,event,properties,timestamp,distinct_id,elements_chain,person_id\n"
      "01890000-0000-0000-0000-000000000001,$pageview,\"{\"\"$current_url\"\":\"\"https://app.x/\"\","
      "\"\"$groups\"\":{\"\"organization\"\":\"\"org-1\"\"}}\",2024-06-01 10:00:00.000000+00:00,d1,,p1\n"
      "01890000-0000-0000-0000-000000000002,dashboard created,\"{\"\"$groups\"\":{\"\"organization\"\":"
      "\"\"org-1\"\"}}\",2024-06-01 11:00:00.000000+00:00,d2,,p2\n"
      "01890000-0000-0000-0000-000000000003,dashboard created,\"{\"\"$groups\"\":{\"\"organization\"\":"
      "\"\"org-2\"\"}}\",2024-06-02 09:00:00.000000+00:00,d3,,p3\n";
  const Aggregates a = ingest_buffer("posthog.csv", csv);
  EXPECT_EQ(a.report.files.at(0).mapping.source, "posthog");
  EXPECT_EQ(field_of(a, "account"), "properties.$groups.organization");
  EXPECT_EQ(a.accounts.size(), 2u);  // not one per user
  EXPECT_EQ(a.report.unattributed_users, 0u);
  EXPECT_EQ(per_account(a), (std::map<std::string, uint32_t>{{"org-1 $pageview 2024-06-01", 1},
                                                            {"org-1 dashboard created 2024-06-01", 1},
                                                            {"org-2 dashboard created 2024-06-02", 1}}));
}

// Two group types: the one named `company` is the documented candidate and wins.
TEST(JsonInCsvTest, PostHogCompanyGroupWinsOverOtherTypes) {
  const std::string csv =
      "uuid,event,properties,timestamp,distinct_id,person_id\n"
      "u-1,login,\"{\"\"$groups\"\":{\"\"project\"\":\"\"p-7\"\",\"\"company\"\":\"\"c-1\"\"}}\","
      "2024-06-01T10:00:00Z,d1,p1\n";
  const Aggregates a = ingest_buffer("posthog.csv", csv);
  EXPECT_EQ(field_of(a, "account"), "properties.$groups.company");
  EXPECT_EQ(per_account(a), (std::map<std::string, uint32_t>{{"c-1 login 2024-06-01", 1}}));
}

// PostHog's JSON-lines export with `properties` as JSON-encoded text, group type `instance`.
TEST(JsonInCsvTest, PostHogLinesWithAnotherGroupType) {
  const std::string lines =
      "{\"uuid\":\"a1\",\"event\":\"insight viewed\",\"distinct_id\":\"d1\",\"person_id\":\"p1\","
      "\"timestamp\":\"2024-06-01T10:00:00Z\",\"properties\":{\"$groups\":{\"instance\":\"https://eu.x\"}}}\n"
      "{\"uuid\":\"a2\",\"event\":\"insight viewed\",\"distinct_id\":\"d2\",\"person_id\":\"p2\","
      "\"timestamp\":\"2024-06-01T11:00:00Z\",\"properties\":{\"$groups\":{\"instance\":\"https://eu.x\"}}}\n";
  const Aggregates a = ingest_buffer("posthog.jsonl", lines);
  EXPECT_EQ(per_account(a), (std::map<std::string, uint32_t>{{"https://eu.x insight viewed 2024-06-01", 2}}));
}

// Segment track calls saved as CSV: the account is `context.groupId` inside the JSON text of the
// `context` column; the last row is the third re-sent (same messageId: counted once).
TEST(JsonInCsvTest, SegmentContextColumnHoldsTheGroup) {
  const std::string csv =
      "messageId,type,event,userId,anonymousId,timestamp,context,properties\n"
      "m-1,track,Report Built,u1,,2024-02-01T10:00:00.000Z,\"{\"\"groupId\"\":\"\"acme\"\",\"\"library\"\":"
      "{\"\"name\"\":\"\"analytics.js\"\"}}\",\"{\"\"rows\"\":3}\"\n"
      "m-2,track,Report Built,u2,,2024-02-01T11:00:00.000Z,\"{\"\"groupId\"\":\"\"acme\"\"}\",{}\n"
      "m-3,track,Report Built,u3,,2024-02-02T09:00:00.000Z,\"{\"\"groupId\"\":\"\"globex\"\"}\",{}\n"
      "m-3,track,Report Built,u3,,2024-02-02T09:00:00.000Z,\"{\"\"groupId\"\":\"\"globex\"\"}\",{}\n";
  const Aggregates a = ingest_buffer("segment.csv", csv);
  EXPECT_EQ(field_of(a, "account"), "context.groupId");
  EXPECT_EQ(field_of(a, "message_id"), "messageId");
  EXPECT_EQ(a.report.duplicates, 1u);
  EXPECT_EQ(per_account(a), (std::map<std::string, uint32_t>{{"acme Report Built 2024-02-01", 2},
                                                            {"globex Report Built 2024-02-02", 1}}));
}

}  // namespace
}  // namespace pqlscope
