#include "pqlscope/io/json_reader.hpp"

#include <algorithm>

#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Deepest bracket nesting of a JSON text, outside strings. Lines are checked before any parser
// sees them, as array elements are, so nesting depth is limited the same way in both layouts.
uint32_t nesting_depth(std::string_view text) {
  uint32_t depth = 0, deepest = 0;
  bool in_string = false, escape = false;
  for (char c : text) {
    if (in_string) {
      if (escape) escape = false;
      else if (c == '\\') escape = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}
}  // namespace

JsonRecordReader::JsonRecordReader(Options options, JsonSink& sink)
    : options_(options), sink_(sink), layout_(options.layout) {}

void JsonRecordReader::feed(std::string_view chunk) {
  if (stopped_ || chunk.empty()) return;
  buf_.append(chunk.data(), chunk.size());
  if (!bom_checked_) {
    if (buf_.size() < 3 && std::string_view("\xEF\xBB\xBF").substr(0, buf_.size()) == buf_) return;
    bom_checked_ = true;
    if (buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  }
  if (layout_ == Layout::detect) {
    size_t i = pos_;
    while (i < buf_.size() && is_space(buf_[i])) ++i;
    if (i == buf_.size()) return;  // only white space so far: decide later
    layout_ = buf_[i] == '[' ? Layout::array : Layout::lines;
  }
  if (layout_ == Layout::lines) {
    scan_lines(false);
  } else {
    scan_array();
  }
}

void JsonRecordReader::finish() {
  if (stopped_) return;
  if (layout_ == Layout::detect) layout_ = Layout::lines;  // empty or all white space
  if (layout_ == Layout::lines) {
    scan_lines(true);
    return;
  }
  scan_array();
  if (stopped_) return;
  if (astate_ == ArrayState::before_open) return;  // nothing but white space
  if (astate_ != ArrayState::closed) {
    fatal(IngestErrorCode::invalid_json, buf_.size(),
          "the JSON array is not closed before the end of the file");
  }
}

void JsonRecordReader::emit(size_t begin, size_t end, uint64_t line, uint64_t column) {
  JsonRecord record{std::string_view(buf_.data() + begin, end - begin), line, column,
                    buf_base_ + begin};
  const size_t bad = find_invalid_utf8(record.text);
  if (bad != record.text.size()) {
    sink_.on_json_error(record, IngestErrorCode::invalid_utf8, bad,
                        "the bytes are not valid UTF-8 (re-export the file as UTF-8)", false);
    return;
  }
  if (layout_ == Layout::lines && nesting_depth(record.text) > options_.max_depth) {
    sink_.on_json_error(record, IngestErrorCode::json_too_deep, 0,
                        "the record nests deeper than " + std::to_string(options_.max_depth) + " levels",
                        false);
    return;
  }
  sink_.on_json_record(record);
}

void JsonRecordReader::fatal(IngestErrorCode code, size_t at, std::string message) {
  const size_t from = at < buf_.size() ? at : buf_.size();
  JsonRecord record{std::string_view(buf_.data() + from, buf_.size() - from), line_,
                    1, buf_base_ + from};
  sink_.on_json_error(record, code, 0, std::move(message), true);
  stopped_ = true;
  buf_.clear();
  buf_.shrink_to_fit();
}

void JsonRecordReader::compact(size_t keep_from) {
  if (keep_from == 0) return;
  buf_.erase(0, keep_from);
  buf_base_ += keep_from;
  pos_ -= keep_from;
  value_start_ = value_start_ >= keep_from ? value_start_ - keep_from : 0;
}

// NDJSON: a record is a line. JSON text cannot hold a raw line break inside a string, so a
// line is always a whole value; a broken line cannot swallow the lines after it.
void JsonRecordReader::scan_lines(bool at_end) {
  size_t start = pos_;
  for (;;) {
    const size_t nl = buf_.find('\n', start);
    if (nl == std::string::npos) break;
    size_t end = nl;
    if (end > start && buf_[end - 1] == '\r') --end;
    if (!trim(std::string_view(buf_.data() + start, end - start)).empty()) {
      emit(start, end, line_, 1);
    }
    ++line_;
    start = nl + 1;
  }
  if (at_end && start < buf_.size()) {
    size_t end = buf_.size();
    if (buf_[end - 1] == '\r') --end;
    if (!trim(std::string_view(buf_.data() + start, end - start)).empty()) {
      emit(start, end, line_, 1);
    }
    start = buf_.size();
  }
  if (!at_end && buf_.size() - start > options_.max_record_bytes) {
    pos_ = start;
    fatal(IngestErrorCode::record_too_large, start,
          "a line is longer than " + std::to_string(options_.max_record_bytes) + " bytes");
    return;
  }
  pos_ = start;
  compact(start);
}

// A JSON array: track string / escape state and bracket depth to find where each element
// ends (a ',' or ']' at depth 0), without parsing it.
void JsonRecordReader::scan_array() {
  const char* b = buf_.data();
  const size_t n = buf_.size();
  size_t i = pos_;
  for (; i < n && !stopped_; ++i) {
    const char c = b[i];
    if (c == '\n') {
      ++line_;
      line_start_offset_ = buf_base_ + i + 1;
    }
    switch (astate_) {
      case ArrayState::before_open:
        if (is_space(c)) continue;
        if (c != '[') {
          pos_ = i;
          fatal(IngestErrorCode::invalid_json, i, "expected '[' to start a JSON array");
          return;
        }
        astate_ = ArrayState::before_value;
        continue;
      case ArrayState::before_value:
      case ArrayState::after_value:
        if (is_space(c)) continue;
        if (c == ']') {
          astate_ = ArrayState::closed;
          continue;
        }
        if (astate_ == ArrayState::after_value) {
          if (c == ',') {
            astate_ = ArrayState::before_value;
            continue;
          }
          pos_ = i;
          fatal(IngestErrorCode::invalid_json, i, "expected ',' or ']' between array elements");
          return;
        }
        value_start_ = i;
        value_line_ = line_;
        value_column_ = buf_base_ + i - line_start_offset_ + 1;
        depth_ = 0;
        max_seen_depth_ = 0;
        in_string_ = escape_ = false;
        astate_ = ArrayState::in_value;
        [[fallthrough]];
      case ArrayState::in_value:
        if (in_string_) {
          if (escape_) {
            escape_ = false;
          } else if (c == '\\') {
            escape_ = true;
          } else if (c == '"') {
            in_string_ = false;
          }
          continue;
        }
        if (c == '"') {
          in_string_ = true;
        } else if (c == '{' || c == '[') {
          ++depth_;
          if (static_cast<uint32_t>(depth_) > max_seen_depth_) max_seen_depth_ = static_cast<uint32_t>(depth_);
        } else if ((c == '}' || c == ']') && depth_ > 0) {
          --depth_;
        } else if (depth_ == 0 && (c == ',' || c == ']' || c == '}')) {
          if (c == '}') {
            pos_ = i;
            fatal(IngestErrorCode::invalid_json, i, "unbalanced '}' in the JSON array");
            return;
          }
          size_t end = i;
          while (end > value_start_ && is_space(b[end - 1])) --end;
          if (max_seen_depth_ > options_.max_depth) {
            JsonRecord record{std::string_view(b + value_start_, end - value_start_), value_line_,
                              value_column_, buf_base_ + value_start_};
            sink_.on_json_error(record, IngestErrorCode::json_too_deep, 0,
                                "the record nests deeper than " +
                                    std::to_string(options_.max_depth) + " levels", false);
          } else {
            emit(value_start_, end, value_line_, value_column_);
          }
          astate_ = c == ']' ? ArrayState::closed : ArrayState::before_value;
        }
        continue;
      case ArrayState::closed:
        if (is_space(c)) continue;
        pos_ = i;
        fatal(IngestErrorCode::invalid_json, i, "unexpected content after the end of the JSON array");
        return;
    }
  }
  if (stopped_) return;
  pos_ = i;
  if (astate_ == ArrayState::in_value) {
    if (pos_ - value_start_ > options_.max_record_bytes) {
      fatal(IngestErrorCode::record_too_large, value_start_,
            "an array element is longer than " + std::to_string(options_.max_record_bytes) + " bytes");
      return;
    }
    compact(value_start_);
  } else {
    compact(pos_);
  }
}

}  // namespace pqlscope
