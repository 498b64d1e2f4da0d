// Reads one file: detects its format, tokenises it (CSV or JSON reader), finds the columns /
// fields of its kind, and hands each row to the row mapper of that kind. Private to ingest.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/csv_reader.hpp"
#include "pqlscope/io/json_reader.hpp"
#include "column_sampling.hpp"
#include "pqlscope/io/text_decoder.hpp"
#include "lazy_record_view.hpp"
#include "record_view.hpp"
#include "row_mappers.hpp"

namespace pqlscope {

// Where rejected rows go: counted, kept (the first N), or thrown in strict mode.
class IssueLog {
 public:
  IssueLog(IngestReport& report, const IngestOptions& options) : report_(report), options_(options) {}
  void add(IngestIssue issue);

 private:
  IngestReport& report_;
  const IngestOptions& options_;
};

// Lines the delimiter is sniffed on: a header alone can mislead (a column name with a ';' or
// '|' in it; a header-less export whose first line is data); the candidate that splits every
// line the same way wins (sniff_delimiter).
inline constexpr size_t kSniffLines = 20;

// Finds, as bytes arrive, the end of the first kSniffLines lines with content (quote-aware: a
// line break inside a quoted field does not end a line); each byte is looked at once.
class SniffLineScan {
 public:
  // `head` is the bytes so far (a prefix of what the next call gets): npos until enough lines.
  size_t advance(std::string_view head);

 private:
  size_t pos_ = 0, lines_ = 0, end_ = std::string_view::npos;
  bool quoted_ = false, content_ = false;
};

class FileIngest final : public CsvSink, public JsonSink {
 public:
  FileIngest(std::string name, FileOptions options, const IngestOptions& ingest_options,
             EventAggregator& aggregator, IngestReport& report, IssueLog& issues);
  void feed(std::string_view bytes);
  void finish();
  bool stopped() const { return stopped_; }  // a file-level problem: the rest was not read

  void on_record(const CsvRecord& record) override;
  void on_csv_error(const CsvRecord& record, IngestErrorCode code, size_t offset,
                    std::string message, bool fatal) override;
  void on_json_record(const JsonRecord& record) override;
  void on_json_error(const JsonRecord& record, IngestErrorCode code, size_t offset,
                     std::string message, bool fatal) override;

 private:
  void read_bytes(std::string_view bytes);  // feed() before settle_queued()
  void finish_reading();                     // finish() before settle_queued()
  void settle_queued();                      // the queued rows' outcomes into the counts
  void feed_text(std::string_view text);  // after the decoder: UTF-8
  void start_reader(InputFormat format);
  // The first records are held until the mapping is decided from them (column_sampling.hpp),
  // then replayed: the decision depends on the records, never on the chunking.
  void hold_csv(const CsvRecord& record);
  void hold_json(const JsonRecord& record);
  void decide_mapping();
  void map_csv_record(const CsvRecord& record);
  void map_json_record(const JsonRecord& record);
  // The structural scan's path (json_fast_path.cpp); false leaves the record to the DOM.
  bool map_scanned_json_record(const JsonRecord& record);
  void count_outcome(RowOutcome outcome);
  void report_csv_error(const CsvRecord& record, IngestErrorCode code, size_t offset, std::string message, bool fatal);
  void report_json_error(const JsonRecord& record, IngestErrorCode code, size_t offset, std::string message, bool fatal);
  std::string_view detection_prefix() const;
  // Compressed data that reached the core is one file-level error (io/compression.hpp). It is
  // decided on the first kCompressionProbeBytes raw bytes, before the text decoder (which would
  // read gzip's 0x8B as Windows-1252), and always on the same bytes whatever the chunking.
  bool pass_compression_probe();
  void file_problem(IngestErrorCode code, std::string message, uint64_t line = 1,
                    uint64_t column = 1, uint64_t byte_offset = 0);
  FileSummary& summary() { return report_.files[summary_index_]; }

  std::string name_;
  FileOptions options_;
  const IngestOptions& ingest_options_;
  IngestReport& report_;
  IssueLog& issues_;
  size_t summary_index_;
  TextDecoder decoder_;
  std::string head_;  // first bytes, kept until the format is known
  SniffLineScan sniff_scan_;
  static constexpr size_t kCompressionProbeBytes = 512;  // tar's magic sits at offset 257
  std::string raw_head_;  // first raw bytes, kept until the compression probe has run
  bool compression_probed_ = false;
  bool format_known_ = false;
  std::unique_ptr<CsvReader> csv_;
  std::unique_ptr<JsonRecordReader> json_;
  bool header_seen_ = false;
  char csv_delimiter_ = ',';
  bool headerless_snowplow_ = false;  // Snowplow enriched TSV: the header is the documented one
  bool stopped_ = false;
  std::vector<RoleBinding> bindings_;              // CSV: where each role's value sits
  std::vector<std::vector<std::string>> paths_;   // JSON: candidate paths per role
  RoleScratch role_scratch_;                      // lent to each row's view (record_view.hpp)
  size_t header_columns_ = 0;
  std::vector<std::string> header_;                // CSV header, as read
  uint64_t header_line_ = 1, header_offset_ = 0;
  struct HeldError {
    IngestErrorCode code{};
    size_t offset = 0;
    std::string message;
    bool fatal = false;
  };
  struct HeldRecord {
    std::string raw;                    // CSV raw row / JSON text
    std::vector<std::string> fields;    // CSV fields, unquoted
    std::vector<uint32_t> field_offsets;
    uint64_t line = 0, column = 0, byte_offset = 0;
    std::optional<HeldError> error;     // a record the reader could not tokenise
  };
  bool sampling_ = true;
  std::vector<HeldRecord> held_;
  size_t held_bytes_ = 0;
  RowMapper mapper_;
  ScannedJsonRecord scanned_;
};

}  // namespace pqlscope
