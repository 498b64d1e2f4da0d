#pragma once
// Exceptions of jobs run with run_on_threads.hpp: an exception escaping a job on a pool thread
// would end the process, so each job's is caught into its own slot and the first one in job
// order is rethrown on the calling thread once all jobs ran. A failure then reads the same on
// one thread and on many.
#include <cstddef>
#include <exception>
#include <vector>

namespace pqlscope {

class JobErrors {
 public:
  explicit JobErrors(std::size_t jobs) : errors_(jobs) {}

  // Runs f() as job i, keeping its exception.
  template <class F>
  void run(std::size_t i, F&& f) noexcept {
    try {
      f();
    } catch (...) {
      errors_[i] = std::current_exception();
    }
  }

  void rethrow_first() const {
    for (const std::exception_ptr& e : errors_) {
      if (e) std::rethrow_exception(e);
    }
  }

 private:
  std::vector<std::exception_ptr> errors_;
};

}  // namespace pqlscope
