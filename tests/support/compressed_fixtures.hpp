// Compressed fixtures made in the test with zlib, from the formats' specifications rather
// than from the code under test: gzip members per RFC 1952 (zlib's deflateInit2 with
// windowBits 15 + 16 writes the header and the CRC-32 / size trailer), ZIP archives per
// PKWARE APPNOTE.TXT 4.3 (local header, data, central directory, end record; Zip64 end
// record, locator and extra field per 4.3.14, 4.3.15 and 4.5.3). Native only (zlib).
#pragma once

#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace pqlscope::testing {

// Raw deflate (windowBits -15) or a gzip member (15 + 16) of `text`.
inline std::string deflate_bytes(const std::string& text, int window_bits) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&z, text.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

inline std::string gzip_member(const std::string& text) { return deflate_bytes(text, 15 + 16); }

inline uint32_t crc32_of(const std::string& text) {
  return static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size())));
}

struct ZipFixtureEntry {
  std::string name;
  std::string data;            // uncompressed
  bool deflate = true;         // method 8, else stored (0)
  uint16_t extra_flags = 0;    // APPNOTE 4.4.4: 1 = encrypted, 8 = sizes in a data descriptor
  int method_override = -1;    // writes this method number instead (data stays as above)
};

inline void put(std::string& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

// zip64 = true writes 0xFFFFFFFF sizes / offsets with a Zip64 extra field in the central
// directory and a Zip64 end record, as tools do for archives over 4 GiB.
inline std::string make_zip(const std::vector<ZipFixtureEntry>& entries, bool zip64 = false) {
  std::string out, directory;
  for (const ZipFixtureEntry& e : entries) {
    const std::string stored = e.deflate ? deflate_bytes(e.data, -15) : e.data;
    const uint16_t method = e.method_override >= 0 ? static_cast<uint16_t>(e.method_override) : (e.deflate ? 8 : 0);
    const uint32_t crc = crc32_of(e.data);
    const uint64_t offset = out.size();
    put(out, 0x04034b50, 4); put(out, 20, 2); put(out, e.extra_flags, 2); put(out, method, 2);
    put(out, 0, 2); put(out, 0x5821, 2);  // time, date: 2024-01-01 00:00
    // Bit 3 (APPNOTE 4.4.4): a streaming writer leaves CRC and sizes zero in the local header
    // and writes them in a data descriptor after the data (4.3.9).
    const bool descriptor = (e.extra_flags & 8) != 0;
    put(out, descriptor ? 0 : crc, 4); put(out, descriptor ? 0 : stored.size(), 4); put(out, descriptor ? 0 : e.data.size(), 4);
    put(out, e.name.size(), 2); put(out, 0, 2);
    out += e.name;
    out += stored;
    if (descriptor) {
      put(out, 0x08074b50, 4); put(out, crc, 4); put(out, stored.size(), 4); put(out, e.data.size(), 4);
    }

    put(directory, 0x02014b50, 4); put(directory, zip64 ? 45 : 20, 2); put(directory, zip64 ? 45 : 20, 2);
    put(directory, e.extra_flags, 2); put(directory, method, 2); put(directory, 0, 2); put(directory, 0x5821, 2);
    put(directory, crc, 4);
    put(directory, zip64 ? 0xFFFFFFFF : stored.size(), 4);
    put(directory, zip64 ? 0xFFFFFFFF : e.data.size(), 4);
    put(directory, e.name.size(), 2); put(directory, zip64 ? 28 : 0, 2); put(directory, 0, 2);
    put(directory, 0, 2); put(directory, 0, 2); put(directory, 0, 4);
    put(directory, zip64 ? 0xFFFFFFFF : offset, 4);
    directory += e.name;
    if (zip64) {
      put(directory, 0x0001, 2); put(directory, 24, 2);
      put(directory, e.data.size(), 8); put(directory, stored.size(), 8); put(directory, offset, 8);
    }
  }
  const uint64_t directory_offset = out.size();
  out += directory;
  if (zip64) {
    const uint64_t record_offset = out.size();
    put(out, 0x06064b50, 4); put(out, 44, 8); put(out, 45, 2); put(out, 45, 2); put(out, 0, 4); put(out, 0, 4);
    put(out, entries.size(), 8); put(out, entries.size(), 8); put(out, directory.size(), 8); put(out, directory_offset, 8);
    put(out, 0x07064b50, 4); put(out, 0, 4); put(out, record_offset, 8); put(out, 1, 4);
  }
  put(out, 0x06054b50, 4); put(out, 0, 2); put(out, 0, 2);
  put(out, zip64 ? 0xFFFF : entries.size(), 2); put(out, zip64 ? 0xFFFF : entries.size(), 2);
  put(out, zip64 ? 0xFFFFFFFF : directory.size(), 4); put(out, zip64 ? 0xFFFFFFFF : directory_offset, 4);
  put(out, 0, 2);
  return out;
}

}  // namespace pqlscope::testing
