#include "pqlscope/aggregate/account_stage.hpp"

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {

const char* to_string(Stage stage) {
  switch (stage) {
    case Stage::trial: return "trial";
    case Stage::free: return "free";
    case Stage::self_serve: return "self_serve";
    case Stage::enterprise: return "enterprise";
    case Stage::churned: return "churned";
  }
  return "trial";
}

Stage stage_at(const AccountInfo& info, int32_t as_of_day) {
  const bool has_conversion = info.converted_at.has_value();
  const bool converted = has_conversion && day_of_millis(*info.converted_at) <= as_of_day;
  switch (info.plan) {
    case Plan::churned: return Stage::churned;
    case Plan::free: return Stage::free;
    case Plan::self_serve: return has_conversion && !converted ? Stage::trial : Stage::self_serve;
    case Plan::enterprise: return has_conversion && !converted ? Stage::trial : Stage::enterprise;
    case Plan::trial:
    case Plan::unknown: return converted ? Stage::self_serve : Stage::trial;
  }
  return Stage::trial;
}

}  // namespace pqlscope
