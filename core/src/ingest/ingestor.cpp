#include "pqlscope/ingest/ingestor.hpp"

#include "file_ingest.hpp"

namespace pqlscope {

class Ingestor::Impl {
 public:
  explicit Impl(IngestOptions options) : options_(options), issues_(report_, options_) {}

  void begin_file(std::string name, FileOptions options) {
    if (finished_) throw std::logic_error("Ingestor: begin_file() after finish()");
    end_file();
    file_ = std::make_unique<FileIngest>(std::move(name), std::move(options), options_,
                                         aggregator_, report_, issues_);
  }
  void feed(std::string_view bytes) {
    if (finished_) throw std::logic_error("Ingestor: feed() after finish()");
    if (!file_) begin_file("input", FileOptions{});
    file_->feed(bytes);
    report_.events = aggregator_.events();
  }
  void end_file() {
    if (!file_) return;
    auto file = std::move(file_);
    file->finish();
    report_.events = aggregator_.events();
  }
  Aggregates finish() {
    end_file();
    finished_ = true;
    Aggregates out = aggregator_.finish();
    const uint64_t unattributed = out.report.unattributed_users;
    out.report = std::move(report_);
    out.report.events = aggregator_.events();
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
