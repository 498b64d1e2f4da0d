// The mapping step's view of a file (file_inspection.hpp): the head is decoded, tokenised and
// sampled as FileIngest does (file_ingest.cpp, file_sampling.cpp), then the same source
// recognition, kind guess and role detection decide; nothing is aggregated.
#include "pqlscope/ingest/file_inspection.hpp"

#include <algorithm>

#include "column_sampling.hpp"
#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/io/compression.hpp"
#include "pqlscope/io/csv_reader.hpp"
#include "pqlscope/io/json_envelope.hpp"
#include "pqlscope/io/json_reader.hpp"
#include "pqlscope/io/text_decoder.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "role_detection.hpp"
#include "source_recognition.hpp"

namespace pqlscope {
namespace {

constexpr size_t kCompressionProbeBytes = 512;  // as FileIngest: tar's magic sits at offset 257

// Collects the sampled records of a head, unwrapping Singer / Airbyte messages as ingest does.
class InspectionSampler final : public CsvSink, public JsonSink {
 public:
  InspectionSampler(SampleTable& sample, FileInspection& out) : sample_(sample), out_(out) {}

  void on_record(const CsvRecord& record) override {
    if (!header_) {
      header_ = true;
      sample_.set_header(std::vector<std::string>(record.fields.begin(), record.fields.end()));
      return;
    }
    if (sample_.rows() < kSampleRecords) sample_.add_csv_row(record.fields);
  }
  void on_csv_error(const CsvRecord& record, IngestErrorCode, size_t, std::string message, bool) override {
    unreadable(record.line, message);
  }
  void on_json_record(const JsonRecord& record) override {
    if (sample_.rows() >= kSampleRecords) return;
    const auto object = nlohmann::json::parse(record.text, nullptr, false);
    if (object.is_discarded() || !object.is_object()) {
      unreadable(record.line, "not a JSON object");
      return;
    }
    const UnwrappedRecord unwrapped = unwrap_envelope(object);
    if (unwrapped.envelope == JsonEnvelope::protocol_message) {
      ++out_.protocol_messages;
      return;
    }
    if (unwrapped.envelope != JsonEnvelope::none) ++out_.envelope_records;
    sample_.add_json_object(*unwrapped.record);
  }
  void on_json_error(const JsonRecord& record, IngestErrorCode, size_t, std::string message, bool) override {
    unreadable(record.line, message);
  }
  bool header_seen() const { return header_; }

 private:
  void unreadable(uint64_t line, const std::string& message) {
    if (out_.unreadable_records++ == 0) out_.first_unreadable = "line " + std::to_string(line) + ": " + message;
  }

  SampleTable& sample_;
  FileInspection& out_;
  bool header_ = false;
};

// Up to the end of the first line with content: what ingest sniffs the format and delimiter on.
std::string_view first_line(std::string_view text) {
  const size_t content = text.find_first_not_of(" \t\r\n");
  if (content == std::string_view::npos) return text;
  const size_t newline = text.find('\n', content);
  return newline == std::string_view::npos ? text : text.substr(0, newline + 1);
}

// Reads the sampled records of `text` (UTF-8) through `sampler`; sets format, delimiter, wrapper.
void read_records(std::string_view text, bool complete, const InspectOptions& options, FileInspection& out,
                  InspectionSampler& sampler) {
  // A head cut mid-record: the last, incomplete line is left out.
  if (!complete) {
    const size_t last_newline = text.rfind('\n');
    if (last_newline != std::string_view::npos) text = text.substr(0, last_newline + 1);
  }
  const InputFormat asked = options.file.format;
  const InputFormat format = asked != InputFormat::auto_detect ? asked : detect_format(first_line(text));
  if (format == InputFormat::csv || format == InputFormat::tsv) {
    CsvReader::Options o;
    o.delimiter = asked == InputFormat::auto_detect ? sniff_delimiter(first_line(text))
                  : format == InputFormat::tsv      ? '\t'
                                                    : ',';
    if (o.delimiter != ',' && o.delimiter != '\t') out.delimiter = std::string(1, o.delimiter);
    out.format = input_format_name(o.delimiter == '\t' ? InputFormat::tsv : InputFormat::csv);
    CsvReader reader(o, sampler);
    reader.feed(text);
    reader.finish();
    return;
  }
  JsonRecordReader::Options o;
  o.layout = format == InputFormat::json_array ? JsonRecordReader::Layout::array
             : asked == InputFormat::auto_detect ? JsonRecordReader::Layout::detect
                                                 : JsonRecordReader::Layout::lines;
  JsonRecordReader reader(o, sampler);
  reader.feed(text);
  // An array or wrapped document cut short is not an error here: its end is beyond the head.
  if (complete || reader.layout() == JsonRecordReader::Layout::lines) reader.finish();
  out.wrapped = reader.wrapped();
  out.format = input_format_name(reader.layout() == JsonRecordReader::Layout::array ? InputFormat::json_array
                                                                                    : InputFormat::ndjson);
}

// How the timestamp column's sampled values read: epoch unit, day/month order, ambiguity.
void read_timestamps(const SampleField& field, const FieldMapping& mapping, FileInspection& out) {
  TimestampParser parser;
  parser.set_epoch_unit(mapping.epoch_unit);
  parser.set_date_order(mapping.date_order);
  for (const std::string& v : field.values) {
    if (!v.empty()) parser.observe(v);  // as ingest does with its sample: values decide first
  }
  bool ambiguous = false;
  for (const std::string& v : field.values) {
    if (v.empty()) continue;
    ++out.timestamps_sampled;
    const ParsedTimestamp parsed = parser.parse(v);
    if (parsed.status == TimestampStatus::ok) ++out.timestamps_parsed;
    if (parsed.status == TimestampStatus::ambiguous_date) ambiguous = true;
    const size_t slash = v.find('/');
    if (slash != std::string::npos && slash > 0 && slash <= 2) out.slash_dates = true;
  }
  if (parser.epoch_unit() != EpochUnit::undecided) out.epoch_unit = epoch_unit_name(parser.epoch_unit());
  if (parser.date_order() != DateOrder::undecided) out.date_order = date_order_name(parser.date_order());
  out.date_order_ambiguous = ambiguous && parser.date_order() == DateOrder::undecided;
}

void add_notices(FileInspection& out) {
  if (!out.encoding.empty()) out.notices.push_back("read as " + out.encoding + " text (not UTF-8), converted");
  if (!out.delimiter.empty()) out.notices.push_back("columns separated by '" + out.delimiter + "'");
  if (out.wrapped) out.notices.push_back("the records are the array inside one JSON object");
  if (out.envelope_records > 0) {
    out.notices.push_back("Singer / Airbyte messages: the records inside " + std::to_string(out.envelope_records) +
                          " RECORD messages are read");
  }
  if (out.protocol_messages > 0) {
    out.notices.push_back(std::to_string(out.protocol_messages) +
                          " connector messages without a record (schema, state, ...) are skipped");
  }
}

}  // namespace

FileInspection inspect_file_head(std::string_view head, const InspectOptions& options) {
  FileInspection out;
  const Compression compression = detect_compression(head.substr(0, kCompressionProbeBytes), "");
  if (compression != Compression::none) {
    out.problem = unsupported_compression_message(compression);
    return out;
  }
  TextDecoder decoder;
  std::string text(decoder.feed(head));
  if (options.complete) text += decoder.finish();
  if (decoder.encoding() != TextEncoding::utf8) out.encoding = text_encoding_name(decoder.encoding());
  const std::string_view body = std::string_view(text).substr(text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0);
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    out.problem = "the file is empty";
    return out;
  }

  SampleTable sample;
  InspectionSampler sampler(sample, out);
  read_records(text, options.complete, options, out, sampler);
  sample.finish();
  add_notices(out);

  const SourceProfile source = recognise_source(sample);
  out.mapping.guessed = guess_kind(sample, source);
  out.mapping.source = source.id;
  out.mapping.source_name = source.name;
  out.mapping.source_reason = source.reason;
  out.mapping.sampled_records = sample.rows();
  out.sampled_records = sample.rows();
  FileKind kind = options.kind.value_or(FileKind::events);
  if (!options.kind) {
    for (FileKind k : {FileKind::events, FileKind::accounts, FileKind::communications}) {
      if (out.mapping.guessed.kind == file_kind_name(k)) kind = k;
    }
  }
  out.kind = file_kind_name(kind);

  for (const SampleField& f : sample.fields()) {
    if (out.columns.size() >= kInspectedColumns) break;
    if (f.subpath.empty() || f.non_empty > 0) out.columns.push_back(f.path);
  }
  out.mapping.fields.assign(out.columns.begin(), out.columns.begin() + std::min<size_t>(out.columns.size(), 64));
  for (size_t row = 0; row < std::min(kPreviewRows, sample.rows()); ++row) {
    std::vector<std::string> cells;
    for (const std::string& column : out.columns) {
      const SampleField* f = sample.find(column);
      cells.push_back(f != nullptr && row < f->values.size() ? f->values[row] : std::string());
    }
    out.preview.push_back(std::move(cells));
  }

  if (sample.rows() == 0) {
    out.problem = out.unreadable_records > 0 ? "no record could be read (" + out.first_unreadable + ")"
                  : sampler.header_seen()    ? "the file has a header but no rows"
                                             : "the file holds no records";
  }

  if (starts_with_day_counts_header(body)) {
    out.day_counts = true;
    out.kind = file_kind_name(FileKind::events);
    out.mapping.guessed.kind = out.kind;
    out.mapping.guessed.confident = true;
    out.mapping.guessed.reason = "the day-count header of pqlscope sql / ingest --day-counts";
    out.notices.push_back("Day counts (aggregates from a warehouse): read as they are, there is nothing to map.");
    return out;
  }

  RoleDetection detection = detect_roles(kind, options.file.mapping, sample, source);
  out.missing = detection.missing;
  out.mapping.timestamp_format = detection.timestamp_format;
  out.mapping.row_rule = kind == FileKind::events ? source.row_rule : "";
  for (const RoleSpec& spec : roles_of(kind)) {
    InspectedRole role{std::string(spec.role), spec.required, "", "", ""};
    for (const RoleChoice& c : detection.choices) {
      if (c.role != spec.role) continue;
      role.field = c.field;
      role.reason = choice_reason_name(c.reason);
      role.detail = c.detail;
    }
    out.roles.push_back(std::move(role));
  }
  out.mapping.roles = std::move(detection.choices);
  for (const InspectedRole& role : out.roles) {
    if (role.role != role::timestamp || role.field.empty()) continue;
    if (const SampleField* f = sample.find(role.field)) read_timestamps(*f, options.file.mapping, out);
  }
  return out;
}

}  // namespace pqlscope
