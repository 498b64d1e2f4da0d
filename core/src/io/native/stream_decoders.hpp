// Streaming zstd and brotli decompression (Debian's libzstd and libbrotlidec), with the
// interface of GzipDecoder: any chunking in, chunks of at most `chunk_bytes` out, an
// InputFileError naming the input file for corrupt or truncated data. PostHog's JSON-lines
// exports come gzip or brotli; zstd is common for warehouse unloads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gzip_decoder.hpp"

namespace pqlscope::native_io {

inline constexpr const char* kZstdCorrupt = "the zstd data is corrupt: it cannot be decompressed";
inline constexpr const char* kZstdTruncated = "the zstd data ends in the middle of a frame (a truncated file?)";
inline constexpr const char* kBrotliCorrupt = "the brotli data is corrupt: it cannot be decompressed";
inline constexpr const char* kBrotliTruncated = "the brotli data ends before its last block (a truncated file?)";
inline constexpr const char* kBrotliTrailing = "the brotli data has bytes after its end";

// Every frame of a zstd file (RFC 8878: a file is a series of frames; skippable frames are
// skipped); the content checksum is verified when a frame has one.
class ZstdDecoder {
 public:
  ZstdDecoder(std::string name, ByteOutput out, size_t chunk_bytes);
  ~ZstdDecoder();
  ZstdDecoder(const ZstdDecoder&) = delete;
  ZstdDecoder& operator=(const ZstdDecoder&) = delete;
  void feed(std::string_view in);
  void finish();

 private:
  struct Stream;
  std::string name_;
  ByteOutput out_;
  std::vector<char> buffer_;
  std::unique_ptr<Stream> stream_;
  bool in_frame_ = false;  // a frame was started and its end not yet seen
};

// One brotli stream (RFC 7932); bytes after its end are an error (brotli has no members).
class BrotliDecoder {
 public:
  BrotliDecoder(std::string name, ByteOutput out, size_t chunk_bytes);
  ~BrotliDecoder();
  BrotliDecoder(const BrotliDecoder&) = delete;
  BrotliDecoder& operator=(const BrotliDecoder&) = delete;
  void feed(std::string_view in);
  void finish();

 private:
  struct Stream;
  std::string name_;
  ByteOutput out_;
  std::vector<char> buffer_;
  std::unique_ptr<Stream> stream_;
  bool ended_ = false;
};

// Passes bytes through unchanged, or through the decoder their first bytes call for: gzip
// (1F 8B), zstd (28 B5 2F FD), or brotli when the name ends in ".br" (brotli has no magic
// number). Decided on the first four bytes, whatever the chunking.
class MaybeCompressed {
 public:
  MaybeCompressed(std::string name, ByteOutput out, size_t chunk_bytes);
  void feed(std::string_view in);
  void finish();

 private:
  void decide(bool at_end);
  void pass(std::string_view in);
  std::string name_;
  ByteOutput out_;
  size_t chunk_bytes_;
  std::string head_;
  bool decided_ = false;
  std::unique_ptr<GzipDecoder> gzip_;
  std::unique_ptr<ZstdDecoder> zstd_;
  std::unique_ptr<BrotliDecoder> brotli_;
};

}  // namespace pqlscope::native_io
