// Work sharing between the threads of a parallel ingest (docs/ingest.md, "Parallel ingest").
// Chunks are read block by block, each block claimed first; a thread whose chunk is done cuts
// the unread part of the chunk with the most left at a line end after its middle and reads the
// second half as a chunk of its own. Equal halves of a file do not take equal time: on the
// shared 2-core machine the two halves of 1M JSON lines took 10-20% different CPU time, in
// either order, so one core idled for 0.1 s at the end (docs/performance-round-6.md). The cut
// is a chunk boundary like the first ones, so everything checked of those is checked of it.
// Private to ingest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "parallel_ingest.hpp"

namespace pqlscope {

// The byte after the first line feed in [at, end) of the file, or `end` when there is none:
// where a chunk may start (read in 64 KiB windows).
uint64_t next_line_start(const RangeReader& read, uint64_t at, uint64_t end);

class ChunkSchedule {
 public:
  // `runs` must have capacity for max_runs (new runs are appended while others are read, so
  // the vector must not move them); a part smaller than min_bytes is never cut off.
  ChunkSchedule(std::vector<ChunkRun>& runs, std::size_t max_runs, uint64_t min_bytes, const RangeReader& read);

  // The length of the next block of run k at `at` (its reader's position), at most `block`;
  // 0 at the run's end, which a cut may have moved.
  std::size_t claim(std::size_t k, uint64_t at, std::size_t block);
  // Cuts the started run with the most unread bytes, if it has at least twice min_bytes, at the
  // first line end after the middle of what is unread: the index of the new run (appended to
  // `runs`), or nothing.
  std::optional<std::size_t> cut_largest();
  std::size_t cuts() const { return cuts_; }

 private:
  std::mutex mutex_;
  std::vector<ChunkRun>& runs_;
  std::vector<uint64_t> claimed_;  // per run: bytes up to here are being or were read
  std::vector<char> started_;
  std::size_t max_runs_;
  uint64_t min_bytes_;
  const RangeReader& read_;
  std::size_t cuts_ = 0;
};

}  // namespace pqlscope
