// Hand-written timestamp parser: one call per ingested row, so no regex, no streams, no
// allocation. Syntax is checked completely before values, so garbage always reports as
// unknown_format at the first bad byte, and only well-formed text reaches the calendar checks.
#include "pqlscope/io/timestamp.hpp"

#include <cstdio>
#include <cstring>
#include <limits>

namespace pqlscope {

namespace {

// First millisecond past the supported range.
constexpr int64_t kEndMillis = (int64_t{kMaxSupportedDay} + 1) * kMillisPerDay;
constexpr int kMaxFractionDigits = 9;
// 18 decimal digits always fit in int64; longer epoch numbers are out of range anyway.
constexpr int kMaxEpochDigits = 18;

bool is_digit(char c) { return static_cast<unsigned>(c - '0') < 10u; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

ParsedTimestamp failure(TimestampStatus status, size_t offset) {
  constexpr size_t kMaxOffset = std::numeric_limits<uint32_t>::max();
  return {status, 0, static_cast<uint32_t>(offset < kMaxOffset ? offset : kMaxOffset)};
}

ParsedTimestamp success(int64_t millis) { return {TimestampStatus::ok, millis, 0}; }

bool in_supported_range(int64_t millis) { return millis >= 0 && millis < kEndMillis; }

// A read position over the trimmed text; offsets are reported relative to the untrimmed text.
struct Cursor {
  const char* origin;
  const char* p;
  const char* end;

  bool at_end() const { return p == end; }
  bool peek(char c) const { return p != end && *p == c; }
  bool peek_digit() const { return p != end && is_digit(*p); }
  size_t offset() const { return static_cast<size_t>(p - origin); }

  bool accept(char c) {
    if (!peek(c)) return false;
    ++p;
    return true;
  }

  // Exactly `count` digits; on failure the cursor rests on the first byte that is not one.
  bool digits(int count, uint32_t& value) {
    uint32_t v = 0;
    for (int i = 0; i < count; ++i) {
      if (!peek_digit()) return false;
      v = v * 10 + static_cast<uint32_t>(*p++ - '0');
    }
    value = v;
    return true;
  }
};

// Fields of an ISO-like timestamp, with where each one started for error offsets.
struct IsoFields {
  uint32_t year = 0, month = 0, day = 0;
  uint32_t hour = 0, minute = 0, second = 0, millis = 0;
  uint32_t zone_hours = 0, zone_minutes = 0;
  bool zone_negative = false;
  size_t month_at = 0, day_at = 0, hour_at = 0, minute_at = 0, second_at = 0;
  size_t zone_hours_at = 0, zone_minutes_at = 0;
};

// ".f{1,9}": keeps the first three digits as milliseconds, truncating the rest.
bool read_fraction(Cursor& c, uint32_t& millis) {
  uint32_t ms = 0;
  int count = 0;
  while (c.peek_digit()) {
    if (count == kMaxFractionDigits) return false;
    if (count < 3) ms = ms * 10 + static_cast<uint32_t>(*c.p - '0');
    ++count;
    ++c.p;
  }
  if (count == 0) return false;
  for (int i = count; i < 3; ++i) ms *= 10;
  millis = ms;
  return true;
}

// "Z", "z", "±hh", "±hhmm" or "±hh:mm"; nothing at all means UTC.
bool read_zone(Cursor& c, IsoFields& f) {
  if (c.accept('Z') || c.accept('z')) return true;
  if (!c.peek('+') && !c.peek('-')) return true;  // no zone; the caller checks for leftovers
  f.zone_negative = *c.p++ == '-';
  f.zone_hours_at = c.offset();
  if (!c.digits(2, f.zone_hours)) return false;
  if (c.accept(':') || c.peek_digit()) {
    f.zone_minutes_at = c.offset();
    return c.digits(2, f.zone_minutes);
  }
  return true;
}

// "hh:mm[:ss[.f]][zone]", after the date separator.
bool read_time(Cursor& c, IsoFields& f) {
  f.hour_at = c.offset();
  if (!c.digits(2, f.hour) || !c.accept(':')) return false;
  f.minute_at = c.offset();
  if (!c.digits(2, f.minute)) return false;
  if (c.accept(':')) {
    f.second_at = c.offset();
    if (!c.digits(2, f.second)) return false;
    if (c.accept('.') && !read_fraction(c, f.millis)) return false;
  }
  return read_zone(c, f);
}

// The whole syntax; on false the cursor is at the first unexpected byte.
bool read_iso(Cursor& c, IsoFields& f) {
  if (!c.digits(4, f.year) || !c.accept('-')) return false;
  f.month_at = c.offset();
  if (!c.digits(2, f.month) || !c.accept('-')) return false;
  f.day_at = c.offset();
  if (!c.digits(2, f.day)) return false;
  if (c.at_end()) return true;  // date only
  if (!c.accept('T') && !c.accept('t') && !c.accept(' ')) return false;
  return read_time(c, f) && c.at_end();
}

ParsedTimestamp parse_iso(Cursor c) {
  const size_t start = c.offset();
  IsoFields f;
  if (!read_iso(c, f)) return failure(TimestampStatus::unknown_format, c.offset());

  if (f.month < 1 || f.month > 12) return failure(TimestampStatus::invalid_date, f.month_at);
  if (f.day < 1 || f.day > days_in_month(f.year, f.month)) {
    return failure(TimestampStatus::invalid_date, f.day_at);
  }
  if (f.hour > 23) return failure(TimestampStatus::invalid_time, f.hour_at);
  if (f.minute > 59) return failure(TimestampStatus::invalid_time, f.minute_at);
  if (f.second > 60) return failure(TimestampStatus::invalid_time, f.second_at);
  if (f.zone_hours > 23) return failure(TimestampStatus::invalid_time, f.zone_hours_at);
  if (f.zone_minutes > 59) return failure(TimestampStatus::invalid_time, f.zone_minutes_at);

  if (f.second == 60) {  // leap second: the last representable millisecond of its minute
    f.second = 59;
    f.millis = 999;
  }
  const int64_t zone = (int64_t{f.zone_hours} * 60 + f.zone_minutes) * 60'000;
  const int64_t time_of_day = ((int64_t{f.hour} * 60 + f.minute) * 60 + f.second) * 1000 + f.millis;
  const int64_t millis = days_from_civil(f.year, f.month, f.day) * kMillisPerDay + time_of_day +
                         (f.zone_negative ? zone : -zone);
  if (!in_supported_range(millis)) return failure(TimestampStatus::out_of_range, start);
  return success(millis);
}

// The syntax of an epoch number: "[-]digits[.f{1,9}]".
struct EpochNumber {
  bool negative = false;
  bool too_long = false;  // more integer digits than int64 can surely hold
  int integer_digits = 0;
  int64_t integer = 0;
  uint32_t millis = 0;  // from the fraction, when the unit is seconds
};

bool read_epoch(Cursor& c, EpochNumber& n) {
  n.negative = c.accept('-');
  while (c.peek_digit()) {
    if (n.integer_digits < kMaxEpochDigits) {
      n.integer = n.integer * 10 + (*c.p - '0');
    } else {
      n.too_long = true;
    }
    ++n.integer_digits;
    ++c.p;
  }
  if (n.integer_digits == 0) return false;
  if (c.accept('.') && !read_fraction(c, n.millis)) return false;
  return c.at_end();
}

EpochUnit unit_for_digits(int integer_digits) {
  return integer_digits >= 12 ? EpochUnit::milliseconds : EpochUnit::seconds;
}

ParsedTimestamp epoch_to_millis(const EpochNumber& n, EpochUnit unit, size_t start) {
  if (n.negative || n.too_long) return failure(TimestampStatus::out_of_range, start);
  int64_t millis = n.integer;  // a fraction of a millisecond is truncated
  if (unit == EpochUnit::seconds) {
    if (n.integer >= kEndMillis / 1000) return failure(TimestampStatus::out_of_range, start);
    millis = n.integer * 1000 + n.millis;
  }
  if (!in_supported_range(millis)) return failure(TimestampStatus::out_of_range, start);
  return success(millis);
}

// "YYYY-" starts an ISO date; anything else starting with a digit or '-' is an epoch number.

bool looks_like_iso(const Cursor& c) {
  return c.end - c.p >= 5 && is_digit(c.p[0]) && is_digit(c.p[1]) && is_digit(c.p[2]) &&
         is_digit(c.p[3]) && c.p[4] == '-';
}

}  // namespace

const char* describe(TimestampStatus status) {
  switch (status) {
    case TimestampStatus::ok: return "ok";
    case TimestampStatus::empty: return "empty timestamp";
    case TimestampStatus::unknown_format: return "unknown timestamp format";
    case TimestampStatus::invalid_date: return "invalid date";
    case TimestampStatus::invalid_time: return "invalid time";
    case TimestampStatus::out_of_range: return "timestamp out of supported range";
  }
  return "unknown timestamp status";
}

// The shape of almost every export's timestamps, "YYYY-MM-DDTHH:MM:SSZ" or with ".mmm" before
// the Z, read at fixed positions. Anything else (or any impossible value) returns false and
// goes through the general parser, which also produces the precise error.
bool TimestampParser::parse_common_iso(std::string_view t, int64_t& out) {
  if (t.size() != 20 && t.size() != 24) return false;
  const char* p = t.data();
  if (p[10] != 'T' || p[13] != ':' || p[16] != ':' || t.back() != 'Z') return false;
  uint64_t date_head;
  uint32_t date_tail;
  std::memcpy(&date_head, p, 8);
  std::memcpy(&date_tail, p + 7, 4);
  int64_t midnight;
  if (last_date_millis_ >= 0 && date_head == last_date_head_ && date_tail == last_date_tail_) {
    midnight = last_date_millis_;
  } else {
    if (p[4] != '-' || p[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (!is_digit(p[i])) return false;
    }
    const int64_t year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    const auto month = static_cast<uint32_t>((p[5] - '0') * 10 + (p[6] - '0'));
    const auto day = static_cast<uint32_t>((p[8] - '0') * 10 + (p[9] - '0'));
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
    midnight = days_from_civil(year, month, day) * kMillisPerDay;
    if (midnight < 0) return false;  // the general parser reports the range problem
    last_date_head_ = date_head;
    last_date_tail_ = date_tail;
    last_date_millis_ = midnight;
  }
  for (int i : {11, 12, 14, 15, 17, 18}) {
    if (!is_digit(p[i])) return false;
  }
  uint32_t millis = 0;
  if (t.size() == 24) {
    if (p[19] != '.' || !is_digit(p[20]) || !is_digit(p[21]) || !is_digit(p[22])) return false;
    millis = static_cast<uint32_t>((p[20] - '0') * 100 + (p[21] - '0') * 10 + (p[22] - '0'));
  }
  auto two = [p](int i) { return static_cast<uint32_t>((p[i] - '0') * 10 + (p[i + 1] - '0')); };
  const uint32_t hour = two(11), minute = two(14), second = two(17);
  if (hour > 23 || minute > 59 || second > 59) return false;
  const int64_t ms = midnight + ((hour * 60 + minute) * 60 + second) * int64_t{1000} + millis;
  if (!in_supported_range(ms)) return false;
  out = ms;
  return true;
}

ParsedTimestamp TimestampParser::parse(std::string_view text) {
  int64_t fast = 0;
  if (parse_common_iso(text, fast)) return ParsedTimestamp{TimestampStatus::ok, fast, 0};
  Cursor c{text.data(), text.data(), text.data() + text.size()};
  while (!c.at_end() && is_space(*c.p)) ++c.p;
  while (c.end != c.p && is_space(c.end[-1])) --c.end;
  if (c.at_end()) return failure(TimestampStatus::empty, 0);

  if (looks_like_iso(c)) return parse_iso(c);

  const size_t start = c.offset();
  EpochNumber number;
  if (!read_epoch(c, number)) return failure(TimestampStatus::unknown_format, c.offset());
  // The column's unit is fixed by its first well-formed, non-negative number.
  if (unit_ == EpochUnit::undecided && !number.negative) unit_ = unit_for_digits(number.integer_digits);
  const EpochUnit unit = unit_ != EpochUnit::undecided ? unit_ : unit_for_digits(number.integer_digits);
  return epoch_to_millis(number, unit, start);
}

std::string format_day(int32_t day) {
  int64_t year = 0;
  uint32_t month = 0, dom = 0;
  civil_from_days(day, year, month, dom);
  char buffer[32];
  const int n = std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(year),
                              month, dom);
  return std::string(buffer, static_cast<size_t>(n));
}

std::string format_millis(int64_t millis) {
  // Floor division written so that no int64 value (INT64_MIN included) overflows.
  int64_t day = millis / kMillisPerDay;
  int64_t rest = millis % kMillisPerDay;
  if (rest < 0) {
    rest += kMillisPerDay;
    --day;
  }
  int64_t year = 0;
  uint32_t month = 0, dom = 0;
  civil_from_days(day, year, month, dom);
  const auto ms = static_cast<unsigned>(rest % 1000);
  const auto s = static_cast<unsigned>(rest / 1000 % 60);
  const auto m = static_cast<unsigned>(rest / 60'000 % 60);
  const auto h = static_cast<unsigned>(rest / 3'600'000);
  char buffer[64];
  const int n = std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ",
                              static_cast<long long>(year), month, dom, h, m, s, ms);
  return std::string(buffer, static_cast<size_t>(n));
}

}  // namespace pqlscope
