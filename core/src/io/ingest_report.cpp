#include "pqlscope/io/ingest_report.hpp"

namespace pqlscope {

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
