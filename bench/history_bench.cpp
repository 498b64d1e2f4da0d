// `pqlscope-bench-rescore --history`: the score history (metrics/history.hpp) and the segment
// moves (segments/segment_history.hpp) on the re-score benchmark's workload (20k accounts,
// 100k users, 180 days), and the size of the report's history section. Figures in
// docs/performance.md ("Score history").
#include "history_bench.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "pqlscope/metrics/history.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/report/history_json.hpp"
#include "pqlscope/segments/segment_history.hpp"
#include "pqlscope/segments/segment_report.hpp"

namespace pqlscope {
namespace {

double cpu_now_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Clock {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = cpu_now_ms();
  void print(const char* what) const {
    std::printf("%s: wall_ms=%.1f cpu_ms=%.1f\n", what,
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count(),
                cpu_now_ms() - cpu);
  }
};

}  // namespace

int history_bench(const Aggregates& aggregates, const Model& model, int runs) {
  const int32_t as_of = default_as_of_day(aggregates);
  const Metrics metrics = compute_metrics(aggregates, model, as_of);
  std::vector<double> wall, cpu;
  ScoreHistory history;
  for (int r = 0; r < runs; ++r) {
    const auto w0 = std::chrono::steady_clock::now();
    const double c0 = cpu_now_ms();
    history = compute_history(aggregates, model, metrics);
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
    cpu.push_back(cpu_now_ms() - c0);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("compute_history (%zu weekly points, accounts and users): median_ms=%.1f cpu_ms=%.1f runs=%d\n",
              history.days.size(), wall[wall.size() / 2], cpu[cpu.size() / 2], runs);

  const SegmentReport last = compute_segments(aggregates, model, metrics);
  SegmentHistory moves;
  {
    const Clock clock;
    moves = compute_segment_history(aggregates, model, history.days, &last, nullptr);
    clock.print("compute_segment_history over the logs");
  }
  {
    const Clock clock;
    const MetricsCache cache(aggregates);
    clock.print("  MetricsCache build");
    const Clock scoring;
    moves = compute_segment_history(aggregates, model, history.days, &last, &cache);
    scoring.print("compute_segment_history from the cache");
  }
  std::printf("segment moves: %zu over %zu accounts\n", moves.moves.size(), aggregates.accounts.size());
  ReportHistory both{std::move(history), true, std::move(moves)};
  // The report's default (accounts' series), then with the moves, then with the users too.
  for (int variant = 0; variant < 3; ++variant) {
    both.has_moves = variant >= 1;
    const bool users = variant == 2;
    const Clock clock;
    std::string text;
    JsonWriter json(false);
    json.set_output(text);
    json.begin_object();
    write_history_member(json, aggregates, both, users);
    json.end_object();
    clock.print(variant == 0 ? "history section (default: accounts' series)" : variant == 1 ? "history section with moves"
                                                                                          : "history section with moves and users");
    std::printf("  bytes=%zu\n", text.size());
  }
  return 0;
}

}  // namespace pqlscope
