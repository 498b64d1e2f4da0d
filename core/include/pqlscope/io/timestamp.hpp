// Timestamp parsing: every textual or numeric time in an export becomes UTC milliseconds.
//
// Hand-written rather than date::parse: date::parse costs ~1.9 us per value in WASM
// (docs/wasm-build.md) against ~20 ns for a dedicated ISO-8601 parser, and ingest parses one per row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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
  ambiguous_date,  // 03/04/2024 while the column's day/month order is not known yet
  conflicting_date_order,  // 13/04/2024 in a column already shown to be month-first (or back)
};

// A short, stable, human name ("unknown timestamp format"), used in error messages.
const char* describe(TimestampStatus status);

// How numeric (epoch) values of one column are read. Decided once per column from the number
// of integer digits of its first numeric value (epoch_unit_for_digits). Every unit spans a
// fixed digit band over the supported range 1970..2149 once past early 1973 (1e11 ms):
//   <= 11 digits seconds (2149 is 5.7e9 s), 12-14 milliseconds (5.7e12),
//   15-17 microseconds (5.7e15, GA4's event_timestamp), >= 18 nanoseconds (5.7e18).
enum class EpochUnit : uint8_t { undecided, seconds, milliseconds, microseconds, nanoseconds };
EpochUnit epoch_unit_for_digits(int integer_digits);
// "s" | "ms" | "us" | "ns" (the --epoch flag and the mapping's epoch_unit); undecided otherwise.
EpochUnit parse_epoch_unit(std::string_view name);
const char* epoch_unit_name(EpochUnit unit);  // "s" ... "ns", "auto" for undecided

// Day/month order of spreadsheet dates with slashes (3/1/2024): decided per column from the
// values (a first part > 12 proves day-first, a second part > 12 proves month-first), or
// fixed by the mapping (--date-order). Dotted dates (01.03.2024) are day-first unless the
// mapping says month-first: no locale writes them month-first.
enum class DateOrder : uint8_t { undecided, month_first, day_first };
DateOrder parse_date_order(std::string_view name);  // "mdy" | "dmy"; undecided otherwise
const char* date_order_name(DateOrder order);       // "mdy" | "dmy" | "auto"

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
//   2019-10-01 00:00:00 UTC                 BigQuery CSV; " UTC", " GMT", " Z" or a space
//   2024-01-01 12:00:00.123456 +00:00       before an offset are accepted after any time
//   1709647629 / 1709647629.123             epoch seconds (fraction allowed)
//   1709647629123 / ...123456 / ...123456789 epoch milliseconds / microseconds / nanoseconds
//   20240305                                GA4 event_date (8 digits, years 1970..2149)
//   3/5/2024 14:07[:09] [AM|PM], 05.03.2024 spreadsheet dates (see DateOrder), 2- or 4-digit
//                                           year (00-68 -> 20xx, 69-99 -> 19xx, as POSIX %y)
// Fractions beyond milliseconds are truncated toward the earlier millisecond. Leap second
// 23:59:60 is accepted and folded into 23:59:59.999 of that day (exports do contain them).
class TimestampParser {
 public:
  ParsedTimestamp parse(std::string_view text);
  EpochUnit epoch_unit() const { return unit_; }
  void set_epoch_unit(EpochUnit unit) {  // an explicit override from the mapping
    unit_ = unit;
    unit_fixed_ = unit != EpochUnit::undecided;
  }
  DateOrder date_order() const { return order_; }
  // An explicit order from the mapping: values are no longer evidence, nothing is ambiguous.
  void set_date_order(DateOrder order) {
    order_ = order;
    order_fixed_ = order != DateOrder::undecided;
  }
  // Lets a value of a sample (the first rows, read before any row is mapped) decide the
  // column's epoch unit and day/month order, as parse() would. Returns false when the value
  // contradicts the order already proven (for the caller to report).
  bool observe(std::string_view text) {
    return parse(text).status != TimestampStatus::conflicting_date_order;
  }
  // An order the column's sampled values proved (date_order_from_sample): like one proven by a
  // value, a later value may still contradict it (conflicting_date_order). An explicit order
  // from the mapping stays.
  void seed_date_order(DateOrder order) {
    if (!order_fixed_) order_ = order;
  }

 private:
  bool parse_common_iso(std::string_view text, int64_t& out);

  EpochUnit unit_ = EpochUnit::undecided;
  bool unit_fixed_ = false;  // an explicit unit: 8 digits are then epoch, not YYYYMMDD
  DateOrder order_ = DateOrder::undecided;
  bool order_fixed_ = false;
  // The date ("YYYY-MM-DDT", 11 bytes as two overlapping words) of the last timestamp read by
  // the fast path, and its midnight in UTC milliseconds. Exports are ordered by time, so the
  // next row almost always has the same date: the calendar arithmetic (~45 instructions a row
  // in callgrind) is then skipped.
  uint64_t last_date_head_ = 0;
  uint32_t last_date_tail_ = 0;
  int64_t last_date_millis_ = -1;  // -1: nothing cached
};

// What a column's sampled values say about its day/month order, decided before any row is
// mapped so that rows ahead of the first proving value are not rejected as ambiguous.
struct DateOrderEvidence {
  DateOrder order = DateOrder::undecided;  // proven by the values of one order only
  size_t slash_dates = 0;                  // values written as d/d/yyyy (the ones that need an order)
  size_t day_first = 0, month_first = 0;   // values that prove each order (a real date only that way)
  std::string day_first_example, month_first_example;
  // "day/month: 3 of 40 sampled dates such as '13/03/2024' have a first part above 12", or why
  // the sample cannot decide; "" when no value is a slash date.
  std::string reason() const;
};
DateOrderEvidence date_order_from_sample(const std::vector<std::string>& values);

inline int32_t day_of_millis(int64_t millis) {
  return static_cast<int32_t>(millis / kMillisPerDay - (millis % kMillisPerDay < 0 ? 1 : 0));
}

// "2024-03-05"
std::string format_day(int32_t day);
// "2024-03-05T14:07:09.123Z" (always milliseconds, always Z): the report's one time format.
std::string format_millis(int64_t millis);

}  // namespace pqlscope
