// Ingests one file the way the CLI does (fixed-size chunks) and prints one line of figures:
// bytes, events, seconds, MB/s, events/s and the process's peak RSS. One process per run, so
// that bench/run.sh can take medians over fresh processes (peak RSS is per process).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "pqlscope/ingest/ingestor.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pqlscope-bench-ingest <events file> [chunk MiB]\n");
    return 64;
  }
  const size_t chunk = (argc > 2 ? std::stoul(argv[2]) : 4) << 20;
  std::FILE* f = std::fopen(argv[1], "rb");
  if (f == nullptr) {
    std::perror(argv[1]);
    return 1;
  }
  std::vector<char> buffer(chunk);
  const auto start = std::chrono::steady_clock::now();
  pqlscope::Ingestor ingest;
  ingest.begin_file(argv[1]);
  uint64_t bytes = 0;
  for (size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0;) {
    ingest.feed(std::string_view(buffer.data(), n));
    bytes += n;
  }
  std::fclose(f);
  const pqlscope::Aggregates aggregates = ingest.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("bytes=%llu events=%llu rejected=%llu seconds=%.3f mb_per_s=%.1f events_per_s=%.0f peak_rss_mb=%.1f groups=%zu\n",
              (unsigned long long)bytes, (unsigned long long)aggregates.report.events,
              (unsigned long long)aggregates.report.rejected, seconds, bytes / 1e6 / seconds,
              aggregates.report.events / seconds, usage.ru_maxrss / 1024.0,
              aggregates.account_days.size() + aggregates.user_days.size());
  return 0;
}
