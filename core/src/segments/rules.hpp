// Internal to the segments stage: the rule families, each appending its segments in order.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "pqlscope/segments/account_facts.hpp"
#include "pqlscope/segments/segment.hpp"

namespace pqlscope {

struct Aggregates;
struct Metrics;
struct Model;

namespace segments_detail {

struct RuleContext {
  const Aggregates& aggregates;
  const Model& model;
  const Metrics& metrics;
  const std::vector<AccountFacts>& facts;

  double activation(uint32_t a) const;
  double engagement(uint32_t a) const;
  double trend(uint32_t a) const;
  double adoption(uint32_t a) const;
  void append_size_phrase(std::string& out, uint32_t a) const;  // "a small deal (12 employees)"
  void append_pql_phrase(std::string& out, uint32_t a) const;   // "activation 83% >= 80% for a small deal (12 employees)"
};

void add_sales_segments(const RuleContext& ctx, std::vector<Segment>& out);
void add_product_led_segments(const RuleContext& ctx, std::vector<Segment>& out);
void add_customer_success_segments(const RuleContext& ctx, std::vector<Segment>& out,
                                   std::vector<UserSegment>& users);

// Invitation bursts (account and user segments) and champions: signal_segments.cpp.
void add_signal_segments(const RuleContext& ctx, std::vector<Segment>& out, std::vector<UserSegment>& users);
// A sort value as the report shows it: rounded to 4 decimals (like report_json.cpp), so that
// values shown equal are ties (27.2727 and 27.2727 must not be ordered by their last bit).
double shown(double value);

// An id's first 8 bytes, big-endian, zeros past its end: x < y as integers only if x < y as
// strings (std::string's order, bytes unsigned); equal prefixes say nothing (the sorts below
// compare the whole ids then). Sorting by prefix first spares most string compares: a call
// each in WebAssembly, 12% of a segments-only re-score (docs/performance-round-13.md).
uint64_t id_prefix(std::string_view id);

// Sorts members by value as shown (descending or ascending; NaN last), then account id (a
// stable key: never the input order).
void sort_members(std::vector<SegmentMember>& members, bool descending, const Aggregates& aggregates);
// The first `limit` members in sort_members' order, in that order (the rest dropped): a partial
// sort, for a segment cut to its top N.
void sort_top_members(std::vector<SegmentMember>& members, bool descending, const Aggregates& aggregates,
                      std::size_t limit);

}  // namespace segments_detail
}  // namespace pqlscope
