#pragma once
// One small work-sharing loop for the stages that split their work natively (parallel ingest,
// scoring, the report). Jobs must write disjoint outputs; results never depend on which thread
// ran a job, so one thread and many give the same bytes.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

namespace pqlscope {

// Runs job(i) for every i in [0, count) on up to `threads` threads (the calling thread is one
// of them). Jobs are taken in order from a shared counter, so uneven jobs balance out.
template <class Job>
void run_on_threads(std::size_t count, unsigned threads, Job job) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) job(i);
  };
  const unsigned n = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, count)));
  std::vector<std::thread> pool;
  try {
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
  } catch (const std::system_error&) {
    // No threads here (WebAssembly without pthreads): the calling thread does the rest, with
    // the same results.
  }
  work();
  for (std::thread& t : pool) t.join();
}

// Splits [0, count) into about `parts` contiguous ranges and runs job(begin, end) for each on
// up to `threads` threads: the shape of a pass over entities whose outputs are per-entity slots.
template <class Job>
void run_ranges_on_threads(std::size_t count, unsigned threads, std::size_t parts, Job job) {
  parts = std::max<std::size_t>(1, std::min(parts, count));
  run_on_threads(parts, threads, [&](std::size_t k) { job(count * k / parts, count * (k + 1) / parts); });
}

}  // namespace pqlscope
