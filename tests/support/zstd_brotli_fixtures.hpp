// zstd and brotli data written by hand from the formats' specifications, so that the tests of
// the decoders do not depend on an encoder:
// - zstd (RFC 8878): a frame is the magic number 28 B5 2F FD, a Frame_Header_Descriptor (0: no
//   content size, no checksum, no dictionary, not single-segment), a Window_Descriptor (exponent
//   7: a 128 KiB window), then blocks, each with a 3-byte little-endian header (bit 0
//   Last_Block, bits 1-2 Block_Type: 0 raw, 1 RLE, 3 reserved; bits 3-23 Block_Size). A
//   skippable frame is 50 2A 4D 18, a 4-byte size and that many bytes (section 3.1.2).
// - brotli (RFC 7932): WBITS as the single bit 0 (a 64 KiB window, section 9.1), then
//   uncompressed meta-blocks (ISLAST 0, MNIBBLES 0 = four nibbles, MLEN-1 in 16 bits,
//   ISUNCOMPRESSED 1, zero bits to the byte boundary, the MLEN bytes; section 9.2), then an
//   empty last meta-block (ISLAST 1, ISLASTEMPTY 1). Bits are packed from the least
//   significant bit of each byte.
#pragma once

#include <cstdint>
#include <string>

namespace pqlscope::testing {

inline std::string zstd_frame(const std::string& text, size_t block_bytes = 1000) {
  std::string out("\x28\xB5\x2F\xFD", 4);
  out += '\0';                      // Frame_Header_Descriptor
  out += static_cast<char>(7 << 3);  // Window_Descriptor: 2^(10+7) bytes
  size_t at = 0;
  do {
    const size_t n = std::min(block_bytes, text.size() - at);
    const bool last = at + n == text.size();
    const uint32_t header = (last ? 1u : 0u) | (0u << 1) | static_cast<uint32_t>(n << 3);
    for (int i = 0; i < 3; ++i) out += static_cast<char>((header >> (8 * i)) & 0xFF);
    out += text.substr(at, n);
    at += n;
  } while (at < text.size());
  return out;
}

inline std::string zstd_skippable_frame(const std::string& data) {
  std::string out("\x50\x2A\x4D\x18", 4);
  for (int i = 0; i < 4; ++i) out += static_cast<char>((data.size() >> (8 * i)) & 0xFF);
  return out + data;
}

class BitWriter {
 public:
  void bits(uint32_t value, int count) {
    for (int i = 0; i < count; ++i) {
      if (used_ == 0) out_ += '\0';
      if ((value >> i) & 1u) out_.back() = static_cast<char>(out_.back() | (1 << used_));
      used_ = (used_ + 1) % 8;
    }
  }
  void to_byte_boundary() { used_ = 0; }
  void bytes(const std::string& data) { out_ += data; }
  const std::string& text() const { return out_; }

 private:
  std::string out_;
  int used_ = 0;
};

inline std::string brotli_uncompressed(const std::string& text, size_t block_bytes = 1000) {
  BitWriter w;
  w.bits(0, 1);  // WBITS 16
  for (size_t at = 0; at < text.size(); at += block_bytes) {
    const size_t n = std::min(block_bytes, text.size() - at);
    w.bits(0, 1);                               // ISLAST
    w.bits(0, 2);                               // MNIBBLES: 4
    w.bits(static_cast<uint32_t>(n - 1), 16);   // MLEN - 1
    w.bits(1, 1);                               // ISUNCOMPRESSED
    w.to_byte_boundary();
    w.bytes(text.substr(at, n));
  }
  w.bits(1, 1);  // ISLAST
  w.bits(1, 1);  // ISLASTEMPTY
  return w.text();
}

}  // namespace pqlscope::testing
