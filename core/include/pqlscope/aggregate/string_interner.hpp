// Interns ids (accounts, users, event names) to dense 32-bit numbers in order of first
// appearance, so ids depend only on input order, never on hashing or platform.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pqlscope {

class StringInterner {
 public:
  static constexpr uint32_t kNotFound = UINT32_MAX;

  uint32_t intern(std::string_view text);
  uint32_t find(std::string_view text) const;
  std::string_view name(uint32_t id) const {
    const Entry& e = entries_[id];
    return std::string_view(storage_.data() + e.offset, e.length);
  }
  uint32_t size() const { return static_cast<uint32_t>(entries_.size()); }
  std::vector<std::string> names() const;
  size_t memory_bytes() const;

 private:
  struct Entry {
    uint64_t offset;
    uint32_t length;
  };
  // The slot repeats the name's place so a lookup touches the slot and the bytes only: with
  // 100k+ ids every extra indirection is a cache miss (the interner dominates ingest time).
  struct Slot {
    uint64_t hash;
    uint64_t offset;
    uint32_t length;
    uint32_t id;  // kNotFound = empty
  };
  bool same(const Slot& s, uint64_t h, std::string_view text) const {
    return s.hash == h && s.length == text.size() &&
           std::string_view(storage_.data() + s.offset, s.length) == text;
  }
  void grow();

  std::string storage_;          // every name back to back
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;      // open addressing, linear probing, load <= 1/2
  uint64_t mask_ = 0;
};

}  // namespace pqlscope
