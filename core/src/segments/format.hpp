// Internal to the segments stage: numbers in reasons ("83%", "+12.5 points").
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace pqlscope::segments_detail {

// snprintf(buf, n, "%.1f", value), the C library's correctly rounded text (the exact binary
// value rounded to one decimal, ties to even), without the library call for the common case:
// reasons are built for every segment member, and the call dominated their cost. Whole part
// below 2^40 (exact as an integer); the tenths come from frac x 10, whose rounding error
// (< 2^-49) matters only within 1e-9 of a half: there, and for the rest, the library decides.
// The text is written into `buf` (its end, or its start for the library's), and viewed there.
inline std::string_view fixed1_text(double value, char (&buf)[64]) {
  const double magnitude = std::fabs(value);
  if (magnitude < 1099511627776.0) {  // 2^40; NaN and infinities fail this too
    double whole = std::floor(magnitude);
    const double tenths = (magnitude - whole) * 10.0;  // magnitude - whole is exact
    double digit = std::floor(tenths);
    const double rest = tenths - digit;
    if (std::fabs(rest - 0.5) > 1e-9) {
      if (rest > 0.5) digit += 1;
      if (digit >= 10) digit = 0, whole += 1;
      char* end = buf + sizeof buf;
      char* p = end;
      *--p = static_cast<char>('0' + static_cast<int>(digit));
      *--p = '.';
      auto w = static_cast<unsigned long long>(whole);
      do {
        *--p = static_cast<char>('0' + static_cast<int>(w % 10));
        w /= 10;
      } while (w != 0);
      if (std::signbit(value)) *--p = '-';  // printf writes -0.0 for negatives that round to 0
      return std::string_view(p, static_cast<std::size_t>(end - p));
    }
  }
  const int n = std::snprintf(buf, sizeof buf, "%.1f", value);
  return std::string_view(buf, n < 0 ? 0 : std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
}

// Up to one decimal, without a trailing ".0": 83.333 -> "83.3", 80 -> "80". The text is
// trimmed in the buffer, not compared as strings: in WebAssembly the string compares were
// calls, about a third of this function's time in a re-score (docs/performance-round-12.md).
inline std::string num(double value) {
  if (std::isnan(value)) return "n/a";
  char buf[64];
  std::string_view text = fixed1_text(value, buf);
  const std::size_t n = text.size();
  if (n > 2 && text[n - 2] == '.' && text[n - 1] == '0') text.remove_suffix(2);
  if (text.size() == 2 && text[0] == '-' && text[1] == '0') return "0";
  return std::string(text);
}

inline std::string pct(double value) { return std::isnan(value) ? "n/a" : num(value) + "%"; }

// Signed points: "+12.5 points", "-3 points".
inline std::string points(double value) {
  if (std::isnan(value)) return "n/a";
  std::string s = value > 0 ? "+" : "";  // appended: g++ 12 warns falsely (-Wrestrict) on + chains
  s += num(value);
  s += std::fabs(value) == 1 ? " point" : " points";
  return s;
}

inline std::string days(long long n) { return std::to_string(n) + (n == 1 || n == -1 ? " day" : " days"); }

// Signed with two decimals: "+0.33".
inline std::string signed2(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%+.2f", value);
  return buf;
}

}  // namespace pqlscope::segments_detail
