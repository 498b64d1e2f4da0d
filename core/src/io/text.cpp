#include "pqlscope/io/text.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace pqlscope {

size_t find_invalid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t min_cp;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2; min_cp = 0x80; cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3; min_cp = 0x800; cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4; min_cp = 0x10000; cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return n;
}

TextPosition locate(std::string_view text, size_t offset, uint64_t start_line,
                    uint64_t start_column) {
  TextPosition pos{start_line, start_column};
  if (offset > text.size()) offset = text.size();
  for (size_t i = 0; i < offset; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;  // CRLF counts once, at LF
      ++pos.line;
      pos.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++pos.column;  // continuation bytes do not start a character
    }
  }
  return pos;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

size_t count_byte(std::string_view text, char byte) {
  const char* p = text.data();
  const size_t n = text.size();
  size_t i = 0, count = 0;
#if defined(__SSE2__) || defined(__wasm_simd128__)
  // Matches are counted per byte lane (a match is -1: subtracting it adds one) and the lanes
  // summed every 255 steps, before one can wrap.
  while (n - i >= 16) {
    const size_t steps = std::min<size_t>(255, (n - i) / 16);
#if defined(__SSE2__)
    const __m128i wanted = _mm_set1_epi8(byte);
    __m128i lanes = _mm_setzero_si128();
    for (size_t s = 0; s < steps; ++s, i += 16) {
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), wanted));
    }
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());  // two sums of 8 lanes
    count += static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
#else
    const v128_t wanted = wasm_i8x16_splat(byte);
    v128_t lanes = wasm_i8x16_splat(0);
    for (size_t s = 0; s < steps; ++s, i += 16) lanes = wasm_i8x16_sub(lanes, wasm_i8x16_eq(wasm_v128_load(p + i), wanted));
    const v128_t pairs = wasm_u16x8_extadd_pairwise_u8x16(lanes);
    const v128_t quads = wasm_u32x4_extadd_pairwise_u16x8(pairs);
    count += wasm_u32x4_extract_lane(quads, 0) + wasm_u32x4_extract_lane(quads, 1) + wasm_u32x4_extract_lane(quads, 2) +
             wasm_u32x4_extract_lane(quads, 3);
#endif
  }
#endif
  for (; i < n; ++i) count += p[i] == byte;
  return count;
}

}  // namespace pqlscope
