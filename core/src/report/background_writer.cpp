#include "report/background_writer.hpp"

#include <utility>

namespace pqlscope {

BackgroundWriter::BackgroundWriter(std::ostream& out) : out_(out), thread_([this] { run(); }) {}

BackgroundWriter::~BackgroundWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void BackgroundWriter::write(std::string& piece) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !has_waiting_; });
  std::swap(waiting_, piece);
  has_waiting_ = true;
  lock.unlock();
  changed_.notify_all();
}

void BackgroundWriter::finish() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !has_waiting_ && !writing_; });
}

void BackgroundWriter::run() {
  std::string piece;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return has_waiting_ || stopping_; });
      if (!has_waiting_) return;  // stopping, and everything is written
      std::swap(piece, waiting_);  // waiting_ gets the buffer written last, emptied
      has_waiting_ = false;
      writing_ = true;
    }
    changed_.notify_all();
    // A failed write sets the stream's state, which the owner checks after finish().
    out_.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    piece.clear();
    {
      std::lock_guard lock(mutex_);
      writing_ = false;
    }
    changed_.notify_all();
  }
}

}  // namespace pqlscope
