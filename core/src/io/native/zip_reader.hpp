// Reads a ZIP archive from a seekable file (PKWARE APPNOTE.TXT 6.3): the central directory
// at the end lists the entries; each entry's data is then streamed from its local header,
// stored or deflated, and checked against the directory's size and CRC-32. Zip64 sizes and
// offsets are read. wasm/js/decompress.js is the same algorithm in JavaScript.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "gzip_decoder.hpp"

namespace pqlscope::native_io {

// The messages JavaScript gives for the same failures (wasm/js/decompress.js): keep in step.
inline constexpr const char* kZipDirectoryCorrupt =
    "the ZIP archive is corrupt or truncated: its central directory cannot be read";
inline constexpr const char* kZipEntryCorrupt =
    "the ZIP entry is corrupt or truncated: it does not decompress to the size and CRC-32 the archive records";
inline constexpr const char* kZipEntryEncrypted = "the ZIP entry is encrypted; pqlscope reads unencrypted entries only";

struct ZipEntry {
  std::string name;  // as stored: UTF-8 when valid, else read as Latin-1
  uint16_t flags = 0;
  uint16_t method = 0;
  uint32_t crc = 0;
  uint64_t compressed_size = 0;
  uint64_t size = 0;
  uint64_t local_offset = 0;
};

// The entries in central-directory order. Throws InputFileError (corrupt_compressed_data).
std::vector<ZipEntry> read_zip_directory(std::FILE* file, const std::string& archive_name);

// Streams one entry's uncompressed bytes to `out` in chunks of at most `chunk_bytes`;
// `progress` gets the file offset reached. Throws InputFileError.
void read_zip_entry(std::FILE* file, const ZipEntry& entry, const std::string& entry_name,
                    size_t chunk_bytes, const ByteOutput& out, const std::function<void(uint64_t)>& progress);

}  // namespace pqlscope::native_io
