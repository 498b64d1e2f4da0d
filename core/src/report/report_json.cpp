#include <cmath>
#include <span>
#include <vector>

#include "pqlscope/ingest/mapping_json.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/history_json.hpp"
#include "pqlscope/report/report_parts.hpp"

namespace pqlscope {

using ojson = nlohmann::ordered_json;

namespace {

ojson number(double value) {
  if (std::isnan(value) || std::isinf(value)) return nullptr;
  const double r = round4(value);
  if (r == std::floor(r) && std::fabs(r) < 9e15) return static_cast<int64_t>(r);
  return r;
}

ojson day_or_null(int32_t day) { return day == kNoDay ? ojson(nullptr) : ojson(format_day(day)); }
ojson time_or_null(const std::optional<int64_t>& t) { return t ? ojson(format_millis(*t)) : ojson(nullptr); }

ojson steps_json(const Model& model, std::span<const uint32_t> step_ids, const LevelMetrics& level, size_t e) {
  ojson out = ojson::array();
  const auto statuses = level.steps_of(e);
  for (size_t s = 0; s < statuses.size(); ++s) {
    const ActivationStep& step = model.activation.combined_step(step_ids[s]);
    const StepStatus& st = statuses[s];
    ojson row = {{"id", step.id}, {"done", st.done}, {"count", st.count}, {"min_count", step.min_count}};
    if (step.level == StepLevel::account) {
      row["users"] = st.users;
      row["min_users"] = step.min_users;
    }
    row["completed_day"] = day_or_null(st.completed_day);
    out.push_back(std::move(row));
  }
  return out;
}

// A checklist as the report names it: what each account's and user's "checklist" refers to.
ojson checklist_json(const std::vector<ActivationStep>& steps) {
  ojson out = ojson::array();
  for (const ActivationStep& step : steps) {
    out.push_back({{"id", step.id}, {"label", step.label.empty() ? step.id : step.label},
                   {"level", to_string(step.level)}});
  }
  return out;
}

ojson engagement_json(const Aggregates& a, const LevelMetrics& level, size_t e, size_t max_items) {
  ojson raw = ojson::array(), score = ojson::array();
  for (double v : level.raw_of(e)) raw.push_back(number(v));
  for (double v : level.score_of(e)) score.push_back(number(v));
  ojson contributions = ojson::array();
  for (const EventContribution& c : level.contributions_of(e)) {
    if (contributions.size() >= max_items) break;
    contributions.push_back({{"event", a.event_names[c.event]}, {"points", number(c.points)}});
  }
  return {{"score", number(level.latest_score(e))},
          {"raw", number(level.latest_raw(e))},
          {"trend", number(level.trend[e])},
          {"slope", number(level.slope[e])},
          {"scores", std::move(score)},
          {"raws", std::move(raw)},
          {"contributions", std::move(contributions)}};
}

ojson adoption_json(const Model& model, const LevelMetrics& level, size_t e) {
  ojson used = ojson::array(), unused = ojson::array();
  const auto features = level.features_of(e);
  for (size_t f = 0; f < features.size(); ++f) {
    (features[f] ? used : unused).push_back(model.adoption.key_features[f].id);
  }
  return {{"rate", number(level.adoption_rate[e])},
          {"rate_all_time", number(level.adoption_rate_all_time[e])},
          {"used", std::move(used)},
          {"not_used", std::move(unused)}};
}

ojson activity_json(const ActivityCounts& c) {
  return {{"dau", c.dau}, {"wau", c.wau}, {"mau", c.mau}, {"stickiness", number(c.stickiness)}};
}

ojson account_info_json(const AccountInfo& info) {
  return {{"name", info.name},
          {"domain", info.domain},
          {"plan", plan_name(info.plan)},
          {"employees", info.employees >= 0 ? ojson(info.employees) : ojson(nullptr)},
          {"seats", info.seats >= 0 ? ojson(info.seats) : ojson(nullptr)},
          {"deal_value", number(info.deal_value)},
          {"signup_at", time_or_null(info.signup_at)},
          {"trial_ends_at", time_or_null(info.trial_ends_at)},
          {"converted_at", time_or_null(info.converted_at)},
          {"owner", info.owner},
          {"industry", info.industry},
          {"region", info.region}};
}

}  // namespace

ojson ingest_issue_json(const IngestIssue& issue) {
  return {{"code", error_code_name(issue.code)}, {"file", issue.file},          {"line", issue.line},
          {"column", issue.column},              {"byte_offset", issue.byte_offset}, {"field", issue.field},
          {"message", issue.message}};
}

ojson ingest_report_json(const IngestReport& r) {
  ojson by_code = ojson::object();
  for (size_t c = 0; c < kIngestErrorCodeCount; ++c) {
    if (r.rejected_by_code[c] > 0) by_code[error_code_name(static_cast<IngestErrorCode>(c))] = r.rejected_by_code[c];
  }
  ojson issues = ojson::array();
  for (const IngestIssue& i : r.issues) issues.push_back(ingest_issue_json(i));
  ojson files = ojson::array();
  for (const FileSummary& f : r.files) {
    files.push_back({{"name", f.name}, {"kind", f.kind}, {"format", f.format}, {"bytes", f.bytes},
                     {"rows", f.rows}, {"accepted", f.accepted}, {"rejected", f.rejected},
                     {"duplicates", f.duplicates}, {"skipped", f.skipped}, {"same_as", f.same_as},
                     {"copy_skipped", f.copy_skipped}, {"mapping", mapping_explanation_json(f.mapping)}});
    // Notices, present only when they apply (a plain UTF-8 comma file has none).
    if (!f.encoding.empty()) files.back()["encoding"] = f.encoding;
    if (!f.delimiter.empty()) files.back()["delimiter"] = f.delimiter;
    if (f.protocol_messages > 0) files.back()["protocol_messages"] = f.protocol_messages;
  }
  return {{"bytes", r.bytes}, {"rows", r.rows}, {"events", r.events}, {"duplicates", r.duplicates},
          {"identical_rows", r.identical_rows}, {"rejected", r.rejected}, {"skipped", r.skipped},
          {"copies_skipped", r.copies_skipped}, {"rejected_by_code", std::move(by_code)},
          {"issues", std::move(issues)}, {"issues_not_kept", r.issues_not_kept},
          {"reopened_days", r.reopened_days}, {"unattributed_users", r.unattributed_users},
          {"files", std::move(files)}};
}

namespace {

ojson conversion_probability_json(const PersonaAssignment* p) {
  return p == nullptr ? ojson(nullptr) : number(p->conversion_probability);
}

ojson persona_json(const PersonaAssignment* p) {
  if (p == nullptr) return nullptr;
  return {{"persona", to_string(p->persona)},
          {"probability", number(p->probability)},
          {"deal_value", number(p->deal_value)},
          {"deal_value_is_default", p->deal_value_is_default},
          {"expected_revenue", number(p->expected_revenue)},
          {"levels", {{"activation", to_string(p->levels.activation)},
                      {"engagement", to_string(p->levels.engagement)},
                      {"communication", to_string(p->levels.communication)},
                      {"sentiment", to_string(p->levels.sentiment)}}},
          {"reason", p->reason}};
}

ojson facts_json(const AccountFacts& f) {
  return {{"stage", to_string(f.stage)},
          {"deal_size", to_string(f.deal_size.size)},
          {"deal_size_basis", to_string(f.deal_size.basis)},
          {"deal_value", number(f.deal_value.value)},
          {"deal_value_is_default", f.deal_value.is_default},
          {"pql", {{"qualified", f.pql.qualified()},
                   {"activation", number(f.pql.activation)},
                   {"threshold", number(f.pql.threshold)},
                   {"passes_filters", f.pql.passes_filters},
                   {"filter_failure", f.pql.filter_failure}}},
          {"communication", {{"count", f.communication.count},
                             {"positive", f.communication.positive},
                             {"neutral", f.communication.neutral},
                             {"negative", f.communication.negative},
                             {"net_sentiment", number(f.communication.net_sentiment)},
                             {"level", to_string(f.communication.level)},
                             {"sentiment", to_string(f.communication.sentiment)}}}};
}

ojson segments_json(const Aggregates& a, const SegmentReport& r) {
  ojson out = ojson::array();
  for (const Segment& s : r.segments) {
    ojson members = ojson::array();
    for (const SegmentMember& m : s.members) {
      members.push_back({{"account", a.accounts[m.account].id}, {"value", number(m.value)}, {"reason", m.reason}});
    }
    out.push_back({{"id", s.id}, {"label", s.label}, {"group", to_string(s.group)}, {"rule", s.rule},
                   {"sort_by", s.sort_by}, {"count", s.members.size()}, {"members", std::move(members)}});
  }
  return out;
}

ojson user_segments_json(const Aggregates& a, const SegmentReport& r) {
  ojson out = ojson::array();
  for (const UserSegment& s : r.user_segments) {
    ojson members = ojson::array();
    for (const UserSegmentMember& m : s.members) {
      members.push_back({{"account", a.accounts[m.account].id}, {"user", a.users[m.user].id},
                         {"value", number(m.value)}, {"reason", m.reason}});
    }
    out.push_back({{"id", s.id}, {"label", s.label}, {"group", to_string(s.group)}, {"rule", s.rule},
                   {"sort_by", s.sort_by}, {"count", s.members.size()}, {"members", std::move(members)}});
  }
  return out;
}

ojson personas_json(const Model& model, const PersonaReport& p) {
  ojson forecast = ojson::array();
  for (size_t i = 0; i < kPersonaCount; ++i) {
    const ForecastRow& row = p.by_persona[i];
    forecast.push_back({{"persona", to_string(static_cast<Persona>(i))},
                        {"probability", number(model.personas.probabilities[i])},
                        {"accounts", row.accounts},
                        {"deal_value", number(row.deal_value)},
                        {"expected_revenue", number(row.expected_revenue)}});
  }
  ojson grid = ojson::array();
  for (size_t act = 0; act < 3; ++act) {
    for (size_t eng = 0; eng < 3; ++eng) {
      for (size_t com = 0; com < 2; ++com) {
        grid.push_back({{"activation", to_string(static_cast<Level>(act))},
                        {"engagement", to_string(static_cast<Level>(eng))},
                        {"communication", to_string(static_cast<CommunicationLevel>(com))},
                        {"accounts", p.grid[act][eng][com]}});
      }
    }
  }
  return {{"trial_accounts", p.assignments.size()},
          {"forecast", std::move(forecast)},
          {"total", {{"accounts", p.total.accounts}, {"deal_value", number(p.total.deal_value)},
                     {"expected_revenue", number(p.total.expected_revenue)}}},
          {"grid", std::move(grid)}};
}

ojson alerts_json(const Aggregates& a, const AlertReport& r) {
  auto entries = [&](const std::vector<AlertEntry>& list) {
    ojson out = ojson::array();
    for (const AlertEntry& e : list) out.push_back({{"account", a.accounts[e.account].id}, {"reason", e.reason}});
    return out;
  };
  ojson segments = ojson::array();
  for (const SegmentAlerts& s : r.segments) {
    segments.push_back({{"segment", s.segment}, {"label", s.label}, {"entered", entries(s.entered)}, {"left", entries(s.left)}});
  }
  ojson personas = ojson::array();
  for (const PersonaChange& c : r.personas) {
    personas.push_back({{"account", a.accounts[c.account].id},
                        {"before", c.had_before ? ojson(to_string(c.before)) : ojson(nullptr)},
                        {"after", c.has_after ? ojson(to_string(c.after)) : ojson(nullptr)}});
  }
  return {{"from", format_day(r.from_day)}, {"to", format_day(r.to_day)},
          {"entered", r.total_entered()}, {"left", r.total_left()},
          {"segments", std::move(segments)}, {"personas", std::move(personas)}};
}

}  // namespace

ojson report_number(double value) { return number(value); }
ojson report_personas_json(const Model& model, const PersonaReport& personas) { return personas_json(model, personas); }

double round4(double value) { return std::round(value * 10000.0) / 10000.0; }

ojson calibration_json(const CalibrationReport& c) {
  auto rate = [](const RateRow& r) {
    return ojson{{"accounts", r.accounts}, {"converted", r.converted}, {"rate", number(r.rate)},
                 {"expected", number(r.expected)}};
  };
  ojson aucs = ojson::array();
  for (const ScoreAuc& a : c.auc) {
    aucs.push_back({{"score", a.score}, {"auc", number(a.auc)}, {"converters", a.positives}, {"non_converters", a.negatives}});
  }
  ojson personas = ojson::array();
  for (size_t i = 0; i < kPersonaCount; ++i) {
    ojson row = rate(c.personas[i]);
    row["persona"] = to_string(static_cast<Persona>(i));
    personas.push_back(std::move(row));
  }
  ojson by_size = ojson::array();
  for (size_t i = 0; i < kDealSizeCount; ++i) {
    by_size.push_back({{"deal_size", to_string(static_cast<DealSize>(i))},
                       {"pql", rate(c.pql_by_size[i])}, {"not_pql", rate(c.not_pql_by_size[i])}});
  }
  return {{"outcomes", c.outcomes}, {"matched", c.matched}, {"duplicates", c.duplicates},
          {"unmatched", c.unmatched}, {"auc", std::move(aucs)}, {"personas", std::move(personas)},
          {"pql", rate(c.pql)}, {"not_pql", rate(c.not_pql)}, {"by_deal_size", std::move(by_size)}};
}

namespace {

Metrics metrics_as_of(const Aggregates& aggregates, const Model& model, int32_t as_of_day, const MetricsCache* cache,
                      unsigned threads = 1) {
  Metrics out;
  if (cache == nullptr) compute_metrics(aggregates, model, as_of_day, out, threads);
  else compute_metrics(aggregates, *cache, model, as_of_day, out, threads);
  return out;
}

ScoreResult score_at(const Aggregates& aggregates, const Model& model, int32_t as_of_day, const MetricsCache* cache,
                     unsigned threads, const EarlierFacts* earlier = nullptr) {
  ScoreResult result;
  result.as_of_day = as_of_day;
  result.metrics = metrics_as_of(aggregates, model, as_of_day, cache, threads);
  result.segments = compute_segments(aggregates, model, result.metrics, cache, threads, earlier);
  return result;
}

// The alerts' baseline: the whole scoring again one engagement window before `as_of_day`, cut
// down to what compute_alerts reads (the segments and personas): its metrics and the accounts'
// facts are freed before the caller goes on.
SegmentReport alerts_baseline(const Aggregates& aggregates, const Model& model, int32_t as_of_day,
                              const MetricsCache* cache, unsigned threads) {
  const Metrics baseline = metrics_as_of(aggregates, model, as_of_day - model.engagement.window_days, cache, threads);
  SegmentReport before = compute_segments(aggregates, model, baseline, cache, threads);
  std::vector<AccountFacts>().swap(before.accounts);
  return before;
}

}  // namespace

ScoreResult score_without_alerts(const Aggregates& aggregates, const Model& model, const MetricsCache* cache,
                                 unsigned threads, const EarlierFacts* earlier) {
  return score_at(aggregates, model, resolve_as_of_day(aggregates, model), cache, threads, earlier);
}

void add_alerts(const Aggregates& aggregates, const Model& model, ScoreResult& result, const MetricsCache* cache,
                unsigned threads) {
  result.alerts = compute_alerts(alerts_baseline(aggregates, model, result.as_of_day, cache, threads), result.segments);
}

ScoreResult score_on_threads(const Aggregates& aggregates, const Model& model, unsigned threads,
                             const MetricsCache* cache) {
  // The baseline first, cut down, then the as-of day's scoring: the two scorings' metrics are
  // never alive at once (side by side they were, 40 MB more at the peak of 1M events for no
  // gain in time, docs/performance-round-7.md).
  const int32_t as_of_day = resolve_as_of_day(aggregates, model);
  const SegmentReport before = alerts_baseline(aggregates, model, as_of_day, cache, threads);
  ScoreResult result = score_at(aggregates, model, as_of_day, cache, threads);
  result.alerts = compute_alerts(before, result.segments);
  return result;
}

ScoreResult score(const Aggregates& aggregates, const Model& model) {
  ScoreResult result = score_without_alerts(aggregates, model);
  add_alerts(aggregates, model, result);
  return result;
}

ojson report_head_json(const Aggregates& a, const Model& model, const ScoreResult& result) {
  const Metrics& m = result.metrics;
  ojson report;
  report["report"] = "pqlscope-report";
  report["version"] = kReportVersion;
  report["as_of"] = format_day(result.as_of_day);
  report["model"] = {{"name", model.name},
                     {"version", model.version},
                     {"steps", checklist_json(model.activation.steps)},
                     {"paid_steps", model.activation.paid_steps ? checklist_json(*model.activation.paid_steps) : ojson(nullptr)}};

  ojson windows = ojson::array();
  for (size_t k = 0; k < m.accounts.windows; ++k) {
    const int32_t end = m.as_of_day - static_cast<int32_t>((m.accounts.windows - 1 - k) * m.window_days);
    windows.push_back({{"start", format_day(end - m.window_days + 1)}, {"end", format_day(end)}});
  }
  report["windows"] = std::move(windows);
  const SegmentReport& seg = result.segments;
  const Segment* pqls = seg.find("pql");
  report["summary"] = {{"accounts", a.accounts.size()},
                       {"pqls", pqls != nullptr ? pqls->members.size() : 0},
                       {"trial_accounts", seg.personas.assignments.size()},
                       {"forecast_revenue", number(seg.personas.total.expected_revenue)},
                       {"users", a.users.size()},
                       {"event_names", a.event_names.size()},
                       {"active_accounts", {{"day", m.active_accounts_day}, {"week", m.active_accounts_week}, {"month", m.active_accounts_month}}},
                       {"activity", activity_json(m.overall)}};
  report["ingest"] = ingest_report_json(a.report);
  return report;
}

ojson account_report_json(const Aggregates& a, const Model& model, const ScoreResult& result, size_t e,
                          const std::vector<uint16_t>& segments, const ReportOptions& options) {
  const Metrics& m = result.metrics;
  const AccountRecord& r = a.accounts[e];
  ojson tags = ojson::array();
  for (uint16_t s : segments) tags.push_back(result.segments.segments[s].id);
  ojson user_points = ojson::array();
  for (const UserContribution& c : m.user_contributions_of(e)) {
    if (user_points.size() >= options.max_contributions) break;
    user_points.push_back({{"user", a.users[c.user].id}, {"points", number(c.points)}});
  }
  ojson engagement = engagement_json(a, m.accounts, e, options.max_contributions);
  engagement["users"] = std::move(user_points);
  return {{"id", r.id},
          {"info", account_info_json(r.info)},
          {"first_event_at", time_or_null(r.first_event_at)},
          {"last_event_at", time_or_null(r.last_event_at)},
          {"events", r.events},
          {"activation", {{"rate", number(m.accounts.activation_rate[e])},
                          {"activated_day", day_or_null(m.accounts.activated_day[e])},
                          {"signup_day", day_or_null(m.accounts.signup_day[e])},
                          {"checklist", checklist_name(m.accounts.on_paid_checklist(e))},
                          {"steps", steps_json(model, m.account_step_ids_of(e), m.accounts, e)}}},
          {"users", {{"count", m.account_users[e]},
                     {"activated", m.activated_users[e]},
                     {"median_activation", number(m.median_user_activation[e])}}},
          {"engagement", std::move(engagement)},
          {"adoption", adoption_json(model, m.accounts, e)},
          {"activity", activity_json(m.account_activity[e])},
          {"seat_penetration", number(m.seat_penetration[e])},
          {"facts", facts_json(result.segments.accounts[e])},
          {"persona", persona_json(result.segments.personas.find(static_cast<uint32_t>(e)))},
          {"conversion_probability", conversion_probability_json(result.segments.personas.find(static_cast<uint32_t>(e)))},
          {"segments", std::move(tags)},
          {"priority", number(result.segments.accounts[e].priority)}};
}

ojson report_sections_json(const Aggregates& a, const Model& model, const ScoreResult& result) {
  ojson sections;
  sections["segments"] = segments_json(a, result.segments);
  sections["user_segments"] = user_segments_json(a, result.segments);
  sections["personas"] = personas_json(model, result.segments.personas);
  sections["alerts"] = alerts_json(a, result.alerts);
  return sections;
}

ojson user_report_json(const Aggregates& a, const Model& model, const ScoreResult& result, size_t e,
                       const ReportOptions& options) {
  const Metrics& m = result.metrics;
  const UserRecord& u = a.users[e];
  return {{"id", u.id},
          {"account", u.account == kNoAccount ? ojson(nullptr) : ojson(a.accounts[u.account].id)},
          {"events", u.events},
          {"activation", {{"rate", number(m.users.activation_rate[e])},
                          {"activated_day", day_or_null(m.users.activated_day[e])},
                          {"checklist", checklist_name(m.users.on_paid_checklist(e))},
                          {"steps", steps_json(model, m.user_step_ids_of(e), m.users, e)}}},
          {"engagement", engagement_json(a, m.users, e, options.max_contributions)},
          {"adoption", adoption_json(model, m.users, e)}};
}

ojson build_report(const Aggregates& a, const Model& model, const ScoreResult& result,
                   const ReportOptions& options) {
  ojson report = report_head_json(a, model, result);
  const auto memberships = result.segments.memberships();
  ojson accounts = ojson::array();
  for (size_t e = 0; e < a.accounts.size(); ++e) {
    accounts.push_back(account_report_json(a, model, result, e, memberships[e], options));
  }
  report["accounts"] = std::move(accounts);
  ojson sections = report_sections_json(a, model, result);
  for (auto it = sections.begin(); it != sections.end(); ++it) report[it.key()] = std::move(it.value());
  if (options.include_users) {
    ojson users = ojson::array();
    for (size_t e = 0; e < a.users.size(); ++e) users.push_back(user_report_json(a, model, result, e, options));
    report["users"] = std::move(users);
  }
  if (options.include_history) {
    report["history"] = history_json(a, compute_report_history(a, model, result, options), options.history_users);
  }
  return report;
}

std::string report_to_string(const ojson& report, bool pretty) {
  // error_handler replace: ids are validated UTF-8 at ingest, but a report must never throw.
  return report.dump(pretty ? 2 : -1, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace pqlscope
