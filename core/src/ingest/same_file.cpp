#include "same_file.hpp"

#include <algorithm>
#include <cstring>

#include "pqlscope/aggregate/hash.hpp"

namespace pqlscope {
namespace {
uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
}  // namespace

// ---- ContentHash -------------------------------------------------------------------------

// Four independent lanes over the stream's 8-byte little-endian words (both native and
// WebAssembly are little-endian); each step is a bijection of the lane's state for a given word,
// so a changed word always changes the digest. The digest is 128 bits and the same on both.
namespace {
uint64_t step(uint64_t lane, uint64_t w) { return rotl(lane ^ (w * 0x87C37B91114253D5ULL), 31) * 0x4CF5AD432745937FULL; }
uint64_t load_word(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
}  // namespace

void ContentHash::word(uint64_t w) {
  uint64_t& lane = lane_[(length_ / 8) % 4];  // length_ is this word's start
  lane = step(lane, w);
}

void ContentHash::update(std::string_view bytes) {
  const char* p = bytes.data();
  size_t n = bytes.size();
  while (n > 0 && length_ % 8 != 0) {  // complete a word begun in an earlier chunk
    tail_ |= static_cast<uint64_t>(static_cast<unsigned char>(*p)) << (8 * (length_ % 8));
    ++p, --n, ++length_;
    if (length_ % 8 == 0) {
      length_ -= 8;
      word(tail_);
      length_ += 8;
      tail_ = 0;
    }
  }
  for (; n >= 8 && length_ % 32 != 0; p += 8, n -= 8, length_ += 8) word(load_word(p));
  for (; n >= 32; p += 32, n -= 32, length_ += 32) {  // lanes 0-3 in order
    lane_[0] = step(lane_[0], load_word(p));
    lane_[1] = step(lane_[1], load_word(p + 8));
    lane_[2] = step(lane_[2], load_word(p + 16));
    lane_[3] = step(lane_[3], load_word(p + 24));
  }
  for (; n >= 8; p += 8, n -= 8, length_ += 8) word(load_word(p));
  for (; n > 0; ++p, --n, ++length_) {
    tail_ |= static_cast<uint64_t>(static_cast<unsigned char>(*p)) << (8 * (length_ % 8));
  }
}

std::pair<uint64_t, uint64_t> ContentHash::digest() const {
  const uint64_t a = mix64(mix64(lane_[0] ^ length_) ^ lane_[2]);
  const uint64_t b = mix64(mix64(lane_[1] + tail_ * 0x94D049BB133111EBULL) ^ lane_[3]);
  return {mix64(a ^ rotl(b, 17) ^ tail_), mix64(b ^ rotl(a, 41) ^ length_)};
}

// ---- SameFileCheck -----------------------------------------------------------------------

void SameFileCheck::begin(FileKind kind, int64_t size) {
  kind_ = kind;
  announced_size_ = size;
  phase_ = Phase::deciding;
  held_.clear();
  hash_ = ContentHash();
  head_length_ = 0;
  head_hash_ = 0;
  candidates_.clear();
}

void SameFileCheck::feed(std::string_view bytes, const Pass& pass) {
  hash_.update(bytes);
  switch (phase_) {
    case Phase::passing: pass(bytes); return;
    case Phase::hashing_only: return;
    case Phase::deciding:
      held_.append(bytes.data(), bytes.size());
      if (held_.size() >= kHeadBytes) decide(false, pass);
      return;
    case Phase::holding:
      held_.append(bytes.data(), bytes.size());
      keep_holding(pass);
      return;
  }
}

// Once the first kHeadBytes (or the whole file, if shorter) are in: is any earlier file a
// possible original?
void SameFileCheck::decide(bool at_end, const Pass& pass) {
  head_length_ = std::min(held_.size(), kHeadBytes);
  head_hash_ = hash_bytes(std::string_view(held_).substr(0, head_length_), 5);
  for (size_t i = 0; i < known_.size(); ++i) {
    const Known& k = known_[i];
    if (k.kind != kind_ || k.head_length != head_length_ || k.head_hash != head_hash_) continue;
    if (at_end && k.size != hash_.length()) continue;
    if (announced_size_ >= 0 && k.size != static_cast<uint64_t>(announced_size_)) continue;
    candidates_.push_back(i);
  }
  if (candidates_.empty()) {
    release(pass);
    return;
  }
  phase_ = Phase::holding;
  keep_holding(pass);
}

void SameFileCheck::keep_holding(const Pass& pass) {
  const uint64_t length = hash_.length();
  candidates_.erase(std::remove_if(candidates_.begin(), candidates_.end(),
                                   [&](size_t i) { return known_[i].size < length; }),
                    candidates_.end());
  if (candidates_.empty()) {  // longer than every possible original: not a copy
    release(pass);
    return;
  }
  if (held_.size() <= max_held_) return;
  if (announced_size_ >= 0) {
    // Its size and first kHeadBytes match: from here on only the hash is kept, and the
    // file is skipped if the hash matches at the end (else reported as not read).
    std::string().swap(held_);
    phase_ = Phase::hashing_only;
  } else {
    // Without its size, a longer file that starts with an earlier one (an export re-run
    // with more days) cannot be told from a copy: read it. If it ends as a copy, end() says
    // so (it was counted; events with message ids were dropped as duplicates).
    release(pass);
  }
}

void SameFileCheck::release(const Pass& pass) {
  phase_ = Phase::passing;
  if (!held_.empty()) pass(held_);
  std::string().swap(held_);
}

SameFileCheck::Outcome SameFileCheck::end(const std::string& name, const Pass& pass) {
  if (phase_ == Phase::deciding) decide(true, pass);
  Outcome out;
  out.bytes = hash_.length();
  const auto digest = hash_.digest();
  const Known* original = nullptr;
  for (size_t i : candidates_) {
    if (known_[i].size == out.bytes && known_[i].digest == digest) {
      original = &known_[i];
      break;
    }
  }
  if (original != nullptr) out.copy_of = original->name;
  switch (phase_) {
    case Phase::holding:
      if (original != nullptr) {
        out.skipped = true;
        std::string().swap(held_);
      } else {
        release(pass);
      }
      break;
    case Phase::hashing_only:
      if (original != nullptr) {
        out.skipped = true;
      } else {
        out.not_read = true;
        out.held_as_copy_of = known_[candidates_.front()].name;
        out.held_bytes = head_length_;
      }
      break;
    case Phase::deciding:
    case Phase::passing: break;
  }
  // Empty files are reported as such each time, never skipped as copies of one another.
  if (!out.skipped && !out.not_read && out.bytes > 0) {
    known_.push_back(Known{name, kind_, out.bytes, head_length_, head_hash_, digest});
  }
  candidates_.clear();
  return out;
}

}  // namespace pqlscope
