// The report's two long lists, written as bytes: one element of "accounts" and of "users".
// The same members in the same order as account_report_json() / user_report_json()
// (report_json.cpp), which stay the DOM form for per-view queries and the reference the tests
// compare these bytes with (tests/report/report_bytes_test.cpp).
#include <array>
#include <climits>
#include <cmath>
#include <cstring>
#include <span>

#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/report/json_writer.hpp"
#include "pqlscope/report/report_parts.hpp"

namespace pqlscope {

namespace {

// format_day() through a small direct-mapped cache: a report names a few hundred distinct days
// hundreds of thousands of times, and formatting one costs an snprintf.
const std::string& day_text(int32_t day) {
  struct Slot {
    int32_t day = 0;
    std::string text;
  };
  thread_local std::array<Slot, 256> cache;
  Slot& slot = cache[static_cast<uint32_t>(day) & 255u];
  if (slot.text.empty() || slot.day != day) {
    slot.day = day;
    slot.text = format_day(day);
  }
  return slot.text;
}

void day_or_null(JsonWriter& w, int32_t day) {
  if (day == kNoDay) return w.null();
  w.string(day_text(day));
}

void two_digits(char* at, unsigned value) {
  at[0] = static_cast<char>('0' + value / 10);
  at[1] = static_cast<char>('0' + value % 10);
}

// format_millis()'s text ("YYYY-MM-DDTHH:MM:SS.mmmZ"): the cached day, then the time of day.
void time_or_null(JsonWriter& w, const std::optional<int64_t>& t) {
  if (!t) return w.null();
  int64_t day = *t / kMillisPerDay;
  int64_t rest = *t % kMillisPerDay;
  if (rest < 0) {
    rest += kMillisPerDay;
    --day;
  }
  if (day < INT32_MIN || day > INT32_MAX) return w.string(format_millis(*t));
  const std::string& date = day_text(static_cast<int32_t>(day));
  char text[64];
  std::memcpy(text, date.data(), date.size());
  char* at = text + date.size();
  const auto ms = static_cast<unsigned>(rest % 1000);
  *at++ = 'T';
  two_digits(at, static_cast<unsigned>(rest / 3'600'000));
  at[2] = ':';
  two_digits(at + 3, static_cast<unsigned>(rest / 60'000 % 60));
  at[5] = ':';
  two_digits(at + 6, static_cast<unsigned>(rest / 1000 % 60));
  at[8] = '.';
  at[9] = static_cast<char>('0' + ms / 100);
  two_digits(at + 10, ms % 100);
  at[12] = 'Z';
  w.string(std::string_view(text, static_cast<size_t>(at + 13 - text)));
}

void write_steps(JsonWriter& w, const Model& model, std::span<const uint32_t> step_ids, const LevelMetrics& level,
                 size_t e) {
  w.begin_array();
  const auto statuses = level.steps_of(e);
  for (size_t s = 0; s < statuses.size(); ++s) {
    const ActivationStep& step = model.activation.combined_step(step_ids[s]);
    const StepStatus& st = statuses[s];
    w.begin_object();
    w.member_string("id", step.id);
    w.member_bool("done", st.done);
    w.member_integer("count", st.count);
    w.member_integer("min_count", step.min_count);
    if (step.level == StepLevel::account) {
      w.member_integer("users", st.users);
      w.member_integer("min_users", step.min_users);
    }
    w.key("completed_day");
    day_or_null(w, st.completed_day);
    w.end_object();
  }
  w.end_array();
}

// The engagement object without its closing brace: accounts append their "users".
void open_engagement(JsonWriter& w, const Aggregates& a, const LevelMetrics& level, size_t e, size_t max_items) {
  w.begin_object();
  w.member_number("score", level.latest_score(e));
  w.member_number("raw", level.latest_raw(e));
  w.member_number("trend", level.trend[e]);
  w.member_number("slope", level.slope[e]);
  w.key("scores");
  w.begin_array();
  for (double v : level.score_of(e)) w.number(v);
  w.end_array();
  w.key("raws");
  w.begin_array();
  for (double v : level.raw_of(e)) w.number(v);
  w.end_array();
  w.key("contributions");
  w.begin_array();
  size_t listed = 0;
  for (const EventContribution& c : level.contributions_of(e)) {
    if (listed++ >= max_items) break;
    w.begin_object();
    w.member_string("event", a.event_names[c.event]);
    w.member_number("points", c.points);
    w.end_object();
  }
  w.end_array();
}

// {"rate", "activated_day", ["signup_day"], "checklist", "steps"}: accounts carry a signup day,
// users do not; "checklist" is "trial" or "paid" (docs/model.md, `activation.paid_steps`).
void write_activation(JsonWriter& w, const Model& model, const std::vector<uint32_t>& step_ids,
                      const LevelMetrics& level, size_t e, bool with_signup) {
  w.begin_object();
  w.member_number("rate", level.activation_rate[e]);
  w.key("activated_day");
  day_or_null(w, level.activated_day[e]);
  if (with_signup) {
    w.key("signup_day");
    day_or_null(w, level.signup_day[e]);
  }
  w.member_string("checklist", checklist_name(level.on_paid_checklist(e)));
  w.key("steps");
  write_steps(w, model, Metrics::step_ids(step_ids, level, e), level, e);
  w.end_object();
}

void write_adoption(JsonWriter& w, const Model& model, const LevelMetrics& level, size_t e) {
  w.begin_object();
  w.member_number("rate", level.adoption_rate[e]);
  w.member_number("rate_all_time", level.adoption_rate_all_time[e]);
  const auto features = level.features_of(e);
  for (const bool wanted : {true, false}) {
    if (wanted) w.key("used");
    else w.key("not_used");
    w.begin_array();
    for (size_t f = 0; f < features.size(); ++f) {
      if ((features[f] != 0) == wanted) w.string(model.adoption.key_features[f].id);
    }
    w.end_array();
  }
  w.end_object();
}

void write_activity(JsonWriter& w, const ActivityCounts& c) {
  w.begin_object();
  w.member_integer("dau", c.dau);
  w.member_integer("wau", c.wau);
  w.member_integer("mau", c.mau);
  w.member_number("stickiness", c.stickiness);
  w.end_object();
}

void write_info(JsonWriter& w, const AccountInfo& info) {
  w.begin_object();
  w.member_string("name", info.name);
  w.member_string("domain", info.domain);
  w.member_string("plan", plan_name(info.plan));
  w.key("employees");
  info.employees >= 0 ? w.integer(info.employees) : w.null();
  w.key("seats");
  info.seats >= 0 ? w.integer(info.seats) : w.null();
  w.member_number("deal_value", info.deal_value);
  w.key("signup_at");
  time_or_null(w, info.signup_at);
  w.key("trial_ends_at");
  time_or_null(w, info.trial_ends_at);
  w.key("converted_at");
  time_or_null(w, info.converted_at);
  w.member_string("owner", info.owner);
  w.member_string("industry", info.industry);
  w.member_string("region", info.region);
  w.end_object();
}

void write_facts(JsonWriter& w, const AccountFacts& f) {
  w.begin_object();
  w.member_string("stage", to_string(f.stage));
  w.member_string("deal_size", to_string(f.deal_size.size));
  w.member_string("deal_size_basis", to_string(f.deal_size.basis));
  w.member_number("deal_value", f.deal_value.value);
  w.member_bool("deal_value_is_default", f.deal_value.is_default);
  w.key("pql");
  w.begin_object();
  w.member_bool("qualified", f.pql.qualified());
  w.member_number("activation", f.pql.activation);
  w.member_number("threshold", f.pql.threshold);
  w.member_bool("passes_filters", f.pql.passes_filters);
  w.member_string("filter_failure", f.pql.filter_failure);
  w.end_object();
  const CommunicationMetrics& c = f.communication;
  w.key("communication");
  w.begin_object();
  w.member_integer("count", c.count);
  w.member_integer("positive", c.positive);
  w.member_integer("neutral", c.neutral);
  w.member_integer("negative", c.negative);
  w.member_number("net_sentiment", c.net_sentiment);
  w.member_string("level", to_string(c.level));
  w.member_string("sentiment", to_string(c.sentiment));
  w.end_object();
  w.end_object();
}

void write_persona(JsonWriter& w, const PersonaAssignment* p) {
  if (p == nullptr) return w.null();
  w.begin_object();
  w.member_string("persona", to_string(p->persona));
  w.member_number("probability", p->probability);
  w.member_number("deal_value", p->deal_value);
  w.member_bool("deal_value_is_default", p->deal_value_is_default);
  w.member_number("expected_revenue", p->expected_revenue);
  w.key("levels");
  w.begin_object();
  w.member_string("activation", to_string(p->levels.activation));
  w.member_string("engagement", to_string(p->levels.engagement));
  w.member_string("communication", to_string(p->levels.communication));
  w.member_string("sentiment", to_string(p->levels.sentiment));
  w.end_object();
  w.member_string("reason", p->reason);
  w.end_object();
}

}  // namespace

void write_account_report(JsonWriter& w, const Aggregates& a, const Model& model, const ScoreResult& result, size_t e,
                          const std::vector<uint16_t>& segments, const ReportOptions& options) {
  const Metrics& m = result.metrics;
  const AccountRecord& r = a.accounts[e];
  w.begin_object();
  w.member_string("id", r.id);
  w.key("info");
  write_info(w, r.info);
  w.key("first_event_at");
  time_or_null(w, r.first_event_at);
  w.key("last_event_at");
  time_or_null(w, r.last_event_at);
  w.member_integer("events", r.events);

  w.key("activation");
  write_activation(w, model, m.account_steps, m.accounts, e, true);

  w.key("users");
  w.begin_object();
  w.member_integer("count", m.account_users[e]);
  w.member_integer("activated", m.activated_users[e]);
  w.member_number("median_activation", m.median_user_activation[e]);
  w.end_object();

  w.key("engagement");
  open_engagement(w, a, m.accounts, e, options.max_contributions);
  w.key("users");
  w.begin_array();
  size_t listed = 0;
  for (const UserContribution& c : m.user_contributions_of(e)) {
    if (listed++ >= options.max_contributions) break;
    w.begin_object();
    w.member_string("user", a.users[c.user].id);
    w.member_number("points", c.points);
    w.end_object();
  }
  w.end_array();
  w.end_object();

  w.key("adoption");
  write_adoption(w, model, m.accounts, e);
  w.key("activity");
  write_activity(w, m.account_activity[e]);
  w.member_number("seat_penetration", m.seat_penetration[e]);
  w.key("facts");
  write_facts(w, result.segments.accounts[e]);
  w.key("persona");
  const PersonaAssignment* persona = result.segments.personas.find(static_cast<uint32_t>(e));
  write_persona(w, persona);
  if (persona != nullptr) w.member_number("conversion_probability", persona->conversion_probability);
  else w.member_null("conversion_probability");
  w.key("segments");
  w.begin_array();
  for (uint16_t s : segments) w.string(result.segments.segments[s].id);
  w.end_array();
  w.member_number("priority", result.segments.accounts[e].priority);
  w.end_object();
}

void write_user_report(JsonWriter& w, const Aggregates& a, const Model& model, const ScoreResult& result, size_t e,
                       const ReportOptions& options) {
  const Metrics& m = result.metrics;
  const UserRecord& u = a.users[e];
  w.begin_object();
  w.member_string("id", u.id);
  w.key("account");
  u.account == kNoAccount ? w.null() : w.string(a.accounts[u.account].id);
  w.member_integer("events", u.events);
  w.key("activation");
  write_activation(w, model, m.user_steps, m.users, e, false);
  w.key("engagement");
  open_engagement(w, a, m.users, e, options.max_contributions);
  w.end_object();
  w.key("adoption");
  write_adoption(w, model, m.users, e);
  w.end_object();
}

}  // namespace pqlscope
