// A streaming RFC 4180 reader: bytes in chunks of any size -> records of fields.
//
// Quotes, doubled quotes, line breaks inside quotes, a UTF-8 BOM, CRLF / LF / lone CR line
// ends. The reader is resumable at every byte, so a chunk may end anywhere (inside a quoted
// field, a multi-byte character or a CRLF) and the records are the same for every chunking.
// Memory is bounded by the longest record, never by the input size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/io/error_codes.hpp"

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

// The delimiter of a CSV file, from its first lines (`head`: the header line, and any rows
// after it): of , ; tab |, the one that occurs outside quotes on every complete line the
// same number of times (at least once); among those the most frequent on the first line;
// ties go to the earlier of , ; tab |. When no candidate is consistent, the most frequent on
// the first line. Nothing found: ','. European Excel writes ';' (its decimal separator is ',').
char sniff_delimiter(std::string_view head);

class CsvReader {
 public:
  struct Options {
    char delimiter = ',';
    // A record longer than this stops the file: usually a missing closing quote swallowing
    // everything after it. Generous: a 10 MB field is legitimate.
    size_t max_record_bytes = size_t{64} << 20;
  };

  CsvReader(Options options, CsvSink& sink);
  // Records that lie wholly inside `chunk` are parsed in place (their fields point into it);
  // only a record cut by the chunk's end is copied, to be completed by the next chunk.
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

  // Scans win_[pos_, n): the chunk being fed, or carry_. base = file offset of data[0].
  void scan(const char* data, size_t n, uint64_t base);
  void scan_carry();
  bool scan_simple_record(size_t& i);
  size_t find_special(size_t i);
  void classify_block(size_t at);
  void end_field(size_t end);
  void end_record(size_t end);
  void deliver(bool check_utf8);
  void fail_record(IngestErrorCode code, size_t offset, std::string message, bool fatal);
  void build_record(size_t end);

  Options options_;
  CsvSink& sink_;
  std::string carry_;        // the unfinished record cut by the end of the previous chunk
  uint64_t carry_base_ = 0;  // file offset of carry_[0]
  uint64_t fed_ = 0;         // bytes fed so far
  const char* win_ = nullptr;  // what scan() reads: a chunk or carry_
  size_t win_size_ = 0;
  size_t pos_ = 0;          // next byte to scan in win_
  size_t rec_start_ = 0;    // current record's first byte in win_
  size_t field_start_ = 0;  // current field's first content byte in win_
  uint64_t win_base_ = 0;   // file offset of win_[0]
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
  // Bit k of special_ / high_: win_[block_ + k] is a delimiter, line end or quote / is >= 0x80.
  // Kept between calls, so each byte of a window is classified once.
  size_t block_ = SIZE_MAX;
  uint64_t special_ = 0;
  uint64_t high_ = 0;
  bool high_seen_ = false;  // a byte >= 0x80 was classified since the record started
};

}  // namespace pqlscope
