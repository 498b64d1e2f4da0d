// `pqlscope score`: ingest, apply a model, print a summary, write the report and CSV export.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <future>
#include <memory>
#include <thread>

#include "commands.hpp"
#include "report_file.hpp"
#include "tool_exports.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/history.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_on_threads.hpp"
#include "pqlscope/report/report_writer.hpp"
#include "pqlscope/segments/outcomes.hpp"
#include "pqlscope/segments/rollup.hpp"
#include "pqlscope/session/model_choice.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope::cli {
namespace {

const char* kScoreHelp =
    "usage: pqlscope score <events...> [options]\n"
    "       pqlscope score --aggregates day_counts.csv[.gz] [events...] [options]\n"
    "\n"
    "Scores every account and user: activation, engagement, adoption, activity. Prints first\n"
    "how each file was read (see pqlscope ingest --help); exit code 1 when no event was read.\n"
    "\n"
    "  --aggregates FILE     a day-count file (docs/aggregates.md; `pqlscope sql` makes it in a\n"
    "                        warehouse), scored as its raw events would be; repeatable, and\n"
    "                        merged with any raw files given (an events file with the day-count\n"
    "                        header is recognised without the option too)\n"
    "  --model FILE          the scoring model (JSON, docs/model.md); without it a starter\n"
    "                        model is suggested from the data, as `pqlscope init` would\n"
    "  --as-of YYYY-MM-DD    score as of this day (default: the model's, else the last event's)\n"
    "  --out FILE            write the JSON report (docs/report.md)\n"
    "  --csv FILE            write one row per account for CRM import (segment tags, persona)\n"
    "  --alerts FILE         write the accounts that entered / left each segment (CSV)\n"
    "  --no-users            leave the per-user section out of the report\n"
    "  --no-history          leave the score history (activation and engagement per account\n"
    "                        as of each week) out of the report\n"
    "  --history-interval N  days between two history points (default 7, 1..366)\n"
    "  --history-users       add each user's series to the history\n"
    "  --history-moves       add each account's segment entries and exits to the history\n"
    "                        (scores every point again: seconds at 20k accounts)\n"
    "  --pretty              indent the JSON report for reading (default: compact, one line)\n"
    "  --rollup              score companies: workspaces sharing the model's rollup key\n"
    "                        (domain by default) become one account, metrics recomputed\n"
    "  --management FILE     write the management views (JSON): signup cohorts and this\n"
    "                        month's activation, engagement by plan / stage / industry /\n"
    "                        owner, weekly active accounts (docs/segments.md)\n"
    "  --outcomes FILE       calibration: CSV of account_id,converted[,date]; adds AUC and\n"
    "                        conversion per persona / PQL group to the summary and report\n"
    "  --top N               accounts listed in the summary (default 10)\n"
    "  --accounts, --comms, --format, --map, --epoch, --date-order, --strict,\n"
    "  --drop-identical-rows, --max-issues, --threads: as for ingest; --threads also scores\n"
    "                        (each of the alerts' two days), writes the report's accounts and\n"
    "                        users and computes its history on those threads (the same\n"
    "                        results on any number)\n";

// "n/a" for not-applicable (NaN) values, e.g. adoption with no key features in the model.
std::string percent(double v) {
  if (std::isnan(v)) return "  n/a ";
  char b[32];
  std::snprintf(b, sizeof b, "%5.1f%%", v);
  return b;
}
std::string points(double v, bool sign) {
  if (std::isnan(v)) return sign ? "n/a" : "  n/a";
  char b[32];
  std::snprintf(b, sizeof b, sign ? "%+.1f" : "%5.1f", v);
  return b;
}

void print_top(const Aggregates& a, const ScoreResult& r, size_t top, bool by_activation) {
  std::vector<size_t> order(a.accounts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const LevelMetrics& m = r.metrics.accounts;
  auto key = [&](size_t e) {
    const double v = by_activation ? m.activation_rate[e] : m.latest_score(e);
    return std::isnan(v) ? -1.0 : v;
  };
  // Account ids are unique, so (key, id) orders all accounts strictly: sorting only the first
  // `top` gives the same list as sorting them all.
  std::vector<double> keys(order.size());
  for (size_t e = 0; e < keys.size(); ++e) keys[e] = key(e);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(std::min(top, order.size())), order.end(),
                    [&](size_t x, size_t y) {
                      if (keys[x] != keys[y]) return keys[x] > keys[y];
                      return a.accounts[x].id < a.accounts[y].id;
                    });
  std::printf("top accounts by %s:\n", by_activation ? "activation" : "engagement");
  // Ids are printed whole (a cut could make two differ only after it), aligned on the longest.
  int width = 24;
  for (size_t i = 0; i < std::min(top, order.size()); ++i) {
    width = std::max(width, static_cast<int>(a.accounts[order[i]].id.size()));
  }
  for (size_t i = 0; i < std::min(top, order.size()); ++i) {
    const size_t e = order[i];
    std::printf("  %-*s activation %s  engagement %s (trend %s)  adoption %s\n", width,
                a.accounts[e].id.c_str(), percent(m.activation_rate[e]).c_str(),
                points(m.latest_score(e), false).c_str(), points(m.trend[e], true).c_str(),
                percent(m.adoption_rate[e]).c_str());
  }
}

void print_segments(const Aggregates& a, const ScoreResult& r) {
  const SegmentReport& seg = r.segments;
  std::printf("segments (entered / left since %s):\n", format_day(r.alerts.from_day).c_str());
  for (size_t i = 0; i < seg.segments.size(); ++i) {
    const Segment& s = seg.segments[i];
    const SegmentAlerts* alert = nullptr;
    for (const SegmentAlerts& x : r.alerts.segments) if (x.segment == s.id) alert = &x;
    std::printf("  %-26s %6zu  (+%zu / -%zu)", s.id.c_str(), s.members.size(),
                alert ? alert->entered.size() : 0, alert ? alert->left.size() : 0);
    if (!s.members.empty()) {
      std::printf("  e.g. %s: %s", a.accounts[s.members[0].account].id.c_str(), s.members[0].reason.c_str());
    }
    std::printf("\n");
  }
  const PersonaReport& p = seg.personas;
  std::printf("personas of %zu trial accounts (expected revenue %.0f):\n", p.assignments.size(), p.total.expected_revenue);
  for (size_t i = 0; i < kPersonaCount; ++i) {
    if (p.by_persona[i].accounts == 0) continue;
    std::printf("  %-26s %6u  expected %.0f\n", to_string(static_cast<Persona>(i)), p.by_persona[i].accounts,
                p.by_persona[i].expected_revenue);
  }
}

void print_calibration(const CalibrationReport& c) {
  std::printf("calibration on %u outcomes (%u matched an account):\n", c.outcomes, c.matched);
  for (const ScoreAuc& a : c.auc) {
    std::printf("  AUC of %-20s %s  (%u converters, %u not)\n", a.score.c_str(),
                std::isnan(a.auc) ? "n/a" : std::to_string(round4(a.auc)).substr(0, 6).c_str(), a.positives, a.negatives);
  }
  for (size_t i = 0; i < kPersonaCount; ++i) {
    const RateRow& r = c.personas[i];
    if (r.accounts == 0) continue;
    std::printf("  %-26s converted %u of %u = %5.1f%%, model says %5.1f%%\n", to_string(static_cast<Persona>(i)),
                r.converted, r.accounts, 100 * r.rate, 100 * r.expected);
  }
  std::printf("  PQLs converted %u of %u; non-PQLs %u of %u\n", c.pql.converted, c.pql.accounts,
              c.not_pql.converted, c.not_pql.accounts);
}

}  // namespace

// --history-interval N: whole days within the history's bounds (metrics/history.hpp).
static int history_interval_option(Args& args) {
  const auto text = args.value("--history-interval");
  if (!text) return HistoryOptions{}.interval_days;
  char* end = nullptr;
  const long days = std::strtol(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || days < kMinHistoryInterval || days > kMaxHistoryInterval) {
    throw UsageError("--history-interval takes whole days " + std::to_string(kMinHistoryInterval) + ".." +
                     std::to_string(kMaxHistoryInterval) + ", not '" + *text + "'");
  }
  return static_cast<int>(days);
}

int score_command(Args& args) {
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kScoreHelp, stdout);
    std::fputs(kToolExportsHelp, stdout);
    return 0;
  }
  InputFiles inputs = read_input_options(args);
  const IngestOptions options = read_ingest_options(args);
  const auto model_path = args.value("--model");
  const std::optional<int32_t> as_of_day = as_of_option(args);
  const auto out = args.value("--out");
  const auto csv = args.value("--csv");
  const auto alerts = args.value("--alerts");
  const auto management = args.value("--management");
  const bool no_users = args.flag("--no-users");
  const bool no_history = args.flag("--no-history");
  const bool history_users = args.flag("--history-users");
  const bool history_moves = args.flag("--history-moves");
  const int history_interval = history_interval_option(args);
  const bool pretty = args.flag("--pretty");
  const bool rollup = args.flag("--rollup");
  const auto outcomes_path = args.value("--outcomes");
  const ToolExportOptions tool_exports = read_tool_export_options(args);
  const size_t top = std::stoul(args.value("--top").value_or("10"));
  const size_t max_issues = std::stoul(args.value("--max-issues").value_or("20"));
  inputs.events = args.rest();
  if (inputs.events.empty() && inputs.aggregates.empty()) {
    throw UsageError("score needs an events file or --aggregates (see --help)");
  }

  std::optional<Model> given;  // read before ingesting: a bad model should not cost a long ingest
  if (model_path) given = load_model_file(*model_path);
  std::vector<Outcome> outcomes;  // read before ingesting too: a bad outcomes file fails fast
  if (outcomes_path) outcomes = read_outcomes_file(*outcomes_path);
  Aggregates ingested = ingest_inputs(inputs, options);
  print_ingest_summary(ingested.report, max_issues);
  if (report_nothing_read(ingested.report)) return 1;
  // The report file is opened beside the scoring: replacing a large report whose blocks are on
  // disk took 20-45 ms here (freeing them, with ext4's discard), on the job's path when it
  // opened just before writing (docs/performance-round-4.md). It is opened only once events
  // were read, as before: a run that reads nothing leaves the old report alone.
  std::future<std::unique_ptr<std::ofstream>> report_file;
  if (out) report_file = std::async(std::launch::async, [path = *out] { return open_in_place_of(path); });
  if (rollup) {
    const RollupModel by = given ? given->rollup : Model{}.rollup;
    const size_t workspaces = ingested.accounts.size();
    IngestReport report = std::move(ingested.report);
    Rollup rolled = rollup_aggregates(ingested, by);
    // Outcomes name workspaces: judge each company by its workspaces' outcomes.
    for (Outcome& o : outcomes) {
      const uint32_t a = ingested.find_account(o.account);
      if (a != kNoAccount) o.account = rolled.companies.accounts[rolled.company_of_account[a]].id;
    }
    ingested = std::move(rolled.companies);
    ingested.report = std::move(report);
    std::printf("rolled up %zu workspaces into %zu companies by %s\n", workspaces, ingested.accounts.size(),
                by.key.c_str());
  }
  // The scoring itself is the core's session (the same as the WebAssembly package's).
  Session session(std::move(ingested));
  apply_user_id_salt(tool_exports, session);
  if (!given) std::printf("no --model: using a starter model suggested from the data (pqlscope init writes it)\n");
  session.set_threads(inputs.threads != 0 ? inputs.threads : std::max(1u, std::thread::hardware_concurrency()));
  session.score_with_alerts(choose_model(session.aggregates(), std::move(given), as_of_day));
  const Aggregates& aggregates = session.aggregates();
  const Model& model = session.model();
  const ScoreResult& result = session.full_result();
  const Metrics& m = result.metrics;
  std::printf("as of %s: %zu accounts (%u active this week), %zu users; DAU %u, WAU %u, MAU %u\n",
              format_day(result.as_of_day).c_str(), aggregates.accounts.size(), m.active_accounts_week,
              aggregates.users.size(), m.overall.dau, m.overall.wau, m.overall.mau);
  if (top > 0 && !aggregates.accounts.empty()) {
    print_top(aggregates, result, top, true);
    print_top(aggregates, result, top, false);
  }
  std::optional<CalibrationReport> calibration;
  if (outcomes_path) {
    calibration = calibrate(aggregates, model, result.metrics, result.segments, outcomes);
    print_calibration(*calibration);
  }
  if (out) {
    ReportOptions report_options;
    report_options.include_users = !no_users;
    report_options.include_history = !no_history;
    report_options.history_interval_days = history_interval;
    report_options.history_users = history_users;
    report_options.history_moves = history_moves;
    report_options.pretty = pretty;
    report_options.threads = inputs.threads != 0 ? inputs.threads : std::max(1u, std::thread::hardware_concurrency());
    // Streamed and written as bytes: one batch of accounts at a time, never the whole document in memory.
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();
    if (calibration) extra["calibration"] = calibration_json(*calibration);
    const std::unique_ptr<std::ofstream> file = report_file.get();
    write_report_on_threads(*file, aggregates, model, result, report_options, extra, session.threads());
    if (!file->flush()) throw std::runtime_error(*out + ": cannot write the file");
  }
  print_segments(aggregates, result);
  if (csv) write_text_file(*csv, accounts_csv(aggregates, model, result));
  if (alerts) write_text_file(*alerts, alerts_csv(aggregates, result));
  if (management) write_text_file(*management, session.management_json().dump(pretty ? 2 : -1) + "\n");
  write_tool_exports(tool_exports, session);
  return 0;
}

int init_command(Args& args) {
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs("usage: pqlscope init <events...> [--out model.json] [--accounts F] [--format FMT]\n"
               "Writes a starter model: every event name seen with a suggested importance, and an\n"
               "example activation checklist built from the most widespread events.\n", stdout);
    return 0;
  }
  InputFiles inputs = read_input_options(args);
  const auto out = args.value("--out");
  inputs.events = args.rest();
  if (inputs.events.empty() && inputs.aggregates.empty()) throw UsageError("init needs an events file or --aggregates (see --help)");
  Aggregates aggregates = ingest_inputs(inputs, IngestOptions{});
  print_ingest_warnings(aggregates.report, stderr);  // stdout may be the model
  if (report_nothing_read(aggregates.report)) return 1;
  const Model model = suggested_model(aggregates);
  const std::string text = format_model(model);
  if (out) {
    write_text_file(*out, text);
    std::fprintf(stderr, "wrote %s: %zu event importances, %zu checklist steps\n", out->c_str(),
                 model.engagement.importance.size(), model.activation.steps.size());
  } else {
    std::fputs(text.c_str(), stdout);
  }
  return 0;
}

int validate_command(Args& args) {
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs("usage: pqlscope validate <model.json>\nChecks a model; lists every error with its JSON path.\n", stdout);
    return 0;
  }
  const auto rest = args.rest();
  if (rest.size() != 1) throw UsageError("validate takes one model file");
  const ModelParseResult parsed = try_parse_model(read_text_file(rest[0]));
  if (!parsed.validation.errors.empty() || !parsed.validation.warnings.empty()) {
    std::fputs(parsed.validation.to_string().c_str(), parsed.validation.ok() ? stdout : stderr);
  }
  if (!parsed.validation.ok()) return 1;
  std::printf("%s: valid (%zu steps, %zu importances, %zu key features)\n", rest[0].c_str(),
              parsed.model.activation.steps.size(), parsed.model.engagement.importance.size(),
              parsed.model.adoption.key_features.size());
  return 0;
}

}  // namespace pqlscope::cli
