#include "pqlscope/report/batch_share.hpp"

#include <stdexcept>
#include <utility>

namespace pqlscope {

void BatchShare::open_phase(std::size_t batches, Render render) {
  std::lock_guard lock(mutex_);
  if (open_) throw std::logic_error("BatchShare: a phase is already open");
  render_ = std::move(render);
  batches_ = batches;
  next_claim_ = 0;
  written_ = 0;
  for (Slot& slot : slots_) slot.ready = false;
  open_ = true;
  changed_.notify_all();
}

bool BatchShare::phase_open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

std::optional<std::size_t> BatchShare::claim() {
  std::lock_guard lock(mutex_);
  if (next_claim_ >= batches_) return std::nullopt;
  return next_claim_++;
}

void BatchShare::take_rendered(std::size_t upto, std::vector<std::string>& into, std::size_t& count) {
  std::unique_lock lock(mutex_);
  for (; written_ < upto; ++written_) {
    Slot& slot = slots_[written_ % kAhead];
    changed_.wait(lock, [&] { return slot.ready; });
    slot.ready = false;
    if (slot.failure) std::rethrow_exception(std::exchange(slot.failure, nullptr));
    if (into.size() <= count) into.resize(count + 1);
    into[count++].swap(slot.text);  // the slot keeps the last text's capacity for the next
  }
  changed_.notify_all();  // room for the helpers
}

void BatchShare::mark_written(std::size_t upto) {
  std::lock_guard lock(mutex_);
  if (upto > written_) written_ = upto;
  changed_.notify_all();
}

void BatchShare::end_phase() {
  std::lock_guard lock(mutex_);
  open_ = false;
  batches_ = 0;
  next_claim_ = 0;
  written_ = 0;
}

void BatchShare::stop() {
  std::unique_lock lock(mutex_);
  stopped_ = true;
  changed_.notify_all();
  changed_.wait(lock, [&] { return rendering_ == 0; });  // nobody still reads the writer's state
}

void BatchShare::help() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopped_ || (open_ && next_claim_ < batches_ && next_claim_ < written_ + kAhead); });
    if (stopped_) return;
    const std::size_t k = next_claim_++;
    Slot& slot = slots_[k % kAhead];
    ++rendering_;
    lock.unlock();
    slot.text.clear();
    try {
      render_(k, slot.text);
    } catch (...) {
      slot.failure = std::current_exception();  // the writer rethrows it where the batch goes
    }
    lock.lock();
    --rendering_;
    slot.ready = true;
    changed_.notify_all();
  }
}

}  // namespace pqlscope
