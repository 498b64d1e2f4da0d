// Snowplow's enriched events as the pipeline writes them: tab-separated, no header line, 131
// fields in the order of Snowplow's documentation page "Enriched stream TSV file format"
// (index 0 app_id ... index 130 true_tstamp; copied below by hand from that page's table).
// `event` is the event type, the name is `event_name`; `event_id` is a UUID; timestamps are
// written `YYYY-MM-DD HH:MM:SS.mmm` (UTC); `contexts` holds self-describing JSON; `useragent`
// holds ';' and ','. Expected results counted by hand from the rows below.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "support/chunking.hpp"

namespace pqlscope {
namespace {

const char* const kDocumentedOrder =
    "app_id platform etl_tstamp collector_tstamp dvce_created_tstamp event event_id txn_id name_tracker "
    "v_tracker v_collector v_etl user_id user_ipaddress user_fingerprint domain_userid domain_sessionidx "
    "network_userid geo_country geo_region geo_city geo_zipcode geo_latitude geo_longitude geo_region_name "
    "ip_isp ip_organization ip_domain ip_netspeed page_url page_title page_referrer page_urlscheme "
    "page_urlhost page_urlport page_urlpath page_urlquery page_urlfragment refr_urlscheme refr_urlhost "
    "refr_urlport refr_urlpath refr_urlquery refr_urlfragment refr_medium refr_source refr_term mkt_medium "
    "mkt_source mkt_term mkt_content mkt_campaign contexts se_category se_action se_label se_property "
    "se_value unstruct_event tr_orderid tr_affiliation tr_total tr_tax tr_shipping tr_city tr_state "
    "tr_country ti_orderid ti_sku ti_name ti_category ti_price ti_quantity pp_xoffset_min pp_xoffset_max "
    "pp_yoffset_min pp_yoffset_max useragent br_name br_family br_version br_type br_renderengine br_lang "
    "br_features_pdf br_features_flash br_features_java br_features_director br_features_quicktime "
    "br_features_realplayer br_features_windowsmedia br_features_gears br_features_silverlight br_cookies "
    "br_colordepth br_viewwidth br_viewheight os_name os_family os_manufacturer os_timezone dvce_type "
    "dvce_ismobile dvce_screenwidth dvce_screenheight doc_charset doc_width doc_height tr_currency "
    "tr_total_base tr_tax_base tr_shipping_base ti_currency ti_price_base base_currency geo_timezone "
    "mkt_clickid mkt_network etl_tags dvce_sent_tstamp refr_domain_userid refr_device_tstamp "
    "derived_contexts domain_sessionid derived_tstamp event_vendor event_name event_format event_version "
    "event_fingerprint true_tstamp";

std::vector<std::string> documented_names() {
  std::istringstream in(kDocumentedOrder);
  std::vector<std::string> names;
  for (std::string name; in >> name;) names.push_back(name);
  return names;
}

// One enriched line: the named fields set, every other field empty.
std::string line(const std::map<std::string, std::string>& values) {
  std::string out;
  const std::vector<std::string> names = documented_names();
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += '\t';
    auto it = values.find(names[i]);
    if (it != values.end()) out += it->second;
  }
  return out + "\n";
}

std::map<std::string, std::string> common(std::string event, std::string id, std::string collector) {
  return {{"app_id", "shop"},
          {"platform", "web"},
          {"etl_tstamp", "2024-03-02 00:10:00.000"},
          {"collector_tstamp", collector},
          {"event", std::move(event)},
          {"event_id", std::move(id)},
          {"v_collector", "ssc-2.9.0-kinesis"},
          {"v_etl", "snowplow-enrich-kinesis-3.9.0"},
          {"contexts", "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0\",\"data\":[]}"},
          {"useragent", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"},
          {"event_vendor", "com.snowplowanalytics.snowplow"},
          {"event_format", "jsonschema"}};
}

std::string enriched_file() {
  auto page_view = common("page_view", "c6ef3124-b53a-4b13-a233-0088f79dcbcb", "2024-03-01 09:00:00.123");
  page_view["domain_userid"] = "d-111";
  page_view["derived_tstamp"] = "2024-03-01 09:00:00.110";
  page_view["event_name"] = "page_view";
  auto signup = common("unstruct", "9a1f7a0e-0000-4000-8000-000000000001", "2024-03-01 09:05:00.000");
  signup["user_id"] = "zo\xC3\xAB@acme.io";
  signup["domain_userid"] = "d-111";
  signup["derived_tstamp"] = "2024-03-01 09:04:59.900";
  signup["event_name"] = "signup_started";
  auto structured = common("struct", "9a1f7a0e-0000-4000-8000-000000000002", "2024-03-02 10:00:00.000");
  structured["domain_userid"] = "d-222";
  structured["se_category"] = "video";
  structured["se_action"] = "play";
  structured["event_name"] = "event";
  // The page view again, re-sent by the tracker: the same event_id counts once.
  return line(page_view) + line(signup) + line(structured) + line(page_view);
}

TEST(SnowplowEnrichedTest, HeaderlessTsvIsReadInTheDocumentedOrder) {
  ASSERT_EQ(documented_names().size(), 131u);
  const std::string text = enriched_file();
  const Aggregates whole = ingest_buffer("enriched.tsv", text);
  const FileSummary& file = whole.report.files.at(0);
  EXPECT_EQ(file.mapping.source, "snowplow_enriched");
  EXPECT_NE(file.mapping.source_reason.find("no header"), std::string::npos);
  std::map<std::string, std::string> chosen;
  for (const RoleChoice& c : file.mapping.roles) chosen[c.role] = c.field;
  EXPECT_EQ(chosen["event"], "event_name");
  EXPECT_EQ(chosen["timestamp"], "derived_tstamp");
  EXPECT_EQ(chosen["user"], "user_id");
  EXPECT_EQ(chosen["message_id"], "event_id");
  EXPECT_EQ(file.format, "tsv");
  EXPECT_EQ(whole.report.rows, 4u);  // the first line is an event, not a header
  EXPECT_EQ(whole.report.rejected, 0u);
  EXPECT_EQ(whole.report.events, 3u);
  EXPECT_EQ(whole.report.duplicates, 1u);
  // d-111 (anonymous page view), zoë@acme.io, d-222: three users, each its own account.
  EXPECT_EQ(whole.users.size(), 3u);
  EXPECT_EQ(whole.accounts.size(), 3u);
  std::map<std::string, uint32_t> per_day;
  for (const DayCount& d : whole.account_days) {
    per_day[whole.accounts[d.entity].id + " " + whole.event_names[d.event] + " " + format_day(d.day)] += d.count;
  }
  EXPECT_EQ(per_day, (std::map<std::string, uint32_t>{{"d-111 page_view 2024-03-01", 1},
                                                       {"zo\xC3\xAB@acme.io signup_started 2024-03-01", 1},
                                                       {"d-222 event 2024-03-02", 1}}));
  const std::string whole_json = aggregates_to_json(whole).dump();
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    Ingestor ingest;
    ingest.begin_file("enriched.tsv", {});
    testing_support::feed_in_random_chunks(text, seed, 97, [&](std::string_view c) { ingest.feed(c); });
    EXPECT_EQ(aggregates_to_json(ingest.finish()).dump(), whole_json) << "seed " << seed;
  }
}

// The same fields under a header line (an atomic.events unload): read by the header, as the
// Snowplow atomic events source; the header is never taken for an event.
TEST(SnowplowEnrichedTest, WithAHeaderLineItIsAnOrdinaryTable) {
  std::string header;
  for (const std::string& name : documented_names()) header += (header.empty() ? "" : "\t") + name;
  const Aggregates a = ingest_buffer("atomic.tsv", header + "\n" + enriched_file());
  EXPECT_EQ(a.report.files.at(0).mapping.source, "snowplow");
  EXPECT_EQ(a.report.rows, 4u);
  EXPECT_EQ(a.report.events, 3u);
}

// A header-less 131-field line that is not an enriched event (no platform code) is a header.
TEST(SnowplowEnrichedTest, OtherWideLinesAreNotTakenForEvents) {
  auto first = common("page_view", "c6ef3124-b53a-4b13-a233-0088f79dcbcb", "2024-03-01 09:00:00.123");
  first["platform"] = "browser";
  const Aggregates a = ingest_buffer("wide.tsv", line(first) + enriched_file());
  EXPECT_NE(a.report.files.at(0).mapping.source, "snowplow_enriched");
}

}  // namespace
}  // namespace pqlscope
