// Streaming zstd and brotli decompression (Debian's libzstd and libbrotlidec), StreamDecoders
// like GzipDecoder, and MaybeCompressed, which picks one from the first bytes. PostHog's JSON-lines
// exports come gzip or brotli; zstd is common for warehouse unloads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "gzip_decoder.hpp"

namespace pqlscope::native_io {

inline constexpr const char* kZstdCorrupt = "the zstd data is corrupt: it cannot be decompressed";
inline constexpr const char* kZstdTruncated = "the zstd data ends in the middle of a frame (a truncated file?)";
inline constexpr const char* kBrotliCorrupt = "the brotli data is corrupt: it cannot be decompressed";
inline constexpr const char* kBrotliTruncated = "the brotli data ends before its last block (a truncated file?)";
inline constexpr const char* kBrotliTrailing = "the brotli data has bytes after its end";

// Every frame of a zstd file (RFC 8878: a file is a series of frames; skippable frames are
// skipped); the content checksum is verified when a frame has one.
class ZstdDecoder final : public StreamDecoder {
 public:
  ZstdDecoder(std::string name, ByteOutput out, size_t chunk_bytes);
  ~ZstdDecoder() override;
  void feed(std::string_view in) override;
  void finish() override;

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;
  bool in_frame_ = false;  // a frame was started and its end not yet seen
};

// One brotli stream (RFC 7932); bytes after its end are an error (brotli has no members).
class BrotliDecoder final : public StreamDecoder {
 public:
  BrotliDecoder(std::string name, ByteOutput out, size_t chunk_bytes);
  ~BrotliDecoder() override;
  void feed(std::string_view in) override;
  void finish() override;

 private:
  struct Stream;
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
  std::unique_ptr<StreamDecoder> decoder_;  // null: plain bytes
};

}  // namespace pqlscope::native_io
