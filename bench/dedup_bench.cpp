// What exact duplicate removal by message id costs (docs/ingest.md, "Duplicates"): one process
// per figure, since peak RSS is per process.
//   pqlscope-bench-dedup set [N]       the id set alone: N distinct ids inserted; bytes per id
//   pqlscope-bench-dedup ingest [N]    N generated events with a unique messageId each, streamed
//                                      through the Ingestor as CSV in 4 MiB chunks (never whole)
//   pqlscope-bench-dedup no-ids [N]    the same events without the messageId column
//   pqlscope-bench-dedup compare [N]   two chunks' sets of N / 2 ids each: shares_member_with()
// The difference of the two ingest peaks is what the ids cost at N events. N defaults to 10M.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "pqlscope/aggregate/hash.hpp"
#include "pqlscope/aggregate/id_set.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

uint64_t splitmix(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A UUID-shaped id (36 characters), as Segment's messageId and PostHog's uuid look.
void uuid(uint64_t& state, char* out) {
  const uint64_t a = splitmix(state), b = splitmix(state);
  std::snprintf(out, 37, "%08llx-%04llx-4%03llx-8%03llx-%012llx", (unsigned long long)(a >> 32),
                (unsigned long long)((a >> 16) & 0xFFFF), (unsigned long long)(a & 0xFFF),
                (unsigned long long)(b >> 52), (unsigned long long)(b & 0xFFFFFFFFFFFFULL));
}

int bench_set(uint64_t n) {
  const auto start = std::chrono::steady_clock::now();
  pqlscope::IdHashSet set;
  uint64_t state = 42;
  char id[40];
  for (uint64_t i = 0; i < n; ++i) {
    uuid(state, id);
    set.insert(pqlscope::hash_bytes(std::string_view(id, 36)));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("mode=set ids=%llu set_bytes=%zu bytes_per_id=%.2f partitions_bits=%u seconds=%.2f peak_rss_mb=%.1f\n",
              (unsigned long long)set.size(), set.memory_bytes(), double(set.memory_bytes()) / double(set.size()),
              set.partition_bits(), seconds, peak_rss_mb());
  return 0;
}

int bench_ingest(uint64_t n, bool ids) {
  // 20,000 accounts of 5 users, 24 event names, over 180 days in time order (as exports are).
  constexpr uint64_t kAccounts = 20000, kUsers = kAccounts * 5;
  const char* const names[] = {"login", "report_created", "report_shared", "dashboard_viewed", "export_csv",
                               "invite_sent", "project_created", "settings_changed", "search", "comment_added",
                               "file_uploaded", "integration_connected", "alert_created", "alert_fired",
                               "billing_viewed", "plan_upgraded", "api_call", "query_run", "chart_created",
                               "filter_applied", "workspace_created", "member_removed", "sso_configured",
                               "page_viewed"};
  const int64_t start_ms = 1704067200000;  // 2024-01-01T00:00:00Z
  const int64_t span_ms = 180LL * pqlscope::kMillisPerDay;
  const auto start = std::chrono::steady_clock::now();
  pqlscope::Ingestor ingest;
  ingest.begin_file(ids ? "events-with-ids.csv" : "events.csv");
  std::string chunk = ids ? "timestamp,account_id,user_id,event,messageId\n" : "timestamp,account_id,user_id,event\n";
  uint64_t state = 7, bytes = 0;
  char line[160], id[40];
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t r = splitmix(state);
    const uint64_t user = r % kUsers;
    const int64_t at = start_ms + static_cast<int64_t>(i * static_cast<uint64_t>(span_ms) / n);
    int len = std::snprintf(line, sizeof line, "%lld,acct-%llu,user-%llu,%s", (long long)(at / 1000),
                            (unsigned long long)(user % kAccounts), (unsigned long long)user, names[(r >> 40) % 24]);
    if (ids) {
      uuid(state, id);
      len += std::snprintf(line + len, sizeof line - len, ",%s", id);
    }
    chunk.append(line, static_cast<size_t>(len));
    chunk += '\n';
    if (chunk.size() >= (size_t{4} << 20)) {
      ingest.feed(chunk);
      bytes += chunk.size();
      chunk.clear();
    }
  }
  ingest.feed(chunk);
  bytes += chunk.size();
  const pqlscope::Aggregates a = ingest.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("mode=%s events=%llu duplicates=%llu rejected=%llu bytes=%llu seconds=%.2f peak_rss_mb=%.1f\n",
              ids ? "ingest" : "no-ids", (unsigned long long)a.report.events,
              (unsigned long long)a.report.duplicates, (unsigned long long)a.report.rejected,
              (unsigned long long)bytes, seconds, peak_rss_mb());
  return 0;
}

// The parallel ingest's "seen in an earlier chunk?" comparison: two disjoint sets of n / 2 ids
// (two chunks of one file), shares_member_with() timed 7 times; the median.
int bench_compare(uint64_t n) {
  pqlscope::IdHashSet first, second;
  uint64_t state = 42;
  char id[40];
  for (uint64_t i = 0; i < n; ++i) {
    uuid(state, id);
    (i % 2 == 0 ? first : second).insert(pqlscope::hash_bytes(std::string_view(id, 36)));
  }
  std::vector<double> ms;
  bool shared = false;
  for (int run = 0; run < 7; ++run) {
    const auto start = std::chrono::steady_clock::now();
    shared = first.shares_member_with(second);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("mode=compare ids=%llu+%llu partition_bits=%u+%u shared=%d median_ms=%.1f min_ms=%.1f\n",
              (unsigned long long)first.size(), (unsigned long long)second.size(), first.partition_bits(),
              second.partition_bits(), shared ? 1 : 0, ms[3], ms[0]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "";
  const uint64_t n = argc > 2 ? std::stoull(argv[2]) : 10'000'000;
  if (std::strcmp(mode, "set") == 0) return bench_set(n);
  if (std::strcmp(mode, "ingest") == 0) return bench_ingest(n, true);
  if (std::strcmp(mode, "no-ids") == 0) return bench_ingest(n, false);
  if (std::strcmp(mode, "compare") == 0) return bench_compare(n);
  std::fprintf(stderr, "usage: pqlscope-bench-dedup set|ingest|no-ids|compare [events, default 10000000]\n");
  return 64;
}
