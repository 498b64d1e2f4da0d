// Interns ids (accounts, users, event names) to dense 32-bit numbers in order of first
// appearance, so ids depend only on input order, never on hashing or platform.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/common/prefetch.hpp"

namespace pqlscope {

class StringInterner {
 public:
  static constexpr uint32_t kNotFound = UINT32_MAX;

  uint32_t intern(std::string_view text);
  uint32_t find(std::string_view text) const;
  // Room for `names` names without growing (a merge knows how many it will intern: growing a
  // table of 100k+ ids step by step re-hashed them ~7 times).
  void reserve(std::size_t names);
  // A hint that intern / find of `text` follows soon: fetches the slot its lookup starts at
  // (one computable address, so it can be asked for before other lookups of the same event).
  void prefetch(std::string_view text) const {
    if (!slots_.empty()) pqlscope::prefetch(&slots_[home(make_key(text))]);
  }
  // A name hashed ahead of its intern() (the ingest's batches, docs/performance.md, "Batched
  // loads"): `text` must stay valid, unchanged, until the intern() that takes the key.
  struct Key {
    std::string_view text;
    uint64_t hash;
    uint64_t word[2];  // the name, zero-padded, when it has <= kInlineBytes bytes
  };
  Key prepare(std::string_view text) const { return make_key(text); }
  template <class Hint = PrefetchNow>
  void prefetch(const Key& key, Hint&& hint = {}) const {
    if (slots_.empty()) return;
    hint_lines_of(slots_[home(key)], hint);
  }
  // The id in the key's home slot when that slot holds a name of the same hash, else kNotFound:
  // a guess good enough for a prefetch of the name's record (reads one slot, never probes).
  uint32_t home_id(const Key& key) const {
    if (slots_.empty()) return kNotFound;
    const Slot& s = slots_[home(key)];
    return s.hash == key.hash ? s.id : kNotFound;
  }
  uint32_t intern(const Key& key) {
    if (is_last(key)) return last_id_;
    return intern_hashed(key);
  }
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
  // Names of up to 16 bytes (almost every account, user and event id) live inside the slot, so
  // a lookup touches one cache line: with 100k+ ids every extra indirection is a cache miss,
  // and interning dominated the ingest profile before this.
  static constexpr uint32_t kInlineBytes = 16;
  // In WebAssembly aligned to its size, so that no slot spans two cache lines: the table is
  // otherwise only as aligned as malloc's blocks (16 bytes natively, 8 in WebAssembly), and half
  // or more of the lookups touch two lines (common/prefetch.hpp, docs/performance-round-15.md).
  struct PQLSCOPE_ONE_LINE(32) Slot {
    uint64_t hash;
    uint32_t id;      // kNotFound = empty
    uint32_t length;
    uint64_t word[2];  // the name, zero-padded, when length <= kInlineBytes; else word[0] = offset
  };
  static_assert(sizeof(Slot) == 32);
  // The words of a short name (hash_key() adds the hash), or only the text of a long one.
  static Key load_key(std::string_view text);
  // Sets key.hash. Slots are found from the hash's top bits (Fibonacci hashing), so a single
  // multiply per word mixes enough; the former two-round mix64 cost ~45 instructions a call.
  static void hash_key(Key& key);
  Key make_key(std::string_view text) const {
    Key key = load_key(text);
    hash_key(key);
    return key;
  }
  uint64_t home(const Key& key) const { return key.hash >> shift_; }
  bool same(const Slot& s, const Key& k) const {
    if (s.hash != k.hash || s.length != k.text.size()) return false;
    if (s.length <= kInlineBytes) return s.word[0] == k.word[0] && s.word[1] == k.word[1];
    return std::string_view(storage_.data() + s.word[0], s.length) == k.text;
  }
  bool is_last(const Key& key) const {
    return last_id_ != kNotFound && key.text.size() <= kInlineBytes &&
           last_length_ == key.text.size() && last_word_[0] == key.word[0] &&
           last_word_[1] == key.word[1];
  }
  uint32_t intern_hashed(const Key& key);
  void place(Slot& slot, const Key& key, uint32_t id, uint64_t offset);
  void grow();
  void rehash(std::size_t capacity);

  std::string storage_;          // every name back to back
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;      // open addressing, linear probing, load <= 1/2
  uint64_t mask_ = 0;
  unsigned shift_ = 64;
  // The last short name intern() returned. Exports list a user's events in bursts (in the
  // generated data 42% of rows repeat the previous row's account, 35% its user): a repeat is
  // then answered with two word compares, without hashing or probing the (cache-missing) table.
  uint64_t last_word_[2] = {0, 0};
  uint32_t last_length_ = 0;
  uint32_t last_id_ = kNotFound;
};

}  // namespace pqlscope
