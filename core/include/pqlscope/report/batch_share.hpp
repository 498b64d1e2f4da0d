// The accounts' and users' batches of a streamed report, shared between its writer and helper
// threads that stay for the whole report (report_on_threads.cpp). The writer claims batches in
// order, renders each one it claims and writes it; a helper renders the batch it claims into a
// slot, which the writer writes in its turn. So the report's bytes are those of one thread, and
// at most kAhead rendered batches wait to be written.
//
// Why not a thread per window of batches (ReportWriter's threads without a share): a thread
// started for each window of four batches came too late to take more than one, since a batch of
// 256 users renders in about 0.1 ms (docs/performance-round-13.md).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace pqlscope {

class BatchShare {
 public:
  // Appends batch `k`'s text to `out`.
  using Render = std::function<void(std::size_t k, std::string& out)>;
  static constexpr std::size_t kAhead = 8;

  BatchShare() : slots_(kAhead) {}

  // The writer's side. A phase (the accounts, then the users) of `batches` batches starts;
  // `render` must stay valid until end_phase().
  void open_phase(std::size_t batches, Render render);
  bool phase_open() const;
  // The next batch for the writer to render itself, or none when every batch is claimed.
  std::optional<std::size_t> claim();
  // Renders batch `k` on the calling thread (the writer's own claims).
  void render(std::size_t k, std::string& out) const { render_(k, out); }
  // Waits for the helpers' batches before `upto` that are not yet written and swaps their texts
  // into into[count...] (growing `into`), in order; rethrows a helper's failure.
  void take_rendered(std::size_t upto, std::vector<std::string>& into, std::size_t& count);
  // Batches before `upto` are written (the writer's own included).
  void mark_written(std::size_t upto);
  void end_phase();
  // No more phases: helpers return, and any render in flight ends before this returns.
  void stop();

  // A helper's side: renders the open phases' batches until stop().
  void help();

 private:
  struct Slot {
    std::string text;
    std::exception_ptr failure;
    bool ready = false;
  };

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Slot> slots_;  // batch k, claimed by a helper, renders into slots_[k % kAhead]
  Render render_;
  std::size_t batches_ = 0;
  std::size_t next_claim_ = 0;
  std::size_t written_ = 0;
  unsigned rendering_ = 0;  // helpers inside render_
  bool open_ = false;
  bool stopped_ = false;
};

}  // namespace pqlscope
