// The structural scan of one JSON record, without a DOM: validates the text exactly as strictly
// as nlohmann::json::parse does and indexes an object's members as raw spans of the text, so
// that the row mappers read only the few values they need (docs/performance.md, "JSON lines").
//
// The scan is conservative: it answers false for every text nlohmann rejects, and also for the
// few valid texts it does not index (a byte-order mark before the value, a number beyond the
// double range, nesting deeper than kMaxScanDepth). The caller then parses that record with
// nlohmann, so errors and their positions stay the DOM parser's own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pqlscope {

enum class JsonType : uint8_t { string, number, object, array, boolean, null };

// A value's text: strings include their quotes; `escaped` says a string holds a backslash.
struct JsonSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  JsonType type = JsonType::null;
  bool escaped = false;
};

struct JsonMember {
  JsonSpan key;  // with its quotes
  JsonSpan value;
};

inline constexpr uint32_t kMaxScanDepth = 512;

// The members of the objects that are values of an object's members (one level down: a
// Segment record's `context`, `properties`), indexed by the same scan, so that a path "a.b" is
// read without scanning `a` a second time.
struct JsonNestedObjects {
  struct Object {
    uint32_t begin = 0;  // its '{'
    uint32_t first = 0;  // its members are members[first, first + count)
    uint32_t count = 0;
  };
  std::vector<Object> objects;   // in text order
  std::vector<JsonMember> members;
};

// `text` is one JSON object (surrounded by optional white space): true with its members, in
// text order, offsets relative to `text`; with `nested`, also the members one level down.
// Records are at most 4 GiB (offsets are 32-bit).
bool scan_json_object(std::string_view text, std::vector<JsonMember>& members,
                      JsonNestedObjects* nested = nullptr);

// `text` is one JSON array: true with its first element (false when empty or invalid).
bool first_json_element(std::string_view text, JsonSpan& element);

// The characters of a JSON string literal (with its quotes) that the scan validated.
std::string unescape_json_string(std::string_view literal);

// The first '"', '\\' or control byte (< 0x20) at or after `from`; text.size() if none.
// 16 bytes per step with SSE2 natively and simd128 in WebAssembly.
size_t find_json_string_special(std::string_view text, size_t from);

// What the record reader checks before a record is parsed, in one vectorised pass: whether any
// byte is >= 0x80 (else it is ASCII, valid UTF-8) and how many '{' and '[' it holds (an upper
// bound of its nesting depth).
struct JsonTextFacts {
  bool ascii = true;
  size_t openers = 0;
};
JsonTextFacts json_text_facts(std::string_view text);

// The first '\n' at or after `from`; text.size() if none (Emscripten's memchr is scalar).
size_t find_line_feed(std::string_view text, size_t from);

// Both in one pass, for JSON lines read in place: the first '\n' at or after `from` (text.size()
// if none), and in `facts` whether the bytes [from, that '\n') are ASCII, exactly, and an upper
// bound of their '{' and '[' (it may count up to 15 bytes past the '\n'). A second pass over
// each record was 1.4-1.9% of the JSON-lines job (docs/performance-round-6.md).
size_t find_line_feed(std::string_view text, size_t from, JsonTextFacts& facts);

}  // namespace pqlscope
