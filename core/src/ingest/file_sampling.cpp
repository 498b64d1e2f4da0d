// FileIngest's first records: held until the file's mapping is decided from them (roles,
// source, kind; role_detection.cpp), then replayed in input order. Kept apart from the reading
// loop in file_ingest.cpp.
#include "file_ingest.hpp"
#include "pqlscope/io/json_envelope.hpp"
#include "role_detection.hpp"
#include "source_recognition.hpp"

namespace pqlscope {

void FileIngest::hold_csv(const CsvRecord& record) {
  HeldRecord held{std::string(record.raw), {}, record.field_offsets, record.line, 1, record.byte_offset, {}};
  held.fields.assign(record.fields.begin(), record.fields.end());
  held_bytes_ += record.raw.size() + 16 * record.fields.size();
  held_.push_back(std::move(held));
  if (held_.size() >= kSampleRecords || held_bytes_ >= kSampleBytes) decide_mapping();
}

void FileIngest::hold_json(const JsonRecord& record) {
  held_.push_back(HeldRecord{std::string(record.text), {}, {}, record.line, record.column, record.byte_offset, {}});
  held_bytes_ += record.text.size();
  if (held_.size() >= kSampleRecords || held_bytes_ >= kSampleBytes) decide_mapping();
}

void FileIngest::decide_mapping() {
  sampling_ = false;
  SampleTable sample;
  if (csv_) {
    sample.set_header(header_);
    std::vector<std::string_view> fields;
    for (const HeldRecord& h : held_) {
      if (h.error) continue;
      fields.assign(h.fields.begin(), h.fields.end());
      sample.add_csv_row(fields);
    }
  } else {
    for (const HeldRecord& h : held_) {
      if (h.error) continue;
      const auto object = nlohmann::json::parse(h.raw, nullptr, false);
      if (object.is_discarded() || !object.is_object()) continue;
      // Singer / Airbyte messages: the records inside are what the mapping is decided on (as
      // they are what is mapped), never the envelope's own "type": "RECORD".
      const UnwrappedRecord unwrapped = unwrap_envelope(object);
      if (unwrapped.record != nullptr && unwrapped.record->is_object()) sample.add_json_object(*unwrapped.record);
    }
  }
  sample.finish();
  const SourceProfile source = recognise_source(sample);
  RoleDetection detection = detect_roles(options_.kind, options_.mapping, sample, source);
  FileMappingExplanation& explanation = summary().mapping;  // what the report says about the file
  explanation.guessed = guess_kind(sample, source);
  explanation.source = source.id;
  explanation.source_name = source.name;
  explanation.source_reason = source.reason;
  if (headerless_snowplow_) {
    explanation.source = "snowplow_enriched";
    explanation.source_name = "Snowplow enriched events (TSV without header)";
    explanation.source_reason = "no header; the first line has Snowplow's 131 enriched-event fields (a platform code, a "
                                "collector_tstamp, a UUID event_id), read in their documented order";
  }
  explanation.roles = std::move(detection.choices);
  explanation.timestamp_format = detection.timestamp_format;
  if (detection.date_order != DateOrder::undecided) explanation.date_order = date_order_name(detection.date_order);
  explanation.date_order_reason = detection.date_order_reason;
  explanation.row_rule = options_.kind == FileKind::events ? source.row_rule : "";
  explanation.sampled_records = sample.rows();
  for (const SampleField& f : sample.fields()) {
    if (explanation.fields.size() >= 64) break;
    if (f.subpath.empty() || f.non_empty > 0) explanation.fields.push_back(f.path);
  }
  if (!detection.missing.empty()) {
    stopped_ = true;
    held_.clear();
    file_problem(IngestErrorCode::missing_column, "no column found for: " + detection.missing, header_line_, 1,
                 header_offset_);
    return;
  }
  if (options_.kind == FileKind::events) mapper_.set_source_rules(source.row_type, source.timestamp_scale);
  for (size_t role = 0; role < detection.date_orders.size(); ++role) {
    mapper_.seed_date_order(role, detection.date_orders[role]);
  }
  bindings_ = std::move(detection.bindings);
  if (json_) {
    paths_.clear();
    for (const RoleBinding& b : bindings_) paths_.push_back(b.json_paths);
    scanned_.forget_lookups();  // they were kept by the old paths' addresses
  }
  std::vector<HeldRecord> held = std::move(held_);
  held_.clear();
  held_bytes_ = 0;
  for (HeldRecord& h : held) {
    if (stopped_) break;
    if (h.error && csv_) {
      CsvRecord record;
      record.raw = h.raw;
      record.line = h.line;
      record.byte_offset = h.byte_offset;
      report_csv_error(record, h.error->code, h.error->offset, std::move(h.error->message), h.error->fatal);
    } else if (h.error) {
      report_json_error(JsonRecord{h.raw, h.line, h.column, h.byte_offset}, h.error->code, h.error->offset,
                        std::move(h.error->message), h.error->fatal);
    } else if (csv_) {
      CsvRecord record;
      record.fields.assign(h.fields.begin(), h.fields.end());
      record.field_offsets = h.field_offsets;
      record.raw = h.raw;
      record.line = h.line;
      record.byte_offset = h.byte_offset;
      map_csv_record(record);
    } else {
      map_json_record(JsonRecord{h.raw, h.line, h.column, h.byte_offset});
    }
  }
}

}  // namespace pqlscope
