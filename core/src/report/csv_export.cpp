#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "pqlscope/io/csv_writer.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/report/report.hpp"

namespace pqlscope {
namespace {

// A number cell stays a number (a negative trend is not a formula): empty when not applicable.
void number_cell(std::string& out, double value) {
  if (std::isnan(value) || std::isinf(value)) return;
  const double r = round4(value);
  char buffer[64];
  if (r == std::floor(r) && std::fabs(r) < 9e15) {
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(r));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.4f", r);
    std::string s = buffer;  // trim trailing zeros: 12.5000 -> 12.5
    while (s.back() == '0') s.pop_back();
    out += s;
    return;
  }
  out += buffer;
}

}  // namespace

std::string accounts_csv(const Aggregates& a, const Model& model, const ScoreResult& result) {
  (void)model;
  const Metrics& m = result.metrics;
  std::string out =
      "account_id,name,domain,plan,employees,seats,deal_value,activation_rate,steps_done,steps_total,"
      "activated_day,engagement_score,engagement_raw,engagement_trend,adoption_rate,users,"
      "activated_users,dau,wau,mau,seat_penetration,first_event_at,last_event_at,stage,deal_size,"
      "pql,meets_pql_criteria,communication_level,net_sentiment,persona,persona_probability,conversion_probability,expected_revenue,segments,"
      "priority,invite_bursts,champions,activation_checklist\n";
  const SegmentReport& seg = result.segments;
  const auto memberships = seg.memberships();
  // `pql` = in the PQL list (the `pql` segment: existing prospects that qualify), what a CRM
  // import filters on; `meets_pql_criteria` = activation threshold and firmographic filters
  // met, whatever the stage (paying and churned accounts included).
  uint16_t pql_segment = UINT16_MAX;
  for (std::size_t s = 0; s < seg.segments.size(); ++s) {
    if (seg.segments[s].id == "pql") pql_segment = static_cast<uint16_t>(s);
  }
  // The users of each account in a user segment, ';'-separated in the segment's order.
  auto user_ids = [&](std::string_view id) {
    std::vector<std::string> cells(a.accounts.size());
    if (const UserSegment* us = seg.find_user_segment(id)) {
      for (const UserSegmentMember& member : us->members) {
        std::string& cell = cells[member.account];
        if (!cell.empty()) cell += ';';
        cell += a.users[member.user].id;
      }
    }
    return cells;
  };
  const std::vector<std::string> burst_ids = user_ids("invite_bursts");
  const std::vector<std::string> champion_ids = user_ids("champions");
  for (size_t e = 0; e < a.accounts.size(); ++e) {
    const AccountRecord& r = a.accounts[e];
    const auto steps = m.accounts.steps_of(e);  // its own checklist (trial or paid)
    size_t done = 0;
    for (const StepStatus& s : steps) done += s.done ? 1 : 0;
    append_csv_text_cell(out, r.id);
    out += ',';
    append_csv_text_cell(out, r.info.name);
    out += ',';
    append_csv_text_cell(out, r.info.domain);
    out += ',';
    append_csv_text_cell(out, plan_name(r.info.plan));
    out += ',';
    number_cell(out, r.info.employees >= 0 ? static_cast<double>(r.info.employees) : NAN);
    out += ',';
    number_cell(out, r.info.seats >= 0 ? static_cast<double>(r.info.seats) : NAN);
    out += ',';
    number_cell(out, r.info.deal_value);
    out += ',';
    number_cell(out, m.accounts.activation_rate[e]);
    out += ',';
    number_cell(out, static_cast<double>(done));
    out += ',';
    number_cell(out, static_cast<double>(steps.size()));
    out += ',';
    if (m.accounts.activated_day[e] != kNoDay) out += format_day(m.accounts.activated_day[e]);
    out += ',';
    number_cell(out, m.accounts.latest_score(e));
    out += ',';
    number_cell(out, m.accounts.latest_raw(e));
    out += ',';
    number_cell(out, m.accounts.trend[e]);
    out += ',';
    number_cell(out, m.accounts.adoption_rate[e]);
    out += ',';
    number_cell(out, m.account_users[e]);
    out += ',';
    number_cell(out, m.activated_users[e]);
    out += ',';
    number_cell(out, m.account_activity[e].dau);
    out += ',';
    number_cell(out, m.account_activity[e].wau);
    out += ',';
    number_cell(out, m.account_activity[e].mau);
    out += ',';
    number_cell(out, m.seat_penetration[e]);
    out += ',';
    if (r.first_event_at) out += format_millis(*r.first_event_at);
    out += ',';
    if (r.last_event_at) out += format_millis(*r.last_event_at);
    const AccountFacts& f = seg.accounts[e];
    out += ',';
    append_csv_text_cell(out, to_string(f.stage));
    out += ',';
    append_csv_text_cell(out, to_string(f.deal_size.size));
    out += ',';
    const auto& tags_of = memberships[e];
    const bool in_pql_list = std::find(tags_of.begin(), tags_of.end(), pql_segment) != tags_of.end();
    out += in_pql_list ? "yes" : "no";
    out += ',';
    out += f.pql.qualified() ? "yes" : "no";
    out += ',';
    append_csv_text_cell(out, to_string(f.communication.level));
    out += ',';
    number_cell(out, f.communication.net_sentiment);
    out += ',';
    const PersonaAssignment* p = seg.personas.find(static_cast<uint32_t>(e));
    if (p != nullptr) append_csv_text_cell(out, to_string(p->persona));
    out += ',';
    if (p != nullptr) number_cell(out, p->probability);
    out += ',';
    if (p != nullptr) number_cell(out, p->conversion_probability);
    out += ',';
    if (p != nullptr) number_cell(out, p->expected_revenue);
    out += ',';
    std::string tags;  // segment tags, ';'-separated (one cell, easy to split in a CRM)
    for (uint16_t s : memberships[e]) {
      if (!tags.empty()) tags += ';';
      tags += seg.segments[s].id;
    }
    append_csv_text_cell(out, tags);
    out += ',';
    number_cell(out, f.priority);
    for (const auto* ids : {&burst_ids, &champion_ids}) {
      out += ',';
      append_csv_text_cell(out, (*ids)[e]);
    }
    out += ',';
    out += checklist_name(m.accounts.on_paid_checklist(e));
    out += '\n';
  }
  return out;
}

std::string alerts_csv(const Aggregates& a, const ScoreResult& result) {
  std::string out = "segment,change,account_id,name,reason\n";
  for (const SegmentAlerts& s : result.alerts.segments) {
    for (const auto* list : {&s.entered, &s.left}) {
      for (const AlertEntry& e : *list) {
        append_csv_text_cell(out, s.segment);
        out += list == &s.entered ? ",entered," : ",left,";
        append_csv_text_cell(out, a.accounts[e.account].id);
        out += ',';
        append_csv_text_cell(out, a.accounts[e.account].info.name);
        out += ',';
        append_csv_text_cell(out, e.reason);
        out += '\n';
      }
    }
  }
  return out;
}

}  // namespace pqlscope
