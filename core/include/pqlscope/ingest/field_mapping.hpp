// Which column (CSV) or field path (JSON, dot-separated) holds each piece of information.
// Auto-detection weighs the names of the common exports and the values of the first records
// (role_detection.cpp, docs/ingest.md "Fields"); an explicit mapping names one column / path per
// role and wins.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {

enum class FileKind : uint8_t { events, accounts, communications };
const char* file_kind_name(FileKind kind);

enum class InputFormat : uint8_t { auto_detect, csv, tsv, ndjson, json_array };
const char* input_format_name(InputFormat format);
InputFormat parse_input_format(std::string_view name);  // "csv", "tsv", "ndjson", "json", "auto"

// Decides the format from the first bytes of a file: '[' starts a JSON array, '{' NDJSON,
// otherwise CSV, or TSV when the first line has more tabs than commas outside quotes.
InputFormat detect_format(std::string_view head);

// Roles of each file kind, in the order of FieldRoles below.
namespace role {
// events
inline constexpr std::string_view timestamp = "timestamp";
inline constexpr std::string_view account = "account";
inline constexpr std::string_view user = "user";
inline constexpr std::string_view event = "event";
inline constexpr std::string_view message_id = "message_id";
inline constexpr std::string_view type = "type";  // Segment call type: track / group / identify
inline constexpr std::string_view count = "count";  // events the row stands for (Pendo num_events)
}  // namespace role

// The roles a file kind reads, with the candidate names auto-detection tries, in order.
struct RoleSpec {
  std::string_view role;
  bool required;
  std::vector<std::string_view> candidates;
};
const std::vector<RoleSpec>& roles_of(FileKind kind);

struct FieldMapping {
  std::map<std::string, std::string, std::less<>> fields;  // role -> column name / JSON path
  EpochUnit epoch_unit = EpochUnit::undecided;             // force s / ms / us / ns
  DateOrder date_order = DateOrder::undecided;             // force mdy / dmy for 3/1/2024
};

}  // namespace pqlscope
