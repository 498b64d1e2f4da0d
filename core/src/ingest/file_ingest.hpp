// Reads one file: detects its format, tokenises it (CSV or JSON reader), finds the columns /
// fields of its kind, and hands each row to the row mapper of that kind. Private to ingest.
#pragma once

#include <memory>
#include <string>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/csv_reader.hpp"
#include "pqlscope/io/json_reader.hpp"
#include "pqlscope/io/text_decoder.hpp"
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

class FileIngest final : public CsvSink, public JsonSink {
 public:
  FileIngest(std::string name, FileOptions options, const IngestOptions& ingest_options,
             EventAggregator& aggregator, IngestReport& report, IssueLog& issues);
  void feed(std::string_view bytes);
  void finish();

  void on_record(const CsvRecord& record) override;
  void on_csv_error(const CsvRecord& record, IngestErrorCode code, size_t offset,
                    std::string message, bool fatal) override;
  void on_json_record(const JsonRecord& record) override;
  void on_json_error(const JsonRecord& record, IngestErrorCode code, size_t offset,
                     std::string message, bool fatal) override;

 private:
  void feed_text(std::string_view text);  // after the decoder: UTF-8
  void start_reader(InputFormat format);
  void resolve_csv_header(const CsvRecord& header);
  std::string_view detection_prefix() const;
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
  bool format_known_ = false;
  std::unique_ptr<CsvReader> csv_;
  std::unique_ptr<JsonRecordReader> json_;
  bool header_seen_ = false;
  bool stopped_ = false;
  std::vector<int> columns_;                       // CSV: column per role, -1 when absent
  std::vector<std::vector<std::string>> paths_;   // JSON: candidate paths per role
  size_t header_columns_ = 0;
  RowMapper mapper_;
};

}  // namespace pqlscope
