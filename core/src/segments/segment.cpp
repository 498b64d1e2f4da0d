#include "pqlscope/segments/segment.hpp"

namespace pqlscope {

const char* to_string(SegmentGroup group) {
  switch (group) {
    case SegmentGroup::sales: return "sales";
    case SegmentGroup::product_led: return "product_led";
    case SegmentGroup::customer_success: return "customer_success";
  }
  return "sales";
}

const SegmentMember* Segment::find(uint32_t account) const {
  for (const SegmentMember& m : members) {
    if (m.account == account) return &m;
  }
  return nullptr;
}

bool Segment::contains(uint32_t account) const { return find(account) != nullptr; }

}  // namespace pqlscope
