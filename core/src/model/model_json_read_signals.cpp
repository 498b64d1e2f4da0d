// Reading the model document: the signals (invitation bursts, champions), the priority weights
// and the personas' trial shape (docs/model.md).
#include "model/model_json_reader.hpp"

namespace pqlscope::model_json_detail {

void Reader::read_trial_shape(const json& value, const std::string& path, TrialShapeModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path, {"fizzler_late_share", "min_trial_days", "golden_lead_min_added_users"});
  read_number(value, "fizzler_late_share", path, out.fizzler_late_share, 0.0, 1.0);
  read_int(value, "min_trial_days", path, out.min_trial_days, 2, kMaxDays);
  read_int(value, "golden_lead_min_added_users", path, out.golden_lead_min_added_users, 0);
}

void Reader::read_signals(const json& value, const std::string& path, SignalsModel& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path,
             {"invite_events", "invite_burst_count", "invite_burst_days", "champion_min_engagement",
              "champion_min_invites", "champion_window_days"});
  read_string_list(value, "invite_events", path, out.invite_events, false, true, "event names");
  read_int(value, "invite_burst_count", path, out.invite_burst_count, 1);
  read_int(value, "invite_burst_days", path, out.invite_burst_days, 1, kMaxDays);
  read_percent(value, "champion_min_engagement", path, out.champion_min_engagement);
  read_int(value, "champion_min_invites", path, out.champion_min_invites, 1);
  read_int(value, "champion_window_days", path, out.champion_window_days, 1, kMaxDays);
}

void Reader::read_priority(const json& value, const std::string& path, PriorityWeights& out) {
  if (!object_at(value, path)) return;
  check_keys(value, path, {"activation", "engagement", "trend", "deal_size"});
  const double big = std::numeric_limits<double>::max();
  read_number(value, "activation", path, out.activation, 0.0, big);
  read_number(value, "engagement", path, out.engagement, 0.0, big);
  read_number(value, "trend", path, out.trend, 0.0, big);
  read_number(value, "deal_size", path, out.deal_size, 0.0, big);
  if (out.activation + out.engagement + out.trend + out.deal_size <= 0) {
    error(path, "expected at least one weight above 0 (priority is their weighted mean)");
  }
}

}  // namespace pqlscope::model_json_detail
