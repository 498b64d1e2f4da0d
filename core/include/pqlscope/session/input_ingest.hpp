// The ingest every skin uses (the CLI's score / ingest, the WebAssembly session): raw files go
// to the Ingestor; a file whose first line is the day-count header (docs/aggregates.md, "CSV
// form") is read as day counts instead, whatever its name or declared kind. finish() merges the
// day-count files, in input order, then what the Ingestor read (events, accounts,
// communications) with the one merge of aggregates (aggregate/merge.hpp).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/aggregate/merge.hpp"
#include "pqlscope/ingest/ingestor.hpp"

namespace pqlscope {

class InputIngest {
 public:
  explicit InputIngest(IngestOptions options = {});
  // `day_counts_only`: the file must be a day-count file (its header is checked, not probed).
  void begin_file(std::string name, FileOptions options = {}, bool day_counts_only = false);
  void feed(std::string_view bytes);
  void end_file();
  // One whole uncompressed file read on several threads (Ingestor::ingest_file_parallel, which
  // says when and why it falls back to one pass). A day-count file is read as day counts, in one
  // pass. Like the Ingestor's, it must be the first raw file of the run.
  ParallelOutcome ingest_file_parallel(std::string name, FileOptions options, uint64_t size,
                                       const RangeReader& read, const ParallelOptions& parallel);
  // The same with the chunks read by Workers (Ingestor::ingest_worker_chunks): nothing is read
  // when the outcome has a fallback.
  ParallelOutcome ingest_worker_chunks(std::string name, FileOptions options, std::string_view head,
                                       std::vector<std::string> chunks);
  // Live counts of the raw files plus the day-count files finished so far.
  const IngestReport& report() const;
  // Throws std::invalid_argument naming the file and line of a bad day-count row.
  Aggregates finish();

 private:
  enum class State { closed, probing, raw, day_counts };
  void decide();

  IngestOptions options_;
  Ingestor ingestor_;
  bool raw_files_ = false;  // the Ingestor saw a file (events, accounts or communications)
  State state_ = State::closed;
  std::string name_;
  FileOptions file_options_;
  std::string head_;  // the first bytes of an events file, until its kind is known
  std::unique_ptr<DayCountsReader> reader_;
  std::vector<PartialAggregates> day_counts_;
  mutable IngestReport live_;
};

}  // namespace pqlscope
