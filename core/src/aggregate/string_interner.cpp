#include "pqlscope/aggregate/string_interner.hpp"

#include "pqlscope/aggregate/hash.hpp"

namespace pqlscope {

uint32_t StringInterner::find(std::string_view text) const {
  if (slots_.empty()) return kNotFound;
  const uint64_t h = hash_bytes(text);
  for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.id == kNotFound) return kNotFound;
    if (same(s, h, text)) return s.id;
  }
}

uint32_t StringInterner::intern(std::string_view text) {
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  const uint64_t h = hash_bytes(text);
  for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.id == kNotFound) {
      s = Slot{h, storage_.size(), static_cast<uint32_t>(text.size()), static_cast<uint32_t>(entries_.size())};
      entries_.push_back({storage_.size(), static_cast<uint32_t>(text.size())});
      storage_.append(text.data(), text.size());
      return s.id;
    }
    if (same(s, h, text)) return s.id;
  }
}

void StringInterner::grow() {
  const size_t capacity = slots_.empty() ? 1024 : slots_.size() * 2;
  slots_.assign(capacity, Slot{0, 0, 0, kNotFound});
  mask_ = capacity - 1;
  for (uint32_t id = 0; id < entries_.size(); ++id) {
    const uint64_t h = hash_bytes(name(id));
    uint64_t i = h & mask_;
    while (slots_[i].id != kNotFound) i = (i + 1) & mask_;
    slots_[i] = Slot{h, entries_[id].offset, entries_[id].length, id};
  }
}

std::vector<std::string> StringInterner::names() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (uint32_t id = 0; id < entries_.size(); ++id) out.emplace_back(name(id));
  return out;
}

size_t StringInterner::memory_bytes() const {
  return storage_.capacity() + entries_.capacity() * sizeof(Entry) + slots_.capacity() * sizeof(Slot);
}

}  // namespace pqlscope
