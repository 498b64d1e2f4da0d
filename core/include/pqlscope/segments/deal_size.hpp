// Deal size (small / mid / large) and deal value of an account (docs/scoring.md §2, §4).
#pragma once

#include <cstdint>

#include "pqlscope/model/model.hpp"

namespace pqlscope {

struct AccountInfo;

// Where the deal size came from.
enum class DealSizeBasis : uint8_t { column, employees, unknown };
const char* to_string(DealSizeBasis basis);

struct DealSizeResult {
  DealSize size = DealSize::small;
  DealSizeBasis basis = DealSizeBasis::unknown;
};

// deal_size.source decides. auto: the accounts file's deal-size column when it reads small /
// mid / large (also "mid-size", "medium", "smb", "enterprise" -> large, case-insensitive), else
// employees when known (>= 0), else unknown_size. employees: employees, else unknown_size.
// column: the column, else unknown_size.
DealSizeResult deal_size_of(const AccountInfo& info, const DealSizeModel& model);

struct DealValue {
  double value = 0;
  bool is_default = true;  // no deal value of its own: the model's default for its size
};

// The accounts file's deal value / ARR when finite and >= 0, else default_deal_value[size].
DealValue deal_value_of(const AccountInfo& info, DealSize size, const DealSizeModel& model);

}  // namespace pqlscope
