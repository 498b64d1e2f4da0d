#include "pqlscope/report/json_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "pqlscope/report/report.hpp"

namespace pqlscope {

namespace {

// Bytes a JSON string can hold as they are: printable ASCII but the quote and the backslash
// (dump() leaves 0x7F alone). Anything else goes through nlohmann's own escaping.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

// "00" "01" ... "99": the integers' digits two at a time.
constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[static_cast<size_t>(2 * i)] = static_cast<char>('0' + i / 10);
    pairs[static_cast<size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

constexpr std::string_view kSpaces = "                                                                ";

// nlohmann's serializer, writing into `out` as dump() would at `indent` spaces of nesting.
void dump_with_nlohmann(std::string& out, const nlohmann::ordered_json& value, bool pretty, unsigned indent) {
  using ojson = nlohmann::ordered_json;
  nlohmann::detail::serializer<ojson> serializer(nlohmann::detail::output_adapter<char, std::string>(out), ' ',
                                                 ojson::error_handler_t::replace);
  serializer.dump(value, pretty, false, pretty ? 2u : 0u, pretty ? indent : 0u);
}

// The text nlohmann's to_chars (Grisu2) gives r = scaled / 10^4, not a whole number, written
// without it when that text is certainly scaled / 10^4 with its trailing zeros cut; nullptr
// otherwise. Grisu2 returns the shortest decimal inside r's rounding interval (r +- half an
// ulp), the interval narrowed by its own error of a few units of 2^-64 relative (below 0.01
// ulp). For |r| < 2^30 the other decimals of at most 4 places are thousands of ulps away, so
// scaled / 10^4 is the only candidate of its length and none is shorter; it is inside the
// narrowed interval when it lies within 0.45 ulp of r, which is checked exactly below. The
// format is to_chars' for such values: "-" if negative, digits "." digits (a leading "0." below 1).
char* four_decimals_text(char* out, double r, double scaled) {
  const double magnitude = std::fabs(r);
  if (!(magnitude < 1073741824.0)) return nullptr;  // 2^30
  // r x 10^4 - scaled without rounding: r split into 43 high bits and the rest (Veltkamp), each
  // times 10^4 (= 625 x 16, 10 significant bits) exact, the high part minus `scaled` exact by
  // Sterbenz's lemma (the two are within a factor 2), one rounding in the final sum at most.
  const double split = r * 1025.0;  // 2^10 + 1
  const double high = split - (split - r);
  const double low = r - high;
  const double error = (high * 10000.0 - scaled) + low * 10000.0;
  uint64_t bits;
  std::memcpy(&bits, &r, sizeof bits);
  // A power of two has a narrower interval below it (the binade below has half the ulp).
  if ((bits & ((uint64_t{1} << 52) - 1)) == 0) return nullptr;
  // The ulp of r (>= 1e-4, so normal): 2^(exponent - 1075), built from its bits.
  const uint64_t ulp_bits = ((bits >> 52) & 0x7FF) - 52;
  double ulp;
  const uint64_t ulp_field = ulp_bits << 52;
  std::memcpy(&ulp, &ulp_field, sizeof ulp);
  if (!(std::fabs(error) < 0.45 * ulp * 10000.0)) return nullptr;
  uint64_t whole = static_cast<uint64_t>(std::fabs(scaled));
  if (std::signbit(r)) *out++ = '-';
  const uint64_t integral = whole / 10000;
  uint32_t fraction = static_cast<uint32_t>(whole % 10000);  // not 0: r is not whole
  char digits[20];
  int n = 0;
  uint64_t rest = integral;
  do {
    digits[n++] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  } while (rest != 0);
  while (n > 0) *out++ = digits[--n];
  *out++ = '.';
  int places = 4;
  while (fraction % 10 == 0) {
    fraction /= 10;
    --places;
  }
  for (int p = places - 1; p >= 0; --p) {
    out[p] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  return out + places;
}

}  // namespace

void JsonWriter::newline_indent(int depth) {
  put('\n');
  size_t spaces = static_cast<size_t>(depth) * 2;
  while (spaces > 0) {
    const size_t n = std::min(spaces, kSpaces.size());
    std::memcpy(room(n), kSpaces.data(), n);
    pos_ += n;
    spaces -= n;
  }
}

void JsonWriter::open(char bracket) {
  element_start();
  if (depth_ == kMaxDepth) throw std::logic_error("JsonWriter: nesting too deep");
  put(bracket);
  count_[++depth_] = 0;
}

void JsonWriter::close(char bracket) {
  if (depth_ == 0) throw std::logic_error("JsonWriter: nothing open to close");
  if (pretty_ && count_[depth_] > 0) newline_indent(depth_ - 1);
  --depth_;
  put(bracket);
}

void JsonWriter::key_text(std::string_view name) {
  element_start();
  append_escaped(name);
  if (pretty_) append_short(": ", 2);
  else put(':');
  after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
  element_start();
  append_escaped(text);
}

void JsonWriter::number(double value) {
  // Whole values first (most of the report's: scores, raw sums, counts): below 5e10 the
  // rounding below leaves them whole and exact, so their text is the integer's.
  if (std::fabs(value) < 5e10) {
    const auto whole = static_cast<int64_t>(value);
    if (static_cast<double>(whole) == value) return integer(whole);
  }
  if (!std::isfinite(value)) return null();
  // round4(value), in two steps: `scaled` is the whole number of ten-thousandths.
  const double product = value * 10000.0;
  double scaled;
  if (std::fabs(product) < 562949953421312.0) {  // 2^49
    // The usual case without std::round's libm call and, for whole values, without the
    // division (together most of this function's time, perf): round half away from zero in
    // integers (product - trunc(product) is exact), and r = scaled / 10^4 is whole exactly when
    // scaled is a multiple of 10^4, since below 2^49 / 10^4 the ulp of r is far below 10^-4.
    const auto truncated = static_cast<int64_t>(product);
    const double fraction = product - static_cast<double>(truncated);
    const int64_t whole_scaled = truncated + (fraction >= 0.5 ? 1 : 0) - (fraction <= -0.5 ? 1 : 0);
    if (whole_scaled % 10000 == 0) return integer(whole_scaled / 10000);
    scaled = static_cast<double>(whole_scaled);
  } else {
    scaled = std::round(product);
  }
  const double r = scaled / 10000.0;
  if (!std::isfinite(r)) return null();
  if (r == std::floor(r) && std::fabs(r) < 9e15) return integer(static_cast<int64_t>(r));
  element_start();
  // Both forms fit in 64 bytes (to_chars writes at most 24), written in place.
  char* at = room(64);
  char* end = four_decimals_text(at, r, scaled);
  if (end == nullptr) end = nlohmann::detail::to_chars(at, at + 64, r);
  pos_ += static_cast<size_t>(end - at);
}

void JsonWriter::value(const nlohmann::ordered_json& value) {
  element_start();
  flush();
  dump_with_nlohmann(direct_output(), value, pretty_, static_cast<unsigned>(depth_) * 2);
}

JsonWriter JsonWriter::continued(size_t written_before) const {
  if (after_key_) throw std::logic_error("JsonWriter: continued() right after a key");
  JsonWriter copy(pretty_);  // the state, not the bytes
  copy.depth_ = depth_;
  copy.count_ = count_;
  copy.count_written(written_before);
  return copy;
}

void JsonWriter::count_written(size_t written) {
  if (depth_ == 0) throw std::logic_error("JsonWriter: no open container to count in");
  // Only zero / non-zero matters to the separators; saturate rather than wrap.
  const uint64_t total = uint64_t{count_[depth_]} + written;
  count_[depth_] = static_cast<uint32_t>(std::min<uint64_t>(total, UINT32_MAX));
}

void JsonWriter::append_unsigned(uint64_t value) {
  char* at = room(20);
  if (value < 10) {  // the report's most common integers: 0, a step count, a window's score
    *at = static_cast<char>('0' + value);
    ++pos_;
    return;
  }
  char digits[20];
  char* start = digits + sizeof digits;
  while (value >= 100) {  // two digits a division
    const auto pair = static_cast<size_t>(value % 100) * 2;
    value /= 100;
    start -= 2;
    std::memcpy(start, kDigitPairs.data() + pair, 2);
  }
  if (value >= 10) {
    start -= 2;
    std::memcpy(start, kDigitPairs.data() + static_cast<size_t>(value) * 2, 2);
  } else {
    *--start = static_cast<char>('0' + value);
  }
  const auto n = static_cast<size_t>(digits + sizeof digits - start);
  std::memcpy(at, start, n);
  pos_ += n;
}

void JsonWriter::append_signed(int64_t value) {
  if (value < 0) {
    put('-');
    // Negating in unsigned arithmetic is defined for INT64_MIN too.
    append_unsigned(~static_cast<uint64_t>(value) + 1);
  } else {
    append_unsigned(static_cast<uint64_t>(value));
  }
}

// Eight bytes at a time: does the word hold a byte below 0x20, from 0x80, a quote or a
// backslash? (The classic "has a byte less than n" bit trick; ids are mostly 8-30 bytes.)
bool word_is_plain(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const uint64_t below_space = (word - kOnes * 0x20) & ~word;
  const uint64_t quote = word ^ (kOnes * '"'), backslash = word ^ (kOnes * '\\');
  const uint64_t has_quote = (quote - kOnes) & ~quote, has_backslash = (backslash - kOnes) & ~backslash;
  return ((below_space | has_quote | has_backslash | word) & kHigh) == 0;
}

bool is_plain(std::string_view text) {
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (!word_is_plain(word)) return false;
  }
  for (; i < text.size(); ++i) {
    if (!kPlain[static_cast<unsigned char>(text[i])]) return false;
  }
  return true;
}

void JsonWriter::append_escaped(std::string_view text) {
  if (!is_plain(text)) {
    // Rare (non-ASCII names, control characters): nlohmann's escaping, exactly.
    flush();
    dump_with_nlohmann(direct_output(), nlohmann::ordered_json(std::string(text)), false, 0);
    return;
  }
  if (text.size() + 2 > kBlock) {  // a text longer than the block goes straight to the output
    put('"');
    flush();
    direct_output().append(text.data(), text.size());
    put('"');
    return;
  }
  char* at = room(text.size() + 2);
  at[0] = '"';
  std::memcpy(at + 1, text.data(), text.size());
  at[text.size() + 1] = '"';
  pos_ += text.size() + 2;
}

}  // namespace pqlscope
