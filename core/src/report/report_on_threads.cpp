// report_on_threads.hpp. The history reads only the aggregates, the model and the result, as
// the writer does, so the two run side by side; the writer waits for it at its history phase.
#include "pqlscope/report/report_on_threads.hpp"

#include <exception>
#include <future>

#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"
#include "pqlscope/report/history_json.hpp"
#include "pqlscope/report/report_writer.hpp"

namespace pqlscope {

void write_report_on_threads(std::ostream& out, const Aggregates& aggregates, const Model& model,
                             const ScoreResult& result, const ReportOptions& options,
                             const nlohmann::ordered_json& extra, unsigned threads) {
  if (threads <= 1 || !options.include_history || options.history_source) {
    write_report(out, aggregates, model, result, options, extra);
    return;
  }
  ReportHistory history;
  std::promise<void> computed;
  const std::shared_future<void> ready = computed.get_future().share();
  ReportOptions with_history = options;
  with_history.history_source = [&]() -> const ReportHistory& {
    ready.get();  // rethrows the history's exception, if any
    return history;
  };
  JobErrors errors(2);
  // Job 0 is taken first, so one thread computes the history before it writes: no wait there.
  run_on_threads(2, threads, [&](std::size_t job) {
    if (job == 0) {
      try {
        // The writer keeps one thread; the history's points may take the others.
        ReportOptions history_options = options;
        history_options.history_threads = threads - 1;
        history = compute_report_history(aggregates, model, result, history_options);
        computed.set_value();
      } catch (...) {
        computed.set_exception(std::current_exception());
      }
    } else {
      errors.run(job, [&] { write_report(out, aggregates, model, result, with_history, extra); });
    }
  });
  errors.rethrow_first();
}

}  // namespace pqlscope
