// Compressed and archive formats, recognised by their first bytes (magic numbers), never by
// the name -- except brotli, which has no magic number and is recognised by a ".br" name.
// gzip and ZIP are unpacked before the core sees any byte (natively by io/input_files.hpp, in
// the npm package and the browser by wasm/js/decompress.js); compressed data that still
// reaches the Ingestor gets one file-level error (unsupported_compression) instead of a
// rejected row per line of binary noise. docs/ingest.md, "Compressed files".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pqlscope {

enum class Compression : uint8_t { none, gzip, zip, zstd, bzip2, xz, seven_zip, rar, tar, brotli };

// Bytes needed to recognise every format (tar's "ustar" sits at offset 257).
inline constexpr size_t kCompressionSniffBytes = 262;

// What the first bytes of a file (and, for brotli only, its name) say. Fewer bytes than a
// magic number are never a match, so a short head is "none".
Compression detect_compression(std::string_view head, std::string_view name);

// Whether bytes can be text (a file already unpacked): no control bytes other than tab, line
// ends, form feed and vertical tab, or a UTF-16 byte order mark. Compressed data (high entropy)
// has such bytes in its first few dozen.
bool looks_like_text(std::string_view head);

// "gzip", "ZIP", "zstd", ... as a person writes it.
const char* compression_name(Compression compression);

// The file-level message for compressed data the reader cannot take: what it is and how to
// get a readable file.
std::string unsupported_compression_message(Compression compression);

}  // namespace pqlscope
