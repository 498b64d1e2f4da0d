// An outcomes table for calibration: which accounts converted (CSV with a header).
//
//   account_id,converted,date
//   acme,yes,2024-03-01
//   beta,no,
//
// Columns (case-insensitive): account = account_id | account | id | group_id | company_id;
// converted = converted | outcome | won | is_converted | label; date (optional) = date |
// converted_at | closed_at | outcome_date | decided_at. Converted values: yes / no, true /
// false, 1 / 0, y / n, won / lost, converted / not_converted (case-insensitive).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pqlscope {

struct Outcome {
  std::string account;
  bool converted = false;
  std::optional<int64_t> at;  // UTC ms, when the table has a date
};

struct OutcomesReadResult {
  std::vector<Outcome> outcomes;
  std::vector<std::string> errors;  // "line 3: converted: expected yes or no, got \"maybe\""
};

// Never throws; rows with errors are skipped and reported. A missing account or converted
// column is one error and no outcomes.
OutcomesReadResult read_outcomes_csv(std::string_view text, char delimiter = ',');

}  // namespace pqlscope
