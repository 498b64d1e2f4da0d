// A segment: a list of accounts (or users), each with the reason it is in it, in words and
// numbers ("activation 83% >= 80% for a small deal").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pqlscope {

enum class SegmentGroup : uint8_t { sales, product_led, customer_success };
const char* to_string(SegmentGroup group);

struct SegmentMember {
  uint32_t account = 0;   // index into Aggregates::accounts
  double value = 0;       // the number the segment is sorted by (see Segment::sort_by)
  std::string reason;
};

struct Segment {
  std::string id;        // stable tag for exports: "pql", "red_hot", "not_converted_30", ...
  std::string label;     // "Product-qualified leads"
  SegmentGroup group = SegmentGroup::sales;
  std::string rule;      // the rule with the model's numbers: "activation >= 80/60/25% ..."
  std::string sort_by;   // what SegmentMember::value is, and its order: "activation, descending"
  std::vector<SegmentMember> members;

  bool contains(uint32_t account) const;
  const SegmentMember* find(uint32_t account) const;
};

// Users within accounts (power users, problem users).
struct UserSegmentMember {
  uint32_t account = 0;   // the user's home account
  uint32_t user = 0;      // index into Aggregates::users
  double value = 0;
  std::string reason;
};

struct UserSegment {
  std::string id;
  std::string label;
  SegmentGroup group = SegmentGroup::customer_success;
  std::string rule;
  std::string sort_by;
  std::vector<UserSegmentMember> members;  // by account, then value descending
};

}  // namespace pqlscope
