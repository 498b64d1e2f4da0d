// The report's sections (segments, user_segments, personas, alerts) written as bytes: the same
// members in the same order as report_sections_json() (report_json.cpp), which stays the DOM form
// and the reference the tests compare these bytes with (tests/report/). Built as a DOM and
// dumped, they took 15 ms of the 1M-event job and 55-64 ms at 10M events, on the thread that
// helps write the accounts and users only once they are done (docs/performance-round-17.md).
#include <vector>

#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/report/report_parts.hpp"

namespace pqlscope {
namespace {

// The members every account and user segment has, then its list: write_member(w, member).
template <class SegmentType, class WriteMember>
void write_segments(JsonWriter& w, const std::vector<SegmentType>& segments, WriteMember write_member) {
  w.begin_array();
  for (const SegmentType& s : segments) {
    w.begin_object();
    w.member_string("id", s.id);
    w.member_string("label", s.label);
    w.member_string("group", to_string(s.group));
    w.member_string("rule", s.rule);
    w.member_string("sort_by", s.sort_by);
    w.member_integer("count", s.members.size());
    w.key("members");
    w.begin_array();
    for (const auto& m : s.members) {
      w.begin_object();
      write_member(w, m);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

void write_personas(JsonWriter& w, const Model& model, const PersonaReport& p) {
  w.begin_object();
  w.member_integer("trial_accounts", p.assignments.size());
  w.key("forecast");
  w.begin_array();
  for (size_t i = 0; i < kPersonaCount; ++i) {
    const ForecastRow& row = p.by_persona[i];
    w.begin_object();
    w.member_string("persona", to_string(static_cast<Persona>(i)));
    w.member_number("probability", model.personas.probabilities[i]);
    w.member_integer("accounts", row.accounts);
    w.member_number("deal_value", row.deal_value);
    w.member_number("expected_revenue", row.expected_revenue);
    w.end_object();
  }
  w.end_array();
  w.key("total");
  w.begin_object();
  w.member_integer("accounts", p.total.accounts);
  w.member_number("deal_value", p.total.deal_value);
  w.member_number("expected_revenue", p.total.expected_revenue);
  w.end_object();
  w.key("grid");
  w.begin_array();
  for (size_t act = 0; act < 3; ++act) {
    for (size_t eng = 0; eng < 3; ++eng) {
      for (size_t com = 0; com < 2; ++com) {
        w.begin_object();
        w.member_string("activation", to_string(static_cast<Level>(act)));
        w.member_string("engagement", to_string(static_cast<Level>(eng)));
        w.member_string("communication", to_string(static_cast<CommunicationLevel>(com)));
        w.member_integer("accounts", p.grid[act][eng][com]);
        w.end_object();
      }
    }
  }
  w.end_array();
  w.end_object();
}

void write_alert_entries(JsonWriter& w, const Aggregates& a, const std::vector<AlertEntry>& entries) {
  w.begin_array();
  for (const AlertEntry& e : entries) {
    w.begin_object();
    w.member_string("account", a.accounts[e.account].id);
    w.member_string("reason", e.reason);
    w.end_object();
  }
  w.end_array();
}

void persona_or_null(JsonWriter& w, bool has, Persona persona) {
  if (has) w.string(to_string(persona));
  else w.null();
}

void write_alerts(JsonWriter& w, const Aggregates& a, const AlertReport& r) {
  w.begin_object();
  w.member_string("from", format_day(r.from_day));
  w.member_string("to", format_day(r.to_day));
  w.member_integer("entered", r.total_entered());
  w.member_integer("left", r.total_left());
  w.key("segments");
  w.begin_array();
  for (const SegmentAlerts& s : r.segments) {
    w.begin_object();
    w.member_string("segment", s.segment);
    w.member_string("label", s.label);
    w.key("entered");
    write_alert_entries(w, a, s.entered);
    w.key("left");
    write_alert_entries(w, a, s.left);
    w.end_object();
  }
  w.end_array();
  w.key("personas");
  w.begin_array();
  for (const PersonaChange& c : r.personas) {
    w.begin_object();
    w.member_string("account", a.accounts[c.account].id);
    w.key("before");
    persona_or_null(w, c.had_before, c.before);
    w.key("after");
    persona_or_null(w, c.has_after, c.after);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

void write_report_sections(JsonWriter& w, const Aggregates& a, const Model& model, const ScoreResult& result) {
  const SegmentReport& r = result.segments;
  w.key("segments");
  write_segments(w, r.segments, [&](JsonWriter& out, const SegmentMember& m) {
    out.member_string("account", a.accounts[m.account].id);
    out.member_number("value", m.value);
    out.member_string("reason", m.reason);
  });
  w.key("user_segments");
  write_segments(w, r.user_segments, [&](JsonWriter& out, const UserSegmentMember& m) {
    out.member_string("account", a.accounts[m.account].id);
    out.member_string("user", a.users[m.user].id);
    out.member_number("value", m.value);
    out.member_string("reason", m.reason);
  });
  w.key("personas");
  write_personas(w, model, r.personas);
  w.key("alerts");
  write_alerts(w, a, result.alerts);
}

}  // namespace pqlscope
