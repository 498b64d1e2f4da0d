#include "pqlscope/ingest/ingestor.hpp"

#include "file_ingest.hpp"
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
    end_file();
    same_file_.begin(options.kind, options.size);
    file_name_ = name;
    file_ = std::make_unique<FileIngest>(std::move(name), std::move(options), options_,
                                         aggregator_, report_, issues_);
  }
  void feed(std::string_view bytes) {
    if (finished_) throw std::logic_error("Ingestor: feed() after finish()");
    if (!file_) begin_file("input", FileOptions{});
    same_file_.feed(bytes, [&](std::string_view b) { file_->feed(b); });
    report_.events = aggregator_.events();
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
    report_.events = aggregator_.events();
  }
  Aggregates finish() {
    end_file();
    finished_ = true;
    Aggregates out = aggregator_.finish();
    const uint64_t unattributed = out.report.unattributed_users;
    out.report = std::move(report_);
    out.report.events = aggregator_.events();
    out.report.identical_rows = aggregator_.identical_rows();
    out.report.reopened_days = aggregator_.reopened_days();
    out.report.unattributed_users = unattributed;
    return out;
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

Aggregates ingest_buffer(std::string_view name, std::string_view bytes, FileOptions options,
                         IngestOptions ingest_options) {
  Ingestor ingest(ingest_options);
  ingest.begin_file(std::string(name), std::move(options));
  ingest.feed(bytes);
  return ingest.finish();
}

}  // namespace pqlscope
