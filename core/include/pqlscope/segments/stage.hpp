// An account's stage as of the scoring day and its trial window (docs/scoring.md §1, §3).
#pragma once

#include <cstdint>

namespace pqlscope {

struct AccountInfo;
struct TrialSegments;

// The accounts file's plan, corrected by dates as of the scoring day:
// - churned stays churned; free stays free;
// - trial, or no plan: trial, or self_serve once converted_at <= as-of (converted, plan unknown);
// - self_serve / enterprise with a converted_at after the as-of day: still trial on that day.
// Without an accounts file every account is a trial (docs/scoring.md §1).
enum class Stage : uint8_t { trial, free, self_serve, enterprise, churned };
const char* to_string(Stage stage);
Stage stage_at(const AccountInfo& info, int32_t as_of_day);

inline bool is_paid(Stage stage) { return stage == Stage::self_serve || stage == Stage::enterprise; }
// Prospects are not paying yet: trial or free.
inline bool is_prospect(Stage stage) { return stage == Stage::trial || stage == Stage::free; }

// The day the trial ends: trial_ends_at's UTC day, else signup_day + trial_length_days
// (a 14-day trial from 2024-01-01 ends on 2024-01-15). -1 when the signup day is unknown (-1).
int32_t trial_end_day(const AccountInfo& info, int32_t signup_day, const TrialSegments& trial);

// converted_at's UTC day when it is on or before as_of_day, else -1.
int32_t converted_day_at(const AccountInfo& info, int32_t as_of_day);

}  // namespace pqlscope
