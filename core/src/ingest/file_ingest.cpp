#include "file_ingest.hpp"

#include <algorithm>

#include "pqlscope/io/compression.hpp"
#include "pqlscope/io/json_envelope.hpp"
#include "pqlscope/io/text.hpp"
#include "snowplow_enriched.hpp"

namespace pqlscope {
namespace {
constexpr size_t kDetectBytes = 64 * 1024;  // enough to see a header line and a few rows

// The end of the kSniffLines-th line with content of `head` (quote-aware: a line break inside a
// quoted field does not end a line), or npos when `head` holds fewer.
size_t end_of_sniff_lines(std::string_view head) {
  SniffLineScan scan;
  return scan.advance(head);
}
}  // namespace

size_t SniffLineScan::advance(std::string_view head) {
  for (; end_ == std::string_view::npos && pos_ < head.size(); ++pos_) {
    const char c = head[pos_];
    if (c == '"') quoted_ = !quoted_;
    if (quoted_) continue;
    if (c == '\n') {
      if (content_ && ++lines_ == kSniffLines) end_ = pos_ + 1;
      content_ = false;
    } else if (c != '\r' && c != ' ' && c != '\t') {
      content_ = true;
    }
  }
  return end_;
}

void IssueLog::add(IngestIssue issue) {
  ++report_.rejected_by_code[static_cast<size_t>(issue.code)];
  if (options_.strict) throw IngestError(std::move(issue));
  if (report_.issues.size() < options_.max_issues) {
    report_.issues.push_back(std::move(issue));
  } else {
    ++report_.issues_not_kept;
  }
}

FileIngest::FileIngest(std::string name, FileOptions options, const IngestOptions& ingest_options,
                       EventAggregator& aggregator, IngestReport& report, IssueLog& issues)
    : name_(std::move(name)),
      options_(std::move(options)),
      ingest_options_(ingest_options),
      report_(report),
      issues_(issues),
      summary_index_(report.files.size()),
      mapper_(options_.kind, options_.mapping, aggregator) {
  FileSummary summary;
  summary.name = name_;
  summary.kind = file_kind_name(options_.kind);
  report_.files.push_back(summary);
  if (options_.format != InputFormat::auto_detect) start_reader(options_.format);
}

void FileIngest::start_reader(InputFormat format) {
  format_known_ = true;
  summary().format = input_format_name(format);
  if (format == InputFormat::csv || format == InputFormat::tsv) {
    CsvReader::Options o;
    // Auto-detected CSV: the delimiter (, ; tab |) is sniffed from the first line.
    o.delimiter = options_.format == InputFormat::auto_detect ? sniff_delimiter(detection_prefix())
                  : format == InputFormat::tsv                ? '\t'
                                                              : ',';
    if (o.delimiter != ',' && o.delimiter != '\t') summary().delimiter = std::string(1, o.delimiter);
    csv_delimiter_ = o.delimiter;
    summary().format = input_format_name(o.delimiter == '\t' ? InputFormat::tsv : InputFormat::csv);
    o.max_record_bytes = ingest_options_.max_record_bytes;
    csv_ = std::make_unique<CsvReader>(o, *this);
  } else {
    JsonRecordReader::Options o;
    // Auto-detected '{': NDJSON, or one object wrapping the records (json_reader.hpp).
    o.layout = format == InputFormat::json_array          ? JsonRecordReader::Layout::array
               : options_.format == InputFormat::auto_detect ? JsonRecordReader::Layout::detect
                                                             : JsonRecordReader::Layout::lines;
    o.max_record_bytes = ingest_options_.max_record_bytes;
    o.max_depth = ingest_options_.max_json_depth;
    json_ = std::make_unique<JsonRecordReader>(o, *this);
    // JSON: every role is looked up by its explicit path or its candidates.
    for (const RoleSpec& spec : roles_of(options_.kind)) {
      auto it = options_.mapping.fields.find(spec.role);
      if (it != options_.mapping.fields.end()) {
        paths_.push_back({it->second});
      } else {
        paths_.emplace_back(spec.candidates.begin(), spec.candidates.end());
      }
    }
  }
}

// The bytes the format and the delimiter are decided on: up to the end of the first
// kSniffLines lines with content, at most kDetectBytes (or the whole file when shorter).
// Always the same prefix, however the file was chunked (found by fuzz/csv_fuzz: deciding on
// "whatever had arrived" made a quote-spanning first line chunk-dependent).
std::string_view FileIngest::detection_prefix() const {
  const std::string_view head = std::string_view(head_).substr(0, kDetectBytes);
  return head.substr(0, std::min(head.size(), end_of_sniff_lines(head)));
}

// Rows of an events file are queued (EventAggregator::queue_event): a feed or a finish ends
// with them added, so the counts read between calls are those of one row at a time.
void FileIngest::feed(std::string_view bytes) {
  read_bytes(bytes);
  settle_queued();
}

void FileIngest::settle_queued() {
  const EventAggregator::Settled settled = mapper_.settle_queued();
  summary().accepted += settled.added;
  summary().duplicates += settled.duplicates;
  report_.duplicates += settled.duplicates;
}

void FileIngest::read_bytes(std::string_view bytes) {
  summary().bytes += bytes.size();
  report_.bytes += bytes.size();
  if (stopped_) return;
  if (!compression_probed_) {
    raw_head_.append(bytes.data(), bytes.size());
    if (raw_head_.size() < kCompressionProbeBytes || !pass_compression_probe()) return;
    const std::string head = std::move(raw_head_);
    raw_head_.clear();
    feed_text(decoder_.feed(head));
    return;
  }
  feed_text(decoder_.feed(bytes));
}

void FileIngest::feed_text(std::string_view bytes) {
  if (bytes.empty()) return;
  if (!format_known_) {
    head_.append(bytes.data(), bytes.size());
    // Decide on the first lines that have content: leading blank lines (or a file of nothing
    // but white space, which is an empty file) say nothing about the format.
    if (head_.size() < kDetectBytes && sniff_scan_.advance(head_) == std::string_view::npos) return;
    start_reader(detect_format(detection_prefix()));
    std::string head = std::move(head_);
    head_.clear();
    bytes = head;
    if (csv_) csv_->feed(bytes); else json_->feed(bytes);
    return;
  }
  if (csv_) csv_->feed(bytes); else json_->feed(bytes);
}

// Compressed data that reached the core (io/compression.hpp): one file-level error, not a
// rejected row per line of binary noise. False when the file stops here.
bool FileIngest::pass_compression_probe() {
  compression_probed_ = true;
  const std::string_view probe = std::string_view(raw_head_).substr(0, kCompressionProbeBytes);
  // A ".br" name means brotli only while the bytes are not text: the file readers unpack
  // brotli and hand the text on under the same name (io/input_files.hpp).
  Compression compression = detect_compression(probe, name_);
  if (compression == Compression::brotli && looks_like_text(probe)) compression = Compression::none;
  if (compression == Compression::none) return true;
  stopped_ = true;
  raw_head_.clear();
  file_problem(IngestErrorCode::unsupported_compression, unsupported_compression_message(compression));
  return false;
}

void FileIngest::finish() {
  finish_reading();
  settle_queued();
}

void FileIngest::finish_reading() {
  if (!stopped_ && !compression_probed_ && pass_compression_probe()) {
    const std::string head = std::move(raw_head_);
    raw_head_.clear();
    feed_text(decoder_.feed(head));
  }
  if (!stopped_) feed_text(decoder_.finish());
  // Windows-1252 and UTF-16 files are read as such, with a notice (text_decoder.hpp).
  if (decoder_.encoding() != TextEncoding::utf8) summary().encoding = text_encoding_name(decoder_.encoding());
  if (stopped_) return;
  if (!format_known_) {
    const std::string_view body = std::string_view(head_).substr(head_.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0);
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      file_problem(IngestErrorCode::empty_file, "the file is empty");
      return;
    }
    start_reader(detect_format(detection_prefix()));
    std::string head = std::move(head_);
    if (csv_) csv_->feed(head); else json_->feed(head);
  }
  if (csv_) csv_->finish(); else json_->finish();
  if (sampling_ && !stopped_ && !held_.empty()) decide_mapping();
  if (json_ && json_->wrapped()) summary().format = input_format_name(InputFormat::json_array);
  if (stopped_) return;
  if (csv_ && !header_seen_) {
    file_problem(IngestErrorCode::empty_file, "the file is empty");
  } else if (summary().rows == 0 && summary().rejected == 0) {
    if (csv_) {
      file_problem(IngestErrorCode::header_only, "the file has a header but no rows", 2);
    } else {
      file_problem(IngestErrorCode::empty_file, "the file holds no JSON records");
    }
  }
}

void FileIngest::file_problem(IngestErrorCode code, std::string message, uint64_t line,
                              uint64_t column, uint64_t byte_offset) {
  ++summary().rejected;
  ++report_.rejected;
  issues_.add(IngestIssue{code, name_, line, column, byte_offset, "", std::move(message)});
}

void FileIngest::on_record(const CsvRecord& record) {
  if (stopped_) return;
  if (!header_seen_) {
    header_seen_ = true;
    header_columns_ = record.fields.size();
    header_line_ = record.line;
    header_offset_ = record.byte_offset;
    // Snowplow's enriched TSV has no header: its first line is an event, read with the
    // documented column names (snowplow_enriched.hpp).
    if (csv_delimiter_ == '\t' && looks_like_snowplow_enriched(record.fields)) {
      headerless_snowplow_ = true;
      header_ = snowplow_enriched_columns();
      hold_csv(record);
      return;
    }
    header_.assign(record.fields.begin(), record.fields.end());
    return;
  }
  if (sampling_) {
    hold_csv(record);
    return;
  }
  map_csv_record(record);
}

void FileIngest::map_csv_record(const CsvRecord& record) {
  ++summary().rows;
  ++report_.rows;
  auto reject = [&](IngestErrorCode code, const FieldValue* field, size_t role, std::string message) {
    const size_t offset = field != nullptr ? field->offset : 0;
    const TextPosition pos = locate(record.raw, offset, record.line);
    const auto& roles = roles_of(options_.kind);
    std::string column_name;
    if (role < roles.size() && bindings_[role].column >= 0) column_name = std::string(roles[role].role);
    ++summary().rejected;
    ++report_.rejected;
    issues_.add(IngestIssue{code, name_, pos.line, pos.column, record.byte_offset + offset,
                            column_name, std::move(message)});
  };
  if (record.fields.size() != header_columns_) {
    const size_t offset = record.fields.size() > header_columns_ ? record.field_offsets[header_columns_]
                                                                 : record.raw.size();
    const TextPosition pos = locate(record.raw, offset, record.line);
    ++summary().rejected;
    ++report_.rejected;
    issues_.add(IngestIssue{IngestErrorCode::wrong_column_count, name_, pos.line, pos.column,
                            record.byte_offset + offset, "",
                            "expected " + std::to_string(header_columns_) + " columns, found " +
                                std::to_string(record.fields.size())});
    return;
  }
  const CsvRecordView view(record, bindings_, role_scratch_);
  RowContext context{record.raw, record.line, 1, record.byte_offset, true};
  switch (mapper_.map(view, context, reject)) {
    case RowOutcome::accepted: ++summary().accepted; break;
    case RowOutcome::duplicate: ++summary().duplicates; ++report_.duplicates; break;
    case RowOutcome::skipped: ++summary().skipped; ++report_.skipped; break;
    case RowOutcome::rejected: break;  // counted by reject
    case RowOutcome::queued: break;    // counted by settle_queued
  }
}

void FileIngest::on_csv_error(const CsvRecord& record, IngestErrorCode code, size_t offset,
                              std::string message, bool fatal) {
  // After a file-level stop nothing more is read, whichever way the bytes were chunked
  // (found by fuzz/csv_fuzz: a row error after a missing-column header depended on chunking).
  if (stopped_) return;
  if (header_seen_ && sampling_) {
    // Held in its place among the sampled rows: problems stay in input order.
    HeldRecord held{std::string(record.raw), {}, {}, record.line, 1, record.byte_offset, {}};
    held.error = HeldError{code, offset, std::move(message), fatal};
    held_.push_back(std::move(held));
    if (fatal || held_.size() >= kSampleRecords) decide_mapping();
    return;
  }
  report_csv_error(record, code, offset, std::move(message), fatal);
}

void FileIngest::report_csv_error(const CsvRecord& record, IngestErrorCode code, size_t offset,
                                  std::string message, bool fatal) {
  const TextPosition pos = locate(record.raw, offset, record.line);
  if (header_seen_) {
    ++summary().rows;
    ++report_.rows;
  } else if (!fatal) {
    header_seen_ = true;  // a broken header: the rest cannot be mapped
    stopped_ = true;
  }
  ++summary().rejected;
  ++report_.rejected;
  if (fatal) stopped_ = true;
  issues_.add(IngestIssue{code, name_, pos.line, pos.column, record.byte_offset + offset, "",
                          std::move(message) + (fatal ? "; the rest of the file was not read" : "")});
}

void FileIngest::on_json_record(const JsonRecord& record) {
  if (stopped_) return;
  if (sampling_) {
    hold_json(record);
    return;
  }
  map_json_record(record);
}

void FileIngest::map_json_record(const JsonRecord& record) {
  if (!ingest_options_.json_dom_reader && map_scanned_json_record(record)) return;
  ++summary().rows;
  ++report_.rows;
  auto located = [&](IngestErrorCode code, uint64_t offset, std::string field, std::string message) {
    const TextPosition pos = locate(record.text, offset, record.line, record.column);
    ++summary().rejected;
    ++report_.rejected;
    issues_.add(IngestIssue{code, name_, pos.line, pos.column, record.byte_offset + offset,
                            std::move(field), std::move(message)});
  };
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(record.text);
  } catch (const nlohmann::json::parse_error& e) {
    const uint64_t offset = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    const size_t colon = what.rfind(": ");
    located(IngestErrorCode::invalid_json, offset, "",
            "invalid JSON" + (colon == std::string::npos ? std::string() : what.substr(colon)));
    return;
  } catch (const nlohmann::json::exception& e) {
    // Valid syntax nlohmann cannot hold, e.g. a number beyond double range (out_of_range.406,
    // found by fuzz/json_fuzz): a rejected row like any other, never an escaped exception.
    std::string what = e.what();
    const size_t bracket = what.find("] ");
    located(IngestErrorCode::invalid_json, 0, "",
            "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    return;
  }
  if (!object.is_object()) {
    located(IngestErrorCode::not_an_object, 0, "", "expected a JSON object, found " + std::string(object.type_name()));
    return;
  }
  auto reject = [&](IngestErrorCode code, const FieldValue*, size_t role, std::string message) {
    const auto& roles = roles_of(options_.kind);
    located(code, 0, role < roles.size() ? std::string(roles[role].role) : "", std::move(message));
  };
  const UnwrappedRecord unwrapped = unwrap_envelope(object);  // Singer / Airbyte messages
  if (unwrapped.envelope == JsonEnvelope::protocol_message) {
    ++summary().protocol_messages;
    ++summary().skipped;
    ++report_.skipped;
    return;
  }
  const JsonRecordView view(*unwrapped.record, paths_, role_scratch_);
  RowContext context{record.text, record.line, record.column, record.byte_offset, false};
  count_outcome(mapper_.map(view, context, reject));
}

void FileIngest::count_outcome(RowOutcome outcome) {
  switch (outcome) {
    case RowOutcome::accepted: ++summary().accepted; break;
    case RowOutcome::duplicate: ++summary().duplicates; ++report_.duplicates; break;
    case RowOutcome::skipped: ++summary().skipped; ++report_.skipped; break;
    case RowOutcome::rejected: break;  // counted by reject
    case RowOutcome::queued: break;    // counted by settle_queued
  }
}

void FileIngest::on_json_error(const JsonRecord& record, IngestErrorCode code, size_t offset,
                               std::string message, bool fatal) {
  if (stopped_) return;
  if (sampling_) {
    HeldRecord held{std::string(record.text), {}, {}, record.line, record.column, record.byte_offset, {}};
    held.error = HeldError{code, offset, std::move(message), fatal};
    held_.push_back(std::move(held));
    if (fatal || held_.size() >= kSampleRecords) decide_mapping();
    return;
  }
  report_json_error(record, code, offset, std::move(message), fatal);
}

void FileIngest::report_json_error(const JsonRecord& record, IngestErrorCode code, size_t offset,
                                   std::string message, bool fatal) {
  const TextPosition pos = locate(record.text, offset, record.line, record.column);
  if (!fatal) {
    ++summary().rows;
    ++report_.rows;
  }
  ++summary().rejected;
  ++report_.rejected;
  if (fatal) stopped_ = true;
  issues_.add(IngestIssue{code, name_, pos.line, pos.column, record.byte_offset + offset, "",
                          std::move(message) + (fatal ? "; the rest of the file was not read" : "")});
}

}  // namespace pqlscope
