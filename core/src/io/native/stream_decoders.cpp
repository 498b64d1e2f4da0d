#include "stream_decoders.hpp"

#include <brotli/decode.h>
#include <zstd.h>

#include <algorithm>
#include <new>

#include "pqlscope/io/compression.hpp"
#include "pqlscope/io/input_files.hpp"

namespace pqlscope::native_io {

struct ZstdDecoder::Stream {
  ZSTD_DStream* d = nullptr;
};

ZstdDecoder::ZstdDecoder(std::string name, ByteOutput out, size_t chunk_bytes)
    : StreamDecoder(std::move(name), std::move(out), chunk_bytes), stream_(std::make_unique<Stream>()) {
  stream_->d = ZSTD_createDStream();
  if (stream_->d == nullptr) throw std::bad_alloc();
  ZSTD_initDStream(stream_->d);
}

ZstdDecoder::~ZstdDecoder() { ZSTD_freeDStream(stream_->d); }

void ZstdDecoder::feed(std::string_view in) {
  if (in.empty()) return;
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  for (;;) {
    ZSTD_outBuffer output{buffer_.data(), buffer_.size(), 0};
    const size_t consumed_before = input.pos;
    const size_t hint = ZSTD_decompressStream(stream_->d, &output, &input);
    if (ZSTD_isError(hint)) fail(kZstdCorrupt);
    emit(output.pos);
    // 0: a frame ended and is flushed. A call after that without input hints at the next
    // frame's header: only bytes given start a frame.
    if (input.pos > consumed_before) in_frame_ = true;
    if (hint == 0) in_frame_ = false;
    // Done when the input is used up and the output buffer had room (nothing held back).
    if (input.pos == input.size && output.pos < output.size) return;
  }
}

void ZstdDecoder::finish() {
  // The decoder may see a frame's end only when called again: call it without input until it
  // has nothing more to give.
  while (in_frame_) {
    ZSTD_inBuffer input{nullptr, 0, 0};
    ZSTD_outBuffer output{buffer_.data(), buffer_.size(), 0};
    const size_t hint = ZSTD_decompressStream(stream_->d, &output, &input);
    if (ZSTD_isError(hint)) fail(kZstdCorrupt);
    emit(output.pos);
    if (hint == 0) in_frame_ = false;
    if (output.pos == 0) break;
  }
  if (in_frame_) fail(kZstdTruncated);
}

struct BrotliDecoder::Stream {
  BrotliDecoderState* s = nullptr;
};

BrotliDecoder::BrotliDecoder(std::string name, ByteOutput out, size_t chunk_bytes)
    : StreamDecoder(std::move(name), std::move(out), chunk_bytes), stream_(std::make_unique<Stream>()) {
  stream_->s = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (stream_->s == nullptr) throw std::bad_alloc();
}

BrotliDecoder::~BrotliDecoder() { BrotliDecoderDestroyInstance(stream_->s); }

void BrotliDecoder::feed(std::string_view in) {
  if (in.empty()) return;
  if (ended_) fail(kBrotliTrailing);
  size_t avail_in = in.size();
  const auto* next_in = reinterpret_cast<const uint8_t*>(in.data());
  for (;;) {
    size_t avail_out = buffer_.size();
    auto* next_out = reinterpret_cast<uint8_t*>(buffer_.data());
    const BrotliDecoderResult result =
        BrotliDecoderDecompressStream(stream_->s, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    if (result == BROTLI_DECODER_RESULT_ERROR) {
      fail(kBrotliCorrupt);
    }
    emit(buffer_.size() - avail_out);
    if (result == BROTLI_DECODER_RESULT_SUCCESS) {
      ended_ = true;
      if (avail_in > 0) fail(kBrotliTrailing);
      return;
    }
    if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) return;
    // NEEDS_MORE_OUTPUT: go round with an empty buffer.
  }
}

void BrotliDecoder::finish() {
  if (!ended_) fail(kBrotliTruncated);
}

MaybeCompressed::MaybeCompressed(std::string name, ByteOutput out, size_t chunk_bytes)
    : name_(std::move(name)), out_(std::move(out)), chunk_bytes_(chunk_bytes) {}

void MaybeCompressed::pass(std::string_view in) {
  if (in.empty()) return;
  if (decoder_) decoder_->feed(in);
  else out_(in);
}

void MaybeCompressed::decide(bool at_end) {
  constexpr size_t kMagicBytes = 4;
  if (decided_ || (!at_end && head_.size() < kMagicBytes)) return;
  decided_ = true;
  switch (detect_compression(head_, name_)) {
    case Compression::gzip: decoder_ = std::make_unique<GzipDecoder>(name_, out_, chunk_bytes_); break;
    case Compression::zstd: decoder_ = std::make_unique<ZstdDecoder>(name_, out_, chunk_bytes_); break;
    case Compression::brotli: decoder_ = std::make_unique<BrotliDecoder>(name_, out_, chunk_bytes_); break;
    default: break;  // plain bytes, or a format the core reports (unsupported_compression)
  }
  std::string head = std::move(head_);
  head_.clear();
  pass(head);
}

void MaybeCompressed::feed(std::string_view in) {
  if (!decided_) {
    const size_t take = std::min(in.size(), size_t{4} - std::min<size_t>(head_.size(), 4));
    head_.append(in.substr(0, take));
    in.remove_prefix(take);
    decide(false);
    if (!decided_) return;
  }
  pass(in);
}

void MaybeCompressed::finish() {
  decide(true);
  if (decoder_) decoder_->finish();
}

}  // namespace pqlscope::native_io
