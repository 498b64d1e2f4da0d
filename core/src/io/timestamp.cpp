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
// 19 decimal digits always fit in uint64 (nanoseconds up to 2149 need 19); longer epoch
// numbers are out of range anyway.
constexpr int kMaxEpochDigits = 19;

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

bool accept_word(Cursor& c, const char (&word)[4]) {
  if (c.end - c.p < 3) return false;
  for (int i = 0; i < 3; ++i) {
    if ((c.p[i] & ~0x20) != word[i]) return false;  // ASCII upper-casing; word is upper case
  }
  c.p += 3;
  return true;
}

// "Z", "UTC", "GMT", "±hh", "±hhmm" or "±hh:mm", directly or after one space (BigQuery writes
// "... 00:00:00 UTC", psql "... 12:00:00+00", some tools "... 12:00:00 +00:00"); nothing at
// all means UTC.
bool read_zone(Cursor& c, IsoFields& f) {
  if (c.accept(' ') && c.at_end()) return false;  // trailing spaces were trimmed: "x  " cannot be
  if (c.accept('Z') || c.accept('z') || accept_word(c, "UTC") || accept_word(c, "GMT")) return true;
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

// Calendar and clock checks of well-formed fields, then the instant.
ParsedTimestamp fields_to_millis(IsoFields f, size_t start) {
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

ParsedTimestamp parse_iso(Cursor c) {
  const size_t start = c.offset();
  IsoFields f;
  if (!read_iso(c, f)) return failure(TimestampStatus::unknown_format, c.offset());
  return fields_to_millis(f, start);
}

// The syntax of an epoch number: "[-]digits[.f{1,9}]".
struct EpochNumber {
  bool negative = false;
  bool too_long = false;  // more integer digits than uint64 can surely hold
  bool has_fraction = false;
  int integer_digits = 0;
  uint64_t integer = 0;
  uint32_t millis = 0;  // from the fraction, when the unit is seconds
};

bool read_epoch(Cursor& c, EpochNumber& n) {
  n.negative = c.accept('-');
  while (c.peek_digit()) {
    if (n.integer_digits < kMaxEpochDigits) {
      n.integer = n.integer * 10 + static_cast<uint64_t>(*c.p - '0');
    } else {
      n.too_long = true;
    }
    ++n.integer_digits;
    ++c.p;
  }
  if (n.integer_digits == 0) return false;
  n.has_fraction = c.accept('.');
  if (n.has_fraction && !read_fraction(c, n.millis)) return false;
  return c.at_end();
}

ParsedTimestamp epoch_to_millis(const EpochNumber& n, EpochUnit unit, size_t start) {
  if (n.negative || n.too_long) return failure(TimestampStatus::out_of_range, start);
  uint64_t millis = n.integer;  // a fraction of a millisecond is truncated
  switch (unit) {
    case EpochUnit::seconds:
      if (n.integer >= static_cast<uint64_t>(kEndMillis / 1000)) {
        return failure(TimestampStatus::out_of_range, start);
      }
      millis = n.integer * 1000 + n.millis;
      break;
    case EpochUnit::microseconds: millis = n.integer / 1000; break;
    case EpochUnit::nanoseconds: millis = n.integer / 1'000'000; break;
    case EpochUnit::milliseconds:
    case EpochUnit::undecided: break;
  }
  if (millis >= static_cast<uint64_t>(kEndMillis)) return failure(TimestampStatus::out_of_range, start);
  return success(static_cast<int64_t>(millis));
}

// GA4's event_date: exactly eight digits that form a real date of the supported years.
bool compact_date(const EpochNumber& n, int64_t& millis) {
  if (n.integer_digits != 8 || n.has_fraction || n.negative) return false;
  const auto year = static_cast<int64_t>(n.integer / 10000);
  const auto month = static_cast<uint32_t>(n.integer / 100 % 100);
  const auto day = static_cast<uint32_t>(n.integer % 100);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
  millis = days_from_civil(year, month, day) * kMillisPerDay;
  return in_supported_range(millis);
}

// A spreadsheet date "a/b/yyyy" or "a.b.yy" with an optional time "h:mm[:ss[.f]] [AM|PM]".
struct SheetDate {
  IsoFields f;
  uint32_t first = 0, second = 0;
  size_t first_at = 0, second_at = 0;
  char separator = '/';
};

// One or two digits.
bool short_number(Cursor& c, uint32_t& value) {
  if (!c.peek_digit()) return false;
  value = static_cast<uint32_t>(*c.p++ - '0');
  if (c.peek_digit()) value = value * 10 + static_cast<uint32_t>(*c.p++ - '0');
  return true;
}

// Whether the text starts like a spreadsheet date: "d{1,2}S d{1,2}S" with S '/' or '.'.
// Anything else (epoch "1709647629.5") goes on to the epoch reader.
bool looks_like_sheet_date(Cursor c) {
  uint32_t ignored;
  if (!short_number(c, ignored) || !(c.peek('/') || c.peek('.'))) return false;
  const char separator = *c.p++;
  return short_number(c, ignored) && c.peek(separator);
}

bool read_sheet_date(Cursor& c, SheetDate& d) {
  d.first_at = c.offset();
  short_number(c, d.first);
  d.separator = *c.p++;
  d.second_at = c.offset();
  short_number(c, d.second);
  ++c.p;  // the second separator, checked by looks_like_sheet_date
  int year_digits = 0;
  while (c.peek_digit() && year_digits < 5) {
    d.f.year = d.f.year * 10 + static_cast<uint32_t>(*c.p++ - '0');
    ++year_digits;
  }
  if (year_digits == 2) {
    d.f.year += d.f.year < 69 ? 2000 : 1900;  // POSIX strptime %y
  } else if (year_digits != 4) {
    return false;
  }
  if (c.at_end()) return true;
  if (!c.accept(' ') && !c.accept('T')) return false;
  while (c.accept(' ')) {
  }
  d.f.hour_at = c.offset();
  if (!short_number(c, d.f.hour) || !c.accept(':')) return false;
  d.f.minute_at = c.offset();
  if (!c.digits(2, d.f.minute)) return false;
  if (c.accept(':')) {
    d.f.second_at = c.offset();
    if (!c.digits(2, d.f.second)) return false;
    if (c.accept('.') && !read_fraction(c, d.f.millis)) return false;
  }
  if (c.at_end()) return true;
  c.accept(' ');
  const bool pm = c.peek('P') || c.peek('p');
  if (!pm && !c.peek('A') && !c.peek('a')) return false;
  ++c.p;
  if (!c.accept('M') && !c.accept('m')) return false;
  if (!c.at_end()) return false;
  if (d.f.hour < 1 || d.f.hour > 12) {
    d.f.hour = 99;  // "0:30 PM", "13:00 AM": reported as an invalid time by the range checks
  } else {
    d.f.hour = d.f.hour % 12 + (pm ? 12 : 0);
  }
  return true;
}

// "YYYY-" starts an ISO date; anything else starting with a digit or '-' is an epoch number.

bool looks_like_iso(const Cursor& c) {
  return c.end - c.p >= 5 && is_digit(c.p[0]) && is_digit(c.p[1]) && is_digit(c.p[2]) &&
         is_digit(c.p[3]) && c.p[4] == '-';
}

// Slashes: the order is fixed by the mapping, or proven by a part > 12 (and then holds for the
// column), or needless when both parts are equal; otherwise the value is ambiguous. Dots are
// day-first unless the mapping says month-first. The column's order changes only once a
// value is a real date, so an impossible value proves nothing.
ParsedTimestamp parse_sheet_date(Cursor c, DateOrder& column_order, bool order_fixed) {
  const size_t start = c.offset();
  SheetDate d;
  if (!read_sheet_date(c, d)) return failure(TimestampStatus::unknown_format, c.offset());
  DateOrder use = DateOrder::day_first;
  DateOrder proven = DateOrder::undecided;
  if (order_fixed) {
    use = column_order;
  } else if (d.separator == '.') {
    use = DateOrder::day_first;
  } else {
    if (d.first > 12 && d.second <= 12) proven = DateOrder::day_first;
    if (d.second > 12 && d.first <= 12) proven = DateOrder::month_first;
    if (proven != DateOrder::undecided) {
      if (column_order != DateOrder::undecided && column_order != proven) {
        return failure(TimestampStatus::conflicting_date_order, start);
      }
      use = proven;
    } else if (column_order != DateOrder::undecided) {
      use = column_order;
    } else if (d.first != d.second && d.first <= 12 && d.second <= 12) {
      return failure(TimestampStatus::ambiguous_date, start);
    }
  }
  const bool month_first = use == DateOrder::month_first;
  d.f.month = month_first ? d.first : d.second;
  d.f.day = month_first ? d.second : d.first;
  d.f.month_at = month_first ? d.first_at : d.second_at;
  d.f.day_at = month_first ? d.second_at : d.first_at;
  const ParsedTimestamp result = fields_to_millis(d.f, start);
  if (result.status == TimestampStatus::ok && proven != DateOrder::undecided) column_order = proven;
  return result;
}

}  // namespace

EpochUnit epoch_unit_for_digits(int integer_digits) {
  if (integer_digits <= 11) return EpochUnit::seconds;
  if (integer_digits <= 14) return EpochUnit::milliseconds;
  if (integer_digits <= 17) return EpochUnit::microseconds;
  return EpochUnit::nanoseconds;
}

EpochUnit parse_epoch_unit(std::string_view name) {
  if (name == "s") return EpochUnit::seconds;
  if (name == "ms") return EpochUnit::milliseconds;
  if (name == "us") return EpochUnit::microseconds;
  if (name == "ns") return EpochUnit::nanoseconds;
  return EpochUnit::undecided;
}

const char* epoch_unit_name(EpochUnit unit) {
  switch (unit) {
    case EpochUnit::seconds: return "s";
    case EpochUnit::milliseconds: return "ms";
    case EpochUnit::microseconds: return "us";
    case EpochUnit::nanoseconds: return "ns";
    case EpochUnit::undecided: break;
  }
  return "auto";
}

DateOrder parse_date_order(std::string_view name) {
  if (name == "mdy") return DateOrder::month_first;
  if (name == "dmy") return DateOrder::day_first;
  return DateOrder::undecided;
}

const char* date_order_name(DateOrder order) {
  switch (order) {
    case DateOrder::month_first: return "mdy";
    case DateOrder::day_first: return "dmy";
    case DateOrder::undecided: break;
  }
  return "auto";
}

const char* describe(TimestampStatus status) {
  switch (status) {
    case TimestampStatus::ok: return "ok";
    case TimestampStatus::empty: return "empty timestamp";
    case TimestampStatus::unknown_format: return "unknown timestamp format";
    case TimestampStatus::invalid_date: return "invalid date";
    case TimestampStatus::invalid_time: return "invalid time";
    case TimestampStatus::out_of_range: return "timestamp out of supported range";
    case TimestampStatus::ambiguous_date:
      return "ambiguous date (day/month or month/day: no value so far has a part above 12; "
             "give --date-order mdy or dmy)";
    case TimestampStatus::conflicting_date_order:
      return "date order contradicts earlier values of the column (day/month and month/day "
             "both seen; give --date-order mdy or dmy)";
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
  if (looks_like_sheet_date(c)) return parse_sheet_date(c, order_, order_fixed_);

  const size_t start = c.offset();
  EpochNumber number;
  if (!read_epoch(c, number)) return failure(TimestampStatus::unknown_format, c.offset());
  int64_t day_millis = 0;
  if (!unit_fixed_ && compact_date(number, day_millis)) return success(day_millis);
  // The column's unit is fixed by its first well-formed, non-negative number.
  if (unit_ == EpochUnit::undecided && !number.negative) unit_ = epoch_unit_for_digits(number.integer_digits);
  const EpochUnit unit = unit_ != EpochUnit::undecided ? unit_ : epoch_unit_for_digits(number.integer_digits);
  return epoch_to_millis(number, unit, start);
}

DateOrderEvidence date_order_from_sample(const std::vector<std::string>& values) {
  DateOrderEvidence e;
  for (const std::string& v : values) {
    Cursor c{v.data(), v.data(), v.data() + v.size()};
    while (!c.at_end() && is_space(*c.p)) ++c.p;
    while (c.end != c.p && is_space(c.end[-1])) --c.end;
    if (!looks_like_sheet_date(c) || v.find('/') == std::string::npos) continue;
    ++e.slash_dates;
    // Each value on its own: a fresh parser proves an order only with a real date.
    DateOrder proven = DateOrder::undecided;
    parse_sheet_date(c, proven, false);
    if (proven == DateOrder::day_first && e.day_first++ == 0) e.day_first_example = v;
    if (proven == DateOrder::month_first && e.month_first++ == 0) e.month_first_example = v;
  }
  if (e.day_first > 0 && e.month_first == 0) e.order = DateOrder::day_first;
  if (e.month_first > 0 && e.day_first == 0) e.order = DateOrder::month_first;
  return e;
}

std::string DateOrderEvidence::reason() const {
  if (slash_dates == 0) return "";
  const std::string of = std::to_string(slash_dates) + " sampled dates";
  if (order == DateOrder::day_first) {
    return "day/month: " + std::to_string(day_first) + " of " + of + " (such as '" + day_first_example +
           "') have a first part above 12, none a second part above 12";
  }
  if (order == DateOrder::month_first) {
    return "month/day: " + std::to_string(month_first) + " of " + of + " (such as '" + month_first_example +
           "') have a second part above 12, none a first part above 12";
  }
  if (day_first > 0) {
    return "undecided: the sample holds both orders ('" + day_first_example + "' is day/month, '" +
           month_first_example + "' month/day); give --date-order";
  }
  return "undecided: none of the " + of +
         " has a part above 12; a later value may prove the order, rows before it are ambiguous_date; give --date-order";
}

std::string format_day(int32_t day) {
  int64_t year = 0;
  uint32_t month = 0, dom = 0;
  civil_from_days(day, year, month, dom);
  if (year >= 0 && year <= 9999) {
    // Written digit by digit, not by snprintf: a not-converted trial's reason formats two days,
    // for thousands of members per re-score (docs/performance-round-16.md).
    const auto y = static_cast<uint32_t>(year);
    const char text[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                           static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                           static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10), '-',
                           static_cast<char>('0' + dom / 10), static_cast<char>('0' + dom % 10)};
    return std::string(text, sizeof text);
  }
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
