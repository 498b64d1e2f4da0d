// Internal to the report: writes the pieces of a streamed report to a stream on a thread of its
// own, so that writing one piece (a system call copying megabytes into the page cache) overlaps
// rendering the next instead of leaving the other cores idle (docs/performance-round-5.md).
// One piece is written while at most one more waits; the buffers rotate, so none is reallocated.
#pragma once

#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace pqlscope {

class BackgroundWriter {
 public:
  // Throws std::system_error where no thread can be started (WebAssembly without pthreads).
  explicit BackgroundWriter(std::ostream& out);
  ~BackgroundWriter();  // writes what was handed over, then stops
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  // Hands `piece` over to be written after the earlier ones; `piece` comes back empty (a buffer
  // written earlier, its capacity kept). Waits while another piece is still waiting.
  void write(std::string& piece);
  // Returns once every piece handed over is written.
  void finish();

 private:
  void run();

  std::ostream& out_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string waiting_;
  bool has_waiting_ = false;
  bool writing_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pqlscope
