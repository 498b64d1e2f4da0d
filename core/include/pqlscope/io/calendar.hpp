// The proleptic Gregorian calendar as day numbers: days since 1970-01-01 (negative before).
//
// The one copy of the date arithmetic in the repository: the timestamp parser, the model's
// dates, the example generator and the tests all call these. Header-only (constexpr) so that
// the generator, which links nothing of the core on purpose, can share it too. 64-bit
// throughout so that no year a parser can read overflows.
//
// The algorithms are Howard Hinnant's public-domain "days_from_civil" / "civil_from_days"
// ("chrono-Compatible Low-Level Date Algorithms"): the year is shifted to start on March 1st
// so that the leap day is the last day of its year, then counted in 400-year eras of
// 146,097 days. 719,468 is the day number of 1970-01-01 counted from 0000-03-01.
#pragma once

#include <cstdint>

namespace pqlscope {

constexpr bool is_leap_year(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

// month in [1, 12]
constexpr uint32_t days_in_month(int64_t year, uint32_t month) {
  constexpr uint8_t kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29u : kDays[month - 1];
}

// month in [1, 12], day in [1, days_in_month]: validate before calling.
constexpr int64_t days_from_civil(int64_t year, uint32_t month, uint32_t day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;                                       // [0, 399]
  const int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;  // [0, 365]
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

constexpr void civil_from_days(int64_t days, int64_t& year, uint32_t& month, uint32_t& day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;                                     // [0, 146096]
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;  // [0, 399]
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;                       // [0, 11]
  day = static_cast<uint32_t>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  month = static_cast<uint32_t>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  year = year_of_era + era * 400 + (month <= 2);
}

}  // namespace pqlscope
