#include "pqlscope/io/json_scan.hpp"

#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace pqlscope {
namespace {

// Bytes that end the plain run of a string: the closing quote, an escape, a control byte.
constexpr bool is_string_special(unsigned char c) { return c == '"' || c == '\\' || c < 0x20; }

// Classifies 64 bytes at a time into a bit mask of string-special bytes, like the CSV reader's
// classify_block (docs/performance.md: one mask per block, then countr_zero per string, costs
// far less than a probe per string; a simd128 scan runs at native speed in WebAssembly, where
// memchr is scalar).
class StringSpecials {
 public:
  StringSpecials(const char* p, size_t n) : p_(p), n_(n) {}

  // The first string-special byte at or after i, n if none.
  [[gnu::always_inline]] size_t find(size_t i) {
    for (;;) {
      if (i >= block_ && i - block_ < 64) {  // never true while block_ is unset
        const uint64_t mask = mask_ >> (i - block_);
        if (mask != 0) return i + static_cast<size_t>(std::countr_zero(mask));
        i = block_ + 64;
        continue;
      }
      if (n_ < 64 || i > n_ - 64) break;  // the last bytes: one at a time below
      classify(i);
    }
    while (i < n_ && !is_string_special(static_cast<unsigned char>(p_[i]))) ++i;
    return i;
  }

 private:
  void classify(size_t at) {
    const char* p = p_ + at;
    uint64_t mask = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control_max = _mm_set1_epi8(0x1F);
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, control_max), v);  // v <= 0x1F
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), control);
      mask |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hit))) << (16 * k);
    }
#elif defined(__wasm_simd128__)
    const v128_t quote = wasm_i8x16_splat('"');
    const v128_t backslash = wasm_i8x16_splat('\\');
    const v128_t control_end = wasm_i8x16_splat(0x20);
    for (int k = 0; k < 4; ++k) {
      const v128_t v = wasm_v128_load(p + 16 * k);
      const v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, quote), wasm_i8x16_eq(v, backslash)),
                                      wasm_u8x16_lt(v, control_end));
      mask |= static_cast<uint64_t>(static_cast<uint16_t>(wasm_i8x16_bitmask(hit))) << (16 * k);
    }
#else
    for (int k = 0; k < 64; ++k) {
      if (is_string_special(static_cast<unsigned char>(p[k]))) mask |= uint64_t{1} << k;
    }
#endif
    block_ = at;
    mask_ = mask;
  }

  const char* p_;
  size_t n_;
  size_t block_ = SIZE_MAX;
  uint64_t mask_ = 0;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four hex digits at p[i..i+4) as a code unit; -1 if not.
int32_t hex4(const char* p, size_t i, size_t n) {
  if (n - i < 4) return -1;
  int32_t unit = 0;
  for (size_t k = 0; k < 4; ++k) {
    const int h = hex_value(p[i + k]);
    if (h < 0) return -1;
    unit = unit * 16 + h;
  }
  return unit;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text)
      : p_(text.data()), n_(text.size()), specials_(text.data(), text.size()) {}

  [[gnu::always_inline]] size_t skip_space(size_t i) const {
    while (i < n_ && is_space(p_[i])) ++i;
    return i;
  }

  // Inlined where it is called, as GCC does by itself: Emscripten's clang made it a call per
  // string, with i and escaped passed through memory (8% of the JSON-lines ingest's samples in
  // WebAssembly as a function of its own; inlined, the ingest took 0-6% less time there,
  // docs/performance-round-12.md).
  // A string literal at p_[i] == '"'; i becomes the byte after its closing quote. nlohmann's
  // rules: no raw control byte, only the JSON escapes, \u surrogates in valid pairs (UTF-8 was
  // validated by the record reader).
  [[gnu::always_inline]] bool string(size_t& i, bool& escaped) {
    escaped = false;
    size_t at = i + 1;
    for (;;) {
      at = specials_.find(at);
      if (at >= n_) return false;
      const char c = p_[at];
      if (c == '"') {
        i = at + 1;
        return true;
      }
      if (c != '\\') return false;  // a raw control byte
      escaped = true;
      if (++at >= n_) return false;
      switch (p_[at]) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          ++at;
          continue;
        case 'u': break;
        default: return false;
      }
      const int32_t unit = hex4(p_, at + 1, n_);
      if (unit < 0) return false;
      at += 5;
      if (unit >= 0xDC00 && unit <= 0xDFFF) return false;  // a low surrogate alone
      if (unit >= 0xD800 && unit <= 0xDBFF) {              // must be followed by a low one
        if (n_ - at < 2 || p_[at] != '\\' || p_[at + 1] != 'u') return false;
        const int32_t low = hex4(p_, at + 2, n_);
        if (low < 0xDC00 || low > 0xDFFF) return false;
        at += 6;
      }
    }
  }

  // A number at p_[i]; nlohmann reads integers beyond 64 bits as doubles and rejects a double
  // that overflows: those are checked with strtod.
  bool number(size_t& i) {
    const size_t start = i;
    if (p_[i] == '-') ++i;
    if (i >= n_ || !is_digit(p_[i])) return false;
    if (p_[i] == '0') {
      ++i;
    } else {
      while (i < n_ && is_digit(p_[i])) ++i;
    }
    bool plain = true;
    if (i < n_ && p_[i] == '.') {
      plain = false;
      if (++i >= n_ || !is_digit(p_[i])) return false;
      while (i < n_ && is_digit(p_[i])) ++i;
    }
    if (i < n_ && (p_[i] == 'e' || p_[i] == 'E')) {
      plain = false;
      if (++i < n_ && (p_[i] == '+' || p_[i] == '-')) ++i;
      if (i >= n_ || !is_digit(p_[i])) return false;
      while (i < n_ && is_digit(p_[i])) ++i;
    }
    if (plain && i - start <= 18) return true;  // fits in 64 bits
    const std::string copy(p_ + start, i - start);
    return std::isfinite(std::strtod(copy.c_str(), nullptr));
  }

  bool literal(size_t& i, std::string_view word) {
    if (n_ - i < word.size() || std::memcmp(p_ + i, word.data(), word.size()) != 0) return false;
    i += word.size();
    return true;
  }

  // One value at p_[i] (no white space before it); i becomes the byte after it. With
  // `members`, the members of the value (which must then be an object) are recorded, and with
  // `nested` too, the members of the objects that are their values.
  bool value(size_t& i, JsonSpan& span, std::vector<JsonMember>* members, JsonNestedObjects* nested = nullptr) {
    span.begin = static_cast<uint32_t>(i);
    if (i >= n_) return false;
    const char c = p_[i];
    if (c != '{' && c != '[') {
      if (members != nullptr) return false;
      bool ok;
      switch (c) {
        case '"': span.type = JsonType::string; ok = string(i, span.escaped); break;
        case 't': span.type = JsonType::boolean; ok = literal(i, "true"); break;
        case 'f': span.type = JsonType::boolean; ok = literal(i, "false"); break;
        case 'n': span.type = JsonType::null; ok = literal(i, "null"); break;
        default: span.type = JsonType::number; ok = (c == '-' || is_digit(c)) && number(i); break;
      }
      span.end = static_cast<uint32_t>(i);
      return ok;
    }
    span.type = c == '{' ? JsonType::object : JsonType::array;
    if (members != nullptr && c != '{') return false;
    return container(i, span, members, nested);
  }

 private:
  // An object or array at p_[i], iteratively (no recursion on hostile nesting). The outermost
  // level's members are recorded into `members`, and with `nested`, those of the objects at the
  // level below (depth 2 in an object at depth 1).
  bool container(size_t& i, JsonSpan& span, std::vector<JsonMember>* members, JsonNestedObjects* nested) {
    char stack[kMaxScanDepth];  // '{' or '[' per open level
    uint32_t depth = 0;
    JsonMember member;         // the open member of the outermost object
    JsonMember inner_member;   // the open member of the object below it
    stack[depth++] = p_[i++];
    bool expect_value_first = true;  // just after an opening bracket
    for (;;) {
      const bool in_object = stack[depth - 1] == '{';
      i = skip_space(i);
      if (i >= n_) return false;
      if (expect_value_first && p_[i] == (in_object ? '}' : ']')) {
        ++i;
        if (--depth == 0) break;
        close_member(depth, i, members, member, stack, nested, inner_member);
        expect_value_first = false;
        continue;
      }
      if (!expect_value_first) {  // after a member or element: ',' or the closing bracket
        if (p_[i] == (in_object ? '}' : ']')) {
          ++i;
          if (--depth == 0) break;
          close_member(depth, i, members, member, stack, nested, inner_member);
          continue;
        }
        if (p_[i] != ',') return false;
        i = skip_space(i + 1);
        if (i >= n_) return false;
      }
      expect_value_first = false;
      if (in_object) {
        if (p_[i] != '"') return false;
        JsonSpan key{static_cast<uint32_t>(i), 0, JsonType::string, false};
        if (!string(i, key.escaped)) return false;
        key.end = static_cast<uint32_t>(i);
        if (depth == 1) member.key = key;  // nested keys must not replace the open member's
        else if (depth == 2 && nested != nullptr) inner_member.key = key;
        i = skip_space(i);
        if (i >= n_ || p_[i] != ':') return false;
        i = skip_space(i + 1);
        if (i >= n_) return false;
      }
      if (p_[i] == '{' || p_[i] == '[') {
        const JsonSpan opened{static_cast<uint32_t>(i), 0, p_[i] == '{' ? JsonType::object : JsonType::array, false};
        if (depth == 1) {
          member.value = opened;
          if (nested != nullptr && opened.type == JsonType::object && in_object) {
            nested->objects.push_back({opened.begin, static_cast<uint32_t>(nested->members.size()), 0});
          }
        } else if (depth == 2 && nested != nullptr && in_object && stack[0] == '{') {
          inner_member.value = opened;
        }
        if (depth == kMaxScanDepth) return false;  // left to nlohmann
        stack[depth++] = p_[i++];
        expect_value_first = true;
        continue;
      }
      if (depth == 1 && in_object && members != nullptr) {
        // Written in place, field by field: copying a just-built member through the stack
        // stalled on store forwarding (a third of this function's samples in perf).
        JsonMember& out = members->emplace_back();
        out.key = member.key;
        if (!value(i, out.value, nullptr)) return false;
        continue;
      }
      if (depth == 2 && in_object && nested != nullptr && stack[0] == '{') {
        JsonMember& out = nested->members.emplace_back();
        out.key = inner_member.key;
        ++nested->objects.back().count;
        if (!value(i, out.value, nullptr)) return false;
        continue;
      }
      JsonSpan scalar;
      if (!value(i, scalar, nullptr)) return false;
    }
    span.end = static_cast<uint32_t>(i);
    return true;
  }

  // A container closed at depth `depth` (the level it was opened in): if that is the
  // outermost object, its member is complete; if it is an object below it (with `nested`), that
  // object's member is.
  static void close_member(uint32_t depth, size_t i, std::vector<JsonMember>* members, JsonMember& member,
                           const char* stack, JsonNestedObjects* nested, JsonMember& inner_member) {
    if (depth == 1 && members != nullptr && member.value.end == 0) {
      member.value.end = static_cast<uint32_t>(i);
      members->push_back(member);
      member.value.end = 0;
    } else if (depth == 2 && nested != nullptr && stack[0] == '{' && stack[1] == '{' && inner_member.value.end == 0) {
      inner_member.value.end = static_cast<uint32_t>(i);
      nested->members.push_back(inner_member);
      ++nested->objects.back().count;
      inner_member.value.end = 0;
    }
  }

  const char* p_;
  size_t n_;
  StringSpecials specials_;
};

#if defined(__SSE2__)
// '{' and '[' of 16-byte blocks counted per byte lane (a match is -1: subtracting it adds one)
// and summed every 255 blocks, before a lane can wrap: baseline x86-64 has no popcnt
// instruction, and std::popcount became a libgcc call per 16 bytes (1.3% of the JSON-lines
// ingest).
class OpenerLanes {
 public:
  void add(__m128i block) {
    lanes_ = _mm_sub_epi8(lanes_, _mm_or_si128(_mm_cmpeq_epi8(block, brace_), _mm_cmpeq_epi8(block, bracket_)));
    if (++steps_ == 255) sum();
  }
  // Adds the lanes to `openers` and empties them.
  void sum() {
    const __m128i sums = _mm_sad_epu8(lanes_, _mm_setzero_si128());  // two 64-bit sums of 8 lanes each
    openers += static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
    lanes_ = _mm_setzero_si128();
    steps_ = 0;
  }
  size_t openers = 0;

 private:
  const __m128i brace_ = _mm_set1_epi8('{');
  const __m128i bracket_ = _mm_set1_epi8('[');
  __m128i lanes_ = _mm_setzero_si128();
  unsigned steps_ = 0;
};
#endif

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

bool scan_json_object(std::string_view text, std::vector<JsonMember>& members, JsonNestedObjects* nested) {
  members.clear();
  if (nested != nullptr) {
    nested->objects.clear();
    nested->members.clear();
  }
  if (text.size() >= UINT32_MAX) return false;
  Scanner scanner(text);
  size_t i = scanner.skip_space(0);
  JsonSpan span;
  if (i >= text.size() || text[i] != '{') return false;  // not an object, or a BOM: nlohmann's
  if (!scanner.value(i, span, &members, nested)) return false;
  return scanner.skip_space(i) == text.size();
}

bool first_json_element(std::string_view text, JsonSpan& element) {
  Scanner scanner(text);
  size_t i = scanner.skip_space(0);
  if (i >= text.size() || text[i] != '[') return false;
  i = scanner.skip_space(i + 1);
  if (i >= text.size() || text[i] == ']') return false;
  return scanner.value(i, element, nullptr);
}

std::string unescape_json_string(std::string_view literal) {
  std::string out;
  const std::string_view body = literal.substr(1, literal.size() - 2);
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    const char e = body[++i];
    switch (e) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        uint32_t cp = static_cast<uint32_t>(hex4(body.data(), i + 1, body.size()));
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // validated: a low surrogate follows
          const auto low = static_cast<uint32_t>(hex4(body.data(), i + 3, body.size()));
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        append_utf8(out, cp);
        break;
      }
      default: out += e; break;  // " \ /
    }
  }
  return out;
}

JsonTextFacts json_text_facts(std::string_view text) {
  const char* p = text.data();
  const size_t n = text.size();
  size_t i = 0;
  unsigned high = 0;
  size_t openers = 0;
#if defined(__SSE2__)
  OpenerLanes lanes;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    high |= static_cast<unsigned>(_mm_movemask_epi8(v));
    lanes.add(v);
  }
  lanes.sum();
  openers = lanes.openers;
#elif defined(__wasm_simd128__)
  const v128_t brace = wasm_i8x16_splat('{');
  const v128_t bracket = wasm_i8x16_splat('[');
  for (; i + 16 <= n; i += 16) {
    const v128_t v = wasm_v128_load(p + i);
    high |= wasm_i8x16_bitmask(v);
    const v128_t open = wasm_v128_or(wasm_i8x16_eq(v, brace), wasm_i8x16_eq(v, bracket));
    openers += static_cast<size_t>(std::popcount(static_cast<unsigned>(wasm_i8x16_bitmask(open))));
  }
#endif
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    high |= c & 0x80;
    openers += c == '{' || c == '[';
  }
  return {high == 0, openers};
}

size_t find_line_feed(std::string_view text, size_t from) {
  const char* p = text.data();
  const size_t n = text.size();
  size_t i = from;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  for (; i + 16 <= n; i += 16) {
    const auto hit = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), lf)));
    if (hit != 0) return i + static_cast<size_t>(std::countr_zero(hit));
  }
#elif defined(__wasm_simd128__)
  const v128_t lf = wasm_i8x16_splat('\n');
  for (; i + 16 <= n; i += 16) {
    const auto hit = static_cast<unsigned>(wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(p + i), lf)));
    if (hit != 0) return i + static_cast<size_t>(std::countr_zero(hit));
  }
#endif
  for (; i < n; ++i) {
    if (p[i] == '\n') return i;
  }
  return n;
}

size_t find_line_feed(std::string_view text, size_t from, JsonTextFacts& facts) {
  const char* p = text.data();
  const size_t n = text.size();
  size_t i = from;
  unsigned high = 0;
  size_t openers = 0;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  OpenerLanes lanes;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const auto top = static_cast<unsigned>(_mm_movemask_epi8(v));
    lanes.add(v);  // the whole block: openers past the '\n' too (an upper bound is enough)
    const auto hit = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)));
    if (hit != 0) {
      const auto at = static_cast<unsigned>(std::countr_zero(hit));
      high |= top & ((1u << at) - 1);  // exact: only the bytes before the '\n'
      lanes.sum();
      facts = {high == 0, lanes.openers};
      return i + at;
    }
    high |= top;
  }
  lanes.sum();
  openers = lanes.openers;
#elif defined(__wasm_simd128__)
  const v128_t lf = wasm_i8x16_splat('\n');
  const v128_t brace = wasm_i8x16_splat('{');
  const v128_t bracket = wasm_i8x16_splat('[');
  for (; i + 16 <= n; i += 16) {
    const v128_t v = wasm_v128_load(p + i);
    const auto top = static_cast<unsigned>(wasm_i8x16_bitmask(v));
    const auto open = static_cast<unsigned>(wasm_i8x16_bitmask(wasm_v128_or(wasm_i8x16_eq(v, brace), wasm_i8x16_eq(v, bracket))));
    openers += static_cast<size_t>(std::popcount(open));
    const auto hit = static_cast<unsigned>(wasm_i8x16_bitmask(wasm_i8x16_eq(v, lf)));
    if (hit != 0) {
      const auto at = static_cast<unsigned>(std::countr_zero(hit));
      high |= top & ((1u << at) - 1);
      facts = {high == 0, openers};
      return i + at;
    }
    high |= top;
  }
#endif
  for (; i < n && p[i] != '\n'; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    high |= c & 0x80;
    openers += c == '{' || c == '[';
  }
  facts = {high == 0, openers};
  return i;
}

size_t find_json_string_special(std::string_view text, size_t from) {
  StringSpecials specials(text.data(), text.size());
  return specials.find(from);
}

}  // namespace pqlscope
