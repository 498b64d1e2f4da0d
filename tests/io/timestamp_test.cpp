#include "pqlscope/io/timestamp.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <string_view>

namespace pqlscope {
namespace {

using Status = TimestampStatus;

constexpr int64_t kEndMillis = (int64_t{kMaxSupportedDay} + 1) * kMillisPerDay;

// 2024-03-05T14:07:09Z, computed independently: 19787 days * 86400 + 14:07:09.
constexpr int64_t kSample = 1709647629000;

ParsedTimestamp parse_fresh(std::string_view text) {
  TimestampParser parser;
  return parser.parse(text);
}

::testing::AssertionResult parses_to(std::string_view text, int64_t millis) {
  const ParsedTimestamp r = parse_fresh(text);
  if (r.status == Status::ok && r.millis == millis) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << '"' << text << "\" gave status " << describe(r.status)
                                       << " millis " << r.millis << " offset " << r.error_offset
                                       << ", expected " << millis;
}

::testing::AssertionResult fails_with(std::string_view text, Status status, uint32_t offset) {
  const ParsedTimestamp r = parse_fresh(text);
  if (r.status == status && r.error_offset == offset) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << '"' << text << "\" gave status " << describe(r.status)
                                       << " offset " << r.error_offset << ", expected "
                                       << describe(status) << " at " << offset;
}

// timegm over plain fields; the reference the parser is compared with.
int64_t reference_seconds(int year, int month, int day, int hour, int minute, int second) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<int64_t>(timegm(&tm));
}

// timegm carries Feb 30 over into March: a date is real iff gmtime gives it back unchanged.
// (Emscripten's timegm does not normalise its argument in place, hence the gmtime_r.)
bool reference_valid_date(int year, int month, int day) {
  const auto t = static_cast<std::time_t>(reference_seconds(year, month, day, 12, 0, 0));
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return false;
  return tm.tm_year == year - 1900 && tm.tm_mon == month - 1 && tm.tm_mday == day;
}

// Emscripten 3.1.6 has a 32-bit time_t, so there the reference only reaches 2038-01-19.
int last_reference_year() { return sizeof(std::time_t) >= 8 ? 2150 : 2037; }

// ---------------------------------------------------------------------------------------------
// Accepted forms

TEST(TimestampParserTest, AcceptsDateOnlyAsMidnightUtc) {
  EXPECT_TRUE(parses_to("2024-03-05", 1709596800000));
  EXPECT_TRUE(parses_to("1970-01-01", 0));
}

TEST(TimestampParserTest, AcceptsIsoWithEverySeparator) {
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09Z", kSample));
  EXPECT_TRUE(parses_to("2024-03-05t14:07:09z", kSample));
  EXPECT_TRUE(parses_to("2024-03-05 14:07:09Z", kSample));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09", kSample));
  EXPECT_TRUE(parses_to("2024-03-05 14:07:09", kSample));
}

TEST(TimestampParserTest, AcceptsSecondsOmitted) {
  EXPECT_TRUE(parses_to("2024-03-05T14:07", kSample - 9000));
  EXPECT_TRUE(parses_to("2024-03-05T14:07Z", kSample - 9000));
  EXPECT_TRUE(parses_to("2024-03-05 14:07+01:00", kSample - 9000 - 3'600'000));
}

TEST(TimestampParserTest, AcceptsEveryZoneForm) {
  const int64_t plus_0530 = (5 * 60 + 30) * 60'000;
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09+05:30", kSample - plus_0530));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09+0530", kSample - plus_0530));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09-05:30", kSample + plus_0530));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09-0530", kSample + plus_0530));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09+05", kSample - 5 * 3'600'000));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09-05", kSample + 5 * 3'600'000));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09+00:00", kSample));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09-00", kSample));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09+23:59", kSample - (23 * 60 + 59) * 60'000));
  EXPECT_TRUE(parses_to("2024-03-05 14:07:09.123456+02:00", kSample + 123 - 2 * 3'600'000));
}

TEST(TimestampParserTest, AcceptsOneToNineFractionDigits) {
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09.1Z", kSample + 100));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09.12Z", kSample + 120));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09.123Z", kSample + 123));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09.1234Z", kSample + 123));
  EXPECT_TRUE(parses_to("2024-03-05 14:07:09.123456", kSample + 123));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09.123456789Z", kSample + 123));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09.000Z", kSample));
}

TEST(TimestampParserTest, TruncatesFractionsTowardTheEarlierMillisecond) {
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09.999999999Z", kSample + 999));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09.0009Z", kSample));
  EXPECT_TRUE(parses_to("2024-03-05T14:07:09.0019+01:00", kSample + 1 - 3'600'000));
}

TEST(TimestampParserTest, FoldsLeapSecondIntoTheLastMillisecond) {
  EXPECT_TRUE(parses_to("2016-12-31T23:59:60Z", reference_seconds(2016, 12, 31, 23, 59, 59) * 1000 + 999));
  EXPECT_TRUE(parses_to("2016-12-31T23:59:60.5Z", reference_seconds(2016, 12, 31, 23, 59, 59) * 1000 + 999));
  EXPECT_TRUE(parses_to("2017-01-01T00:59:60+01:00", reference_seconds(2016, 12, 31, 23, 59, 59) * 1000 + 999));
}

TEST(TimestampParserTest, IgnoresSurroundingSpaces) {
  EXPECT_TRUE(parses_to("  2024-03-05T14:07:09Z  ", kSample));
  EXPECT_TRUE(parses_to("\t2024-03-05 14:07:09\r\n", kSample));
  EXPECT_TRUE(parses_to(" 1709647629 ", kSample));
}

TEST(TimestampParserTest, ReadsEpochSecondsAndMilliseconds) {
  EXPECT_TRUE(parses_to("1709647629", kSample));
  EXPECT_TRUE(parses_to("1709647629.123", kSample + 123));
  EXPECT_TRUE(parses_to("1709647629.1", kSample + 100));
  EXPECT_TRUE(parses_to("1709647629.123999999", kSample + 123));
  EXPECT_TRUE(parses_to("1709647629123", kSample + 123));
  EXPECT_TRUE(parses_to("0", 0));
}

// ---------------------------------------------------------------------------------------------
// Epoch unit, decided per parser (one parser per column)

TEST(TimestampEpochUnitTest, FirstValueWithElevenDigitsOrFewerMeansSeconds) {
  TimestampParser parser;
  EXPECT_EQ(parser.epoch_unit(), EpochUnit::undecided);
  EXPECT_EQ(parser.parse("1709647629").millis, kSample);
  EXPECT_EQ(parser.epoch_unit(), EpochUnit::seconds);
  // A later short value stays in seconds...
  EXPECT_EQ(parser.parse("86400").millis, kMillisPerDay);
  // ...and a later long value is still read as seconds, which puts it out of range.
  const ParsedTimestamp r = parser.parse("1709647629123");
  EXPECT_EQ(r.status, Status::out_of_range);
  EXPECT_EQ(r.error_offset, 0u);
  EXPECT_EQ(parser.epoch_unit(), EpochUnit::seconds);
}

TEST(TimestampEpochUnitTest, FirstValueWithTwelveDigitsOrMoreMeansMilliseconds) {
  TimestampParser parser;
  EXPECT_EQ(parser.parse("100000000000").millis, 100000000000);  // 12 digits
  EXPECT_EQ(parser.epoch_unit(), EpochUnit::milliseconds);
  // A later short value is read in milliseconds too.
  EXPECT_EQ(parser.parse("1709647629").millis, 1709647629);
  EXPECT_EQ(parser.parse("86400000").millis, kMillisPerDay);
  EXPECT_EQ(parser.parse("1709647629123.9").millis, kSample + 123);
}

TEST(TimestampEpochUnitTest, ElevenDigitsDecideSeconds) {
  TimestampParser parser;
  EXPECT_EQ(parser.parse("10000000000").status, Status::out_of_range);  // year 2286
  EXPECT_EQ(parser.epoch_unit(), EpochUnit::seconds);
}

TEST(TimestampEpochUnitTest, EachParserDecidesOnItsOwn) {
  TimestampParser seconds_column;
  TimestampParser millis_column;
  EXPECT_TRUE(seconds_column.parse("1709647629").status == Status::ok);
  EXPECT_TRUE(millis_column.parse("1709647629123").status == Status::ok);
  EXPECT_EQ(seconds_column.epoch_unit(), EpochUnit::seconds);
  EXPECT_EQ(millis_column.epoch_unit(), EpochUnit::milliseconds);
  EXPECT_EQ(millis_column.parse("1000").millis, 1000);
  EXPECT_EQ(seconds_column.parse("1000").millis, 1'000'000);
}

TEST(TimestampEpochUnitTest, TextualValuesAndErrorsDoNotDecide) {
  TimestampParser parser;
  EXPECT_EQ(parser.parse("2024-03-05T14:07:09Z").millis, kSample);
  EXPECT_EQ(parser.parse("-1709647629123").status, Status::out_of_range);
  EXPECT_EQ(parser.parse("17096x").status, Status::unknown_format);
  EXPECT_EQ(parser.parse("").status, Status::empty);
  EXPECT_EQ(parser.epoch_unit(), EpochUnit::undecided);
  EXPECT_EQ(parser.parse("1709647629").millis, kSample);
  EXPECT_EQ(parser.epoch_unit(), EpochUnit::seconds);
}

TEST(TimestampEpochUnitTest, ExplicitUnitOverridesTheDigitCount) {
  TimestampParser parser;
  parser.set_epoch_unit(EpochUnit::milliseconds);
  EXPECT_EQ(parser.parse("1709647629").millis, 1709647629);
  parser.set_epoch_unit(EpochUnit::seconds);
  EXPECT_EQ(parser.parse("1709647629").millis, kSample);
  EXPECT_EQ(parser.parse("1709647629123").status, Status::out_of_range);
}

// ---------------------------------------------------------------------------------------------
// Errors and their offsets

TEST(TimestampErrorTest, EmptyOrOnlySpaces) {
  EXPECT_TRUE(fails_with("", Status::empty, 0));
  EXPECT_TRUE(fails_with("   ", Status::empty, 0));
  EXPECT_TRUE(fails_with(" \t\r\n", Status::empty, 0));
}

TEST(TimestampErrorTest, UnknownFormatPointsAtTheFirstBadByte) {
  EXPECT_TRUE(fails_with("abc", Status::unknown_format, 0));
  EXPECT_TRUE(fails_with("  abc", Status::unknown_format, 2));
  EXPECT_TRUE(fails_with("2024-01-01x", Status::unknown_format, 10));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00Zjunk", Status::unknown_format, 20));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00Z junk", Status::unknown_format, 20));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00+01:00x", Status::unknown_format, 25));
  EXPECT_TRUE(fails_with("2024/01/01", Status::unknown_format, 4));
  EXPECT_TRUE(fails_with("2024-1-01", Status::unknown_format, 6));
  EXPECT_TRUE(fails_with("2024-01-1", Status::unknown_format, 9));
  EXPECT_TRUE(fails_with("2024-01", Status::unknown_format, 7));
  EXPECT_TRUE(fails_with("2024-01-01X10:00", Status::unknown_format, 10));
  EXPECT_TRUE(fails_with("2024-01-01  10:00", Status::unknown_format, 11));
  EXPECT_TRUE(fails_with("2024-01-01T", Status::unknown_format, 11));
  EXPECT_TRUE(fails_with("2024-01-01T1:00", Status::unknown_format, 12));
  EXPECT_TRUE(fails_with("2024-01-01T10", Status::unknown_format, 13));
  EXPECT_TRUE(fails_with("2024-01-01T10:0", Status::unknown_format, 15));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:", Status::unknown_format, 17));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:0", Status::unknown_format, 18));
  EXPECT_TRUE(fails_with("2024-01-01T10:00.5", Status::unknown_format, 16));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00.", Status::unknown_format, 20));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00.Z", Status::unknown_format, 20));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00.1234567890Z", Status::unknown_format, 29));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00+", Status::unknown_format, 20));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00+1", Status::unknown_format, 21));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00+01:", Status::unknown_format, 23));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00+01:0", Status::unknown_format, 24));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00+010", Status::unknown_format, 23));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00  +01:00", Status::unknown_format, 20));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00 UT", Status::unknown_format, 20));
  EXPECT_TRUE(fails_with("2024-01-01T10:00:00ZZ", Status::unknown_format, 20));
  EXPECT_TRUE(fails_with("+2024-01-01", Status::unknown_format, 0));
  EXPECT_TRUE(fails_with("12024-01-01", Status::unknown_format, 5));
}

TEST(TimestampErrorTest, UnknownFormatInEpochNumbers) {
  EXPECT_TRUE(fails_with("+1709647629", Status::unknown_format, 0));
  EXPECT_TRUE(fails_with("-", Status::unknown_format, 1));
  EXPECT_TRUE(fails_with("-x", Status::unknown_format, 1));
  EXPECT_TRUE(fails_with(".5", Status::unknown_format, 0));
  EXPECT_TRUE(fails_with("1709647629.", Status::unknown_format, 11));
  EXPECT_TRUE(fails_with("1709647629.1234567891", Status::unknown_format, 20));
  EXPECT_TRUE(fails_with("1709647629x", Status::unknown_format, 10));
  EXPECT_TRUE(fails_with("1709647629 5", Status::unknown_format, 10));
  EXPECT_TRUE(fails_with("1709647629.5.5", Status::unknown_format, 12));
  EXPECT_TRUE(fails_with("1e9", Status::unknown_format, 1));
  EXPECT_TRUE(fails_with("-2024-01-01", Status::unknown_format, 5));
}

TEST(TimestampErrorTest, InvalidDatePointsAtTheField) {
  EXPECT_TRUE(fails_with("2024-00-10", Status::invalid_date, 5));
  EXPECT_TRUE(fails_with("2024-13-10", Status::invalid_date, 5));
  EXPECT_TRUE(fails_with("2024-01-00", Status::invalid_date, 8));
  EXPECT_TRUE(fails_with("2024-01-32", Status::invalid_date, 8));
  EXPECT_TRUE(fails_with("2023-02-30", Status::invalid_date, 8));
  EXPECT_TRUE(fails_with("2024-04-31T10:00:00Z", Status::invalid_date, 8));
  EXPECT_TRUE(fails_with(" 2023-02-29 10:00", Status::invalid_date, 9));
  // Syntax is judged before values: garbage wins over an impossible date.
  EXPECT_TRUE(fails_with("2023-02-30x", Status::unknown_format, 10));
}

TEST(TimestampErrorTest, InvalidTimePointsAtTheField) {
  EXPECT_TRUE(fails_with("2024-01-01T24:00:00Z", Status::invalid_time, 11));
  EXPECT_TRUE(fails_with("2024-01-01T24:00:01Z", Status::invalid_time, 11));
  EXPECT_TRUE(fails_with("2024-01-01T12:60Z", Status::invalid_time, 14));
  EXPECT_TRUE(fails_with("2024-01-01T12:61:00", Status::invalid_time, 14));
  EXPECT_TRUE(fails_with("2024-01-01T12:00:61", Status::invalid_time, 17));
  EXPECT_TRUE(fails_with("2024-01-01T12:00:99.5Z", Status::invalid_time, 17));
  EXPECT_TRUE(fails_with("2024-01-01T12:00:00+24:00", Status::invalid_time, 20));
  EXPECT_TRUE(fails_with("2024-01-01T12:00:00-99", Status::invalid_time, 20));
  EXPECT_TRUE(fails_with("2024-01-01T12:00:00+01:60", Status::invalid_time, 23));
  EXPECT_TRUE(fails_with("2024-01-01T12:00:00+0175", Status::invalid_time, 22));
  // The date is judged before the time.
  EXPECT_TRUE(fails_with("2024-02-30T25:00:00", Status::invalid_date, 8));
}

TEST(TimestampErrorTest, NegativeAndHugeEpochsAreOutOfRange) {
  EXPECT_TRUE(fails_with("-1", Status::out_of_range, 0));
  EXPECT_TRUE(fails_with(" -1709647629.5", Status::out_of_range, 1));
  EXPECT_TRUE(fails_with("-0", Status::out_of_range, 0));
  EXPECT_TRUE(fails_with("99999999999999999999999999999", Status::out_of_range, 0));
  EXPECT_TRUE(fails_with("9223372036854775807", Status::out_of_range, 0));
  EXPECT_TRUE(fails_with("9223372036854775808000", Status::out_of_range, 0));
}

TEST(TimestampErrorTest, OkResultsHaveNoOffset) {
  const ParsedTimestamp r = parse_fresh("  2024-03-05T14:07:09Z");
  EXPECT_EQ(r.status, Status::ok);
  EXPECT_EQ(r.error_offset, 0u);
}

TEST(TimestampErrorTest, DescribeNamesEveryStatus) {
  EXPECT_STREQ(describe(Status::unknown_format), "unknown timestamp format");
  for (Status s : {Status::ok, Status::empty, Status::unknown_format, Status::invalid_date,
                   Status::invalid_time, Status::out_of_range}) {
    ASSERT_NE(describe(s), nullptr);
    EXPECT_GT(std::string_view(describe(s)).size(), 1u);
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar

TEST(TimestampCalendarTest, LeapYears) {
  EXPECT_EQ(parse_fresh("2000-02-29").status, Status::ok);   // divisible by 400
  EXPECT_TRUE(fails_with("1900-02-29", Status::invalid_date, 8));  // divisible by 100 only
  EXPECT_EQ(parse_fresh("2024-02-29").status, Status::ok);   // divisible by 4
  EXPECT_TRUE(fails_with("2100-02-29", Status::invalid_date, 8));  // divisible by 100 only
  EXPECT_TRUE(fails_with("2023-02-29", Status::invalid_date, 8));
  EXPECT_TRUE(parses_to("2024-03-01", parse_fresh("2024-02-29").millis + kMillisPerDay));
  EXPECT_TRUE(parses_to("2000-03-01", parse_fresh("2000-02-28").millis + 2 * kMillisPerDay));
  EXPECT_TRUE(parses_to("2100-03-01", parse_fresh("2100-02-28").millis + kMillisPerDay));
}

TEST(TimestampCalendarTest, ZonesCrossDayBoundaries) {
  // 23:30 at -02:00 is the next day in UTC; 00:30 at +02:00 is the previous day.
  EXPECT_TRUE(parses_to("2024-02-28T23:30:00-02:00", parse_fresh("2024-02-29T01:30:00Z").millis));
  EXPECT_TRUE(parses_to("2024-03-01T00:30:00+02:00", parse_fresh("2024-02-29T22:30:00Z").millis));
  EXPECT_TRUE(parses_to("2023-12-31T22:00:00-05:00", parse_fresh("2024-01-01T03:00:00Z").millis));
  EXPECT_TRUE(parses_to("2024-01-01T01:00:00+05:00", parse_fresh("2023-12-31T20:00:00Z").millis));
  EXPECT_EQ(day_of_millis(parse_fresh("2024-03-05T23:00:00-01:00").millis), days_from_civil(2024, 3, 6));
}

// ---------------------------------------------------------------------------------------------
// Supported range

TEST(TimestampRangeTest, LowerEdge) {
  EXPECT_TRUE(parses_to("1970-01-01T00:00:00Z", 0));
  EXPECT_TRUE(parses_to("1970-01-01", 0));
  EXPECT_TRUE(fails_with("1969-12-31T23:59:59Z", Status::out_of_range, 0));
  EXPECT_TRUE(fails_with("1969-12-31T23:59:59.999Z", Status::out_of_range, 0));
  EXPECT_TRUE(fails_with(" 1969-12-31", Status::out_of_range, 1));
  EXPECT_TRUE(fails_with("0000-01-01", Status::out_of_range, 0));
  // The zone is applied before the range check.
  EXPECT_TRUE(parses_to("1969-12-31T23:00:00-01:00", 0));
  EXPECT_TRUE(fails_with("1970-01-01T00:30:00+01:00", Status::out_of_range, 0));
}

TEST(TimestampRangeTest, UpperEdge) {
  EXPECT_TRUE(parses_to("2149-06-05", int64_t{kMaxSupportedDay} * kMillisPerDay));
  EXPECT_TRUE(parses_to("2149-06-05T23:59:59.999Z", kEndMillis - 1));
  EXPECT_TRUE(parses_to("2149-06-05T23:59:60Z", kEndMillis - 1));
  EXPECT_TRUE(fails_with("2149-06-06", Status::out_of_range, 0));
  EXPECT_TRUE(fails_with("2149-06-06T00:00:00Z", Status::out_of_range, 0));
  EXPECT_TRUE(fails_with("9999-12-31T23:59:59Z", Status::out_of_range, 0));
  EXPECT_TRUE(parses_to("2149-06-06T00:30:00+01:00", kEndMillis - 30 * 60'000));
  EXPECT_TRUE(fails_with("2149-06-05T23:30:00-01:00", Status::out_of_range, 0));
}

TEST(TimestampRangeTest, EpochEdges) {
  EXPECT_TRUE(parses_to("5662223999", kEndMillis - 1000));
  EXPECT_TRUE(parses_to("5662223999.999", kEndMillis - 1));
  EXPECT_TRUE(fails_with("5662224000", Status::out_of_range, 0));
  TimestampParser millis;
  millis.set_epoch_unit(EpochUnit::milliseconds);
  EXPECT_EQ(millis.parse("5662223999999").millis, kEndMillis - 1);
  EXPECT_EQ(millis.parse("5662224000000").status, Status::out_of_range);
  EXPECT_EQ(millis.parse("0").millis, 0);
}

// ---------------------------------------------------------------------------------------------
// Bounds: the parser must never look past its string_view.

TEST(TimestampBoundsTest, PrefixesParseLikeExactCopies) {
  const std::string full = "2024-03-05T14:07:09.123456+05:30 1709647629.123";
  for (size_t begin = 0; begin < full.size(); ++begin) {
    for (size_t end = begin; end <= full.size(); ++end) {
      const size_t n = end - begin;
      // A heap block of exactly n bytes, so AddressSanitizer flags any over-read.
      const std::unique_ptr<char[]> exact(new char[n == 0 ? 1 : n]);
      full.copy(exact.get(), n, begin);
      const ParsedTimestamp in_place = parse_fresh(std::string_view(full).substr(begin, n));
      const ParsedTimestamp copied = parse_fresh(std::string_view(exact.get(), n));
      ASSERT_EQ(in_place.status, copied.status) << full.substr(begin, n);
      ASSERT_EQ(in_place.millis, copied.millis) << full.substr(begin, n);
      ASSERT_EQ(in_place.error_offset, copied.error_offset) << full.substr(begin, n);
      ASSERT_LE(copied.error_offset, n);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

TEST(TimestampFormatTest, FormatsDaysAndMillis) {
  EXPECT_EQ(format_day(0), "1970-01-01");
  EXPECT_EQ(format_day(19787), "2024-03-05");
  EXPECT_EQ(format_day(kMaxSupportedDay), "2149-06-05");
  // The edges of the digit-by-digit years 0000-9999, and the library's text past them.
  EXPECT_EQ(format_day(-1), "1969-12-31");
  EXPECT_EQ(format_day(-719528), "0000-01-01");  // days_from_civil(0, 1, 1), H. Hinnant's algorithms
  EXPECT_EQ(format_day(2932896), "9999-12-31");
  EXPECT_EQ(format_day(2932897), "10000-01-01");
  EXPECT_EQ(format_day(-719529), "-001-12-31");
  EXPECT_EQ(format_millis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_millis(kSample + 123), "2024-03-05T14:07:09.123Z");
  EXPECT_EQ(format_millis(kEndMillis - 1), "2149-06-05T23:59:59.999Z");
  EXPECT_EQ(format_millis(-1), "1969-12-31T23:59:59.999Z");
}

TEST(TimestampFormatTest, ExtremeValuesDoNotCrash) {
  for (int64_t v : {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min() + 1,
                    int64_t{-1}, std::numeric_limits<int64_t>::max()}) {
    EXPECT_FALSE(format_millis(v).empty());
  }
  for (int32_t d : {std::numeric_limits<int32_t>::min(), -1, std::numeric_limits<int32_t>::max()}) {
    EXPECT_FALSE(format_day(d).empty());
  }
}

TEST(TimestampFormatTest, FormatMillisRoundTripsThroughParse) {
  std::mt19937_64 rng(20240305);
  std::uniform_int_distribution<int64_t> instant(0, kEndMillis - 1);
  TimestampParser parser;
  for (int i = 0; i < 100'000; ++i) {
    const int64_t millis = instant(rng);
    const std::string text = format_millis(millis);
    const ParsedTimestamp r = parser.parse(text);
    ASSERT_EQ(r.status, Status::ok) << text;
    ASSERT_EQ(r.millis, millis) << text;
    ASSERT_EQ(format_day(day_of_millis(millis)), text.substr(0, 10));
  }
}

// ---------------------------------------------------------------------------------------------
// Comparison with the C library on generated text

// One generated timestamp: fields drawn at random, printed in one of the accepted forms.
struct Generated {
  std::string text;
  int year, month, day, hour, minute, second;
  int fraction_millis;  // the first three fraction digits, zero-padded
  int zone_minutes;     // east of UTC
  bool date_only;
};

Generated generate(std::mt19937_64& rng) {
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Generated g{};
  g.year = pick(1969, last_reference_year());
  g.month = pick(1, 12);
  g.day = pick(1, 31);  // days 29..31 are sometimes impossible, on purpose
  char buf[96];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", g.year, g.month, g.day);
  g.date_only = pick(0, 9) == 0;
  if (g.date_only) {
    g.text.assign(buf, static_cast<size_t>(n));
    return g;
  }
  static constexpr char kSeparators[] = {'T', 't', ' '};
  g.hour = pick(0, 23);
  g.minute = pick(0, 59);
  const bool with_seconds = pick(0, 9) != 0;
  g.second = with_seconds ? (pick(0, 199) == 0 ? 60 : pick(0, 59)) : 0;
  n += std::snprintf(buf + n, sizeof buf - n, "%c%02d:%02d", kSeparators[pick(0, 2)], g.hour, g.minute);
  if (with_seconds) {
    n += std::snprintf(buf + n, sizeof buf - n, ":%02d", g.second);
    const int digits = pick(0, 9);
    if (digits > 0) buf[n++] = '.';
    for (int i = 0; i < digits; ++i) {
      const int digit = pick(0, 9);
      if (i < 3) g.fraction_millis = g.fraction_millis * 10 + digit;
      buf[n++] = static_cast<char>('0' + digit);
    }
    for (int i = digits; i < 3; ++i) g.fraction_millis *= 10;
  }
  const int zone_form = pick(0, 5);  // none, Z, z, +hh:mm, +hhmm, +hh
  const int sign = pick(0, 1) ? 1 : -1;
  const int zone_hours = pick(0, 23);
  const int zone_mins = zone_form == 5 ? 0 : pick(0, 59);
  if (zone_form >= 3) g.zone_minutes = sign * (zone_hours * 60 + zone_mins);
  const char sign_char = sign > 0 ? '+' : '-';
  switch (zone_form) {
    case 1: buf[n++] = 'Z'; break;
    case 2: buf[n++] = 'z'; break;
    case 3: n += std::snprintf(buf + n, sizeof buf - n, "%c%02d:%02d", sign_char, zone_hours, zone_mins); break;
    case 4: n += std::snprintf(buf + n, sizeof buf - n, "%c%02d%02d", sign_char, zone_hours, zone_mins); break;
    case 5: n += std::snprintf(buf + n, sizeof buf - n, "%c%02d", sign_char, zone_hours); break;
    default: break;
  }
  g.text.assign(buf, static_cast<size_t>(n));
  return g;
}

TEST(TimestampReferenceTest, MatchesTimegmOnGeneratedText) {
  std::mt19937_64 rng(0x5eed'2024);
  TimestampParser parser;
  int ok = 0, invalid = 0, out_of_range = 0;
  for (int i = 0; i < 250'000; ++i) {
    const Generated g = generate(rng);
    const ParsedTimestamp r = parser.parse(g.text);
    if (!reference_valid_date(g.year, g.month, g.day)) {
      ASSERT_EQ(r.status, Status::invalid_date) << g.text;
      ASSERT_EQ(r.error_offset, 8u) << g.text;
      ++invalid;
      continue;
    }
    const bool leap_second = g.second == 60;
    int64_t expected = reference_seconds(g.year, g.month, g.day, g.hour, g.minute,
                                         leap_second ? 59 : g.second) * 1000;
    expected += leap_second ? 999 : g.fraction_millis;
    expected -= int64_t{g.zone_minutes} * 60'000;
    if (expected < 0 || expected >= kEndMillis) {
      ASSERT_EQ(r.status, Status::out_of_range) << g.text;
      ++out_of_range;
      continue;
    }
    ASSERT_EQ(r.status, Status::ok) << g.text << ": " << describe(r.status) << " at " << r.error_offset;
    ASSERT_EQ(r.millis, expected) << g.text;
    ++ok;
  }
  // The generator must really exercise all three outcomes.
  EXPECT_GT(ok, 200'000);
  EXPECT_GT(invalid, 1'000);
  EXPECT_GT(out_of_range, 500);
}

TEST(TimestampReferenceTest, MatchesGmtimeOnRandomInstantsWithZones) {
  // The other direction: a random instant, shown in a random zone through gmtime, parses back.
  const int64_t last_second = sizeof(std::time_t) >= 8 ? kEndMillis / 1000 - 1 : INT32_MAX - 86'400;
  std::mt19937_64 rng(77);
  std::uniform_int_distribution<int64_t> seconds(0, last_second);
  std::uniform_int_distribution<int> zone(-(23 * 60 + 59), 23 * 60 + 59);
  std::uniform_int_distribution<int> millis(0, 999);
  TimestampParser parser;
  for (int i = 0; i < 200'000; ++i) {
    const int64_t utc = seconds(rng);
    const int zone_minutes = zone(rng);
    const int ms = millis(rng);
    const std::time_t local = static_cast<std::time_t>(utc + zone_minutes * 60);
    std::tm tm{};
    ASSERT_NE(gmtime_r(&local, &tm), nullptr);
    const int abs_zone = zone_minutes < 0 ? -zone_minutes : zone_minutes;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d%c%02d:%02d:%02d.%03d%c%02d:%02d", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, i % 2 ? 'T' : ' ', tm.tm_hour, tm.tm_min, tm.tm_sec, ms,
                  zone_minutes < 0 ? '-' : '+', abs_zone / 60, abs_zone % 60);
    const ParsedTimestamp r = parser.parse(buf);
    ASSERT_EQ(r.status, Status::ok) << buf;
    ASSERT_EQ(r.millis, utc * 1000 + ms) << buf;
  }
}

TEST(TimestampReferenceTest, EpochNumbersMatchTheirValue) {
  std::mt19937_64 rng(99);
  std::uniform_int_distribution<int64_t> instant(0, kEndMillis - 1);
  TimestampParser seconds_parser;
  seconds_parser.set_epoch_unit(EpochUnit::seconds);
  TimestampParser millis_parser;
  millis_parser.set_epoch_unit(EpochUnit::milliseconds);
  for (int i = 0; i < 100'000; ++i) {
    const int64_t millis = instant(rng);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(millis / 1000),
                  static_cast<long long>(millis % 1000));
    ASSERT_EQ(seconds_parser.parse(buf).millis, millis) << buf;
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(millis));
    ASSERT_EQ(millis_parser.parse(buf).millis, millis) << buf;
  }
}

}  // namespace
}  // namespace pqlscope
