#include "pqlscope/session/input_ingest.hpp"

#include <algorithm>

#include "pqlscope/aggregate/merge.hpp"

namespace pqlscope {
namespace {
// Enough for either header line and a BOM: past this without a line end, it is not one.
constexpr size_t kProbeBytes = 256;
// The one probe of decide() and ingest_file_parallel(): only the first kProbeBytes + 1 bytes
// are looked at, however many the caller has.
bool is_day_counts_head(std::string_view head) {
  return starts_with_day_counts_header(head.substr(0, std::min(head.size(), kProbeBytes + 1)));
}
}  // namespace

InputIngest::InputIngest(IngestOptions options) : options_(options), ingestor_(options) {}

void InputIngest::begin_file(std::string name, FileOptions options, bool day_counts_only) {
  if (state_ != State::closed) end_file();
  name_ = std::move(name);
  file_options_ = std::move(options);
  head_.clear();
  if (day_counts_only) {
    reader_ = std::make_unique<DayCountsReader>(name_);
    state_ = State::day_counts;
  } else {
    // Every kind is probed: a day-count file cannot be a valid accounts or communications file,
    // and a page that guesses kinds from file names may call it either.
    state_ = State::probing;
  }
}

// Day counts or raw events, from the first line (or the first kProbeBytes).
void InputIngest::decide() {
  if (is_day_counts_head(head_)) {
    reader_ = std::make_unique<DayCountsReader>(name_);
    reader_->feed(head_);
    state_ = State::day_counts;
  } else {
    ingestor_.begin_file(name_, std::move(file_options_));
    ingestor_.feed(head_);
    raw_files_ = true;
    state_ = State::raw;
  }
  head_ = {};
}

void InputIngest::feed(std::string_view bytes) {
  if (state_ == State::closed) begin_file("input");
  if (state_ == State::probing) {
    const size_t take = std::min(bytes.size(), kProbeBytes + 1 - head_.size());
    head_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (head_.find_first_of("\r\n") == std::string::npos && head_.size() <= kProbeBytes) return;  // all taken
    decide();
  }
  if (bytes.empty()) return;
  if (state_ == State::day_counts) reader_->feed(bytes);
  else ingestor_.feed(bytes);
}

ParallelOutcome InputIngest::ingest_file_parallel(std::string name, FileOptions options, uint64_t size,
                                                  const RangeReader& read, const ParallelOptions& parallel) {
  if (state_ != State::closed) end_file();
  std::string head(static_cast<size_t>(std::min<uint64_t>(size, kProbeBytes + 1)), '\0');
  size_t got = 0;
  while (got < head.size()) {  // a range reader may return fewer bytes than asked
    const size_t n = read(got, head.data() + got, head.size() - got);
    if (n == 0) break;
    got += n;
  }
  head.resize(got);
  if (!is_day_counts_head(head)) {
    raw_files_ = true;
    return ingestor_.ingest_file_parallel(std::move(name), std::move(options), size, read, parallel);
  }
  begin_file(std::move(name), std::move(options), true);
  std::string piece(size_t{4} << 20, '\0');
  for (uint64_t offset = 0; offset < size;) {
    const size_t got = read(offset, piece.data(), static_cast<size_t>(std::min<uint64_t>(piece.size(), size - offset)));
    if (got == 0) break;
    feed(std::string_view(piece.data(), got));
    offset += got;
  }
  end_file();
  ParallelOutcome outcome;
  outcome.fallback = "a day-count file, read as day counts";
  return outcome;
}

ParallelOutcome InputIngest::ingest_worker_chunks(std::string name, FileOptions options, std::string_view head,
                                                  std::vector<std::string> chunks) {
  if (state_ != State::closed) end_file();
  ParallelOutcome outcome = ingestor_.ingest_worker_chunks(std::move(name), std::move(options), head, std::move(chunks));
  if (outcome.fallback.empty()) raw_files_ = true;
  return outcome;
}

void InputIngest::end_file() {
  if (state_ == State::probing) decide();
  if (state_ == State::day_counts) {
    PartialAggregates partial = reader_->finish_partial_aggregates();
    Aggregates& a = partial.aggregates;
    reader_.reset();
    FileSummary file;
    file.name = name_;
    file.kind = "events";
    file.format = "csv";
    file.bytes = a.report.bytes;
    file.rows = a.report.rows;
    file.accepted = a.report.rows;
    file.mapping.source = "pqlscope_day_counts";
    file.mapping.source_name = "pqlscope day counts (docs/aggregates.md)";
    file.mapping.source_reason = "the day-count header";
    a.report.files.push_back(std::move(file));
    day_counts_.push_back(std::move(partial));
  } else if (state_ == State::raw) {
    ingestor_.end_file();
  }
  state_ = State::closed;
}

const IngestReport& InputIngest::report() const {
  if (day_counts_.empty()) return ingestor_.report();
  live_ = ingestor_.report();
  for (const PartialAggregates& a : day_counts_) {
    live_.bytes += a.aggregates.report.bytes;
    live_.rows += a.aggregates.report.rows;
    live_.events += a.aggregates.report.events;
  }
  return live_;
}

// The day-count files in input order, then what the Ingestor read (events, accounts,
// communications), by the one merge of aggregates; the events that named no account are
// credited last, over all of them, as one raw ingest would.
Aggregates InputIngest::finish() {
  if (state_ != State::closed) end_file();
  if (day_counts_.empty()) return ingestor_.finish();
  MergeOptions merge;
  merge.max_issues = options_.max_issues;
  PartialAggregates out = std::move(day_counts_.front());
  for (size_t i = 1; i < day_counts_.size(); ++i) merge_into(out, std::move(day_counts_[i]), merge);
  day_counts_.clear();
  if (raw_files_) merge_into(out, PartialAggregates{ingestor_.finish(), {}, {}}, merge);
  return finish_partial(std::move(out));
}

}  // namespace pqlscope
