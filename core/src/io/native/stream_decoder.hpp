// What every streaming decompressor here shares (gzip, zstd, brotli): any chunking in, chunks of
// at most `chunk_bytes` out through one output buffer, an InputFileError naming the input file
// for corrupt or truncated data. MaybeCompressed holds whichever one the first bytes call for.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pqlscope::native_io {

using ByteOutput = std::function<void(std::string_view)>;

class StreamDecoder {
 public:
  StreamDecoder(std::string name, ByteOutput out, size_t chunk_bytes)
      : name_(std::move(name)), out_(std::move(out)), buffer_(chunk_bytes) {}
  virtual ~StreamDecoder() = default;
  StreamDecoder(const StreamDecoder&) = delete;
  StreamDecoder& operator=(const StreamDecoder&) = delete;

  virtual void feed(std::string_view in) = 0;  // throws InputFileError (corrupt_compressed_data)
  virtual void finish() = 0;                   // throws InputFileError when the data is truncated

 protected:
  // Hands on the first `produced` bytes of the output buffer, if any.
  void emit(size_t produced) {
    if (produced > 0) out_(std::string_view(buffer_.data(), produced));
  }
  [[noreturn]] void fail(const char* message) const;  // corrupt_compressed_data, naming the file

  std::string name_;
  ByteOutput out_;
  std::vector<char> buffer_;
};

}  // namespace pqlscope::native_io
