// Communication level and net sentiment per account: one pass over the communications and one
// over the account events marked as communications, each checked against the account's window.
#include "pqlscope/segments/communication.hpp"

#include <algorithm>

#include "pqlscope/aggregate/aggregates.hpp"

namespace pqlscope {

void communication_window(const CommunicationModel& model, int32_t signup_day,
                          int32_t trial_end_day, int32_t as_of_day, int32_t& first, int32_t& last) {
  if (model.window_days) {
    first = as_of_day - *model.window_days + 1;
    last = as_of_day;
    return;
  }
  if (signup_day == kNoDay) {
    first = kNoDay;
    last = kNoDay;
    return;
  }
  first = signup_day;
  last = trial_end_day == kNoDay ? as_of_day : std::min(trial_end_day, as_of_day);
}

std::vector<CommunicationMetrics> compute_communication(const Aggregates& aggregates,
                                                        const Model& model, int32_t as_of_day,
                                                        const std::vector<int32_t>& signup_days,
                                                        const std::vector<int32_t>& trial_end_days) {
  const std::size_t n = aggregates.accounts.size();
  std::vector<CommunicationMetrics> out(n);
  for (std::size_t a = 0; a < n; ++a) {
    communication_window(model.communication, signup_days[a], trial_end_days[a], as_of_day,
                         out[a].window_first, out[a].window_last);
  }
  auto in_window = [&](uint32_t account, int32_t day) {
    const CommunicationMetrics& c = out[account];
    return c.window_first != kNoDay && day >= c.window_first && day <= c.window_last;
  };

  for (const CommunicationCount& c : aggregates.communications) {
    if (c.account >= n || !in_window(c.account, c.day)) continue;
    CommunicationMetrics& m = out[c.account];
    m.count += c.count;
    if (c.sentiment == Sentiment::positive) m.positive += c.count;
    if (c.sentiment == Sentiment::neutral) m.neutral += c.count;
    if (c.sentiment == Sentiment::negative) m.negative += c.count;
  }

  if (!model.communication.event_names.empty()) {
    std::vector<uint8_t> is_communication(aggregates.event_names.size(), 0);
    for (std::size_t e = 0; e < aggregates.event_names.size(); ++e) {
      const auto& names = model.communication.event_names;
      is_communication[e] = std::find(names.begin(), names.end(), aggregates.event_names[e]) != names.end();
    }
    for (const DayCount& d : aggregates.account_days) {
      if (d.day > as_of_day) break;  // day-sorted
      if (d.entity >= n || !is_communication[d.event] || !in_window(d.entity, d.day)) continue;
      out[d.entity].count += d.count;
      out[d.entity].from_events += d.count;
    }
  }

  for (CommunicationMetrics& m : out) {
    const uint64_t rated = m.positive + m.neutral + m.negative;
    m.net_sentiment = rated == 0 ? 0.0
                                 : (static_cast<double>(m.positive) - static_cast<double>(m.negative)) /
                                       static_cast<double>(rated);
    m.level = m.count >= static_cast<uint64_t>(std::max(1, model.communication.active_min_count))
                  ? CommunicationLevel::active
                  : CommunicationLevel::low;
    m.sentiment = sentiment_of(m.net_sentiment, model.personas.sentiment);
  }
  return out;
}

}  // namespace pqlscope
