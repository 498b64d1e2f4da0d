#include "pqlscope/ingest/ingestor.hpp"

#include <optional>

#include "chunk_exchange.hpp"
#include "file_ingest.hpp"
#include "parallel_ingest.hpp"
#include "same_file.hpp"

namespace pqlscope {

class Ingestor::Impl {
 public:
  explicit Impl(IngestOptions options)
      : options_(options), issues_(report_, options_), same_file_(options.max_held_bytes) {
    aggregator_.set_drop_identical_rows(options.drop_identical_rows);
  }

  void begin_file(std::string name, FileOptions options) {
    if (finished_) throw std::logic_error("Ingestor: begin_file() after finish()");
    if (chunked_ && options.kind == FileKind::events) {
      // The chunks' open-day history is replayed for the report; a later events file would
      // continue it (docs/ingest.md, "Parallel ingest").
      throw std::logic_error("Ingestor: an events file after ingest_file_parallel()");
    }
    end_file();
    ++files_begun_;
    same_file_.begin(options.kind, options.size);
    file_name_ = name;
    file_ = std::make_unique<FileIngest>(std::move(name), std::move(options), options_,
                                         aggregator_, report_, issues_);
  }
  void feed(std::string_view bytes) {
    if (finished_) throw std::logic_error("Ingestor: feed() after finish()");
    if (!file_) begin_file("input", FileOptions{});
    same_file_.feed(bytes, [&](std::string_view b) { file_->feed(b); });
    report_.events = chunked_events_ + aggregator_.events();
  }
  void end_file() {
    if (!file_) return;
    auto file = std::move(file_);
    const SameFileCheck::Outcome copy = same_file_.end(file_name_, [&](std::string_view b) { file->feed(b); });
    FileSummary& summary = report_.files.back();  // the open file's, added by FileIngest
    summary.same_as = copy.copy_of;
    if (copy.skipped || copy.not_read) {
      // Nothing of it reached the reader (docs/ingest.md, "The same file twice").
      summary.bytes = copy.bytes;
      report_.bytes += copy.bytes;
    }
    if (copy.skipped) {
      summary.copy_skipped = true;
      ++report_.copies_skipped;
    } else if (copy.not_read) {
      ++summary.rejected;
      ++report_.rejected;
      issues_.add(IngestIssue{IngestErrorCode::copy_differs, file_name_, 1, 1, 0, "",
                              "the file has the size and the first " +
                                  std::to_string(copy.held_bytes) + " bytes of '" +
                                  copy.held_as_copy_of + "' but differs after them; it was held "
                                  "back as a copy of it and not read (read it in a separate run)"});
    } else {
      file->finish();
    }
    report_.events = chunked_events_ + aggregator_.events();
  }
  Aggregates finish() {
    end_file();
    finished_ = true;
    Aggregates out;
    if (chunked_) {
      merge_into(*chunked_, aggregator_.finish_partial_aggregates(), MergeOptions{options_.max_issues});
      out = finish_partial(std::move(*chunked_));
      chunked_.reset();
    } else {
      out = aggregator_.finish();
    }
    const uint64_t unattributed = out.report.unattributed_users;
    out.report = std::move(report_);
    out.report.events = chunked_events_ + aggregator_.events();
    out.report.identical_rows = chunked_identical_rows_ + aggregator_.identical_rows();
    out.report.reopened_days = chunked_reopened_days_ + aggregator_.reopened_days();
    out.report.unattributed_users = unattributed;
    return out;
  }

  ParallelOutcome ingest_file_parallel(std::string name, FileOptions options, uint64_t size,
                                       const RangeReader& read, const ParallelOptions& parallel) {
    if (finished_) throw std::logic_error("Ingestor: ingest_file_parallel() after finish()");
    if (files_begun_ > 0 || chunked_) throw std::logic_error("Ingestor: ingest_file_parallel() must read the first file");
    std::string why;
    if (options.kind != FileKind::events) {
      why = "not an events file";
    } else if (options_.strict) {
      why = "strict mode stops at the first problem";
    } else if (parallel.threads <= 1 && parallel.chunks <= 1) {
      why = "one thread";
    } else {
      ChunkedFile chunked = read_in_chunks(name, options, size, read, parallel, options_);
      if (chunked.ok) {
        report_ = std::move(chunked.report);
        chunked_events_ = report_.events;
        chunked_identical_rows_ = chunked.identical_rows;
        chunked_reopened_days_ = chunked.reopened_days;
        chunked_ = std::move(chunked.part);
        return chunked.outcome;
      }
      why = std::move(chunked.outcome.fallback);
    }
    // One pass, as begin_file + feed + end_file.
    options.size = static_cast<int64_t>(size);
    begin_file(name, std::move(options));
    std::string block;
    for (uint64_t at = 0; at < size;) {
      block.resize(static_cast<size_t>(std::min<uint64_t>(size - at, size_t{4} << 20)));
      const size_t got = read(at, block.data(), block.size());
      if (got == 0) break;
      feed(std::string_view(block.data(), got));
      at += got;
    }
    end_file();
    ParallelOutcome outcome;
    outcome.fallback = std::move(why);
    return outcome;
  }
  ParallelOutcome ingest_worker_chunks(std::string name, FileOptions options, std::string_view head,
                                       std::vector<std::string> chunks) {
    if (finished_) throw std::logic_error("Ingestor: ingest_worker_chunks() after finish()");
    if (files_begun_ > 0 || chunked_) throw std::logic_error("Ingestor: ingest_worker_chunks() must read the first file");
    ParallelOutcome outcome;
    if (options.kind != FileKind::events) {
      outcome.fallback = "not an events file";
    } else if (options_.strict) {
      outcome.fallback = "strict mode stops at the first problem";
    } else {
      ChunkedFile chunked = merge_worker_chunks(name, options, options_, head, std::move(chunks));
      if (chunked.ok) {
        report_ = std::move(chunked.report);
        chunked_events_ = report_.events;
        chunked_identical_rows_ = chunked.identical_rows;
        chunked_reopened_days_ = chunked.reopened_days;
        chunked_ = std::move(chunked.part);
      }
      outcome = std::move(chunked.outcome);
    }
    return outcome;
  }
  const IngestReport& report() const { return report_; }

 private:
  IngestOptions options_;
  IngestReport report_;
  IssueLog issues_;
  EventAggregator aggregator_;
  SameFileCheck same_file_;
  std::string file_name_;
  std::unique_ptr<FileIngest> file_;
  bool finished_ = false;
  size_t files_begun_ = 0;
  // A file read by ingest_file_parallel: its chunks merged, merged again at finish() with what
  // the files after it added.
  std::optional<PartialAggregates> chunked_;
  uint64_t chunked_events_ = 0;
  uint64_t chunked_identical_rows_ = 0;
  uint64_t chunked_reopened_days_ = 0;
};

Ingestor::Ingestor(IngestOptions options) : impl_(std::make_unique<Impl>(options)) {}
Ingestor::~Ingestor() = default;
void Ingestor::begin_file(std::string name, FileOptions options) {
  impl_->begin_file(std::move(name), std::move(options));
}
void Ingestor::feed(std::string_view bytes) { impl_->feed(bytes); }
void Ingestor::end_file() { impl_->end_file(); }
Aggregates Ingestor::finish() { return impl_->finish(); }
const IngestReport& Ingestor::report() const { return impl_->report(); }
ParallelOutcome Ingestor::ingest_file_parallel(std::string name, FileOptions options, uint64_t size,
                                               const RangeReader& read, const ParallelOptions& parallel) {
  return impl_->ingest_file_parallel(std::move(name), std::move(options), size, read, parallel);
}

ParallelOutcome Ingestor::ingest_worker_chunks(std::string name, FileOptions options, std::string_view head,
                                               std::vector<std::string> chunks) {
  return impl_->ingest_worker_chunks(std::move(name), std::move(options), head, std::move(chunks));
}

Aggregates ingest_buffer(std::string_view name, std::string_view bytes, FileOptions options,
                         IngestOptions ingest_options) {
  Ingestor ingest(ingest_options);
  ingest.begin_file(std::string(name), std::move(options));
  ingest.feed(bytes);
  return ingest.finish();
}

}  // namespace pqlscope
