// The one calendar (pqlscope/io/calendar.hpp) against facts computed independently: the day
// numbers below are Python's `(datetime.date(y, m, d) - datetime.date(1970, 1, 1)).days`, and
// the leap-year rule is the Gregorian one (every 4th year, except centuries not divisible by 400).
#include <gtest/gtest.h>

#include <cstdint>

#include "pqlscope/io/calendar.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

TEST(CalendarTest, DaysFromCivilKnownValues) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2000, 2, 29), 11016);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(2024, 3, 5), 19787);
  EXPECT_EQ(days_from_civil(1900, 3, 1), -25508);
  EXPECT_EQ(days_from_civil(2100, 3, 1), 47541);
  EXPECT_EQ(days_from_civil(2149, 6, 5), 65534);
  EXPECT_EQ(days_from_civil(2149, 6, 6), 65535);
  EXPECT_EQ(days_from_civil(1, 1, 1), -719162);
  EXPECT_EQ(days_from_civil(9999, 12, 31), 2932896);
  // Day 0 of Hinnant's March-based count: 1970-01-01 is 719,468 days after 0000-03-01.
  EXPECT_EQ(days_from_civil(0, 3, 1), -719468);
}

TEST(CalendarTest, SupportedRangeEndsAreTheDocumentedDates) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), kMinSupportedDay);
  EXPECT_EQ(days_from_civil(2149, 6, 5), kMaxSupportedDay);
}

TEST(CalendarTest, LeapYears) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_TRUE(is_leap_year(2000));   // divisible by 400
  EXPECT_FALSE(is_leap_year(1900));  // a century not divisible by 400
  EXPECT_FALSE(is_leap_year(2100));
  EXPECT_FALSE(is_leap_year(2023));
  EXPECT_EQ(days_in_month(2024, 2), 29u);
  EXPECT_EQ(days_in_month(2023, 2), 28u);
  EXPECT_EQ(days_in_month(1900, 2), 28u);
  EXPECT_EQ(days_in_month(2000, 2), 29u);
  EXPECT_EQ(days_in_month(2023, 4), 30u);
  EXPECT_EQ(days_in_month(2023, 12), 31u);
  // The day after Feb 28 is Mar 1 exactly when the year is not leap.
  EXPECT_EQ(days_from_civil(2023, 3, 1) - days_from_civil(2023, 2, 28), 1);
  EXPECT_EQ(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28), 2);
  EXPECT_EQ(days_from_civil(2100, 3, 1) - days_from_civil(2100, 2, 28), 1);
}

TEST(CalendarTest, YearLengthsOverFourCenturies) {
  // 400 Gregorian years hold 97 leap days: 146,097 days.
  EXPECT_EQ(days_from_civil(2400, 1, 1) - days_from_civil(2000, 1, 1), 146097);
  for (int64_t year = 1600; year < 2400; ++year) {
    const int64_t length = days_from_civil(year + 1, 1, 1) - days_from_civil(year, 1, 1);
    ASSERT_EQ(length, is_leap_year(year) ? 366 : 365) << year;
  }
}

TEST(CalendarTest, CivilFromDaysInvertsDaysFromCivil) {
  for (int64_t day = -800'000; day <= 3'000'000; day += 7) {
    int64_t y = 0;
    uint32_t m = 0, d = 0;
    civil_from_days(day, y, m, d);
    ASSERT_GE(m, 1u);
    ASSERT_LE(m, 12u);
    ASSERT_GE(d, 1u);
    ASSERT_LE(d, days_in_month(y, m));
    ASSERT_EQ(days_from_civil(y, m, d), day) << y << '-' << m << '-' << d;
  }
}

TEST(CalendarTest, CivilFromDaysKnownValues) {
  int64_t y = 0;
  uint32_t m = 0, d = 0;
  civil_from_days(65534, y, m, d);
  EXPECT_EQ(y, 2149);
  EXPECT_EQ(m, 6u);
  EXPECT_EQ(d, 5u);
  civil_from_days(-1, y, m, d);
  EXPECT_EQ(y, 1969);
  EXPECT_EQ(m, 12u);
  EXPECT_EQ(d, 31u);
  civil_from_days(11016, y, m, d);
  EXPECT_EQ(y, 2000);
  EXPECT_EQ(m, 2u);
  EXPECT_EQ(d, 29u);
}

static_assert(days_from_civil(1970, 1, 1) == 0, "usable at compile time");

}  // namespace
}  // namespace pqlscope
