// Every reason a row (or a whole file) can be rejected. It sits at the bottom of the include
// graph (io/) because the readers report these codes and ingest/ counts them. The list is typed
// once: the enum and the names both come from PQLSCOPE_INGEST_ERROR_CODES. The names are stable:
// they appear in reports, the CLI and the JS API.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pqlscope {

// Names that need a word: missing_column = a required column or field cannot be found (the
// file stops); unexpected_after_quote = `"abc"x`; invalid_timestamp = an impossible date or
// time; missing_entity = neither a user nor an account id; invalid_value = a value outside its
// vocabulary (sentiment "meh"); ambiguous_date = 03/04/2024 before the column's day/month
// order is known; conflicting_date_order = a column holding both 13/04 and 04/13. docs/ingest.md lists them all with their scope.
// clang-format off
#define PQLSCOPE_INGEST_ERROR_CODES(X) \
  X(empty_file) \
  X(header_only) \
  X(missing_column) \
  X(wrong_column_count) \
  X(unterminated_quote) \
  X(unexpected_after_quote) \
  X(invalid_utf8) \
  X(record_too_large) \
  X(invalid_json) \
  X(not_an_object) \
  X(json_too_deep) \
  X(missing_timestamp) \
  X(unknown_timestamp_format) \
  X(invalid_timestamp) \
  X(timestamp_out_of_range) \
  X(missing_event_name) \
  X(missing_entity) \
  X(invalid_number) \
  X(invalid_value) \
  X(missing_account_id) \
  X(duplicate_account) \
  X(too_many_event_names) \
  X(unsupported_compression) \
  X(corrupt_compressed_data) \
  X(copy_differs) \
  X(ambiguous_date) \
  X(conflicting_date_order)
// clang-format on

enum class IngestErrorCode : uint8_t {
#define PQLSCOPE_ENUM_ENTRY(name) name,
  PQLSCOPE_INGEST_ERROR_CODES(PQLSCOPE_ENUM_ENTRY)
#undef PQLSCOPE_ENUM_ENTRY
  kCount
};
inline constexpr size_t kIngestErrorCodeCount = static_cast<size_t>(IngestErrorCode::kCount);

// The stable name of a code ("invalid_timestamp"); "unknown" for kCount.
const char* error_code_name(IngestErrorCode code);

}  // namespace pqlscope
