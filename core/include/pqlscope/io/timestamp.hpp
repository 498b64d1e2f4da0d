// Timestamp parsing: every textual or numeric time in an export becomes UTC milliseconds.
//
// Hand-written rather than date::parse: date::parse costs ~1.9 us per value in WASM
// (docs/wasm-build.md) against ~20 ns for a dedicated ISO-8601 parser, and ingest parses one per row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pqlscope/io/calendar.hpp"

namespace pqlscope {

// Days are counted from 1970-01-01. The aggregates store a day in 16 bits, so the supported
// range is [kMinSupportedDay, kMaxSupportedDay]; anything outside is `out_of_range`.
inline constexpr int32_t kMinSupportedDay = 0;       // 1970-01-01
inline constexpr int32_t kMaxSupportedDay = 65534;   // 2149-06-05
inline constexpr int64_t kMillisPerDay = 86'400'000;

enum class TimestampStatus : uint8_t {
  ok,
  empty,           // nothing (or only spaces) to parse
  unknown_format,  // not ISO-8601, not "YYYY-MM-DD HH:MM:SS[.f]", not epoch digits
  invalid_date,    // well-formed but impossible: 2023-02-30, month 13
  invalid_time,    // well-formed but impossible: 24:00:01, 12:61, bad zone offset
  out_of_range,    // a real instant outside the supported day range
};

// A short, stable, human name ("unknown timestamp format"), used in error messages.
const char* describe(TimestampStatus status);

// How numeric (epoch) values of one column are read. Decided once per column from its first
// numeric value: 12 or more integer digits means milliseconds, fewer means seconds.
enum class EpochUnit : uint8_t { undecided, seconds, milliseconds };

struct ParsedTimestamp {
  TimestampStatus status = TimestampStatus::empty;
  int64_t millis = 0;          // UTC milliseconds since 1970-01-01T00:00:00Z when ok
  uint32_t error_offset = 0;   // byte offset in the text where parsing failed (for columns)
};

// One parser per column or JSON field: it remembers the column's epoch unit.
// Accepted forms (surrounding spaces are ignored, quotes are the CSV reader's job):
//   2024-03-05                              date only, midnight UTC
//   2024-03-05T14:07:09[.f{1,9}][Z|±hh:mm|±hhmm|±hh]   ISO-8601, 'T' or 't' or ' ' separator
//   2024-03-05 14:07:09[.ffffff]            Amplitude / SQL style, UTC unless a zone follows
//   2024-03-05T14:07                        seconds omitted
//   1709647629 / 1709647629.123             epoch seconds (fraction allowed)
//   1709647629123                           epoch milliseconds
// Fractions beyond milliseconds are truncated toward the earlier millisecond. Leap second
// 23:59:60 is accepted and folded into 23:59:59.999 of that day (exports do contain them).
class TimestampParser {
 public:
  ParsedTimestamp parse(std::string_view text);
  EpochUnit epoch_unit() const { return unit_; }
  void set_epoch_unit(EpochUnit unit) { unit_ = unit; }  // an explicit override from the mapping

 private:
  bool parse_common_iso(std::string_view text, int64_t& out);

  EpochUnit unit_ = EpochUnit::undecided;
  // The date ("YYYY-MM-DDT", 11 bytes as two overlapping words) of the last timestamp read by
  // the fast path, and its midnight in UTC milliseconds. Exports are ordered by time, so the
  // next row almost always has the same date: the calendar arithmetic (~45 instructions a row
  // in callgrind) is then skipped.
  uint64_t last_date_head_ = 0;
  uint32_t last_date_tail_ = 0;
  int64_t last_date_millis_ = -1;  // -1: nothing cached
};

inline int32_t day_of_millis(int64_t millis) {
  return static_cast<int32_t>(millis / kMillisPerDay - (millis % kMillisPerDay < 0 ? 1 : 0));
}

// "2024-03-05"
std::string format_day(int32_t day);
// "2024-03-05T14:07:09.123Z" (always milliseconds, always Z): the report's one time format.
std::string format_millis(int64_t millis);

}  // namespace pqlscope
