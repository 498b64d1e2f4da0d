// Streaming splitter for JSON inputs: NDJSON (one value a line), one JSON array of objects
// (possibly pretty-printed, possibly gigabytes), or one JSON object that wraps the array of
// records in a member (kWrapperMembers: Segment / RudderStack HTTP batches {"batch": [...]},
// PostHog API pages {"results": [...], "next": ...}), members in any order. It cuts the byte stream into the text of each
// record; parsing a record's text is the mapper's job (nlohmann/json). Like the CSV reader it
// resumes at any byte, and its memory is bounded by the longest record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pqlscope/io/error_codes.hpp"
#include "pqlscope/io/json_scan.hpp"

namespace pqlscope {

struct JsonRecord {
  std::string_view text;     // one record's JSON text; valid during the callback only
  uint64_t line = 0;         // 1-based line of its first byte
  uint64_t column = 0;       // 1-based column of its first byte (elements of an array)
  uint64_t byte_offset = 0;  // offset of its first byte in the file
};

class JsonSink {
 public:
  virtual ~JsonSink() = default;
  virtual void on_json_record(const JsonRecord& record) = 0;
  virtual void on_json_error(const JsonRecord& record, IngestErrorCode code, size_t offset,
                             std::string message, bool fatal) = 0;
};

// Members of a top-level object that hold the records: the first of them whose value is an
// array. Other members (sentAt, next, count, ...) are skipped, before or after the array.
inline constexpr std::string_view kWrapperMembers[] = {"batch", "results", "data", "events", "records"};

class JsonRecordReader {
 public:
  // wrapped: one object with a kWrapperMembers array; reported as `array` by layout().
  enum class Layout : uint8_t { detect, lines, array };
  struct Options {
    // detect: '[' first means array; '{' first means a wrapped document when the first object
    // has a kWrapperMembers member whose value is an array, else NDJSON lines. array: '[' or
    // a wrapped document.
    Layout layout = Layout::detect;
    size_t max_record_bytes = size_t{64} << 20;
    uint32_t max_depth = 64;              // deeper records are rejected before any parser recurses
  };

  JsonRecordReader(Options options, JsonSink& sink);
  void feed(std::string_view chunk);
  void finish();
  Layout layout() const { return layout_; }
  bool wrapped() const { return wrapped_; }

 private:
  void scan_lines(bool at_end);
  void scan_array();
  void close_array();
  // With '{' at buf_[open]: false while undecided (more bytes needed); else sets layout_ (and
  // wrapped_, pos_ on the array's '[').
  bool decide_object(size_t open, bool at_end);
  bool resolve_layout(bool at_end);  // false while the layout cannot be decided yet
  void scan_lines_in_place(std::string_view chunk);
  void emit(size_t begin, size_t end, uint64_t line, uint64_t column);
  // `facts`: json_text_facts of the record when already known.
  void emit_record(const JsonRecord& record, const JsonTextFacts* facts = nullptr);
  void fatal(IngestErrorCode code, size_t at, std::string message);
  void compact(size_t keep_from);

  Options options_;
  JsonSink& sink_;
  Layout layout_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t buf_base_ = 0;
  uint64_t line_ = 1;
  uint64_t line_start_offset_ = 0;  // file offset where line_ begins (for columns)
  bool stopped_ = false;
  bool bom_checked_ = false;

  // Array layout state.
  enum class ArrayState : uint8_t {
    before_open, before_value, in_value, after_value, rest_of_object, closed
  };
  bool wrapped_ = false;
  bool layout_decided_ = false;
  ArrayState astate_ = ArrayState::before_open;
  size_t value_start_ = 0;
  uint64_t value_line_ = 0;
  uint64_t value_column_ = 0;
  int64_t depth_ = 0;
  uint32_t max_seen_depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
};

}  // namespace pqlscope
