// Alerts: set differences of each segment's members between two as-of days.
#include "pqlscope/segments/alerts.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope {
namespace {

// (account, position) keys ascending, one per account: its first position, as a
// std::map::emplace in order would keep (a user segment lists an account once per user).
// Sorted vectors instead of maps: the alerts compare every segment of two whole scorings.
template <class Items, class AccountOf>
std::vector<uint64_t> first_by_account(const Items& items, AccountOf account_of) {
  std::vector<uint64_t> keys(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) keys[i] = uint64_t{account_of(items[i])} << 32 | i;
  if (!std::is_sorted(keys.begin(), keys.end())) std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end(), [](uint64_t x, uint64_t y) { return x >> 32 == y >> 32; }),
             keys.end());
  return keys;
}

constexpr uint32_t account_of_key(uint64_t key) { return static_cast<uint32_t>(key >> 32); }
constexpr std::size_t position_of_key(uint64_t key) { return static_cast<std::size_t>(key & 0xffffffffu); }

// Keys of `from` whose account is not in `other` (both ascending), each as f(key).
template <class F>
void each_missing(const std::vector<uint64_t>& from, const std::vector<uint64_t>& other, F&& f) {
  std::size_t j = 0;
  for (const uint64_t key : from) {
    const uint32_t account = account_of_key(key);
    while (j < other.size() && account_of_key(other[j]) < account) ++j;
    if (j == other.size() || account_of_key(other[j]) != account) f(key);
  }
}

void diff(const Segment* before, const Segment* after, SegmentAlerts& out) {
  static const std::vector<SegmentMember> none;
  const std::vector<SegmentMember>& was = before ? before->members : none;
  const std::vector<SegmentMember>& is = after ? after->members : none;
  const auto account = [](const SegmentMember& m) { return m.account; };
  const std::vector<uint64_t> b = first_by_account(was, account), a = first_by_account(is, account);
  each_missing(a, b, [&](uint64_t key) { out.entered.push_back({account_of_key(key), is[position_of_key(key)].reason}); });
  each_missing(b, a, [&](uint64_t key) { out.left.push_back({account_of_key(key), was[position_of_key(key)].reason}); });
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

  // Every account with a persona before or after, ascending; changes only.
  const std::vector<PersonaAssignment>& was = before.personas.assignments;
  const std::vector<PersonaAssignment>& is = after.personas.assignments;
  const auto account = [](const PersonaAssignment& p) { return p.account; };
  const std::vector<uint64_t> b = first_by_account(was, account), a = first_by_account(is, account);
  std::size_t i = 0, j = 0;
  while (i < b.size() || j < a.size()) {
    const uint32_t next = std::min(i < b.size() ? account_of_key(b[i]) : UINT32_MAX,
                                   j < a.size() ? account_of_key(a[j]) : UINT32_MAX);
    PersonaChange c;
    c.account = next;
    c.had_before = i < b.size() && account_of_key(b[i]) == next;
    c.has_after = j < a.size() && account_of_key(a[j]) == next;
    if (c.had_before) c.before = was[position_of_key(b[i++])].persona;
    if (c.has_after) c.after = is[position_of_key(a[j++])].persona;
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
