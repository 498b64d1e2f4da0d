#include "pqlscope/ingest/ingest_report.hpp"

namespace pqlscope {

const char* error_code_name(IngestErrorCode code) {
  switch (code) {
    case IngestErrorCode::empty_file: return "empty_file";
    case IngestErrorCode::header_only: return "header_only";
    case IngestErrorCode::missing_column: return "missing_column";
    case IngestErrorCode::wrong_column_count: return "wrong_column_count";
    case IngestErrorCode::unterminated_quote: return "unterminated_quote";
    case IngestErrorCode::unexpected_after_quote: return "unexpected_after_quote";
    case IngestErrorCode::invalid_utf8: return "invalid_utf8";
    case IngestErrorCode::record_too_large: return "record_too_large";
    case IngestErrorCode::invalid_json: return "invalid_json";
    case IngestErrorCode::not_an_object: return "not_an_object";
    case IngestErrorCode::json_too_deep: return "json_too_deep";
    case IngestErrorCode::missing_timestamp: return "missing_timestamp";
    case IngestErrorCode::unknown_timestamp_format: return "unknown_timestamp_format";
    case IngestErrorCode::invalid_timestamp: return "invalid_timestamp";
    case IngestErrorCode::timestamp_out_of_range: return "timestamp_out_of_range";
    case IngestErrorCode::missing_event_name: return "missing_event_name";
    case IngestErrorCode::missing_entity: return "missing_entity";
    case IngestErrorCode::invalid_number: return "invalid_number";
    case IngestErrorCode::invalid_value: return "invalid_value";
    case IngestErrorCode::missing_account_id: return "missing_account_id";
    case IngestErrorCode::duplicate_account: return "duplicate_account";
    case IngestErrorCode::too_many_event_names: return "too_many_event_names";
    case IngestErrorCode::kCount: break;
  }
  return "unknown";
}

std::string IngestIssue::to_string() const {
  std::string out = file;
  out += ':' + std::to_string(line) + ':' + std::to_string(column) + ": ";
  out += error_code_name(code);
  out += ": ";
  out += message;
  if (!field.empty()) out += " (field '" + field + "')";
  return out;
}

IngestError::IngestError(IngestIssue issue)
    : std::runtime_error(issue.to_string()), issue_(std::move(issue)) {}

}  // namespace pqlscope
