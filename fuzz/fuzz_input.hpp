// Shared by the fuzz targets: cut the input into chunks at positions derived from the input
// itself, so that the fuzzer also explores chunk boundaries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace pqlscope::fuzz {

inline std::vector<std::string_view> chunks_of(std::string_view data) {
  std::vector<std::string_view> out;
  size_t step = data.empty() ? 1 : 1 + static_cast<unsigned char>(data[0]) % 61;
  size_t at = 0;
  while (at < data.size()) {
    out.push_back(data.substr(at, step));
    const size_t next_step = 1 + (step * 7 + static_cast<unsigned char>(data[at])) % 97;
    at += step;
    step = next_step;
  }
  return out;
}

}  // namespace pqlscope::fuzz
