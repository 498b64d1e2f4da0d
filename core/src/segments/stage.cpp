#include "pqlscope/segments/stage.hpp"

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {

int32_t trial_end_day(const AccountInfo& info, int32_t signup_day, const TrialSegments& trial) {
  if (info.trial_ends_at) return day_of_millis(*info.trial_ends_at);
  if (signup_day == kNoDay) return kNoDay;
  return signup_day + trial.trial_length_days;
}

int32_t converted_day_at(const AccountInfo& info, int32_t as_of_day) {
  if (!info.converted_at) return kNoDay;
  const int32_t day = day_of_millis(*info.converted_at);
  return day <= as_of_day ? day : kNoDay;
}

}  // namespace pqlscope
