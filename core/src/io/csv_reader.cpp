#include "pqlscope/io/csv_reader.hpp"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {
enum ByteClass : uint8_t { kPlain = 0, kDelimiter, kLineFeed, kCarriageReturn, kQuote };
constexpr IngestErrorCode kNoError = IngestErrorCode::kCount;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// 0x80 in every byte of `word` that is zero, 0 elsewhere. Exact (no false positives from
// borrows), so the lowest set byte is the first match and the others are matches too. Used by
// the portable scan only (the SIMD builds leave it unused).
[[maybe_unused]] inline uint64_t zero_bytes(uint64_t word) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((word & kLow7) + kLow7) | word | kLow7);
}
[[maybe_unused]] inline uint64_t broadcast(char c) { return 0x0101010101010101ULL * static_cast<unsigned char>(c); }

// Offset of the first '\n' or '\r' in text, or text.size().
size_t find_line_end(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') return i;
  }
  return text.size();
}
}  // namespace

char sniff_delimiter(std::string_view head) {
  if (head.substr(0, 3) == kBom) head.remove_prefix(3);
  constexpr char kCandidates[] = {',', ';', '\t', '|'};
  constexpr size_t kCount = sizeof kCandidates;
  constexpr size_t kMaxLines = 20;
  size_t first[kCount] = {};       // counts on the first line
  size_t line_count[kCount] = {};  // counts on the current line
  bool consistent[kCount] = {true, true, true, true};
  size_t lines = 0;
  bool quoted = false;
  bool content = false;  // the current line has a byte that is not a line end
  for (size_t i = 0; i < head.size() && lines < kMaxLines; ++i) {
    const char c = head[i];
    if (c == '"') quoted = !quoted;  // a doubled quote toggles twice: still right
    if (quoted) continue;
    if (c == '\n' || c == '\r') {
      if (!content) continue;  // blank lines and the LF of CRLF
      for (size_t k = 0; k < kCount; ++k) {
        if (lines == 0) first[k] = line_count[k];
        else if (line_count[k] != first[k]) consistent[k] = false;
        line_count[k] = 0;
      }
      ++lines;
      content = false;
      continue;
    }
    content = true;
    for (size_t k = 0; k < kCount; ++k) line_count[k] += c == kCandidates[k];
  }
  if (lines == 0) {  // no complete line: the text so far is the first line
    for (size_t k = 0; k < kCount; ++k) first[k] = line_count[k];
  }
  size_t best = kCount;
  for (int pass = 0; pass < 2 && best == kCount; ++pass) {
    for (size_t k = 0; k < kCount; ++k) {
      if (first[k] == 0 || (pass == 0 && !consistent[k])) continue;
      if (best == kCount || first[k] > first[best]) best = k;
    }
  }
  return best == kCount ? ',' : kCandidates[best];
}

CsvReader::CsvReader(Options options, CsvSink& sink) : options_(options), sink_(sink) {
  std::memset(class_, kPlain, sizeof class_);
  class_[static_cast<unsigned char>(options_.delimiter)] = kDelimiter;
  class_[static_cast<unsigned char>('\n')] = kLineFeed;
  class_[static_cast<unsigned char>('\r')] = kCarriageReturn;
  class_[static_cast<unsigned char>('"')] = kQuote;
}

// Copying every chunk into one buffer cost ~10% of ingest (memcpy plus compaction in the
// callgrind profile), so records are parsed where the caller's chunk holds them and only the
// record cut by a chunk's end goes through carry_.
void CsvReader::feed(std::string_view chunk) {
  if (stopped_ || chunk.empty()) return;
  fed_ += chunk.size();
  if (!bom_checked_) {  // the first bytes go through carry_ until the BOM question is settled
    carry_.append(chunk.data(), chunk.size());
    if (carry_.size() < 3 && kBom.substr(0, carry_.size()) == carry_) return;
    bom_checked_ = true;
    if (carry_.compare(0, 3, kBom) == 0) pos_ = rec_start_ = 3;
    scan_carry();
    return;
  }
  // Complete a carried record a line at a time, so that no more than that record is copied.
  while (!carry_.empty() && !chunk.empty() && !stopped_) {
    const size_t line_end = find_line_end(chunk);
    const size_t take = line_end < chunk.size() ? line_end + 1 : chunk.size();
    carry_.append(chunk.data(), take);
    chunk.remove_prefix(take);
    scan_carry();
  }
  if (chunk.empty() || stopped_) return;
  // carry_ is empty, so no record is open (state_ == record_start): parse in place.
  const uint64_t base = fed_ - chunk.size();
  pos_ = rec_start_ = 0;
  scan(chunk.data(), chunk.size(), base);
  if (stopped_) return;
  if (state_ == State::record_start) {
    pos_ = rec_start_ = 0;
    carry_base_ = fed_;
    return;
  }
  carry_.assign(chunk.data() + rec_start_, chunk.size() - rec_start_);
  carry_base_ = base + rec_start_;
  pos_ -= rec_start_;
  field_start_ -= rec_start_;
  rec_start_ = 0;
}

// Scans the new bytes of carry_, then drops what has been delivered.
void CsvReader::scan_carry() {
  scan(carry_.data(), carry_.size(), carry_base_);
  if (stopped_) return;
  const size_t keep_from = state_ == State::record_start ? pos_ : rec_start_;
  if (keep_from == 0) return;
  carry_.erase(0, keep_from);
  carry_base_ += keep_from;
  pos_ -= keep_from;
  if (state_ == State::record_start) {
    rec_start_ = pos_;
  } else {
    rec_start_ -= keep_from;
    field_start_ -= keep_from;
  }
}

void CsvReader::finish() {
  if (stopped_) return;
  if (!bom_checked_) {  // a file of fewer than three bytes that look like a BOM prefix
    bom_checked_ = true;
  }
  scan(carry_.data(), carry_.size(), carry_base_);
  if (stopped_) return;
  const size_t end = carry_.size();
  switch (state_) {
    case State::record_start:
      break;
    case State::quoted:
      fail_record(IngestErrorCode::unterminated_quote, field_start_ - 1 - rec_start_,
                  "a quoted field is not closed before the end of the file", true);
      break;
    case State::field_start:
    case State::unquoted:
    case State::quote_in_quoted:
      if (state_ == State::quote_in_quoted) {
        end_field(end - 1);
      } else {
        end_field(end);
      }
      end_record(end);
      break;
  }
  carry_.clear();
  pos_ = rec_start_ = 0;
}

void CsvReader::end_field(size_t end) {
  spans_.push_back({static_cast<uint32_t>(field_start_ - rec_start_),
                    static_cast<uint32_t>(end - rec_start_), field_escaped_, field_quoted_});
  field_escaped_ = false;
  field_quoted_ = false;
}

void CsvReader::build_record(size_t end) {
  record_.raw = std::string_view(win_ + rec_start_, end - rec_start_);
  record_.line = rec_line_;
  record_.byte_offset = win_base_ + rec_start_;
  record_.fields.clear();
  record_.field_offsets.clear();
  size_t escaped_bytes = 0;
  for (const FieldSpan& s : spans_) escaped_bytes += s.escaped ? s.end - s.begin : 0;
  unescaped_.clear();
  unescaped_.reserve(escaped_bytes);  // no reallocation below: views into it stay valid
  const char* base = record_.raw.data();
  for (const FieldSpan& s : spans_) {
    record_.field_offsets.push_back(s.quoted ? s.begin - 1 : s.begin);
    std::string_view text(base + s.begin, s.end - s.begin);
    if (!s.escaped) {
      record_.fields.push_back(text);
      continue;
    }
    const size_t start = unescaped_.size();
    for (size_t k = 0; k < text.size(); ++k) {
      unescaped_.push_back(text[k]);
      if (text[k] == '"' && k + 1 < text.size() && text[k + 1] == '"') ++k;
    }
    record_.fields.emplace_back(unescaped_.data() + start, unescaped_.size() - start);
  }
}

void CsvReader::end_record(size_t end) {
  build_record(end);
  deliver(true);
  spans_.clear();
  state_ = State::record_start;
}

// Hands record_ to the sink, or the record's first problem. check_utf8 = false when the
// caller saw that the record is all ASCII.
void CsvReader::deliver(bool check_utf8) {
  if (rec_error_ == kNoError && check_utf8) {
    const size_t bad = find_invalid_utf8(record_.raw);
    if (bad != record_.raw.size()) {
      rec_error_ = IngestErrorCode::invalid_utf8;
      rec_error_offset_ = bad;
      rec_error_message_ = "the bytes are not valid UTF-8 (re-export the file as UTF-8)";
    }
  }
  if (rec_error_ == kNoError) {
    sink_.on_record(record_);
  } else {
    sink_.on_csv_error(record_, rec_error_, rec_error_offset_, std::move(rec_error_message_), false);
  }
  rec_error_ = kNoError;
  rec_error_message_.clear();
}

void CsvReader::fail_record(IngestErrorCode code, size_t offset, std::string message, bool fatal) {
  if (fatal) {
    build_record(win_size_);
    sink_.on_csv_error(record_, code, offset, std::move(message), true);
    stopped_ = true;
    carry_.clear();
    carry_.shrink_to_fit();
    return;
  }
  if (rec_error_ == kNoError) {  // keep the first problem of the record
    rec_error_ = code;
    rec_error_offset_ = offset;
    rec_error_message_ = std::move(message);
  }
}

void CsvReader::scan(const char* data, size_t n, uint64_t base) {
  block_ = SIZE_MAX;  // the masks describe the previous call's bytes
  win_ = data;
  win_size_ = n;
  win_base_ = base;
  const char* b = data;
  size_t i = pos_;
  while (i < n) {
    switch (state_) {
      case State::record_start: {
        const char c = b[i];
        if (after_cr_) {
          after_cr_ = false;
          if (c == '\n') {
            rec_start_ = ++i;
            continue;
          }
        }
        if (c == '\n' || c == '\r') {  // a blank line is no record
          ++line_;
          after_cr_ = (c == '\r');
          rec_start_ = ++i;
          continue;
        }
        rec_start_ = i;
        rec_line_ = line_;
        if (scan_simple_record(i)) continue;
        state_ = State::field_start;
        [[fallthrough]];
      }
      case State::field_start:
        if (b[i] == '"') {
          field_quoted_ = true;
          field_start_ = ++i;
          state_ = State::quoted;
          continue;
        }
        field_start_ = i;
        state_ = State::unquoted;
        [[fallthrough]];
      case State::unquoted: {
        while (i < n && class_[static_cast<unsigned char>(b[i])] == kPlain) ++i;
        if (i == n) break;
        switch (class_[static_cast<unsigned char>(b[i])]) {
          case kDelimiter:
            end_field(i);
            state_ = State::field_start;
            ++i;
            break;
          case kLineFeed:
          case kCarriageReturn:
            after_cr_ = (b[i] == '\r');
            end_field(i);
            end_record(i);
            ++line_;
            rec_start_ = ++i;
            break;
          default:  // a bare quote inside an unquoted field is kept as a literal character
            ++i;
            break;
        }
        break;
      }
      case State::quoted: {
        while (i < n) {
          const char c = b[i];
          if (c == '"') break;
          if (c == '\r' || (c == '\n' && b[i - 1] != '\r')) ++line_;
          ++i;
        }
        if (i == n) break;
        state_ = State::quote_in_quoted;
        ++i;
        break;
      }
      case State::quote_in_quoted: {
        const unsigned char c = static_cast<unsigned char>(b[i]);
        if (c == '"') {  // a doubled quote is one literal quote
          field_escaped_ = true;
          state_ = State::quoted;
          ++i;
          break;
        }
        end_field(i - 1);
        if (class_[c] == kDelimiter) {
          state_ = State::field_start;
          ++i;
        } else if (c == '\n' || c == '\r') {
          after_cr_ = (c == '\r');
          end_record(i);
          ++line_;
          rec_start_ = ++i;
        } else {
          fail_record(IngestErrorCode::unexpected_after_quote, i - rec_start_,
                      "unexpected character after a closing quote (a quote inside a quoted "
                      "field must be doubled)", false);
          spans_.pop_back();
          field_start_ = i;
          field_quoted_ = false;
          state_ = State::unquoted;  // recover: read on to the end of this field
        }
        break;
      }
    }
    if (state_ != State::record_start && i - rec_start_ > options_.max_record_bytes) {
      fail_record(IngestErrorCode::record_too_large, 0,
                  "a record is longer than " + std::to_string(options_.max_record_bytes) +
                      " bytes (is a closing quote missing?)", true);
      return;
    }
  }
  pos_ = i;
}

// The fast path for the common record: no quotes, wholly inside the window. Splits it at the
// delimiters straight into record_ (no FieldSpan pass) and skips UTF-8 validation when every
// byte is ASCII. On anything else it returns false having changed nothing but record_, and
// the state machine reads the record from its start.
bool CsvReader::scan_simple_record(size_t& i) {
  record_.fields.clear();
  record_.field_offsets.clear();
  const size_t start = i;
  size_t field = start;
  // Whether the record may hold a byte >= 0x80, conservatively: any byte of the blocks
  // classified for it, including the current block, which may also hold earlier records.
  high_seen_ = block_ != SIZE_MAX && high_ != 0;
  for (;;) {
    const size_t at = find_special(field);
    if (at == win_size_) return false;  // the record goes on past the window
    const uint8_t cls = class_[static_cast<unsigned char>(win_[at])];
    if (cls == kQuote) return false;
    record_.fields.emplace_back(win_ + field, at - field);
    record_.field_offsets.push_back(static_cast<uint32_t>(field - start));
    if (cls == kDelimiter) {
      field = at + 1;
      continue;
    }
    if (at - start >= options_.max_record_bytes) return false;  // the state machine reports it
    record_.raw = std::string_view(win_ + start, at - start);
    record_.line = rec_line_;
    record_.byte_offset = win_base_ + start;
    deliver(high_seen_);
    after_cr_ = cls == kCarriageReturn;
    ++line_;
    i = rec_start_ = at + 1;
    return true;
  }
}

// The first delimiter, line end or quote in win_ at or after i (win_size_ if none). Bytes
// are classified 64 at a time into bit masks (classify_block) and found with countr_zero:
// calling memchr per field, or one 16-byte SIMD probe per field, cost ~250 instructions per
// row in callgrind against ~110 with the masks.
inline size_t CsvReader::find_special(size_t i) {
  for (;;) {
    if (i >= block_ && i - block_ < 64) {  // never true while block_ is unset (SIZE_MAX)
      const size_t skip = i - block_;
      const uint64_t special = special_ >> skip;
      if (special != 0) return i + static_cast<size_t>(std::countr_zero(special));
      i = block_ + 64;
      continue;
    }
    if (win_size_ - i < 64) break;  // the window's last bytes: one at a time below
    classify_block(i);
  }
  for (; i < win_size_; ++i) {
    const auto c = static_cast<unsigned char>(win_[i]);
    if (class_[c] != kPlain) return i;
    high_seen_ |= c >= 0x80;
  }
  return win_size_;
}

// Fills special_ and high_ for win_[at, at + 64); notes in high_seen_ a byte >= 0x80.
// 16 bytes per step with SSE2 or wasm simd128 (docs/performance.md: Emscripten's memchr is scalar, while a simd128 scan runs at native
// speed), else 8 per step in a 64-bit word.
void CsvReader::classify_block(size_t at) {
  const char* p = win_ + at;
  uint64_t special = 0, high = 0;
#if defined(__SSE2__)
  const __m128i delimiter = _mm_set1_epi8(options_.delimiter);
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, delimiter), _mm_cmpeq_epi8(v, lf)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)));
    special |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hit))) << (16 * k);
    high |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(v))) << (16 * k);
  }
#elif defined(__wasm_simd128__)
  const v128_t delimiter = wasm_i8x16_splat(options_.delimiter);
  const v128_t lf = wasm_i8x16_splat('\n');
  const v128_t cr = wasm_i8x16_splat('\r');
  const v128_t quote = wasm_i8x16_splat('"');
  for (int k = 0; k < 4; ++k) {
    const v128_t v = wasm_v128_load(p + 16 * k);
    const v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, delimiter), wasm_i8x16_eq(v, lf)),
                                    wasm_v128_or(wasm_i8x16_eq(v, cr), wasm_i8x16_eq(v, quote)));
    special |= static_cast<uint64_t>(static_cast<uint16_t>(wasm_i8x16_bitmask(hit))) << (16 * k);
    high |= static_cast<uint64_t>(static_cast<uint16_t>(wasm_i8x16_bitmask(v))) << (16 * k);
  }
#else
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  // 0x80 per byte -> one bit per byte (the multiply gathers the eight high bits in the top byte).
  auto bits = [](uint64_t high_bits) { return (high_bits * 0x02040810204081ULL) >> 56; };
  const uint64_t delimiter = broadcast(options_.delimiter);
  for (int k = 0; k < 8; ++k) {
    uint64_t w;
    std::memcpy(&w, p + 8 * k, 8);
    const uint64_t hit = zero_bytes(w ^ delimiter) | zero_bytes(w ^ broadcast('\n')) |
                         zero_bytes(w ^ broadcast('\r')) | zero_bytes(w ^ broadcast('"'));
    special |= bits(hit) << (8 * k);
    high |= bits(w & kHigh) << (8 * k);
  }
#endif
  block_ = at;
  special_ = special;
  high_ = high;
  high_seen_ |= high != 0;
}

}  // namespace pqlscope
