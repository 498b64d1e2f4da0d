// JSON records through the structural scan (io/json_scan.hpp, lazy_record_view.hpp): no DOM
// per record. A record the scan does not vouch for (invalid JSON, not an object, a BOM, a
// number beyond double range) goes to map_json_record's nlohmann path, whose error messages
// and positions are the ones reported; so the results are the DOM path's, record for record
// (tests/ingest/json_scan_equivalence_test.cpp).
#include "file_ingest.hpp"

namespace pqlscope {

bool FileIngest::map_scanned_json_record(const JsonRecord& record) {
  if (!scanned_.scan(record.text)) return false;
  ++summary().rows;
  ++report_.rows;
  const JsonEnvelope envelope = scanned_.unwrap();  // Singer / Airbyte messages
  if (envelope == JsonEnvelope::protocol_message) {
    ++summary().protocol_messages;
    ++summary().skipped;
    ++report_.skipped;
    return true;
  }
  auto reject = [&](IngestErrorCode code, const FieldValue*, size_t role, std::string message) {
    // JSON problems are located at the record's first byte, as on the DOM path.
    const auto& roles = roles_of(options_.kind);
    ++summary().rejected;
    ++report_.rejected;
    issues_.add(IngestIssue{code, name_, record.line, record.column, record.byte_offset,
                            role < roles.size() ? std::string(roles[role].role) : "", std::move(message)});
  };
  const LazyJsonRecordView view(scanned_, paths_, role_scratch_);
  const RowContext context{record.text, record.line, record.column, record.byte_offset, false};
  count_outcome(mapper_.map(view, context, reject));
  return true;
}

}  // namespace pqlscope
