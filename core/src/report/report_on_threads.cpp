// report_on_threads.hpp. The sections and the history read only the aggregates, the model and
// the result, as the writer does, so they are rendered beside it; the writer waits for each
// text where it goes.
#include "pqlscope/report/report_on_threads.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <future>
#include <string>

#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"
#include "pqlscope/report/batch_share.hpp"
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
  const auto render_side_texts = [&] {
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
  };
  // The accounts' and users' batches are rendered by the writer and by helpers that stay for the
  // whole report: the side job's thread once its texts are done, and any further threads.
  BatchShare share;
  writer_options.batch_share = &share;
  // The side job's thread helps only once the writer runs on another: were no thread started,
  // the calling thread would run the jobs one after another and wait for a writer that never
  // comes. Later jobs need no such care: run one after another, they find the writer done and
  // the share stopped.
  std::atomic<bool> writer_started{false};
  const std::size_t jobs = std::max<std::size_t>(2, threads);
  JobErrors errors(jobs);
  // Job 0 is taken first, so the side job starts before the writer can wait for it.
  run_on_threads(jobs, threads, [&](std::size_t job) {
    if (job == 0) {
      render_side_texts();
      if (writer_started.load()) share.help();
    } else if (job == 1) {
      writer_started = true;
      errors.run(job, [&] { write_report(out, aggregates, model, result, writer_options, extra); });
      share.stop();  // the writer is gone, with its state: nobody renders from it any more
    } else {
      share.help();
    }
  });
  errors.rethrow_first();
}

}  // namespace pqlscope
