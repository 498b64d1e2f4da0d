// Report benchmark (issue 12, item 3): what writing the JSON report costs next to the rest of
// `pqlscope score FILE --out report.json`, in one process. Ingests the events file, scores it
// with the starter model (as `score` without --model does), then times the report text in
// each form (compact / pretty, with / without users) as the streamed writer produces it, and,
// for reference, the same value built as one nlohmann DOM and dumped (the old way, minus its
// re-indentation), and the accounts CSV. Medians of RUNS; wall (steady clock) and process CPU time.
//
//   pqlscope-bench-report EVENTS_FILE [--runs N] [--threads N]   (threads: the report's, default 1)
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
#include "pqlscope/report/report_writer.hpp"
#include "pqlscope/session/model_choice.hpp"

namespace {

using namespace pqlscope;

double cpu_seconds(clockid_t clock = CLOCK_PROCESS_CPUTIME_ID) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// main_ms: the calling thread's CPU alone. With --threads N the workers run beside it, so on an
// idle machine the wall time is about the busiest thread's CPU: this is the load-proof figure.
struct Timing {
  double wall_ms, cpu_ms, main_ms;
  size_t bytes;
};

Timing timed(const std::function<size_t()>& fn) {
  const auto w0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  const double m0 = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
  const size_t bytes = fn();
  const double main = (cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - m0) * 1000;
  const double cpu = (cpu_seconds() - c0) * 1000;
  const double wall = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count();
  return {wall, cpu, main, bytes};
}

Timing median(int runs, const std::function<size_t()>& fn) {
  std::vector<Timing> all;
  for (int i = 0; i < runs; ++i) all.push_back(timed(fn));
  std::vector<double> walls, cpus, mains;
  for (const Timing& t : all) walls.push_back(t.wall_ms), cpus.push_back(t.cpu_ms), mains.push_back(t.main_ms);
  std::sort(walls.begin(), walls.end());
  std::sort(cpus.begin(), cpus.end());
  std::sort(mains.begin(), mains.end());
  return {walls[walls.size() / 2], cpus[cpus.size() / 2], mains[mains.size() / 2], all.front().bytes};
}

void print(const char* what, const Timing& t) {
  std::printf("%-34s %8.0f ms wall %8.0f ms CPU %8.0f ms main thread %12zu bytes\n", what, t.wall_ms, t.cpu_ms,
              t.main_ms, t.bytes);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pqlscope-bench-report EVENTS_FILE [--runs N] [--threads N]\n");
    return 2;
  }
  int runs = 3;
  unsigned threads = 1;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--threads") == 0) threads = static_cast<unsigned>(std::max(1, std::atoi(argv[i + 1])));
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string data = text.str();

  Aggregates aggregates;
  const Timing ingest = timed([&] {
    Ingestor ingestor;
    ingestor.begin_file(argv[1]);
    ingestor.feed(data);
    aggregates = ingestor.finish();
    return data.size();
  });
  Model model;
  ScoreResult result;
  const Timing scoring = timed([&] {
    model = choose_model(aggregates, std::nullopt, std::nullopt);
    result = score(aggregates, model);
    return size_t{0};
  });
  std::printf("%s: %llu events, %zu accounts, %zu users\n", argv[1],
              static_cast<unsigned long long>(aggregates.report.events), aggregates.accounts.size(),
              aggregates.users.size());
  print("ingest (file in memory)", ingest);
  print("score (starter model, alerts)", scoring);

  for (bool pretty : {false, true}) {
    for (bool users : {true, false}) {
      ReportOptions options;
      options.pretty = pretty;
      options.include_users = users;
      options.threads = threads;
      // The CLI's path: pieces of the streamed writer, each dropped once written.
      const Timing t = median(runs, [&] {
        ReportWriter writer(aggregates, model, result, options);
        std::string piece;
        size_t bytes = 0;
        while (writer.next(piece)) {
          bytes += piece.size();
          piece.clear();
        }
        return bytes;
      });
      const std::string label = std::string("report bytes, ") + (pretty ? "pretty" : "compact") +
                                (users ? ", users" : ", no users");
      print(label.c_str(), t);
    }
  }
  print("accounts CSV (--csv)", median(runs, [&] { return accounts_csv(aggregates, model, result).size(); }));
  ReportOptions options;
  options.pretty = true;
  print("one DOM + dump(2), users (old way)", median(runs, [&] {
          return report_to_string(build_report(aggregates, model, result, options), true).size();
        }));
  return 0;
}
