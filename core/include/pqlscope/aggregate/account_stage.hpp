// An account's stage as of a day, from the accounts file's attributes alone (docs/scoring.md §1).
// Below the metrics so that the score stage can choose an account's activation checklist (trial
// or paid, docs/model.md `activation.paid_steps`) with the very rule the segments use.
#pragma once

#include <cstdint>

namespace pqlscope {

struct AccountInfo;

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

}  // namespace pqlscope
