// One fast 64-bit hash for ids and row fingerprints. Not cryptographic; chosen for short keys
// (account and user ids of 5-40 bytes), eight bytes per step. Same value natively and in WASM
// (both little-endian), so duplicate detection behaves identically on both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace pqlscope {

inline uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline uint64_t hash_bytes(std::string_view s, uint64_t seed = 0) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = seed ^ (0x9E3779B97F4A7C15ULL * (n + 1));
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    // The last 1-7 bytes as a zero-padded little-endian word, as memcpy(&w, p, n) into a zeroed
    // w would give, but without the variable-length memcpy call (one per ingested row, for the
    // row fingerprint): two overlapping 4-byte loads, or up to three single bytes.
    uint64_t w = 0;
    if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      w = lo | (static_cast<uint64_t>(hi) << (8 * (n - 4)));
    } else {
      for (size_t i = 0; i < n; ++i) w |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    }
    h = (h ^ w) * 0x94d049bb133111ebULL;
  }
  return mix64(h);
}

}  // namespace pqlscope
