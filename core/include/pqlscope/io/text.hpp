// Small text utilities shared by the readers: UTF-8 validation and turning a byte offset into
// the line and column a person sees in an editor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pqlscope {

// Returns the offset of the first byte that is not part of valid UTF-8 (RFC 3629: no
// overlongs, no surrogates, nothing above U+10FFFF), or text.size() when all is valid.
// ASCII runs are checked eight bytes at a time: almost all export text is ASCII.
size_t find_invalid_utf8(std::string_view text);

struct TextPosition {
  uint64_t line = 1;    // 1-based
  uint64_t column = 1;  // 1-based, in characters (UTF-8 code points), not bytes
};

// Position of `offset` inside `text`, where text[0] is at (start_line, start_column).
// A line ends at LF, CRLF or a lone CR.
TextPosition locate(std::string_view text, size_t offset, uint64_t start_line = 1,
                    uint64_t start_column = 1);

// How many bytes of `text` equal `byte`: 16 bytes per step with SSE2 natively and simd128 in
// WebAssembly (parallel ingest counts each chunk's line ends with it; std::count was 2.5% of the
// JSON-lines job).
size_t count_byte(std::string_view text, char byte);

// ASCII case-insensitive equality, for header names.
bool iequals(std::string_view a, std::string_view b);

// Strips ASCII spaces and tabs at both ends. Inline: it runs several times per row.
inline std::string_view trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  return text.substr(b, e - b);
}

}  // namespace pqlscope
