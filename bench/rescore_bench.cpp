// Re-scoring benchmark (issue 3, "Performance"): compute_metrics on realistic aggregates of
// 20k accounts / 100k users / ~10M events over 180 days, built directly in memory (no files,
// no ingest), deterministic for a seed. Prints the median time of compute_metrics over RUNS
// runs, then the median after changing the model's importances (the re-score path: same
// aggregates, changed model), and a checksum of every metric so that two builds can be
// compared for identical results.
//
//   pqlscope-bench-rescore [--runs N] [--scale F] [--seed S] [--threads N]
//       [--cache-only | --session | --phases | --history | --sliders]
//
// --session times Session::score() instead (metrics + segments + personas, as a UI's re-score):
// the first score (the logs), the second (builds the re-score cache, then reads it), the median
// of RUNS further re-scores with changed importances, and the same with the alerts
// (full_result()); next to score_without_alerts() over the logs, the session's re-score before
// the cache was wired in.
//
// --phases cuts a session re-score from the cache into its phases (phases_bench below).
//
// --sliders times the importance-only re-score against the whole one (sliders_bench below).
//
// --scale multiplies accounts, users and activity (0.05 gives a small instance for
// `valgrind --tool=callgrind`). Times are wall (steady clock) and process CPU time.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/segments/account_facts.hpp"
#include "pqlscope/segments/segment_report.hpp"
#include "pqlscope/session/session.hpp"
#include "history_bench.hpp"

namespace {

using namespace pqlscope;

constexpr int kEvents = 30;
constexpr int kDays = 180;
constexpr int32_t kFirstDay = 19800;  // 2024-03-18
constexpr int64_t kMsPerDay = 86'400'000;

// splitmix64: fast, deterministic, good enough for a workload generator.
struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double normal() {  // Box-Muller, one value
    const double u1 = std::max(uniform(), 1e-300), u2 = uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
};

const char* const kNames[kEvents] = {
    "view_dashboard", "login",          "open_project",   "edit_document",  "search",
    "comment",        "upload_file",    "view_report",    "create_project", "share",
    "download",       "filter",         "create_task",    "assign_task",    "complete_task",
    "invite_user",    "export_csv",     "add_tag",        "mention",        "create_report",
    "schedule_report","connect_integration", "export_pdf", "create_dashboard", "set_alert",
    "api_call",       "configure_sso",  "audit_log",      "billing_view",   "delete_project"};

struct Workload {
  Aggregates aggregates;
  uint64_t events = 0;
};

Workload build(double scale, uint64_t seed) {
  Workload w;
  Aggregates& ag = w.aggregates;
  Rng rng{seed};
  const uint32_t accounts = std::max<uint32_t>(1, static_cast<uint32_t>(20000 * scale));
  const uint32_t users = std::max<uint32_t>(1, static_cast<uint32_t>(100000 * scale));
  ag.event_names.assign(kNames, kNames + kEvents);

  // Zipf-ish popularity (s = 1) over the event names, as a cumulative table.
  double cdf[kEvents];
  double total = 0;
  for (int e = 0; e < kEvents; ++e) total += cdf[e] = 1.0 / (e + 1);
  for (int e = 0; e < kEvents; ++e) cdf[e] = (e ? cdf[e - 1] : 0) + cdf[e] / total;
  auto draw_event = [&] {
    const double u = rng.uniform();
    int e = 0;
    while (e < kEvents - 1 && u >= cdf[e]) ++e;
    return e;
  };

  // Accounts: signup spread over the first 150 days; most with an accounts-file record.
  ag.accounts.resize(accounts);
  std::vector<int32_t> account_start(accounts);
  for (uint32_t a = 0; a < accounts; ++a) {
    AccountRecord& r = ag.accounts[a];
    r.id = "acct" + std::to_string(a);
    account_start[a] = static_cast<int32_t>(rng.next() % 150);
    if (rng.next() % 10 < 7) {
      r.in_accounts_file = true;
      r.info.signup_at = (kFirstDay + account_start[a]) * kMsPerDay + static_cast<int64_t>(rng.next() % kMsPerDay);
      r.info.employees = static_cast<int64_t>(std::exp(2 + 2.5 * rng.uniform() * 2));
      if (rng.next() % 3 == 0) r.info.seats = 1 + static_cast<int64_t>(rng.next() % 40);
    }
  }

  // Users: a home account skewed towards low indices (a few big accounts, many small ones),
  // indexed in no particular account order (like ingest's first-seen order); a start day after
  // the account's, a lifetime, and a daily activity probability.
  ag.users.resize(users);
  std::vector<int32_t> start(users), end(users);
  std::vector<float> activity(users);
  for (uint32_t u = 0; u < users; ++u) {
    UserRecord& r = ag.users[u];
    r.id = "user" + std::to_string(u);
    const auto a = std::min<uint32_t>(accounts - 1, static_cast<uint32_t>(accounts * std::pow(rng.uniform(), 1.5)));
    r.account = a;
    start[u] = std::min(kDays - 1, account_start[a] + static_cast<int32_t>(-std::log(std::max(rng.uniform(), 1e-9)) * 10));
    end[u] = std::min(kDays, start[u] + 14 + static_cast<int32_t>(-std::log(std::max(rng.uniform(), 1e-9)) * 250));
    activity[u] = static_cast<float>(std::clamp(0.68 * std::exp(0.5 * rng.normal()), 0.02, 0.98));
  }

  // Day by day: users in index order (so user_days is (day, entity, event) sorted as emitted),
  // their events merged per day, and summed per home account in a small table.
  std::vector<uint32_t> account_counts(static_cast<std::size_t>(accounts) * kEvents, 0);
  std::vector<uint8_t> touched(accounts, 0);
  std::vector<uint32_t> touched_list;
  uint32_t mine[kEvents];
  std::vector<int64_t> first_at(users, -1), last_at(users, -1);
  for (int day = 0; day < kDays; ++day) {
    const uint16_t d = static_cast<uint16_t>(kFirstDay + day);
    for (uint32_t u = 0; u < users; ++u) {
      if (day < start[u] || day >= end[u] || rng.uniform() >= activity[u]) continue;
      std::memset(mine, 0, sizeof mine);
      const int draws = 1 + static_cast<int>(-std::log(std::max(rng.uniform(), 1e-9)) * 1.2);
      for (int i = 0; i < draws; ++i) ++mine[draw_event()];
      const uint32_t a = ag.users[u].account;
      if (!touched[a]) touched[a] = 1, touched_list.push_back(a);
      uint32_t n = 0;
      for (int e = 0; e < kEvents; ++e) {
        if (mine[e] == 0) continue;
        ag.user_days.push_back({u, static_cast<uint16_t>(e), d, mine[e]});
        account_counts[static_cast<std::size_t>(a) * kEvents + e] += mine[e];
        n += mine[e];
      }
      w.events += n;
      UserRecord& r = ag.users[u];
      r.events += n;
      const int64_t t = d * kMsPerDay + 43'200'000;
      if (first_at[u] < 0) first_at[u] = t;
      last_at[u] = t;
    }
    std::sort(touched_list.begin(), touched_list.end());
    for (uint32_t a : touched_list) {
      AccountRecord& r = ag.accounts[a];
      for (int e = 0; e < kEvents; ++e) {
        uint32_t& c = account_counts[static_cast<std::size_t>(a) * kEvents + e];
        if (c == 0) continue;
        ag.account_days.push_back({a, static_cast<uint16_t>(e), d, c});
        r.events += c;
        c = 0;
      }
      const int64_t t = d * kMsPerDay + 43'200'000;
      if (!r.first_event_at) r.first_event_at = t;
      r.last_event_at = t;
      touched[a] = 0;
    }
    touched_list.clear();
  }
  for (uint32_t u = 0; u < users; ++u) {
    ag.users[u].first_event_at = first_at[u];
    ag.users[u].last_event_at = last_at[u];
  }
  ag.report.events = w.events;
  return w;
}

ActivationStep step(const char* id, StepLevel level, std::vector<std::string> events, int min_count,
                    int min_users = 1, std::optional<int> window = std::nullopt) {
  ActivationStep s;
  s.id = id;
  s.label = id;
  s.level = level;
  s.events = std::move(events);
  s.min_count = min_count;
  s.min_users = min_users;
  s.window_days = window;
  return s;
}

Feature feature(const char* id, std::vector<std::string> events) {
  Feature f;
  f.id = id;
  f.label = id;
  f.events = std::move(events);
  return f;
}

Model make_model() {
  Model m;
  m.activation.steps = {
      step("create_project", StepLevel::account, {"create_project"}, 1),
      step("invite_team", StepLevel::account, {"invite_user"}, 2),
      step("upload_files", StepLevel::account, {"upload_file"}, 3, 1, 14),
      step("share_work", StepLevel::account, {"share"}, 2, 2),
      step("integrate", StepLevel::account, {"connect_integration", "api_call"}, 1, 1, 30),
      step("first_report", StepLevel::user, {"view_report", "create_report"}, 1),
      step("comment", StepLevel::user, {"comment", "mention"}, 2),
      step("export", StepLevel::user, {"export_csv", "export_pdf"}, 1, 1, 21),
  };
  for (int e = 0; e < kEvents; ++e) m.engagement.importance[kNames[e]] = e == 1 ? 0 : 1 + (e * 7) % 10;
  m.engagement.window_days = 7;
  m.engagement.history_windows = 8;
  m.adoption.window_days = 30;
  const char* features[10][2] = {{"edit_document", nullptr},   {"comment", "mention"},
                                 {"upload_file", nullptr},     {"view_report", "create_report"},
                                 {"share", nullptr},           {"create_task", "assign_task"},
                                 {"export_csv", "export_pdf"}, {"connect_integration", nullptr},
                                 {"set_alert", nullptr},       {"configure_sso", "audit_log"}};
  for (int f = 0; f < 10; ++f) {
    std::vector<std::string> events{features[f][0]};
    if (features[f][1] != nullptr) events.emplace_back(features[f][1]);
    m.adoption.key_features.push_back(feature(features[f][0], std::move(events)));
  }
  return m;
}

// FNV-1a over every result vector (doubles by bit pattern): equal across builds iff identical.
struct Hash {
  uint64_t h = 1469598103934665603ull;
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  }
  template <class T>
  void vec(const std::vector<T>& v) {
    const uint64_t n = v.size();
    bytes(&n, sizeof n);
    for (const T& x : v) item(x);
  }
  void item(double x) { bytes(&x, sizeof x); }
  void item(uint32_t x) { bytes(&x, sizeof x); }
  void item(int32_t x) { bytes(&x, sizeof x); }
  void item(uint8_t x) { bytes(&x, sizeof x); }
  void item(const StepStatus& s) {
    item(static_cast<uint8_t>(s.done));
    bytes(&s.count, sizeof s.count);
    item(s.users);
    item(s.completed_day);
  }
  void item(const EventContribution& c) {
    bytes(&c.event, sizeof c.event);
    item(c.points);
  }
  void item(const UserContribution& c) {
    item(c.user);
    item(c.points);
  }
  void item(const ActivityCounts& c) {
    item(c.dau), item(c.wau), item(c.mau), item(c.stickiness);
  }
  void level(const LevelMetrics& l) {
    vec(l.steps), vec(l.activation_rate), vec(l.activated_day), vec(l.signup_day);
    vec(l.raw), vec(l.score), vec(l.trend), vec(l.slope), vec(l.reference), vec(l.active_entities);
    vec(l.event_offsets), vec(l.event_contributions);
    vec(l.feature_used), vec(l.feature_used_all_time), vec(l.adoption_rate), vec(l.adoption_rate_all_time);
  }
};

uint64_t checksum(const Metrics& m) {
  Hash h;
  h.item(m.as_of_day);
  h.vec(m.account_steps), h.vec(m.user_steps);
  h.level(m.accounts), h.level(m.users);
  h.vec(m.account_users), h.vec(m.activated_users), h.vec(m.median_user_activation);
  h.vec(m.user_contribution_offsets), h.vec(m.user_contributions);
  h.vec(m.account_activity), h.vec(m.seat_penetration), h.item(m.overall);
  h.item(m.active_accounts_day), h.item(m.active_accounts_week), h.item(m.active_accounts_month);
  return h.h;
}

// The process's peak resident set so far (VmHWM), in MB; 0 where /proc is missing.
double peak_rss_mb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  double kb = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::strncmp(line, "VmHWM:", 6) == 0) kb = std::atof(line + 6);
  }
  std::fclose(f);
  return kb / 1024;
}

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Timing {
  double wall_ms, cpu_ms, min_wall_ms;
  uint64_t checksum;
};

// reuse: re-score into the same Metrics (the overload that reuses its vectors), else a fresh
// Metrics per run.
Timing time_runs(const Aggregates& ag, const Model& model, int32_t as_of, int runs, bool reuse = false,
                 const MetricsCache* cache = nullptr, unsigned threads = 1) {
  std::vector<double> wall, cpu;
  uint64_t sum = 0;
  Metrics kept;
  for (int r = 0; r < runs; ++r) {
    const double c0 = cpu_ms();
    const auto t0 = std::chrono::steady_clock::now();
    Metrics fresh;
    if (cache != nullptr) compute_metrics(ag, *cache, model, as_of, reuse ? kept : fresh, threads);
    else if (reuse) compute_metrics(ag, model, as_of, kept);
    else fresh = compute_metrics(ag, model, as_of);
    const auto t1 = std::chrono::steady_clock::now();
    const Metrics& m = reuse ? kept : fresh;
    const double c1 = cpu_ms();
    wall.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    cpu.push_back(c1 - c0);
    const uint64_t s = checksum(m);
    if (r > 0 && s != sum) std::fprintf(stderr, "warning: results differ between runs\n");
    sum = s;
  }
  return {median(wall), median(cpu), *std::min_element(wall.begin(), wall.end()), sum};
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void change_importances(Model& model) {
  for (auto& [name, importance] : model.engagement.importance) importance = (importance * 3 + 1) % 11;
}

// Wall and process CPU milliseconds of f() (the CPU time is the figure to read on a busy machine).
template <typename F>
std::pair<double, double> timed(F&& f) {
  const double c0 = cpu_ms();
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return {ms_since(t0), cpu_ms() - c0};
}

struct Medians {
  std::vector<double> wall, cpu;
  void add(std::pair<double, double> t) { wall.push_back(t.first), cpu.push_back(t.second); }
};

int session_bench(const Aggregates& ag, Model model, int runs) {
  Medians logs, logs_alerts;
  for (int r = 0; r < runs; ++r) {  // the re-score before: every scoring over the logs
    change_importances(model);
    ScoreResult result;
    logs.add(timed([&] { result = score_without_alerts(ag, model); }));
    logs_alerts.add(timed([&] { add_alerts(ag, model, result); }));
  }
  std::printf("re-score over the logs: score_without_alerts median_ms=%.1f cpu_ms=%.1f; "
              "add_alerts median_ms=%.1f cpu_ms=%.1f runs=%d\n",
              median(logs.wall), median(logs.cpu), median(logs_alerts.wall), median(logs_alerts.cpu), runs);

  Session session{Aggregates(ag)};
  auto t = timed([&] { session.score(model); });
  std::printf("session first score: ms=%.1f cpu_ms=%.1f cache_mb=%.1f\n", t.first, t.second,
              static_cast<double>(session.metrics_cache_bytes()) / 1e6);
  change_importances(model);
  t = timed([&] { session.score(model); });
  std::printf("session second score (builds the cache): ms=%.1f cpu_ms=%.1f cache_mb=%.1f\n", t.first, t.second,
              static_cast<double>(session.metrics_cache_bytes()) / 1e6);
  Medians cached, cached_alerts;
  for (int r = 0; r < runs; ++r) {
    change_importances(model);
    cached.add(timed([&] { session.score(model); }));
    cached_alerts.add(timed([&] { session.full_result(); }));
  }
  std::printf("session re-score from the cache: score median_ms=%.1f cpu_ms=%.1f; "
              "full_result (alerts) median_ms=%.1f cpu_ms=%.1f runs=%d\n",
              median(cached.wall), median(cached.cpu), median(cached_alerts.wall), median(cached_alerts.cpu), runs);
  return 0;
}

// --sliders: the dashboard's importance sliders. One event's importance moves between non-zero
// values each run, so only engagement changes: the session's re-score (the importance-only path,
// engagement_counts.hpp) next to the whole re-score from the cache (score_without_alerts), by
// turns, on `threads` threads; the two results' checksums must agree. Then the same for the
// normalisation's percentile (the same path), the PQL thresholds (the segments stage alone), a
// step's minimum (activation alone, then the segments) and the adoption window (the whole path).
uint64_t result_checksum(const ScoreResult& r) {
  uint64_t sum = checksum(r.metrics) ^ r.segments.segments.size();
  for (const Segment& s : r.segments.segments) {
    for (const SegmentMember& x : s.members) sum = sum * 31 + x.account + x.reason.size();
  }
  for (const PersonaAssignment& p : r.segments.personas.assignments) sum = sum * 31 + static_cast<uint64_t>(p.persona);
  return sum;
}

// One editor control moved `runs` times (edit(model, run)): the session's re-score against the
// whole re-score from the cache, by turns; prints a line naming the path the session should take
// and how often `paths()` says it did. False when a result differs from the whole re-score's.
template <class Edit, class Paths>
bool time_edits(const char* control, const char* path, Session& session, Model& model, const MetricsCache& cache,
                int runs, unsigned threads, Edit edit, Paths paths) {
  Medians quick, whole;
  const uint32_t before = paths();
  bool identical = true;
  for (int r = 0; r < runs; ++r) {
    edit(model, r);
    quick.add(timed([&] { session.score(model); }));
    ScoreResult reference;
    whole.add(timed([&] { reference = score_without_alerts(session.aggregates(), model, &cache, threads); }));
    identical = identical && result_checksum(session.result()) == result_checksum(reference);
  }
  std::printf("%s re-score on %u thread(s), medians of %d: %s ms=%.1f cpu_ms=%.1f; whole from the cache ms=%.1f "
              "cpu_ms=%.1f; %s path taken %u times; results %s\n",
              control, threads, runs, path, median(quick.wall), median(quick.cpu), median(whole.wall), median(whole.cpu),
              path, paths() - before, identical ? "identical" : "DIFFER");
  return identical;
}

int sliders_bench(const Aggregates& ag, Model model, int runs, unsigned threads) {
  const std::string event = model.engagement.importance.begin()->first;
  Session session{Aggregates(ag)};
  session.set_threads(threads);
  session.score(model);
  model.engagement.importance[event] = 1 + (model.engagement.importance[event] + 4) % 10;
  auto t = timed([&] { session.score(model); });  // one importance moved: the same model would keep the metrics
  std::printf("session second score (builds the cache and the windows' counts): ms=%.1f cpu_ms=%.1f cache_mb=%.1f "
              "counts_mb=%.1f\n", t.first, t.second, static_cast<double>(session.metrics_cache_bytes()) / 1e6,
              static_cast<double>(session.engagement_counts_bytes()) / 1e6);
  const MetricsCache cache(session.aggregates());
  const auto importance_paths = [&] { return session.importance_rescores(); };
  const auto segment_paths = [&] { return session.segment_rescores(); };
  const auto move_slider = [&](Model& m, int) {  // 1..10, never the same value twice in a row
    m.engagement.importance[event] = 1 + (m.engagement.importance[event] + 4) % 10;
  };
  bool identical = time_edits("slider", "importance-only", session, model, cache, runs, threads, move_slider,
                              importance_paths);
  // The normalisation's percentile: the raw scores from the same counts, normalised again.
  identical = time_edits("percentile", "importance-only", session, model, cache, runs, threads,
                         [](Model& m, int r) { m.engagement.normalization.percentile = r % 2 == 0 ? 75 : 90; },
                         importance_paths) && identical;
  // The editor's PQL thresholds: nothing the metrics read changes, so the session runs the
  // segments stage alone (Session::segment_rescores).
  identical = time_edits("PQL threshold", "segments-only", session, model, cache, runs, threads,
                         [](Model& m, int r) { m.deal_size.pql_activation.small = r % 2 == 0 ? 70 : 80; },
                         segment_paths) && identical;
  // The checklist editor: a step's minimum moves, so activation alone is computed again
  // (Session::activation_rescores), then the segments.
  identical = time_edits("checklist", "activation-only", session, model, cache, runs, threads,
                         [](Model& m, int r) { m.activation.steps[1].min_count = r % 2 == 0 ? 3 : 2; },
                         [&] { return session.activation_rescores(); }) && identical;
  // The adoption window: adoption reads it, so the metrics are computed again (the whole
  // re-score from the cache), the session's with its last facts (the trial shapes kept).
  identical = time_edits("adoption window", "whole", session, model, cache, runs, threads,
                         [](Model& m, int r) { m.adoption.window_days = r % 2 == 0 ? 28 : 30; },
                         [&] {
                           return session.scorings() - session.importance_rescores() - session.segment_rescores() -
                                  session.activation_rescores();
                         }) && identical;
  return identical ? 0 : 1;
}

// --phases: a session re-score from the cache cut into its phases (median of RUNS each, CPU
// time), to see where the time goes: the metrics from the cache (into a fresh Metrics, as
// score_without_alerts does), the account facts alone, the whole segments stage (facts, rule
// families, personas), and the alerts' second scoring one window earlier.
int phases_bench(const Aggregates& ag, Model model, int runs) {
  const MetricsCache cache(ag);
  Medians metrics, facts, segments, total;
  uint64_t sum = 0;
  for (int r = 0; r < runs; ++r) {
    change_importances(model);
    const int32_t as_of = resolve_as_of_day(ag, model);
    Metrics m;
    metrics.add(timed([&] { compute_metrics(ag, cache, model, as_of, m); }));
    facts.add(timed([&] { (void)compute_account_facts(ag, model, m, &cache); }));
    SegmentReport seg;
    segments.add(timed([&] { seg = compute_segments(ag, model, m, &cache); }));
    total.add({metrics.wall.back() + segments.wall.back(), metrics.cpu.back() + segments.cpu.back()});
    sum = checksum(m) ^ seg.segments.size();
    for (const Segment& s : seg.segments) {
      for (const SegmentMember& x : s.members) sum = sum * 31 + x.account + x.reason.size();
    }
  }
  std::printf("re-score phases (cpu_ms medians of %d): metrics=%.1f account_facts=%.1f segments=%.1f "
              "(facts included) metrics+segments=%.1f checksum=%016llx\n",
              runs, median(metrics.cpu), median(facts.cpu), median(segments.cpu), median(total.cpu),
              static_cast<unsigned long long>(sum));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 7;
  bool cache_only = false;  // only the re-score from the cache (for a profiler)
  bool session = false;
  bool phases = false;  // the session re-score from the cache, phase by phase
  bool history = false;  // the score history and segment moves (history_bench.cpp)
  bool sliders = false;  // importance-only re-scores against whole ones
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());  // for the threaded re-score
  double scale = 1.0;
  uint64_t seed = 42;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--cache-only") {
      cache_only = true;
    } else if (arg == "--session") {
      session = true;
    } else if (arg == "--phases") {
      phases = true;
    } else if (arg == "--history") {
      history = true;
    } else if (arg == "--sliders") {
      sliders = true;
    } else if ((arg == "--runs" || arg == "--scale" || arg == "--seed" || arg == "--threads") && i + 1 < argc) {
      const char* v = argv[++i];
      if (arg == "--threads") threads = static_cast<unsigned>(std::max(1, std::atoi(v)));
      if (arg == "--runs") runs = std::max(1, std::atoi(v));
      if (arg == "--scale") scale = std::atof(v);
      if (arg == "--seed") seed = std::strtoull(v, nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: pqlscope-bench-rescore [--runs N] [--scale F] [--seed S] [--threads N] [--cache-only | --session | --phases | --history | --sliders]\n");
      return 64;
    }
  }
  const auto g0 = std::chrono::steady_clock::now();
  const Workload w = build(scale, seed);
  const double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - g0).count();
  const Aggregates& ag = w.aggregates;
  const int32_t as_of = default_as_of_day(ag);
  std::printf("workload: accounts=%zu users=%zu events=%llu account_groups=%zu user_groups=%zu days=%d "
              "(built in %.2f s)\n",
              ag.accounts.size(), ag.users.size(), static_cast<unsigned long long>(w.events),
              ag.account_days.size(), ag.user_days.size(), kDays, build_s);

  Model model = make_model();
  std::printf("model: steps=%zu importances=%zu key_features=%zu windows=%dx%d days, adoption %d days\n",
              model.activation.steps.size(), model.engagement.importance.size(),
              model.adoption.key_features.size(), model.engagement.history_windows,
              model.engagement.window_days, model.adoption.window_days);

  if (session) return session_bench(ag, model, runs);
  if (phases) return phases_bench(ag, model, runs);
  if (history) return history_bench(ag, model, runs);
  if (sliders) return sliders_bench(ag, model, runs, threads);
  if (cache_only) {
    for (auto& [name, importance] : model.engagement.importance) importance = (importance * 3 + 1) % 11;
    const MetricsCache cache(ag);
    const Timing cached = time_runs(ag, model, as_of, runs, true, &cache);
    std::printf("rescore from the cache: median_ms=%.1f cpu_ms=%.1f min_ms=%.1f runs=%d checksum=%016llx\n",
                cached.wall_ms, cached.cpu_ms, cached.min_wall_ms, runs,
                static_cast<unsigned long long>(cached.checksum));
    const Timing threaded = time_runs(ag, model, as_of, runs, true, &cache, threads);
    std::printf("rescore from the cache on %u threads: median_ms=%.1f cpu_ms=%.1f min_ms=%.1f runs=%d checksum=%016llx\n",
                threads, threaded.wall_ms, threaded.cpu_ms, threaded.min_wall_ms, runs,
                static_cast<unsigned long long>(threaded.checksum));
    return 0;
  }
  const Timing first = time_runs(ag, model, as_of, runs);
  std::printf("compute_metrics: median_ms=%.1f cpu_ms=%.1f min_ms=%.1f runs=%d checksum=%016llx\n",
              first.wall_ms, first.cpu_ms, first.min_wall_ms, runs,
              static_cast<unsigned long long>(first.checksum));

  // Re-score: same aggregates, changed importances (and hence active events).
  for (auto& [name, importance] : model.engagement.importance) importance = (importance * 3 + 1) % 11;
  const Timing rescore = time_runs(ag, model, as_of, runs);
  std::printf("rescore (importances changed): median_ms=%.1f cpu_ms=%.1f min_ms=%.1f runs=%d checksum=%016llx\n",
              rescore.wall_ms, rescore.cpu_ms, rescore.min_wall_ms, runs,
              static_cast<unsigned long long>(rescore.checksum));
  // Re-score into the same Metrics, as an interactive caller would (results reused in place).
  const Timing reused = time_runs(ag, model, as_of, runs, true);
  std::printf("rescore into the same Metrics: median_ms=%.1f cpu_ms=%.1f min_ms=%.1f runs=%d checksum=%016llx\n",
              reused.wall_ms, reused.cpu_ms, reused.min_wall_ms, runs,
              static_cast<unsigned long long>(reused.checksum));
  if (reused.checksum != rescore.checksum) std::fprintf(stderr, "warning: reused Metrics differ\n");
  // Re-score from the entity-major cache (metrics_cache.hpp), built once for these aggregates.
  const double rss_before = peak_rss_mb();
  const auto b0 = std::chrono::steady_clock::now();
  const double build_cpu0 = cpu_ms();
  const MetricsCache cache(ag);
  const double cache_build_cpu_ms = cpu_ms() - build_cpu0;
  const double cache_build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - b0).count();
  const Timing cached = time_runs(ag, model, as_of, runs, true, &cache);
  std::printf("rescore from the cache: median_ms=%.1f cpu_ms=%.1f min_ms=%.1f runs=%d checksum=%016llx\n",
              cached.wall_ms, cached.cpu_ms, cached.min_wall_ms, runs, static_cast<unsigned long long>(cached.checksum));
  std::printf("cache: built_ms=%.1f built_cpu_ms=%.1f size_mb=%.1f logs_mb=%.1f peak_rss_mb before=%.1f after=%.1f\n",
              cache_build_ms, cache_build_cpu_ms,
              static_cast<double>(cache.bytes()) / 1e6,
              static_cast<double>((ag.account_days.size() + ag.user_days.size()) * sizeof(DayCount)) / 1e6, rss_before,
              peak_rss_mb());
  if (cached.checksum != rescore.checksum) std::fprintf(stderr, "warning: cached results differ\n");
  // The same on the machine's threads (--threads N), as a native session re-scores.
  const Timing threaded = time_runs(ag, model, as_of, runs, true, &cache, threads);
  std::printf("rescore from the cache on %u threads: median_ms=%.1f cpu_ms=%.1f min_ms=%.1f runs=%d checksum=%016llx\n",
              threads, threaded.wall_ms, threaded.cpu_ms, threaded.min_wall_ms, runs,
              static_cast<unsigned long long>(threaded.checksum));
  if (threaded.checksum != rescore.checksum) std::fprintf(stderr, "warning: threaded results differ\n");
  std::printf("target <= 50 ms (re-score from the cache on %u threads): %s\n", threads,
              threaded.wall_ms <= 50 ? "met" : "not met");
  return 0;
}
