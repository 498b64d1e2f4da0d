// Streaming gzip decompression with zlib: any chunking in, chunks of at most `chunk_bytes`
// out. Reads every member of a multi-member file (RFC 1952 section 2.2: a gzip file is a
// series of members; `cat a.gz b.gz` and parallel compressors make several).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "stream_decoder.hpp"

namespace pqlscope::native_io {

// The messages JavaScript gives for the same failures (wasm/js/decompress.js): keep in step.
inline constexpr const char* kGzipCorrupt = "the gzip data is corrupt: it cannot be decompressed";
inline constexpr const char* kGzipTruncated = "the gzip data ends in the middle of a member (a truncated file?)";

class GzipDecoder final : public StreamDecoder {
 public:
  GzipDecoder(std::string name, ByteOutput out, size_t chunk_bytes);
  ~GzipDecoder() override;
  void feed(std::string_view in) override;
  void finish() override;  // throws when the last member is incomplete

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;
  bool in_member_ = false;  // bytes of a member were given and its end not yet seen
};

}  // namespace pqlscope::native_io
