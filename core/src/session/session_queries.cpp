// The per-view queries of a Session: what a page shows of one scoring without the whole
// report (the report of 100k accounts is hundreds of MB of JSON).
#include <algorithm>
#include <stdexcept>
#include <string>
#include <tuple>

#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/report/report_parts.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope {
namespace {

using ojson = nlohmann::ordered_json;

const SegmentAlerts* alerts_of(const AlertReport& alerts, std::string_view segment) {
  for (const SegmentAlerts& s : alerts.segments) {
    if (s.segment == segment) return &s;
  }
  return nullptr;
}

// A segment's heading without its members.
template <typename AnySegment>
ojson segment_counts_json(const AnySegment& s, const AlertReport& alerts) {
  const SegmentAlerts* changes = alerts_of(alerts, s.id);
  return {{"id", s.id},
          {"label", s.label},
          {"group", to_string(s.group)},
          {"rule", s.rule},
          {"sort_by", s.sort_by},
          {"count", s.members.size()},
          {"entered", changes != nullptr ? changes->entered.size() : 0},
          {"left", changes != nullptr ? changes->left.size() : 0}};
}

// The personas the table gives one grid cell, one per net sentiment, without repeats.
ojson cell_personas(const PersonaModel& model, Level activation, Level engagement, CommunicationLevel communication) {
  ojson names = ojson::array();
  for (int s = 0; s <= static_cast<int>(NetSentiment::positive); ++s) {
    const char* name = to_string(classify_persona(model, activation, engagement, communication, static_cast<NetSentiment>(s)));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

ojson persona_cells_json(const Model& model, const PersonaReport& personas) {
  ojson cells = ojson::array();
  for (const PersonaGridPosition& p : persona_grid_positions()) {
    const auto [act, eng, com] = std::tuple{static_cast<size_t>(p.activation), static_cast<size_t>(p.engagement),
                                           static_cast<size_t>(p.communication)};
    cells.push_back({{"activation", to_string(p.activation)},
                     {"engagement", to_string(p.engagement)},
                     {"communication", to_string(p.communication)},
                     {"accounts", personas.grid[act][eng][com]},
                     {"personas", cell_personas(model.personas, p.activation, p.engagement, p.communication)}});
  }
  return cells;
}

}  // namespace

ojson Session::overview_json() {
  const ScoreResult& result = full_result();
  const Aggregates& a = aggregates();
  ojson overview = report_head_json(a, model(), result);
  ojson segments = ojson::array(), user_segments = ojson::array();
  for (const Segment& s : result.segments.segments) segments.push_back(segment_counts_json(s, result.alerts));
  for (const UserSegment& s : result.segments.user_segments) user_segments.push_back(segment_counts_json(s, result.alerts));
  overview["segments"] = std::move(segments);
  overview["user_segments"] = std::move(user_segments);
  overview["personas"] = report_personas_json(model(), result.segments.personas);
  const AlertReport& alerts = result.alerts;
  overview["alerts"] = {{"from", format_day(alerts.from_day)}, {"to", format_day(alerts.to_day)},
                        {"entered", alerts.total_entered()}, {"left", alerts.total_left()},
                        {"persona_changes", alerts.personas.size()}};
  overview["persona_cells"] = persona_cells_json(model(), result.segments.personas);
  return overview;
}

ojson Session::segment_members_json(std::string_view id) {
  const ScoreResult& result = full_result();
  const Aggregates& a = aggregates();
  ojson members = ojson::array();
  if (const Segment* s = result.segments.find(id)) {
    std::vector<bool> entered(a.accounts.size(), false);
    if (const SegmentAlerts* changes = alerts_of(result.alerts, id)) {
      for (const AlertEntry& e : changes->entered) entered[e.account] = true;
    }
    for (const SegmentMember& m : s->members) {
      members.push_back({{"account", m.account}, {"value", report_number(m.value)}, {"reason", m.reason},
                         {"entered", static_cast<bool>(entered[m.account])}});
    }
    return members;
  }
  if (const UserSegment* s = result.segments.find_user_segment(id)) {
    for (const UserSegmentMember& m : s->members) {
      members.push_back({{"account", m.account}, {"user", a.users[m.user].id}, {"value", report_number(m.value)},
                         {"reason", m.reason}});
    }
    return members;
  }
  throw std::out_of_range("no segment \"" + std::string(id) + "\"");
}

ojson Session::accounts_json(const std::vector<size_t>& indices) const {
  const Aggregates& a = aggregates();
  const ScoreResult& r = result();
  for (size_t e : indices) {
    if (e >= a.accounts.size()) throw std::out_of_range("account index out of range: " + std::to_string(e));
  }
  const auto memberships = r.segments.memberships();
  const ReportOptions options;
  ojson accounts = ojson::array();
  for (size_t e : indices) accounts.push_back(account_report_json(a, model(), r, e, memberships[e], options));
  return accounts;
}

ojson Session::users_of_accounts_json(const std::vector<size_t>& indices) const {
  const Aggregates& a = aggregates();
  std::vector<bool> wanted(a.accounts.size(), false);
  for (size_t e : indices) {
    if (e >= a.accounts.size()) throw std::out_of_range("account index out of range: " + std::to_string(e));
    wanted[e] = true;
  }
  const ReportOptions options;
  ojson users = ojson::array();
  for (size_t u = 0; u < a.users.size(); ++u) {
    if (a.users[u].account != kNoAccount && wanted[a.users[u].account]) {
      users.push_back(user_report_json(a, model(), result(), u, options));
    }
  }
  return users;
}

ojson Session::account_detail_json(size_t index) const {
  const Aggregates& a = aggregates();
  const ScoreResult& r = result();
  ojson accounts = accounts_json({index});
  ojson users = users_of_accounts_json({index});
  // A user in several user segments keeps the last one's tag.
  ojson tags = ojson::object();
  for (const UserSegment& s : r.segments.user_segments) {
    const std::string tag = s.id.rfind("power", 0) == 0 ? "power" : s.id.rfind("problem", 0) == 0 ? "problem" : s.id;
    for (const UserSegmentMember& m : s.members) {
      if (m.account == index) tags[a.users[m.user].id] = tag;
    }
  }
  return {{"account", std::move(accounts[0])}, {"users", std::move(users)}, {"userTags", std::move(tags)}};
}

std::vector<std::string> Session::account_ids() const {
  std::vector<std::string> ids;
  for (const AccountRecord& r : aggregates().accounts) ids.push_back(r.id);
  return ids;
}

std::vector<std::string> Session::account_names() const {
  std::vector<std::string> names;
  for (const AccountRecord& r : aggregates().accounts) names.push_back(r.info.name);
  return names;
}

}  // namespace pqlscope
