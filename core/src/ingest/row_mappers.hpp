// Turns one record (CSV row or JSON object) of a file kind into an event, an account or a
// communication, or into a located rejection. Private to ingest.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/ingest/field_mapping.hpp"
#include "pqlscope/io/ingest_report.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "record_view.hpp"
#include "source_recognition.hpp"

namespace pqlscope {

// What a row mapper knows about the row, to locate a problem.
struct RowContext {
  std::string_view raw;     // the record's text
  uint64_t line = 1;
  uint64_t column = 1;
  uint64_t byte_offset = 0;
  bool csv = false;
};

// queued: an event row handed to EventAggregator::queue_event; RowMapper::settle_queued()
// says later how many of those were accepted and how many were duplicates.
enum class RowOutcome : uint8_t { accepted, duplicate, skipped, rejected, queued };

// A non-owning reference to a caller's reject callback (a lambda that outlives the call).
// std::function's construction per row showed in the callgrind profile, though a row is
// rejected only rarely.
class RejectRef {
 public:
  template <class F>
  RejectRef(const F& f)  // NOLINT: implicit, as std::function was
      : object_(&f), call_([](const void* o, IngestErrorCode code, const FieldValue* value,
                              size_t role, std::string message) {
          (*static_cast<const F*>(o))(code, value, role, std::move(message));
        }) {}
  void operator()(IngestErrorCode code, const FieldValue* value, size_t role_index,
                  std::string message) const {
    call_(object_, code, value, role_index, std::move(message));
  }

 private:
  const void* object_;
  void (*call_)(const void*, IngestErrorCode, const FieldValue*, size_t, std::string);
};

class RowMapper {
 public:
  using Reject = RejectRef;

  RowMapper(FileKind kind, const FieldMapping& mapping, EventAggregator& aggregator);
  // View is CsvRecordView, JsonRecordView or LazyJsonRecordView (all final): templated rather than virtual so
  // that the CSV path reads its fields without an indirect call per field.
  template <class View>
  RowOutcome map(const View& row, const RowContext& context, const Reject& reject);
  // Adds the queued events and returns their outcomes; call before the file's counts are read.
  EventAggregator::Settled settle_queued() {
    aggregator_.flush_queued();
    return aggregator_.take_settled();
  }
  // What the recognised source says about every row: its call type (a warehouse table holds
  // one: "group", "identify", "page", "screen") and the unit of its epoch timestamps.
  void set_source_rules(std::string row_type, EpochScale timestamp_scale);
  // The day/month order a time role's sampled values proved (role_detection.cpp).
  void seed_date_order(size_t role, DateOrder order) {
    if (role < time_parsers_.size()) time_parsers_[role].seed_date_order(order);
  }

  // Events one row may stand for (a rollup's count); more is rejected as implausible.
  static constexpr int64_t kMaxRowCount = 100000;

 private:
  template <class View>
  RowOutcome map_event(const View& row, const RowContext& context, const Reject& reject);
  template <class View>
  RowOutcome map_account(const View& row, const Reject& reject);
  template <class View>
  RowOutcome map_communication(const View& row, const Reject& reject);
  // Parses a timestamp role; on failure reports it and returns false.
  bool read_time(const FieldValue& value, size_t role_index, bool required, int64_t& out,
                 bool& present, const Reject& reject);

  FileKind kind_;
  std::string row_type_;
  EpochScale timestamp_scale_ = EpochScale::as_parsed;
  std::string scaled_;
  EventAggregator& aggregator_;
  std::array<TimestampParser, kMaxRoles> time_parsers_;
};

// Index of `role` in roles_of(kind).
size_t role_index(FileKind kind, std::string_view role);

}  // namespace pqlscope
