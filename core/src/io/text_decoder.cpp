#include "pqlscope/io/text_decoder.hpp"

#include <cstring>

#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {

// Windows-1252 bytes 0x80..0x9F; the rest of 0xA0..0xFF is Latin-1 (code point = byte).
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

constexpr char kUndecodable = '\xFF';  // never valid UTF-8: the reader rejects its row

bool is_ascii_text(unsigned char c) { return c != 0 && c < 0x80; }

// Length of the UTF-8 sequence a lead byte announces (0: not a lead byte).
size_t utf8_length(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Offset of the first byte >= 0x80, or text.size(). Eight bytes a step: until the first
// non-ASCII byte every chunk of a file is scanned here.
size_t first_high_byte(std::string_view text) {
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 32 <= text.size(); i += 32) {  // one test per 32 bytes: the all-ASCII case
    uint64_t w[4];
    std::memcpy(w, text.data() + i, 32);
    if (((w[0] | w[1] | w[2] | w[3]) & kHigh) != 0) break;
  }
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if ((word & kHigh) != 0) break;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return i;
  }
  return text.size();
}

}  // namespace

const char* text_encoding_name(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::utf8: return "utf-8";
    case TextEncoding::windows_1252: return "windows-1252";
    case TextEncoding::utf16le: return "utf-16le";
    case TextEncoding::utf16be: return "utf-16be";
  }
  return "utf-8";
}

std::string_view TextDecoder::feed(std::string_view bytes) {
  // UTF-8, or still all ASCII: the chunk itself, no copy (held_ is then always empty). The
  // first chunk's copy, handed on by the last call, is given back (a whole read block).
  const bool pass_through = (state_ == State::decided && encoding_ == TextEncoding::utf8) ||
                            (state_ == State::sniffing && held_.empty() && first_high_byte(bytes) == bytes.size());
  if (pass_through) {
    if (out_.capacity() > (std::size_t{64} << 10)) std::string().swap(out_);
    return bytes;
  }
  return decide_and_convert(bytes, false);
}

std::string_view TextDecoder::finish() { return decide_and_convert({}, true); }

std::string_view TextDecoder::decide_and_convert(std::string_view bytes, bool at_end) {
  if (state_ == State::decided) {
    if (held_.empty()) return convert(bytes, at_end);
    held_.append(bytes.data(), bytes.size());
    std::string all = std::move(held_);
    held_.clear();
    convert(all, at_end);
    return out_;
  }
  held_.append(bytes.data(), bytes.size());
  if (state_ == State::start) {
    const auto* b = reinterpret_cast<const unsigned char*>(held_.data());
    const size_t n = held_.size();
    if (n < 4 && !at_end) return {};
    state_ = State::sniffing;
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
      encoding_ = TextEncoding::utf16le;
      held_.erase(0, 2);
    } else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
      encoding_ = TextEncoding::utf16be;
      held_.erase(0, 2);
    } else if (n >= 4 && is_ascii_text(b[0]) && b[1] == 0 && is_ascii_text(b[2]) && b[3] == 0) {
      encoding_ = TextEncoding::utf16le;
    } else if (n >= 4 && b[0] == 0 && is_ascii_text(b[1]) && b[2] == 0 && is_ascii_text(b[3])) {
      encoding_ = TextEncoding::utf16be;
    }
    if (encoding_ != TextEncoding::utf8) state_ = State::decided;
  }
  if (state_ == State::sniffing) {
    // ASCII is the same in UTF-8 and 1252: hand it on and decide at the first byte >= 0x80.
    const size_t high = first_high_byte(held_);
    if (high == held_.size()) {
      out_.swap(held_);
      held_.clear();
      return out_;
    }
    const auto lead = static_cast<unsigned char>(held_[high]);
    const size_t length = utf8_length(lead);
    if (length != 0 && high + length > held_.size() && !at_end) {
      // The sequence is cut by the chunk's end: hand on the ASCII before it, keep the rest.
      out_.assign(held_, 0, high);
      held_.erase(0, high);
      return out_;
    }
    const bool valid = length != 0 && high + length <= held_.size() &&
                       find_invalid_utf8(std::string_view(held_).substr(high, length)) == length;
    encoding_ = valid ? TextEncoding::utf8 : TextEncoding::windows_1252;
    state_ = State::decided;
  }
  std::string all = std::move(held_);
  held_.clear();
  if (encoding_ == TextEncoding::utf8) {
    out_ = std::move(all);
    return out_;
  }
  convert(all, at_end);
  return out_;
}

std::string_view TextDecoder::convert(std::string_view bytes, bool at_end) {
  out_.clear();
  switch (encoding_) {
    case TextEncoding::utf8: out_.assign(bytes.data(), bytes.size()); break;
    case TextEncoding::windows_1252: convert_1252(bytes); break;
    case TextEncoding::utf16le:
    case TextEncoding::utf16be: convert_utf16(bytes, at_end); break;
  }
  return out_;
}

void TextDecoder::convert_1252(std::string_view bytes) {
  out_.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out_.push_back(ch);
    } else {
      append_utf8(out_, c < 0xA0 ? kCp1252High[c - 0x80] : c);
    }
  }
}

void TextDecoder::convert_utf16(std::string_view bytes, bool at_end) {
  out_.reserve(bytes.size());
  const bool little = encoding_ == TextEncoding::utf16le;
  size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    const uint32_t unit = little ? (a | (b << 8)) : ((a << 8) | b);
    if (high_surrogate_ != 0) {
      const uint32_t high = high_surrogate_;
      high_surrogate_ = 0;
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        append_utf8(out_, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
        continue;
      }
      out_.push_back(kUndecodable);  // the high surrogate had no low half
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      high_surrogate_ = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      out_.push_back(kUndecodable);
    } else {
      append_utf8(out_, unit);
    }
  }
  if (i < bytes.size()) held_.assign(bytes.data() + i, bytes.size() - i);  // half a unit
  if (at_end) {
    if (high_surrogate_ != 0) out_.push_back(kUndecodable);
    if (!held_.empty()) out_.push_back(kUndecodable);
    high_surrogate_ = 0;
    held_.clear();
  }
}

}  // namespace pqlscope
