#include "pqlscope/segments/deal_size.hpp"

#include <cmath>
#include <optional>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {

std::optional<DealSize> parse_column(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (auto size = deal_size_from_string(text)) return size;
  for (std::string_view w : {"small", "smb", "s"}) if (iequals(text, w)) return DealSize::small;
  for (std::string_view w : {"mid", "mid-size", "midsize", "mid_size", "medium", "mid-market", "midmarket", "m"})
    if (iequals(text, w)) return DealSize::mid;
  for (std::string_view w : {"large", "enterprise", "ent", "l"}) if (iequals(text, w)) return DealSize::large;
  return std::nullopt;
}

}  // namespace

const char* to_string(DealSizeBasis basis) {
  switch (basis) {
    case DealSizeBasis::column: return "column";
    case DealSizeBasis::employees: return "employees";
    case DealSizeBasis::unknown: return "unknown";
  }
  return "unknown";
}

DealSizeResult deal_size_of(const AccountInfo& info, const DealSizeModel& model) {
  if (model.source != DealSizeSource::employees) {
    if (auto size = parse_column(info.deal_size)) return {*size, DealSizeBasis::column};
  }
  if (model.source != DealSizeSource::column && info.employees >= 0) {
    return {deal_size_of_employees(info.employees, model), DealSizeBasis::employees};
  }
  return {model.unknown_size, DealSizeBasis::unknown};
}

DealValue deal_value_of(const AccountInfo& info, DealSize size, const DealSizeModel& model) {
  if (std::isfinite(info.deal_value) && info.deal_value >= 0) return {info.deal_value, false};
  return {model.default_deal_value[size], true};
}

}  // namespace pqlscope
