// The streaming stage before the CSV and JSON readers: any text encoding in, UTF-8 out.
// Spreadsheets saved without "CSV UTF-8" are Windows-1252, Excel's "Unicode text" is UTF-16;
// both are transcoded instead of every row being rejected as invalid UTF-8.
//
// Detection (decided once per file, the same for every chunking):
//   - a UTF-16 byte order mark (FF FE / FE FF) means UTF-16 LE / BE (the mark is dropped);
//   - no mark, but the first four bytes are "x 0 y 0" / "0 x 0 y" with x, y ASCII: UTF-16
//     LE / BE without a mark (UTF-8 text never holds NUL bytes);
//   - otherwise the first byte >= 0x80 decides: if it starts a valid UTF-8 sequence the file
//     is UTF-8 (passed through untouched; later invalid bytes are rejected row by row as
//     invalid_utf8), else the file is Windows-1252 (a superset of Latin-1's printable
//     characters; the five bytes 1252 leaves undefined become the C1 controls of the same
//     value, as the WHATWG Encoding Standard decodes them). All-ASCII text is UTF-8.
// UTF-16 that cannot be decoded (a lone surrogate, an odd final byte) becomes the byte 0xFF,
// which is never valid UTF-8: the row holding it is rejected as invalid_utf8, not altered.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pqlscope {

enum class TextEncoding : uint8_t { utf8, windows_1252, utf16le, utf16be };
const char* text_encoding_name(TextEncoding encoding);  // "utf-8", "windows-1252", "utf-16le", ...

class TextDecoder {
 public:
  // Returns the UTF-8 text of `bytes` (plus bytes held back by the previous call). For UTF-8
  // input it is `bytes` itself (no copy); otherwise a view of an internal buffer, valid until
  // the next call. Bytes may be held back while the encoding is undecided or a character is
  // cut by the chunk's end.
  std::string_view feed(std::string_view bytes);
  // End of input: whatever was held back.
  std::string_view finish();
  TextEncoding encoding() const { return encoding_; }

 private:
  enum class State : uint8_t { start, sniffing, decided };
  std::string_view decide_and_convert(std::string_view bytes, bool at_end);
  std::string_view convert(std::string_view bytes, bool at_end);
  void convert_1252(std::string_view bytes);
  void convert_utf16(std::string_view bytes, bool at_end);

  State state_ = State::start;
  TextEncoding encoding_ = TextEncoding::utf8;
  std::string held_;  // undecided bytes, or the start of a character cut by a chunk's end
  std::string out_;
  uint32_t high_surrogate_ = 0;  // UTF-16: a high surrogate waiting for its low half
};

}  // namespace pqlscope
