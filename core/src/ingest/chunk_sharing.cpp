#include "chunk_sharing.hpp"

#include <algorithm>
#include <string>

namespace pqlscope {
namespace {
constexpr std::size_t kWindowBytes = 64 * 1024;  // read at a time while looking for a line end
}  // namespace

uint64_t next_line_start(const RangeReader& read, uint64_t at, uint64_t end) {
  std::string window(kWindowBytes, '\0');
  while (at < end) {
    const std::size_t got = read(at, window.data(), static_cast<std::size_t>(std::min<uint64_t>(kWindowBytes, end - at)));
    if (got == 0) return end;
    const char* lf = std::find(window.data(), window.data() + got, '\n');
    if (lf != window.data() + got) return at + static_cast<uint64_t>(lf - window.data()) + 1;
    at += got;
  }
  return end;
}

ChunkSchedule::ChunkSchedule(std::vector<ChunkRun>& runs, std::size_t max_runs, uint64_t min_bytes,
                             const RangeReader& read)
    : runs_(runs), max_runs_(std::min(max_runs, runs.capacity())), min_bytes_(std::max<uint64_t>(1, min_bytes)),
      read_(read) {
  for (const ChunkRun& run : runs_) claimed_.push_back(run.begin);
  started_.assign(runs_.size(), 0);
}

std::size_t ChunkSchedule::claim(std::size_t k, uint64_t at, std::size_t block) {
  const std::lock_guard<std::mutex> lock(mutex_);
  started_[k] = 1;
  const uint64_t end = runs_[k].end;
  const std::size_t n = at >= end ? 0 : static_cast<std::size_t>(std::min<uint64_t>(block, end - at));
  claimed_[k] = at + n;
  return n;
}

std::optional<std::size_t> ChunkSchedule::cut_largest() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (runs_.size() >= max_runs_) return std::nullopt;
  std::size_t victim = runs_.size();
  uint64_t most = 0;
  for (std::size_t k = 0; k < runs_.size(); ++k) {
    const uint64_t unread = runs_[k].end - claimed_[k];
    if (started_[k] != 0 && unread > most) victim = k, most = unread;
  }
  if (victim == runs_.size() || most < 2 * min_bytes_) return std::nullopt;
  // The first line end at or after the middle; the victim's reader waits on the lock meanwhile,
  // so nothing past claimed_ is read until the new end is set.
  const uint64_t end = runs_[victim].end;
  const uint64_t at = next_line_start(read_, claimed_[victim] + most / 2, end);
  if (at >= end || end - at < min_bytes_) return std::nullopt;
  runs_[victim].end = at;
  ChunkRun& cut = runs_.emplace_back();
  cut.begin = at;
  cut.end = end;
  claimed_.push_back(at);
  started_.push_back(0);
  ++cuts_;
  return runs_.size() - 1;
}

}  // namespace pqlscope
