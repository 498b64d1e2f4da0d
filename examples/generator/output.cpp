// pqlscope-gen: times as text.
#include "output.hpp"

namespace gen {

void put2(char* p, unsigned v) { p[0] = static_cast<char>('0' + v / 10); p[1] = static_cast<char>('0' + v % 10); }

// "YYYY-MM-DD" + sep + "HH:MM:SS" (19 chars, no terminator)
void format_datetime(int64_t ts, char sep, char* out) {
  const int64_t day = floor_div(ts, kDay);
  const int64_t sec = ts - day * kDay;
  int64_t y; unsigned m, d;
  civil_from_days(day, y, m, d);
  const unsigned yy = static_cast<unsigned>(y < 0 ? 0 : y > 9999 ? 9999 : y);
  put2(out, yy / 100);
  put2(out + 2, yy % 100);
  out[4] = '-';
  put2(out + 5, m);
  out[7] = '-';
  put2(out + 8, d);
  out[10] = sep;
  put2(out + 11, static_cast<unsigned>(sec / 3600));
  out[13] = ':';
  put2(out + 14, static_cast<unsigned>(sec / 60 % 60));
  out[16] = ':';
  put2(out + 17, static_cast<unsigned>(sec % 60));
}

std::string iso(int64_t ts) {
  if (ts == kNone) return "";
  char buf[24];
  format_datetime(ts, 'T', buf);
  buf[19] = 'Z';
  return std::string(buf, 20);
}

}  // namespace gen
