// Turns one record (CSV row or JSON object) of a file kind into an event, an account or a
// communication, or into a located rejection. Private to ingest.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <string_view>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/ingest/field_mapping.hpp"
#include "pqlscope/ingest/ingest_report.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "record_view.hpp"

namespace pqlscope {

// What a row mapper knows about the row, to locate a problem.
struct RowContext {
  std::string_view raw;     // the record's text
  uint64_t line = 1;
  uint64_t column = 1;
  uint64_t byte_offset = 0;
  bool csv = false;
};

enum class RowOutcome : uint8_t { accepted, duplicate, skipped, rejected };

class RowMapper {
 public:
  using Reject = std::function<void(IngestErrorCode, const FieldValue*, size_t role_index,
                                    std::string message)>;

  RowMapper(FileKind kind, const FieldMapping& mapping, EventAggregator& aggregator);
  RowOutcome map(const RecordView& row, const RowContext& context, const Reject& reject);

 private:
  RowOutcome map_event(const RecordView& row, const RowContext& context, const Reject& reject);
  RowOutcome map_account(const RecordView& row, const Reject& reject);
  RowOutcome map_communication(const RecordView& row, const Reject& reject);
  // Parses a timestamp role; on failure reports it and returns false.
  bool read_time(const RecordView& row, size_t role_index, bool required, int64_t& out,
                 bool& present, const Reject& reject);

  FileKind kind_;
  EventAggregator& aggregator_;
  std::array<TimestampParser, kMaxRoles> time_parsers_;
};

// Index of `role` in roles_of(kind).
size_t role_index(FileKind kind, std::string_view role);

}  // namespace pqlscope
