// Per-user traits for Intercom's user CSV import and Segment identify calls (docs/exports.md,
// "User traits"): user_id is the key both match users on; the traits are prefixed so they
// never overwrite a tool's own attribute.
#include "export_fields.hpp"
#include "pqlscope/io/csv_writer.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/report/exports.hpp"

namespace pqlscope {

ExportText user_traits_csv(const Aggregates& a, const ScoreResult& result) {
  ExportText out;
  std::string& csv = out.text;
  csv = "user_id,company_id,pqlscope_activation,pqlscope_engagement,pqlscope_engagement_trend,"
        "pqlscope_activated_at,pqlscope_persona,pqlscope_user_segments,pqlscope_events,pqlscope_last_seen_at\n";
  const Metrics& m = result.metrics;
  const SegmentReport& seg = result.segments;
  // User segment ids per user, in user-segment order.
  std::vector<std::string> tags(a.users.size());
  for (const UserSegment& s : seg.user_segments) {
    for (const UserSegmentMember& member : s.members) {
      std::string& t = tags[member.user];
      if (!t.empty()) t += ';';
      t += s.id;
    }
  }
  for (std::size_t u = 0; u < a.users.size(); ++u) {
    const UserRecord& user = a.users[u];
    append_csv_text_cell(csv, user.id);
    csv += ',';
    const bool has_account = user.account != kNoAccount;
    if (has_account) append_csv_text_cell(csv, a.accounts[user.account].id);
    csv += ',';
    exports::append_number_cell(csv, m.users.activation_rate[u]);
    csv += ',';
    exports::append_number_cell(csv, m.users.latest_score(u));
    csv += ',';
    exports::append_number_cell(csv, m.users.trend[u]);
    csv += ',';
    if (m.users.activated_day[u] != kNoDay) csv += format_day(m.users.activated_day[u]);
    csv += ',';
    const PersonaAssignment* persona = has_account ? seg.personas.find(user.account) : nullptr;
    if (persona != nullptr) append_csv_text_cell(csv, to_string(persona->persona));
    csv += ',';
    append_csv_text_cell(csv, tags[u]);
    csv += ',';
    exports::append_number_cell(csv, static_cast<double>(user.events));
    csv += ',';
    if (user.events > 0) csv += format_millis(user.last_event_at);
    csv += '\n';
    ++out.rows;
  }
  return out;
}

}  // namespace pqlscope
