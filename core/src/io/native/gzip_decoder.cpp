#include "gzip_decoder.hpp"

#include <zlib.h>

#include "pqlscope/io/input_files.hpp"

namespace pqlscope::native_io {

struct GzipDecoder::Stream {
  z_stream z{};
};

GzipDecoder::GzipDecoder(std::string name, ByteOutput out, size_t chunk_bytes)
    : StreamDecoder(std::move(name), std::move(out), chunk_bytes), stream_(std::make_unique<Stream>()) {
  // 15 + 16: a 32 KiB window, gzip wrapper only (zlib.h, inflateInit2).
  if (inflateInit2(&stream_->z, 15 + 16) != Z_OK) throw std::bad_alloc();
}

GzipDecoder::~GzipDecoder() { inflateEnd(&stream_->z); }

void GzipDecoder::feed(std::string_view in) {
  if (in.empty()) return;
  z_stream& z = stream_->z;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  in_member_ = true;
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buffer_.data());
    z.avail_out = static_cast<uInt>(buffer_.size());
    const int status = inflate(&z, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
      fail(kGzipCorrupt);
    }
    emit(buffer_.size() - z.avail_out);
    if (status == Z_STREAM_END) {
      // End of one member; whatever follows must be the next member's header.
      inflateReset(&z);
      in_member_ = z.avail_in > 0;
      if (z.avail_in == 0) return;
      continue;
    }
    // Done when the input is used up and zlib had room to spare (nothing held back).
    if (z.avail_in == 0 && z.avail_out > 0) return;
    if (status == Z_BUF_ERROR) return;
  }
}

void GzipDecoder::finish() {
  // Output still held inside zlib is flushed by feed(): inflate runs until avail_in is 0 and
  // Z_BUF_ERROR with nothing produced, so a member that did not end is truncated.
  if (in_member_) fail(kGzipTruncated);
}

void StreamDecoder::fail(const char* message) const {
  throw InputFileError(IngestErrorCode::corrupt_compressed_data, name_, message);
}

}  // namespace pqlscope::native_io
