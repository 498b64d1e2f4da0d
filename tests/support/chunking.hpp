// Feeding helpers for chunk-invariance tests.
#pragma once

#include <functional>
#include <random>
#include <string_view>
#include <vector>

namespace pqlscope::testing_support {

// Splits `bytes` into chunks of random sizes (1..max_chunk, with some empty chunks) and calls
// feed for each, deterministically from `seed`.
inline void feed_in_random_chunks(std::string_view bytes, uint64_t seed, size_t max_chunk,
                                  const std::function<void(std::string_view)>& feed) {
  std::mt19937_64 rng(seed);
  size_t at = 0;
  while (at < bytes.size()) {
    const size_t size = rng() % 10 == 0 ? 0 : 1 + rng() % max_chunk;
    const size_t n = std::min(size, bytes.size() - at);
    feed(bytes.substr(at, n));
    at += n;
  }
}

}  // namespace pqlscope::testing_support
