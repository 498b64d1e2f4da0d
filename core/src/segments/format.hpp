// Internal to the segments stage: numbers in reasons ("83%", "+12.5 points").
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace pqlscope::segments_detail {

// Up to one decimal, without a trailing ".0": 83.333 -> "83.3", 80 -> "80".
inline std::string num(double value) {
  if (std::isnan(value)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
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
