#include "pqlscope/aggregate/string_interner.hpp"

#include <bit>
#include <cstring>

#include "pqlscope/aggregate/hash.hpp"

namespace pqlscope {

namespace {
uint64_t load64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);  // a fixed-size copy compiles to one load
  return w;
}
uint32_t load32(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}
// The first n (< 8) bytes of p as a zero-padded little-endian word, without reading past p+n.
uint64_t load_short(const char* p, size_t n) {
  if (n >= 4) {  // two overlapping 4-byte loads
    const uint64_t lo = load32(p);
    const uint64_t hi = load32(p + n - 4);
    return lo | (hi << (8 * (n - 4)));
  }
  uint64_t w = 0;
  for (size_t i = 0; i < n; ++i) w |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return w;
}
}  // namespace

// Short names are read as two zero-padded words with a few loads (no memcpy call, no loop).
StringInterner::Key StringInterner::load_key(std::string_view text) {
  Key k{text, 0, {0, 0}};
  const char* p = text.data();
  const size_t n = text.size();
  if (n > kInlineBytes) return k;
  if (n >= 8) {
    k.word[0] = load64(p);
    k.word[1] = n == 8 ? 0 : load64(p + n - 8) >> (8 * (16 - n));
  } else {
    k.word[0] = load_short(p, n);
  }
  return k;
}

void StringInterner::hash_key(Key& k) {
  const size_t n = k.text.size();
  if (n > kInlineBytes) {
    k.hash = hash_bytes(k.text);
    return;
  }
  k.hash = (k.word[0] * 0x9E3779B97F4A7C15ULL) ^ ((k.word[1] + n) * 0xC2B2AE3D27D4EB4FULL);
}

void StringInterner::place(Slot& slot, const Key& key, uint32_t id, uint64_t offset) {
  slot.hash = key.hash;
  slot.id = id;
  slot.length = static_cast<uint32_t>(key.text.size());
  slot.word[0] = key.word[0];
  slot.word[1] = key.word[1];
  if (key.text.size() > kInlineBytes) slot.word[0] = offset;
}

uint32_t StringInterner::find(std::string_view text) const {
  if (slots_.empty()) return kNotFound;
  const Key key = make_key(text);
  for (uint64_t i = home(key);; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.id == kNotFound) return kNotFound;
    if (same(s, key)) return s.id;
  }
}

uint32_t StringInterner::intern(std::string_view text) {
  Key key = load_key(text);
  if (is_last(key)) return last_id_;  // checked before hashing: that is the saving
  hash_key(key);
  return intern_hashed(key);
}

uint32_t StringInterner::intern_hashed(const Key& key) {
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  const std::string_view text = key.text;
  uint32_t id = kNotFound;
  for (uint64_t i = home(key);; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.id == kNotFound) {
      place(s, key, static_cast<uint32_t>(entries_.size()), storage_.size());
      entries_.push_back({storage_.size(), static_cast<uint32_t>(text.size())});
      storage_.append(text.data(), text.size());
      id = s.id;
      break;
    }
    if (same(s, key)) {
      id = s.id;
      break;
    }
  }
  if (text.size() <= kInlineBytes) {
    last_word_[0] = key.word[0];
    last_word_[1] = key.word[1];
    last_length_ = static_cast<uint32_t>(text.size());
    last_id_ = id;
  }
  return id;
}

void StringInterner::grow() { rehash(slots_.empty() ? 1024 : slots_.size() * 2); }

void StringInterner::reserve(std::size_t names) {
  entries_.reserve(names);
  std::size_t capacity = slots_.empty() ? 1024 : slots_.size();
  while (capacity < 2 * names) capacity *= 2;  // load <= 1/2, as grow() keeps it
  if (capacity > slots_.size()) rehash(capacity);
}

void StringInterner::rehash(std::size_t capacity) {
  slots_ = std::vector<Slot>();  // the old table goes first: the entries are re-placed from entries_
  slots_.assign(capacity, Slot{0, kNotFound, 0, {0, 0}});
  mask_ = capacity - 1;
  shift_ = static_cast<unsigned>(64 - std::countr_zero(capacity));
  for (uint32_t id = 0; id < entries_.size(); ++id) {
    const Key key = make_key(name(id));  // names() of a grown table hash the same way
    uint64_t i = home(key);
    while (slots_[i].id != kNotFound) i = (i + 1) & mask_;
    place(slots_[i], key, id, entries_[id].offset);
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
