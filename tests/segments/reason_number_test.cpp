// The reasons' numbers (core/src/segments/format.hpp): fixed1_text() must write what the C library's
// snprintf("%.1f") writes (C11 7.21.6.1: the value rounded to one decimal; glibc and musl round
// the exact binary value, ties to even), which it replaced on the reasons' hot path.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>

#include "segments/format.hpp"

namespace pqlscope::segments_detail {
namespace {

// fixed1_text() as a string, for the comparisons below.
std::string fixed1(double value) {
  char buf[64];
  return std::string(fixed1_text(value, buf));
}

// The 64-byte buffer num() has always used (a value beyond 1e62 is cut there, as before).
std::string library(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  return buf;
}

TEST(ReasonNumbers, HandPickedCases) {
  EXPECT_EQ(fixed1(80), "80.0");
  EXPECT_EQ(fixed1(83.333), "83.3");
  EXPECT_EQ(fixed1(9.96), "10.0");        // the tenth carries into the whole part
  EXPECT_EQ(fixed1(0.25), "0.2");         // exactly halfway in binary: ties to even
  EXPECT_EQ(fixed1(0.75), "0.8");
  EXPECT_EQ(fixed1(0.35), "0.3");         // 0.35 is 0.34999999999999997... in binary
  EXPECT_EQ(fixed1(-0.04), "-0.0");       // printf keeps the sign of a negative rounded to 0
  EXPECT_EQ(fixed1(-0.0), "-0.0");
  EXPECT_EQ(fixed1(-12.56), "-12.6");
  EXPECT_EQ(fixed1(1e300), library(1e300));  // beyond the fast path
  EXPECT_EQ(fixed1(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(num(-0.04), "0");
  EXPECT_EQ(num(80), "80");
  EXPECT_EQ(pct(37.5), "37.5%");
}

TEST(ReasonNumbers, SameAsTheLibraryOnManyValues) {
  // Percentages and scores as the rules produce them (ratios of small integers, x 100), values
  // near every tenth's half, and a pseudo-random spread of magnitudes and signs.
  for (int d = 1; d <= 300; ++d) {
    for (int k = 0; k <= d; ++k) {
      const double v = 100.0 * k / d;
      ASSERT_EQ(fixed1(v), library(v)) << k << "/" << d;
      ASSERT_EQ(fixed1(-v), library(-v)) << "-" << k << "/" << d;
    }
  }
  for (int i = -20000; i <= 20000; ++i) {
    const double half = i / 10.0 + 0.05;
    for (const double v : {half, std::nextafter(half, 0.0), std::nextafter(half, 1e9), i / 20.0, i / 40.0}) {
      ASSERT_EQ(fixed1(v), library(v)) << v;
    }
  }
  uint64_t state = 12345;
  for (int i = 0; i < 200000; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const double unit = static_cast<double>(state >> 11) * 0x1.0p-53;
    const double v = (state & 1 ? -1 : 1) * std::ldexp(unit, static_cast<int>(state >> 58) - 20);
    ASSERT_EQ(fixed1(v), library(v)) << v;
  }
}

// num() as it was first written: the library's text, then ".0" cut and "-0" made "0".
std::string library_num(double value) {
  if (std::isnan(value)) return "n/a";
  std::string s = library(value);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

TEST(ReasonNumbers, NumIsTheLibraryTextTrimmed) {
  for (const double v : {0.0, -0.0, -0.04, -0.05, 0.05, 0.96, 9.96, 10.0, -10.0, 99.95, 1e300, -1e300, 1e62, 1e70,
                         std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                         std::numeric_limits<double>::quiet_NaN()}) {
    EXPECT_EQ(num(v), library_num(v)) << v;
  }
  for (int d = 1; d <= 120; ++d) {
    for (int k = -d; k <= d; ++k) {
      const double v = 100.0 * k / d;
      ASSERT_EQ(num(v), library_num(v)) << k << "/" << d;
      ASSERT_EQ(pct(v), library_num(v) + "%") << k << "/" << d;
    }
  }
}

}  // namespace
}  // namespace pqlscope::segments_detail
