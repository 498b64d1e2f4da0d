// Internal to the segments stage: numbers in reasons ("83%", "+12.5 points").
#pragma once

#include <algorithm>
#include <charconv>
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
// The append_ forms write into a reason being built: the reasons of the members of the
// largest segments (15k PQLs at 20k accounts) were chains of temporary strings, each an
// allocation (docs/performance-round-16.md).
inline void append_num(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "n/a";
    return;
  }
  char buf[64];
  std::string_view text = fixed1_text(value, buf);
  const std::size_t n = text.size();
  if (n > 2 && text[n - 2] == '.' && text[n - 1] == '0') text.remove_suffix(2);
  if (text.size() == 2 && text[0] == '-' && text[1] == '0') text = "0";
  out += text;
}

inline std::string num(double value) {
  std::string s;
  append_num(s, value);
  return s;
}

inline void append_pct(std::string& out, double value) {
  append_num(out, value);
  if (!std::isnan(value)) out += '%';
}

inline std::string pct(double value) {
  std::string s;
  append_pct(s, value);
  return s;
}

// Signed points: "+12.5 points", "-3 points".
inline void append_points(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "n/a";
    return;
  }
  if (value > 0) out += '+';
  append_num(out, value);
  out += std::fabs(value) == 1 ? " point" : " points";
}

inline std::string points(double value) {
  std::string s;
  append_points(s, value);
  return s;
}

inline void append_integer(std::string& out, long long n) {
  char buf[24];
  out.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, n).ptr - buf));
}

inline void append_days(std::string& out, long long n) {
  append_integer(out, n);
  out += n == 1 || n == -1 ? " day" : " days";
}

inline std::string days(long long n) {
  std::string s;
  append_days(s, n);
  return s;
}

// Signed with two decimals: "+0.33".
inline std::string signed2(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%+.2f", value);
  return buf;
}

}  // namespace pqlscope::segments_detail
