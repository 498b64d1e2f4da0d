// report_on_threads.hpp. The sections and the history read only the aggregates, the model and
// the result, as the writer does, so they are rendered beside it; the writer waits for each
// text where it goes.
#include "pqlscope/report/report_on_threads.hpp"

#include <exception>
#include <future>
#include <string>

#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"
#include "pqlscope/report/history_json.hpp"
#include "pqlscope/report/report_writer.hpp"

namespace pqlscope {

void write_report_on_threads(std::ostream& out, const Aggregates& aggregates, const Model& model,
                             const ScoreResult& result, const ReportOptions& options,
                             const nlohmann::ordered_json& extra, unsigned threads) {
  if (threads <= 1 || options.sections_text_source || options.history_text_source) {
    write_report(out, aggregates, model, result, options, extra);
    return;
  }
  // The second thread renders the sections (wanted after the accounts), then computes and
  // renders the history (wanted last): neither text is on the writer's path any more, which
  // only appends them (docs/performance-round-4.md, "The report").
  RenderedText sections, history;
  std::promise<void> sections_done, history_done;
  const std::shared_future<void> sections_ready = sections_done.get_future().share();
  const std::shared_future<void> history_ready = history_done.get_future().share();
  ReportOptions writer_options = options;
  writer_options.sections_text_source = [&]() -> const RenderedText& {
    sections_ready.get();  // rethrows the side job's exception, if any
    return sections;
  };
  if (options.include_history) {
    writer_options.history_text_source = [&]() -> const RenderedText& {
      history_ready.get();
      return history;
    };
  }
  JobErrors errors(2);
  // Job 0 is taken first, so the side job starts before the writer can wait for it.
  run_on_threads(2, threads, [&](std::size_t job) {
    if (job == 0) {
      try {
        sections = report_sections_text(aggregates, model, result, options.pretty);
        sections_done.set_value();
      } catch (...) {
        sections_done.set_exception(std::current_exception());
        history_done.set_exception(std::current_exception());
        return;
      }
      if (!options.include_history) return;
      try {
        // The writer keeps one thread; the history's points may take the others.
        ReportOptions history_options = options;
        history_options.history_threads = threads - 1;
        const ReportHistory computed = compute_report_history(aggregates, model, result, history_options);
        history = report_history_text(aggregates, computed, options.pretty, options.history_users);
        history_done.set_value();
      } catch (...) {
        history_done.set_exception(std::current_exception());
      }
    } else {
      errors.run(job, [&] { write_report(out, aggregates, model, result, writer_options, extra); });
    }
  });
  errors.rethrow_first();
}

}  // namespace pqlscope
