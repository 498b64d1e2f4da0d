// Streams files from disk into an Ingestor in fixed-size chunks (never the whole file).
#pragma once

#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pqlscope/ingest/ingestor.hpp"

namespace pqlscope::cli {

inline constexpr size_t kChunkBytes = size_t{4} << 20;

// Feeds one file; `progress` is called after every chunk with the bytes read so far.
inline void feed_file(Ingestor& ingest, const std::string& path, FileOptions options,
                      const std::function<void(uint64_t)>& progress = {}) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw std::runtime_error(path + ": cannot open the file");
  if (std::fseek(f, 0, SEEK_END) == 0) {  // its size lets a copy given twice be recognised
    options.size = std::ftell(f);
    std::rewind(f);
  }
  ingest.begin_file(path, std::move(options));
  std::vector<char> buffer(kChunkBytes);
  uint64_t total = 0;
  for (;;) {
    const size_t n = std::fread(buffer.data(), 1, buffer.size(), f);
    if (n == 0) break;
    ingest.feed(std::string_view(buffer.data(), n));
    total += n;
    if (progress) progress(total);
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) throw std::runtime_error(path + ": read error");
  ingest.end_file();
}

}  // namespace pqlscope::cli
