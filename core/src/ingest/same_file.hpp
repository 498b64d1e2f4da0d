// Recognises a file given twice (docs/ingest.md, "The same file twice"): the same kind and the
// very same bytes (length and a 128-bit content hash) as a file read earlier. The bytes of a
// file pass through here on their way to its reader. A file whose first 64 KiB match an earlier
// file's is held back, unread, until it either differs (it is then read as usual, from the held
// bytes) or ends as an exact copy (it is then skipped: nothing in it was counted). Private to
// ingest.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pqlscope/ingest/field_mapping.hpp"

namespace pqlscope {

// A hash of a byte stream that does not depend on how the stream was chunked. Not
// cryptographic: it guards against accidents (the same export given twice), not adversaries.
class ContentHash {
 public:
  void update(std::string_view bytes);
  std::pair<uint64_t, uint64_t> digest() const;
  uint64_t length() const { return length_; }

 private:
  void word(uint64_t w);
  // Four lanes, word i going to lane i % 4: their chains of multiplies are independent, so a
  // block of 32 bytes costs about what one word did with a single chain (the hash was 5-6% of
  // the JSON-lines ingest, docs/performance.md).
  uint64_t lane_[4] = {0x243F6A8885A308D3ULL, 0x13198A2E03707344ULL, 0xA4093822299F31D0ULL,
                       0x082EFA98EC4E6C89ULL};
  uint64_t length_ = 0;
  uint64_t tail_ = 0;  // the last length_ % 8 bytes, little-endian
};

class SameFileCheck {
 public:
  static constexpr size_t kHeadBytes = 64 * 1024;
  using Pass = std::function<void(std::string_view)>;  // hands bytes on to the file's reader

  explicit SameFileCheck(size_t max_held_bytes) : max_held_(max_held_bytes) {}

  // size: the file's length if the caller knows it, else -1.
  void begin(FileKind kind, int64_t size);
  void feed(std::string_view bytes, const Pass& pass);

  struct Outcome {
    std::string copy_of;   // the earlier file with the same bytes, if any
    bool skipped = false;  // a copy, not read: nothing of it reached the reader
    // Held back as a copy (announced with the earlier file's size, same first max_held bytes)
    // but its later bytes differ: not read, and it must be reported as such.
    bool not_read = false;
    std::string held_as_copy_of;  // with not_read: the file it resembled
    uint64_t held_bytes = 0;      // with not_read: how many first bytes matched
    uint64_t bytes = 0;
  };
  // Ends the file: passes on any held bytes that must be read, then says what happened.
  Outcome end(const std::string& name, const Pass& pass);

 private:
  enum class Phase : uint8_t { deciding, holding, hashing_only, passing };
  struct Known {
    std::string name;
    FileKind kind;
    uint64_t size;
    size_t head_length;
    uint64_t head_hash;
    std::pair<uint64_t, uint64_t> digest;
  };
  void decide(bool at_end, const Pass& pass);
  void keep_holding(const Pass& pass);
  void release(const Pass& pass);

  size_t max_held_;
  std::vector<Known> known_;
  FileKind kind_ = FileKind::events;
  int64_t announced_size_ = -1;
  Phase phase_ = Phase::deciding;
  std::string held_;
  ContentHash hash_;
  size_t head_length_ = 0;
  uint64_t head_hash_ = 0;
  std::vector<size_t> candidates_;  // indices in known_ this file may be a copy of
};

}  // namespace pqlscope
