#include "pqlscope/io/csv_reader.hpp"

#include <cstring>

#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {
enum ByteClass : uint8_t { kPlain = 0, kDelimiter, kLineFeed, kCarriageReturn, kQuote };
constexpr IngestErrorCode kNoError = IngestErrorCode::kCount;
}  // namespace

CsvReader::CsvReader(Options options, CsvSink& sink) : options_(options), sink_(sink) {
  std::memset(class_, kPlain, sizeof class_);
  class_[static_cast<unsigned char>(options_.delimiter)] = kDelimiter;
  class_[static_cast<unsigned char>('\n')] = kLineFeed;
  class_[static_cast<unsigned char>('\r')] = kCarriageReturn;
  class_[static_cast<unsigned char>('"')] = kQuote;
}

void CsvReader::feed(std::string_view chunk) {
  if (stopped_ || chunk.empty()) return;
  buf_.append(chunk.data(), chunk.size());
  if (!bom_checked_) {
    if (buf_.size() < 3 && std::string_view("\xEF\xBB\xBF").substr(0, buf_.size()) == buf_) return;
    bom_checked_ = true;
    if (buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = rec_start_ = 3;
  }
  scan(false);
  compact();
}

void CsvReader::finish() {
  if (stopped_) return;
  if (!bom_checked_) {  // a file of fewer than three bytes that look like a BOM prefix
    bom_checked_ = true;
  }
  scan(true);
  if (stopped_) return;
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
        end_field(buf_.size() - 1);
      } else {
        end_field(buf_.size());
      }
      end_record(buf_.size());
      break;
  }
  buf_.clear();
  pos_ = rec_start_ = 0;
}

void CsvReader::end_field(size_t end) {
  spans_.push_back({static_cast<uint32_t>(field_start_ - rec_start_),
                    static_cast<uint32_t>(end - rec_start_), field_escaped_, field_quoted_});
  field_escaped_ = false;
  field_quoted_ = false;
}

void CsvReader::build_record(size_t end) {
  record_.raw = std::string_view(buf_.data() + rec_start_, end - rec_start_);
  record_.line = rec_line_;
  record_.byte_offset = buf_base_ + rec_start_;
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
  if (rec_error_ == kNoError) {
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
  spans_.clear();
  state_ = State::record_start;
}

void CsvReader::fail_record(IngestErrorCode code, size_t offset, std::string message, bool fatal) {
  if (fatal) {
    build_record(buf_.size());
    sink_.on_csv_error(record_, code, offset, std::move(message), true);
    stopped_ = true;
    buf_.clear();
    buf_.shrink_to_fit();
    return;
  }
  if (rec_error_ == kNoError) {  // keep the first problem of the record
    rec_error_ = code;
    rec_error_offset_ = offset;
    rec_error_message_ = std::move(message);
  }
}

void CsvReader::scan(bool at_end) {
  const char* b = buf_.data();
  const size_t n = buf_.size();
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
  (void)at_end;
}

void CsvReader::compact() {
  // Keep only the unfinished record; everything before it has been delivered.
  const size_t keep_from = state_ == State::record_start ? pos_ : rec_start_;
  if (keep_from == 0) return;
  buf_.erase(0, keep_from);
  buf_base_ += keep_from;
  pos_ -= keep_from;
  rec_start_ -= keep_from;
  if (state_ != State::record_start) field_start_ -= keep_from;
  if (state_ == State::record_start) rec_start_ = pos_;
}

}  // namespace pqlscope
