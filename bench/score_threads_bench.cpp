// The score stage on threads (docs/performance.md, "The score stage on threads"): after one
// ingest of EVENTS_FILE, times, alternating 1 and N threads run for run, the scoring with its
// alerts (score_on_threads: the as-of day's scoring and the baseline's side by side) and the
// report text with its history (write_report_on_threads), and checks that both give the same
// report bytes. Medians of RUNS; wall (steady clock) and process CPU time.
//
//   pqlscope-bench-score-threads EVENTS_FILE [--threads N] [--runs N]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/history_json.hpp"
#include "pqlscope/report/report_on_threads.hpp"
#include "pqlscope/report/report_writer.hpp"
#include "pqlscope/session/model_choice.hpp"

namespace {

using namespace pqlscope;

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Timing {
  double wall_ms = 0, cpu_ms = 0;
};

Timing timed(const std::function<void()>& fn) {
  const auto w0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  fn();
  const double cpu = (cpu_seconds() - c0) * 1000;
  return {std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count(), cpu};
}

Timing median(std::vector<Timing> all) {
  std::vector<double> walls, cpus;
  for (const Timing& t : all) walls.push_back(t.wall_ms), cpus.push_back(t.cpu_ms);
  std::sort(walls.begin(), walls.end());
  std::sort(cpus.begin(), cpus.end());
  return {walls[walls.size() / 2], cpus[cpus.size() / 2]};
}

void print(const char* what, unsigned threads, const Timing& t) {
  std::printf("%-40s threads %u %8.0f ms wall %8.0f ms CPU\n", what, threads, t.wall_ms, t.cpu_ms);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pqlscope-bench-score-threads EVENTS_FILE [--threads N] [--runs N]\n");
    return 2;
  }
  int runs = 5;
  unsigned threads = 2;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--threads") == 0) threads = static_cast<unsigned>(std::max(1, std::atoi(argv[i + 1])));
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string data = text.str();
  Ingestor ingestor;
  ingestor.begin_file(argv[1]);
  ingestor.feed(data);
  const Aggregates aggregates = ingestor.finish();
  Model model;
  const Timing choosing = timed([&] { model = choose_model(aggregates, std::nullopt, std::nullopt); });
  std::printf("%s: %llu events, %zu accounts, %zu users\n", argv[1],
              static_cast<unsigned long long>(aggregates.report.events), aggregates.accounts.size(),
              aggregates.users.size());

  const unsigned counts[2] = {1, threads};
  std::vector<Timing> scoring[2], report[2];
  std::string texts[2];
  for (int run = 0; run < runs; ++run) {
    for (int k = 0; k < 2; ++k) {
      ScoreResult result;
      scoring[k].push_back(timed([&] { result = score_on_threads(aggregates, model, counts[k]); }));
      std::ostringstream out;
      report[k].push_back(timed([&] {
        write_report_on_threads(out, aggregates, model, result, ReportOptions{}, nlohmann::ordered_json::object(),
                                counts[k]);
      }));
      texts[k] = out.str();
    }
  }
  // The parts that run side by side, each alone on one thread: on a quiet machine the wall time
  // on 2 threads is about the larger part of each pair (CPU time of a busy machine says so too).
  std::vector<Timing> current, history, without_history;
  for (int run = 0; run < runs; ++run) {
    ScoreResult result;
    current.push_back(timed([&] { result = score_without_alerts(aggregates, model); }));
    add_alerts(aggregates, model, result);
    ReportOptions options;
    history.push_back(timed([&] { compute_report_history(aggregates, model, result, options); }));
    options.include_history = false;
    std::ostringstream out;
    without_history.push_back(timed([&] { write_report(out, aggregates, model, result, options); }));
  }
  print("the starter model (choose_model, once)", 1, choosing);
  print("part: the as-of day's scoring", 1, median(current));
  print("part: report history", 1, median(history));
  print("part: report text without history", 1, median(without_history));
  for (int k = 0; k < 2; ++k) {
    print("score with alerts", counts[k], median(scoring[k]));
    print("report text with history", counts[k], median(report[k]));
  }
  std::printf("report bytes %zu, the same on 1 and %u threads: %s\n", texts[0].size(), threads,
              texts[0] == texts[1] ? "yes" : "NO");
  return texts[0] == texts[1] ? 0 : 1;
}
