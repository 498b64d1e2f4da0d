// Alerts: set differences of each segment's members between two as-of days.
#include "pqlscope/segments/alerts.hpp"

#include <algorithm>
#include <map>

#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope {
namespace {

void diff(const Segment* before, const Segment* after, SegmentAlerts& out) {
  std::map<uint32_t, const SegmentMember*> b, a;
  if (before) for (const SegmentMember& m : before->members) b.emplace(m.account, &m);
  if (after) for (const SegmentMember& m : after->members) a.emplace(m.account, &m);
  for (const auto& [account, m] : a) {
    if (!b.count(account)) out.entered.push_back({account, m->reason});
  }
  for (const auto& [account, m] : b) {
    if (!a.count(account)) out.left.push_back({account, m->reason});
  }
}

}  // namespace

std::size_t AlertReport::total_entered() const {
  std::size_t n = 0;
  for (const SegmentAlerts& s : segments) n += s.entered.size();
  return n;
}

std::size_t AlertReport::total_left() const {
  std::size_t n = 0;
  for (const SegmentAlerts& s : segments) n += s.left.size();
  return n;
}

AlertReport compute_alerts(const SegmentReport& before, const SegmentReport& after) {
  AlertReport report;
  report.from_day = before.as_of_day;
  report.to_day = after.as_of_day;
  for (const Segment& s : after.segments) {
    SegmentAlerts alerts{s.id, s.label, {}, {}};
    diff(before.find(s.id), &s, alerts);
    report.segments.push_back(std::move(alerts));
  }
  for (const Segment& s : before.segments) {
    if (after.find(s.id)) continue;
    SegmentAlerts alerts{s.id, s.label, {}, {}};
    diff(&s, nullptr, alerts);
    report.segments.push_back(std::move(alerts));
  }

  std::map<uint32_t, Persona> b, a;
  for (const PersonaAssignment& p : before.personas.assignments) b.emplace(p.account, p.persona);
  for (const PersonaAssignment& p : after.personas.assignments) a.emplace(p.account, p.persona);
  std::vector<uint32_t> accounts;
  for (const auto& [k, v] : b) accounts.push_back(k);
  for (const auto& [k, v] : a) accounts.push_back(k);
  std::sort(accounts.begin(), accounts.end());
  accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
  for (uint32_t account : accounts) {
    PersonaChange c;
    c.account = account;
    auto ib = b.find(account), ia = a.find(account);
    c.had_before = ib != b.end();
    c.has_after = ia != a.end();
    if (c.had_before) c.before = ib->second;
    if (c.has_after) c.after = ia->second;
    if (c.had_before && c.has_after && c.before == c.after) continue;
    report.personas.push_back(c);
  }
  return report;
}

AlertReport compute_alerts(const Aggregates& aggregates, const Model& model, int32_t as_of_day) {
  const SegmentReport after = compute_segments_as_of(aggregates, model, as_of_day);
  const SegmentReport before = compute_segments_as_of(aggregates, model, as_of_day - model.engagement.window_days);
  return compute_alerts(before, after);
}

}  // namespace pqlscope
