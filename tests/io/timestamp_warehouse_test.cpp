// Timestamps as warehouses, analytics exports and spreadsheets write them. Expected instants
// are known facts, not the parser's output: 2019-10-01T00:00:00Z is 1569888000 s and
// 2024-01-01T00:00:00Z is 1704067200 s (both as `date -u -d ... +%s` prints them);
// 2024-03-01 is 60 days later (31 January days + 29 February days of a leap year).
#include <gtest/gtest.h>

#include <string_view>

#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

using Status = TimestampStatus;

constexpr int64_t k2019_10_01 = 1569888000000;
constexpr int64_t k2024_01_01 = 1704067200000;
constexpr int64_t k2024_03_01 = k2024_01_01 + 60 * kMillisPerDay;
constexpr int64_t kHour = 3'600'000;
constexpr int64_t kMinute = 60'000;

::testing::AssertionResult reads(TimestampParser& parser, std::string_view text, int64_t millis) {
  const ParsedTimestamp r = parser.parse(text);
  if (r.status == Status::ok && r.millis == millis) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << '"' << text << "\" gave " << describe(r.status) << " millis "
                                       << r.millis << ", expected " << millis;
}

::testing::AssertionResult reads(std::string_view text, int64_t millis) {
  TimestampParser fresh;
  return reads(fresh, text, millis);
}

Status status_of(TimestampParser& parser, std::string_view text) { return parser.parse(text).status; }

// BigQuery writes a TIMESTAMP in CSV as "2019-10-01 00:00:00 UTC" (with fractions when the
// value has them); psql prints timestamptz as "2024-01-01 12:00:00+00" or with ".123456+00";
// Redshift and other tools put a space before the offset; Snowflake's default output has no
// zone ("2024-01-01 12:00:00.000", NTZ: read as UTC) or " Z".
TEST(TimestampWarehouseTest, ZoneSuffixesOfWarehouseExports) {
  EXPECT_TRUE(reads("2019-10-01 00:00:00 UTC", k2019_10_01));
  EXPECT_TRUE(reads("2019-10-01 00:00:00.250 UTC", k2019_10_01 + 250));
  EXPECT_TRUE(reads("2019-10-01 00:00:00.123456 UTC", k2019_10_01 + 123));
  EXPECT_TRUE(reads("2019-10-01 00:00:00UTC", k2019_10_01));
  EXPECT_TRUE(reads("2019-10-01 00:00:00 utc", k2019_10_01));
  EXPECT_TRUE(reads("2019-10-01 00:00:00 GMT", k2019_10_01));
  EXPECT_TRUE(reads("2024-01-01 12:00:00+00", k2024_01_01 + 12 * kHour));
  EXPECT_TRUE(reads("2024-01-01 12:00:00+0000", k2024_01_01 + 12 * kHour));
  EXPECT_TRUE(reads("2024-01-01 12:00:00+00:00", k2024_01_01 + 12 * kHour));
  EXPECT_TRUE(reads("2024-01-01 12:00:00.123456+00:00", k2024_01_01 + 12 * kHour + 123));
  EXPECT_TRUE(reads("2024-01-01 12:00:00 +00", k2024_01_01 + 12 * kHour));
  EXPECT_TRUE(reads("2024-01-01 12:00:00 +0000", k2024_01_01 + 12 * kHour));
  EXPECT_TRUE(reads("2024-01-01 12:00:00.5 +00:00", k2024_01_01 + 12 * kHour + 500));
  EXPECT_TRUE(reads("2024-01-01 12:00:00 +05:30", k2024_01_01 + 6 * kHour + 30 * kMinute));
  EXPECT_TRUE(reads("2024-01-01 12:00:00 -08", k2024_01_01 + 20 * kHour));
  EXPECT_TRUE(reads("2024-01-01 12:00:00.000", k2024_01_01 + 12 * kHour));
  EXPECT_TRUE(reads("2024-01-01 12:00:00.000 Z", k2024_01_01 + 12 * kHour));
  EXPECT_TRUE(reads("2024-01-01 12:00:00.123456789 Z", k2024_01_01 + 12 * kHour + 123));
  EXPECT_TRUE(reads("2024-01-01T12:00 UTC", k2024_01_01 + 12 * kHour));
}

TEST(TimestampWarehouseTest, MalformedZoneSuffixesAreUnknownFormat) {
  TimestampParser p;
  EXPECT_EQ(status_of(p, "2019-10-01 00:00:00 UT"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "2019-10-01 00:00:00 UTCX"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "2019-10-01 00:00:00 CET"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "2019-10-01 00:00:00 +0"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "2019-10-01 UTC"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "2019-10-01 00:00:00 +25:00"), Status::invalid_time);
}

// The epoch unit comes from the digit count of the column's first number. Every unit has its
// own band over 1973..2149: seconds <= 11 digits, milliseconds 12-14, microseconds 15-17
// (GA4's event_timestamp), nanoseconds >= 18.
TEST(TimestampEpochBandsTest, DigitCountDecidesTheUnit) {
  EXPECT_EQ(epoch_unit_for_digits(10), EpochUnit::seconds);
  EXPECT_EQ(epoch_unit_for_digits(11), EpochUnit::seconds);
  EXPECT_EQ(epoch_unit_for_digits(12), EpochUnit::milliseconds);
  EXPECT_EQ(epoch_unit_for_digits(14), EpochUnit::milliseconds);
  EXPECT_EQ(epoch_unit_for_digits(15), EpochUnit::microseconds);
  EXPECT_EQ(epoch_unit_for_digits(17), EpochUnit::microseconds);
  EXPECT_EQ(epoch_unit_for_digits(18), EpochUnit::nanoseconds);
  EXPECT_EQ(epoch_unit_for_digits(19), EpochUnit::nanoseconds);
}

TEST(TimestampEpochBandsTest, ReadsEachUnitOfTheSameInstant) {
  EXPECT_TRUE(reads("1569888000", k2019_10_01));
  EXPECT_TRUE(reads("1569888000123", k2019_10_01 + 123));
  EXPECT_TRUE(reads("1569888000123456", k2019_10_01 + 123));     // GA4 event_timestamp
  EXPECT_TRUE(reads("1569888000123456789", k2019_10_01 + 123));  // 19 digits, nanoseconds
  TimestampParser micro;
  EXPECT_TRUE(reads(micro, "1569888000999999", k2019_10_01 + 999));
  EXPECT_EQ(micro.epoch_unit(), EpochUnit::microseconds);
  // 1e14 microseconds (15 digits) is 1973-03-03T09:46:40Z, as 1e11 seconds / 1000.
  EXPECT_TRUE(reads(micro, "100000000000000", 100000000000));
  TimestampParser nano;
  EXPECT_TRUE(reads(nano, "100000000000000000", 100000000000));  // 18 digits
  EXPECT_EQ(nano.epoch_unit(), EpochUnit::nanoseconds);
}

TEST(TimestampEpochBandsTest, OutOfRangeNanosecondsAndTwentyDigits) {
  TimestampParser p;
  // 2150-01-01 in nanoseconds is past the supported range (ends 2149-06-05).
  EXPECT_EQ(status_of(p, "5680281600000000000"), Status::out_of_range);
  EXPECT_EQ(status_of(p, "9999999999999999999"), Status::out_of_range);
  EXPECT_EQ(status_of(p, "12345678901234567890"), Status::out_of_range);
}

TEST(TimestampEpochBandsTest, ExplicitUnitsAndTheirNames) {
  EXPECT_EQ(parse_epoch_unit("us"), EpochUnit::microseconds);
  EXPECT_EQ(parse_epoch_unit("ns"), EpochUnit::nanoseconds);
  EXPECT_EQ(parse_epoch_unit("s"), EpochUnit::seconds);
  EXPECT_EQ(parse_epoch_unit("ms"), EpochUnit::milliseconds);
  EXPECT_EQ(parse_epoch_unit("sec"), EpochUnit::undecided);
  EXPECT_STREQ(epoch_unit_name(EpochUnit::microseconds), "us");
  TimestampParser forced;
  forced.set_epoch_unit(EpochUnit::microseconds);
  EXPECT_TRUE(reads(forced, "1569888000000", k2019_10_01 / 1000));  // 13 digits read as us
  forced.set_epoch_unit(EpochUnit::nanoseconds);
  EXPECT_TRUE(reads(forced, "1569888000000000000", k2019_10_01));
}

// GA4's BigQuery export has event_date as "YYYYMMDD" (a STRING).
TEST(TimestampCompactDateTest, EightDigitDatesAreDays) {
  TimestampParser p;
  EXPECT_TRUE(reads(p, "20191001", k2019_10_01));
  EXPECT_TRUE(reads(p, "20240301", k2024_03_01));
  EXPECT_EQ(p.epoch_unit(), EpochUnit::undecided);  // a date decides no epoch unit
  // Not a real date: an epoch number (seconds) like any other 8-digit number.
  EXPECT_TRUE(reads("20241301", int64_t{20241301} * 1000));
  EXPECT_TRUE(reads("20240230", int64_t{20240230} * 1000));
  TimestampParser forced;
  forced.set_epoch_unit(EpochUnit::seconds);
  EXPECT_TRUE(reads(forced, "20191001", int64_t{20191001} * 1000));
}

// Spreadsheet dates. 2024-03-01 14:30 UTC is k2024_03_01 + 14.5 h.
TEST(TimestampSheetDateTest, DayFirstProvenByTheFirstPart) {
  TimestampParser p;
  EXPECT_EQ(status_of(p, "01/03/2024 14:30"), Status::ambiguous_date);
  EXPECT_EQ(p.date_order(), DateOrder::undecided);
  EXPECT_TRUE(reads(p, "13/03/2024 14:30", k2024_03_01 + 12 * kMillisPerDay + 14 * kHour + 30 * kMinute));
  EXPECT_EQ(p.date_order(), DateOrder::day_first);
  EXPECT_TRUE(reads(p, "01/03/2024 14:30", k2024_03_01 + 14 * kHour + 30 * kMinute));
  EXPECT_TRUE(reads(p, "1/3/2024", k2024_03_01));
  EXPECT_EQ(status_of(p, "03/13/2024"), Status::conflicting_date_order);
  EXPECT_EQ(p.date_order(), DateOrder::day_first);
}

TEST(TimestampSheetDateTest, MonthFirstProvenByTheSecondPart) {
  TimestampParser p;
  EXPECT_TRUE(reads(p, "3/15/2024 14:30", k2024_03_01 + 14 * kMillisPerDay + 14 * kHour + 30 * kMinute));
  EXPECT_EQ(p.date_order(), DateOrder::month_first);
  EXPECT_TRUE(reads(p, "3/1/2024 14:30", k2024_03_01 + 14 * kHour + 30 * kMinute));
  EXPECT_TRUE(reads(p, "03/01/2024 14:30:05", k2024_03_01 + 14 * kHour + 30 * kMinute + 5000));
  EXPECT_TRUE(reads(p, "3/1/2024 2:30 PM", k2024_03_01 + 14 * kHour + 30 * kMinute));
  EXPECT_TRUE(reads(p, "3/1/2024 12:05 am", k2024_03_01 + 5 * kMinute));
  EXPECT_TRUE(reads(p, "3/1/24 14:30", k2024_03_01 + 14 * kHour + 30 * kMinute));
  EXPECT_EQ(status_of(p, "15/03/2024"), Status::conflicting_date_order);
}

TEST(TimestampSheetDateTest, EqualPartsNeedNoOrder) {
  TimestampParser p;
  EXPECT_TRUE(reads(p, "3/3/2024", k2024_03_01 + 2 * kMillisPerDay));
  EXPECT_EQ(p.date_order(), DateOrder::undecided);
}

TEST(TimestampSheetDateTest, ImpossibleValuesProveNothing) {
  TimestampParser p;
  EXPECT_EQ(status_of(p, "2/30/2024"), Status::invalid_date);  // no month 30, no Feb 30
  EXPECT_EQ(p.date_order(), DateOrder::undecided);
  EXPECT_EQ(status_of(p, "13/13/2024"), Status::invalid_date);
  EXPECT_EQ(status_of(p, "3/3/2024 25:00"), Status::invalid_time);
  EXPECT_EQ(status_of(p, "3/3/2024 13:00 PM"), Status::invalid_time);
  EXPECT_EQ(p.date_order(), DateOrder::undecided);
}

TEST(TimestampSheetDateTest, TheMappingFixesTheOrder) {
  TimestampParser mdy;
  mdy.set_date_order(parse_date_order("mdy"));
  EXPECT_TRUE(reads(mdy, "03/01/2024 14:30", k2024_03_01 + 14 * kHour + 30 * kMinute));
  EXPECT_EQ(status_of(mdy, "13/01/2024"), Status::invalid_date);  // month 13, not a conflict
  TimestampParser dmy;
  dmy.set_date_order(parse_date_order("dmy"));
  EXPECT_TRUE(reads(dmy, "01/03/2024 14:30", k2024_03_01 + 14 * kHour + 30 * kMinute));
  EXPECT_EQ(parse_date_order("ymd"), DateOrder::undecided);
  EXPECT_STREQ(date_order_name(DateOrder::day_first), "dmy");
}

TEST(TimestampSheetDateTest, DottedDatesAreDayFirst) {
  TimestampParser p;
  EXPECT_TRUE(reads(p, "01.03.2024 14:30", k2024_03_01 + 14 * kHour + 30 * kMinute));
  EXPECT_TRUE(reads(p, "1.3.2024", k2024_03_01));
  EXPECT_EQ(status_of(p, "03.13.2024"), Status::invalid_date);
}

TEST(TimestampSheetDateTest, MalformedSheetDates) {
  TimestampParser p;
  p.set_date_order(DateOrder::month_first);
  EXPECT_EQ(status_of(p, "3/1/202"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "3/1/20245"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "3/1.2024"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "3/1/2024 14"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "3/1/2024 14:3"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "3/1/2024 2:30 XM"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "3/1/2024 2:30 PMX"), Status::unknown_format);
  EXPECT_EQ(status_of(p, "123/1/2024"), Status::unknown_format);
  // An epoch number with a fraction is not a date.
  TimestampParser epoch;
  EXPECT_TRUE(reads(epoch, "1569888000.5", k2019_10_01 + 500));
}

TEST(TimestampSheetDateTest, ObservedSampleDecidesBeforeRowsAreMapped) {
  TimestampParser p;
  EXPECT_TRUE(p.observe("01/03/2024"));  // ambiguous: no decision, no error
  EXPECT_TRUE(p.observe("25/03/2024"));
  EXPECT_EQ(p.date_order(), DateOrder::day_first);
  EXPECT_FALSE(p.observe("03/25/2024"));
  EXPECT_TRUE(reads(p, "01/03/2024", k2024_03_01));
}

}  // namespace
}  // namespace pqlscope
