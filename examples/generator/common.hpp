// pqlscope-gen: what every part of the generator shares: time units, random-stream tags,
// the fatal-error exit and the calendar.
#pragma once

#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "pqlscope/io/calendar.hpp"

namespace gen {

constexpr int64_t kNone = INT64_MIN;
constexpr int64_t kDay = 86400;
constexpr int kTrialDays = 14;

// Stream tags (purposes) for stream_seed().
enum Tag : uint64_t {
  kTagPlans = 1, kTagPersonas, kTagAccount, kTagUsers, kTagNames, kTagWorkspaces, kTagDay,
  kTagTrialPlan, kTagComms, kTagIds, kTagLarge,
};

using pqlscope::civil_from_days;
using pqlscope::days_from_civil;

[[noreturn]] inline void die(const std::string& msg) {
  std::fprintf(stderr, "pqlscope-gen: %s\n", msg.c_str());
  std::exit(2);
}

inline int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// 0 = Sunday ... 6 = Saturday
inline int weekday(int64_t epoch_day) { return static_cast<int>(((epoch_day % 7) + 7 + 4) % 7); }

}  // namespace gen
