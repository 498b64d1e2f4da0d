#include "pqlscope/io/json_reader.hpp"

#include <algorithm>

#include "pqlscope/io/json_scan.hpp"
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
  if (layout_ == Layout::lines && bom_checked_ && pos_ == buf_.size()) {
    scan_lines_in_place(chunk);
    return;
  }
  if (layout_ == Layout::lines && bom_checked_) {
    // A line left unfinished by the last chunk: only its end is copied to complete it, the
    // rest of the chunk is read in place (appending every chunk whole was 2-3% of the ingest).
    const size_t nl = find_line_feed(chunk, 0);
    if (nl < chunk.size()) {
      buf_.append(chunk.data(), nl + 1);
      scan_lines(false);  // emits the completed line; buf_ is then empty
      if (stopped_) return;
      scan_lines_in_place(chunk.substr(nl + 1));
      return;
    }
  }
  buf_.append(chunk.data(), chunk.size());
  if (!bom_checked_) {
    if (buf_.size() < 3 && std::string_view("\xEF\xBB\xBF").substr(0, buf_.size()) == buf_) return;
    bom_checked_ = true;
    if (buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  }
  if (!resolve_layout(false)) return;
  if (layout_ == Layout::lines) {
    scan_lines(false);
  } else {
    scan_array();
  }
}

void JsonRecordReader::finish() {
  if (stopped_) return;
  resolve_layout(true);
  if (layout_ == Layout::lines) {
    scan_lines(true);
    return;
  }
  scan_array();
  if (stopped_) return;
  if (astate_ == ArrayState::before_open) return;  // nothing but white space
  if (astate_ != ArrayState::closed) {
    fatal(IngestErrorCode::invalid_json, buf_.size(),
          astate_ == ArrayState::rest_of_object
              ? "the JSON object around the records is not closed before the end of the file"
              : "the JSON array is not closed before the end of the file");
  }
}

bool JsonRecordReader::resolve_layout(bool at_end) {
  if (layout_decided_ || layout_ == Layout::lines) return true;
  size_t i = pos_;
  while (i < buf_.size() && is_space(buf_[i])) ++i;
  if (i == buf_.size()) {  // only white space so far
    if (!at_end) return false;
    if (layout_ == Layout::detect) layout_ = Layout::lines;  // empty or all white space
    return true;
  }
  if (buf_[i] == '{') return decide_object(i, at_end);
  layout_decided_ = true;
  if (layout_ == Layout::detect) layout_ = buf_[i] == '[' ? Layout::array : Layout::lines;
  return true;
}

namespace {
bool is_wrapper_member(std::string_view key) {
  for (std::string_view name : kWrapperMembers) {
    if (key == name) return true;
  }
  return false;
}
}  // namespace

// Reads the first object's members (skipping their values) until a kWrapperMembers member
// whose value opens an array (a wrapped document), or the object's end (an NDJSON record).
// Only the members before the array are buffered, never the array.
bool JsonRecordReader::decide_object(size_t open, bool at_end) {
  const char* b = buf_.data();
  const size_t n = buf_.size();
  int64_t depth = 0;
  bool in_string = false, escape = false, key_next = true, value_next = false;
  size_t key_begin = 0;
  std::string_view key;
  size_t found = std::string::npos;
  bool closed = false;
  for (size_t i = open; i < n && found == std::string::npos && !closed; ++i) {
    const char c = b[i];
    if (in_string) {
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
      } else if (c == '"') {
        in_string = false;
        if (depth == 1 && key_next) {
          key = std::string_view(b + key_begin, i - key_begin);
          key_next = false;
        }
      }
      continue;
    }
    if (is_space(c)) continue;
    if (value_next) {  // the first byte of a member's value
      value_next = false;
      if (c == '[' && is_wrapper_member(key)) found = i;
    }
    switch (c) {
      case '"':
        in_string = true;
        if (depth == 1 && key_next) key_begin = i + 1;
        break;
      case ':': value_next = depth == 1; break;
      case ',': key_next = depth == 1; break;
      case '{':
      case '[': ++depth; break;
      case '}':
      case ']': closed = --depth <= 0; break;
      default: break;
    }
  }
  if (found == std::string::npos && !closed && !at_end && n - open <= options_.max_record_bytes) {
    return false;  // the first object goes on past what has arrived
  }
  layout_decided_ = true;
  if (found == std::string::npos) {
    // No wrapper: NDJSON (detect), or the array layout's own "expected '['" error.
    if (layout_ == Layout::detect) layout_ = Layout::lines;
    return true;
  }
  layout_ = Layout::array;
  wrapped_ = true;
  for (size_t i = pos_; i < found; ++i) {  // the skipped members' line breaks
    if (b[i] == '\n') {
      ++line_;
      line_start_offset_ = buf_base_ + i + 1;
    }
  }
  pos_ = found;
  return true;
}

// The end of the records' array: the end of the file, or of the array member of a wrapper.
void JsonRecordReader::close_array() {
  astate_ = wrapped_ ? ArrayState::rest_of_object : ArrayState::closed;
  depth_ = 0;
  in_string_ = escape_ = false;
}

void JsonRecordReader::emit(size_t begin, size_t end, uint64_t line, uint64_t column) {
  emit_record(JsonRecord{std::string_view(buf_.data() + begin, end - begin), line, column, buf_base_ + begin});
}

void JsonRecordReader::emit_record(const JsonRecord& record, const JsonTextFacts* known) {
  // One vectorised pass decides whether the two exact checks below are needed at all (lines
  // read in place come with it, from the search for their end).
  const JsonTextFacts facts = known != nullptr ? *known : json_text_facts(record.text);
  const size_t bad = facts.ascii ? record.text.size() : find_invalid_utf8(record.text);
  if (bad != record.text.size()) {
    sink_.on_json_error(record, IngestErrorCode::invalid_utf8, bad,
                        "the bytes are not valid UTF-8 (re-export the file as UTF-8)", false);
    return;
  }
  if (layout_ == Layout::lines && facts.openers > options_.max_depth &&
      nesting_depth(record.text) > options_.max_depth) {
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
    const size_t nl = find_line_feed(buf_, start);
    if (nl == buf_.size()) break;
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

// NDJSON with nothing pending: the whole lines of `chunk` are read where they are, and only
// the unfinished last line is copied into buf_ (copying every byte showed in perf).
void JsonRecordReader::scan_lines_in_place(std::string_view chunk) {
  // The first chunk was read through buf_ (the layout is decided on it): once lines are read in
  // place, that copy (a whole read block, 4 MB from the CLI) is given back.
  if (buf_.capacity() > (std::size_t{64} << 10)) std::string().swap(buf_);
  buf_.clear();
  pos_ = 0;
  size_t start = 0;
  for (;;) {
    JsonTextFacts facts;
    const size_t nl = find_line_feed(chunk, start, facts);
    if (nl == chunk.size()) break;
    size_t end = nl;
    if (end > start && chunk[end - 1] == '\r') --end;
    const std::string_view line = chunk.substr(start, end - start);
    if (!trim(line).empty()) emit_record(JsonRecord{line, line_, 1, buf_base_ + start}, &facts);
    ++line_;
    start = nl + 1;
  }
  buf_base_ += start;
  buf_.assign(chunk.data() + start, chunk.size() - start);
  scan_lines(false);  // the unfinished line: the length limit, as for buffered bytes
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
          fatal(IngestErrorCode::invalid_json, i,
                "expected '[' to start a JSON array, or an object with a batch, results, data, "
                "events or records array");
          return;
        }
        astate_ = ArrayState::before_value;
        continue;
      case ArrayState::before_value:
      case ArrayState::after_value:
        if (is_space(c)) continue;
        if (c == ']') {
          close_array();
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
          if (c == ']') {
            close_array();
          } else {
            astate_ = ArrayState::before_value;
          }
        }
        continue;
      case ArrayState::rest_of_object:  // a wrapped document: the members after the array
        if (in_string_) {
          if (escape_) {
            escape_ = false;
          } else if (c == '\\') {
            escape_ = true;
          } else if (c == '"') {
            in_string_ = false;
          }
        } else if (c == '"') {
          in_string_ = true;
        } else if (c == '{' || c == '[') {
          ++depth_;
        } else if (c == '}' || c == ']') {
          if (depth_ == 0) {
            if (c == ']') {
              pos_ = i;
              fatal(IngestErrorCode::invalid_json, i, "unbalanced ']' in the JSON object");
              return;
            }
            astate_ = ArrayState::closed;
          } else {
            --depth_;
          }
        }
        continue;
      case ArrayState::closed:
        if (is_space(c)) continue;
        pos_ = i;
        fatal(IngestErrorCode::invalid_json, i,
              wrapped_ ? "unexpected content after the end of the JSON object"
                       : "unexpected content after the end of the JSON array");
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
