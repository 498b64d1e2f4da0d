// A streaming RFC 4180 reader: bytes in chunks of any size -> records of fields.
//
// Quotes, doubled quotes, line breaks inside quotes, a UTF-8 BOM, CRLF / LF / lone CR line
// ends. The reader is resumable at every byte, so a chunk may end anywhere (inside a quoted
// field, a multi-byte character or a CRLF) and the records are the same for every chunking.
// Memory is bounded by the longest record, never by the input size.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/ingest/ingest_report.hpp"

namespace pqlscope {

struct CsvRecord {
  std::vector<std::string_view> fields;   // unquoted, unescaped; valid during the callback only
  std::vector<uint32_t> field_offsets;    // where each field starts in `raw`
  std::string_view raw;                   // the record's bytes, without its line end
  uint64_t line = 0;                      // 1-based line of the record's first byte
  uint64_t byte_offset = 0;               // offset of the record's first byte in the file
};

class CsvSink {
 public:
  virtual ~CsvSink() = default;
  virtual void on_record(const CsvRecord& record) = 0;
  // A record the reader could not tokenise (or, when `fatal`, the point where reading of this
  // file stopped). `offset` is relative to record.raw; record.fields may be incomplete.
  virtual void on_csv_error(const CsvRecord& record, IngestErrorCode code, size_t offset,
                            std::string message, bool fatal) = 0;
};

class CsvReader {
 public:
  struct Options {
    char delimiter = ',';
    // A record longer than this stops the file: usually a missing closing quote swallowing
    // everything after it. Generous: a 10 MB field is legitimate.
    size_t max_record_bytes = size_t{64} << 20;
  };

  CsvReader(Options options, CsvSink& sink);
  void feed(std::string_view chunk);
  void finish();  // end of file: flushes the last record (no line end needed)
  bool stopped() const { return stopped_; }

 private:
  enum class State : uint8_t { record_start, field_start, unquoted, quoted, quote_in_quoted };
  struct FieldSpan {
    uint32_t begin;  // relative to the record start
    uint32_t end;
    bool escaped;    // contains doubled quotes to undo
    bool quoted;
  };

  void scan(bool at_end);
  void end_field(size_t end);
  void end_record(size_t end);
  void fail_record(IngestErrorCode code, size_t offset, std::string message, bool fatal);
  void build_record(size_t end);
  void compact();

  Options options_;
  CsvSink& sink_;
  std::string buf_;
  size_t pos_ = 0;          // next byte to scan in buf_
  size_t rec_start_ = 0;    // current record's first byte in buf_
  size_t field_start_ = 0;  // current field's first content byte in buf_
  uint64_t buf_base_ = 0;   // file offset of buf_[0]
  uint64_t line_ = 1;       // line of the byte at pos_
  uint64_t rec_line_ = 1;
  State state_ = State::record_start;
  bool field_escaped_ = false;
  bool field_quoted_ = false;
  bool after_cr_ = false;
  bool bom_checked_ = false;
  bool stopped_ = false;
  IngestErrorCode rec_error_ = IngestErrorCode::kCount;  // kCount = none
  size_t rec_error_offset_ = 0;
  std::string rec_error_message_;
  std::vector<FieldSpan> spans_;
  CsvRecord record_;
  std::string unescaped_;
  uint8_t class_[256];
};

}  // namespace pqlscope
