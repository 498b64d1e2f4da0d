// The seeds' signals (docs/segments.md, "Signals"): invitation bursts ("XYZ power user just
// invited 10 new people to the org", acted on the same day) and champions (the most active
// users who also invite). Read from the users' per-day counts of the model's invite events.
#include <algorithm>
#include <span>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"
#include "rules.hpp"
#include "segments/format.hpp"

namespace pqlscope::segments_detail {
namespace {

struct InviteDay {
  uint32_t user;
  int32_t day;
  uint64_t count;
};

// Invite events per (user, day) on days first..last, sorted by user then day.
std::vector<InviteDay> invite_days(const Aggregates& aggregates, const std::vector<uint8_t>& is_invite,
                                   int32_t first, int32_t last) {
  std::vector<InviteDay> out;
  const DayLog& log = aggregates.user_days;
  const auto begin = std::partition_point(log.begin(), log.end(), [&](const DayCount& d) { return d.day < first; });
  const auto end = std::partition_point(log.begin(), log.end(), [&](const DayCount& d) { return d.day <= last; });
  if (begin < end) {
    log.for_each_span(begin.index(), end.index(), [&](std::span<const DayCount> span) {
      for (const DayCount& d : span) {
        if (d.event < is_invite.size() && is_invite[d.event]) out.push_back({d.entity, d.day, d.count});
      }
    });
  }
  std::sort(out.begin(), out.end(), [](const InviteDay& x, const InviteDay& y) {
    return x.user != y.user ? x.user < y.user : x.day < y.day;
  });
  // One entry per (user, day): several invite events on a day add up.
  std::size_t w = 0;
  for (std::size_t r = 0; r < out.size(); ++r) {
    if (w > 0 && out[w - 1].user == out[r].user && out[w - 1].day == out[r].day) out[w - 1].count += out[r].count;
    else out[w++] = out[r];
  }
  out.resize(w);
  return out;
}

std::string invites(uint64_t n) { return std::to_string(n) + (n == 1 ? " invite" : " invites"); }

void sort_users(std::vector<UserSegmentMember>& members, const Aggregates& aggregates) {
  std::sort(members.begin(), members.end(), [&](const UserSegmentMember& x, const UserSegmentMember& y) {
    if (x.account != y.account) return x.account < y.account;
    const double xv = shown(x.value), yv = shown(y.value);
    if (xv != yv) return xv > yv;
    return aggregates.users[x.user].id < aggregates.users[y.user].id;
  });
}

}  // namespace

void add_signal_segments(const RuleContext& ctx, std::vector<Segment>& out, std::vector<UserSegment>& users) {
  const SignalsModel& s = ctx.model.signals;
  const Aggregates& agg = ctx.aggregates;
  const Metrics& m = ctx.metrics;
  const int32_t as_of = m.as_of_day;
  const int32_t period_first = as_of - ctx.model.engagement.window_days + 1;  // the alerts' period
  const std::string burst_rule = ">= " + invites(static_cast<uint64_t>(s.invite_burst_count)) + " by one user within " +
                                 days(s.invite_burst_days) + ", ending in the last " +
                                 days(ctx.model.engagement.window_days);
  const std::string no_events = s.invite_events.empty() ? " (the model names no invite events: signals.invite_events)" : "";

  Segment burst_accounts{"invite_burst", "Invitation bursts", SegmentGroup::sales,
                         "account whose user sent " + burst_rule + no_events, "largest burst, descending", {}};
  UserSegment burst_users{"invite_bursts", "Users who invited many people", SegmentGroup::sales,
                          "user who sent " + burst_rule + no_events, "largest burst, descending", {}};
  UserSegment champions{"champions", "Champions", SegmentGroup::product_led,
                        "user with engagement >= " + num(s.champion_min_engagement) + " who sent >= " +
                            invites(static_cast<uint64_t>(s.champion_min_invites)) + " in the last " +
                            days(s.champion_window_days) + no_events,
                        "engagement, descending", {}};

  std::vector<uint8_t> is_invite(agg.event_names.size(), 0);
  bool any = false;
  for (std::size_t e = 0; e < agg.event_names.size(); ++e) {
    const std::string& name = agg.event_names[e];
    if (std::find(s.invite_events.begin(), s.invite_events.end(), name) != s.invite_events.end()) {
      is_invite[e] = 1;
      any = true;
    }
  }

  if (any) {
    const int32_t burst_first = period_first - (s.invite_burst_days - 1);
    const int32_t champion_first = as_of - s.champion_window_days + 1;
    const std::vector<InviteDay> list = invite_days(agg, is_invite, std::min(burst_first, champion_first), as_of);
    std::vector<uint8_t> account_has(ctx.facts.size(), 0);
    std::vector<std::size_t> account_member(ctx.facts.size(), 0);
    for (std::size_t i = 0; i < list.size();) {
      std::size_t j = i;
      while (j < list.size() && list[j].user == list[i].user) ++j;
      const uint32_t u = list[i].user;
      const uint32_t a = u < agg.users.size() ? agg.users[u].account : kNoAccount;
      // Largest sum over a run of invite_burst_days days ending in the period (two pointers).
      uint64_t best = 0, window = 0, recent = 0;
      int32_t best_day = kNoDay;
      std::size_t lo = i;
      for (std::size_t k = i; k < j; ++k) {
        window += list[k].count;
        while (list[lo].day <= list[k].day - s.invite_burst_days) window -= list[lo++].count;
        if (list[k].day >= period_first && window > best) best = window, best_day = list[k].day;
        if (list[k].day >= champion_first) recent += list[k].count;
      }
      i = j;
      if (a >= ctx.facts.size() || !ctx.facts[a].exists) continue;
      const double engagement = m.users.latest_score(u);
      if (best >= static_cast<uint64_t>(s.invite_burst_count)) {
        std::string reason = agg.users[u].id + " (engagement " + num(engagement) + ") sent " + invites(best) +
                             (s.invite_burst_days == 1 ? " on " + format_day(best_day)
                                                       : " in the " + days(s.invite_burst_days) + " to " + format_day(best_day)) +
                             " (>= " + std::to_string(s.invite_burst_count) + ")";
        burst_users.members.push_back({a, u, static_cast<double>(best), reason});
        if (!account_has[a]) {
          account_has[a] = 1;
          account_member[a] = burst_accounts.members.size();
          burst_accounts.members.push_back({a, static_cast<double>(best), reason});
        } else {  // several users: the largest burst leads, the others follow in the reason
          SegmentMember& member = burst_accounts.members[account_member[a]];
          if (static_cast<double>(best) > member.value) {
            member.reason = reason + "; " + member.reason;
            member.value = static_cast<double>(best);
          } else {
            member.reason += "; " + reason;
          }
        }
      }
      if (recent >= static_cast<uint64_t>(s.champion_min_invites) && engagement >= s.champion_min_engagement) {
        champions.members.push_back({a, u, engagement,
                                     "engagement " + num(engagement) + " >= " + num(s.champion_min_engagement) + ", " +
                                         invites(recent) + " in the last " + days(s.champion_window_days)});
      }
    }
  }
  sort_members(burst_accounts.members, true, agg);
  sort_users(burst_users.members, agg);
  sort_users(champions.members, agg);
  out.push_back(std::move(burst_accounts));
  users.push_back(std::move(burst_users));
  users.push_back(std::move(champions));
}

}  // namespace pqlscope::segments_detail
