#include "allocator_settings.hpp"

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__) && defined(__linux__)
#include <unistd.h>
#endif

namespace pqlscope::cli {
namespace {

// Set in the re-started process, so that it does not start again.
constexpr const char* kMarker = "PQLSCOPE_ALLOCATOR_TUNED";

// One job builds a few hundred MB of tables, frees and rebuilds some as it goes (grown hash
// tables, the merge of parallel chunks, the report's buffers) and ends. With glibc's defaults
// every freed block above 128 KiB goes back to the kernel and the next one is faulted in and
// zeroed again: page faults were a fifth of the parallel ingest's CPU (docs/performance-round-3.md,
// "Page faults"). Kept instead, freed memory is reused; the process ends soon after anyway.
// One arena for all threads: with one per thread, what a chunk's thread freed was never reused
// by the merge's or the report's threads, which faulted in fresh memory instead (1M events:
// peak 270 -> 210 MB and 0.51 -> 0.44 s, docs/performance-round-4.md); the job's threads
// allocate big blocks, rarely at once.
// No transparent huge pages (`glibc.malloc.hugetlb`): on a VM whose free memory goes back to
// the host, a huge page is taken from exactly the memory another process just freed and costs
// its host-side fault on first touch. Run after DuckDB's process, the 1M CSV job spent 30% of
// its CPU clearing pages with them, 8% without (docs/performance-round-14.md).
constexpr const char* kTunables =
    "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=536870912:glibc.malloc.arena_max=1";

bool under_valgrind() {
  const char* preload = std::getenv("LD_PRELOAD");
  return preload != nullptr && std::strstr(preload, "vgpreload") != nullptr;
}

}  // namespace

void tune_allocator_for_one_job(char** argv) {
#if defined(__GLIBC__) && defined(__linux__)
  // glibc reads its tunables only as a program starts: the process starts itself again once,
  // with them added to the environment (an exec costs about a millisecond). A user's own
  // GLIBC_TUNABLES, valgrind (whose tools would not follow the exec) and a failed exec leave
  // the process as it is.
  if (std::getenv(kMarker) != nullptr || std::getenv("GLIBC_TUNABLES") != nullptr || under_valgrind()) {
    return;
  }
  if (setenv(kMarker, "1", 1) != 0 || setenv("GLIBC_TUNABLES", kTunables, 1) != 0) return;
  execv("/proc/self/exe", argv);
  unsetenv("GLIBC_TUNABLES");  // the exec failed: carry on with the defaults
#else
  (void)argv;
#endif
}

}  // namespace pqlscope::cli
