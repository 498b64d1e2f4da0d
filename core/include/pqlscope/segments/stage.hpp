// An account's trial window (docs/scoring.md §3); its stage (§1) is in aggregate/account_stage.hpp.
#pragma once

#include <cstdint>

#include "pqlscope/aggregate/account_stage.hpp"  // Stage, stage_at, is_paid

namespace pqlscope {

struct AccountInfo;
struct TrialSegments;

// The day the trial ends: trial_ends_at's UTC day, else signup_day + trial_length_days
// (a 14-day trial from 2024-01-01 ends on 2024-01-15). -1 when the signup day is unknown (-1).
int32_t trial_end_day(const AccountInfo& info, int32_t signup_day, const TrialSegments& trial);

// converted_at's UTC day when it is on or before as_of_day, else -1.
int32_t converted_day_at(const AccountInfo& info, int32_t as_of_day);

}  // namespace pqlscope
