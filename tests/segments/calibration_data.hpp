// Test data for calibration: trial accounts whose conversion depends on a few rare events and
// not on the loudest ones. Deterministic (splitmix64 from a seed); written as an events CSV
// (timestamp,account_id,user_id,event) and an outcomes CSV (account_id,converted,date).
//
// Per account (signups spread over 60 days from 2024-03-01, 14-day trials):
// - loud events, independent of conversion: task_updated 20-80 times, comment_added 10-40
//   times, login 5-20 times, spread over the trial;
// - rare events, each done (1-3 times) by a share of the accounts: integration_connected 25%,
//   teammate_invited 30%, report_exported 35%;
// - converts with probability logistic(-2.6 + 3.0 integration + 2.0 invited + 1.2 exported),
//   each term 1 when the account did the event in its trial. Converters' outcome date is
//   2-10 days after their trial ends (so no event of the trial is after the conversion).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "pqlscope/io/calendar.hpp"

namespace pqlscope::calibration_data {

struct Data {
  std::string events;    // with header
  std::string outcomes;  // with header
  uint32_t converters = 0;
};

class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  uint32_t between(uint32_t lo, uint32_t hi) { return lo + static_cast<uint32_t>(next() % (hi - lo + 1)); }

 private:
  uint64_t s_;
};

inline std::string day_text(int32_t day) {
  int64_t year = 0;
  uint32_t month = 0, dom = 0;
  civil_from_days(day, year, month, dom);
  char b[32];
  std::snprintf(b, sizeof b, "%04d-%02u-%02u", static_cast<int>(year), month, dom);
  return b;
}

inline Data make(uint32_t accounts, uint64_t seed) {
  constexpr int32_t kDay0 = 19783;  // 2024-03-01
  SplitMix rng(seed);
  Data out;
  out.events = "timestamp,account_id,user_id,event\n";
  out.outcomes = "account_id,converted,date\n";
  for (uint32_t a = 0; a < accounts; ++a) {
    const std::string id = "acct" + std::to_string(a);
    const int32_t signup = kDay0 + static_cast<int32_t>(rng.between(0, 59));
    auto emit = [&](const char* event, uint32_t times) {
      for (uint32_t k = 0; k < times; ++k) {
        const int32_t day = signup + static_cast<int32_t>(rng.between(0, 13));
        const uint32_t hour = rng.between(0, 23), user = rng.between(1, 3);
        char t[32];
        std::snprintf(t, sizeof t, "T%02u:00:00Z", hour);
        out.events += day_text(day) + t + "," + id + "," + id + "_u" + std::to_string(user) + "," + event + "\n";
      }
    };
    emit("task_updated", rng.between(20, 80));
    emit("comment_added", rng.between(10, 40));
    emit("login", rng.between(5, 20));
    const bool integration = rng.uniform() < 0.25, invited = rng.uniform() < 0.30, exported = rng.uniform() < 0.35;
    if (integration) emit("integration_connected", rng.between(1, 3));
    if (invited) emit("teammate_invited", rng.between(1, 3));
    if (exported) emit("report_exported", rng.between(1, 3));
    const double z = -2.6 + 3.0 * integration + 2.0 * invited + 1.2 * exported;
    const bool converted = rng.uniform() < 1.0 / (1.0 + std::exp(-z));
    out.outcomes += id + (converted ? ",yes," + day_text(signup + 13 + static_cast<int32_t>(rng.between(2, 10))) : ",no,") + "\n";
    out.converters += converted ? 1 : 0;
  }
  return out;
}

}  // namespace pqlscope::calibration_data
