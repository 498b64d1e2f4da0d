// One events file read in chunks on several threads (docs/ingest.md, "Parallel ingest"): split
// at record boundaries, each chunk read into aggregates of its own with the file's header and
// mapping, message ids seen in an earlier chunk resolved by reading that chunk again, and the
// chunks merged in order. Everything a chunked read could get different from one pass is
// checked; when any check fails the caller reads the file in one pass. Private to ingest.
#pragma once

#include <string>

#include <vector>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/aggregate/merge.hpp"
#include "pqlscope/ingest/ingestor.hpp"

namespace pqlscope {

struct ChunkedFile {
  bool ok = false;            // false: read the file in one pass (outcome.fallback says why)
  PartialAggregates part;     // the chunks merged (its report is not used)
  IngestReport report;        // the file's: one FileSummary, counts, issues at file positions
  uint64_t identical_rows = 0;
  uint64_t reopened_days = 0;
  ParallelOutcome outcome;
};

ChunkedFile read_in_chunks(const std::string& name, const FileOptions& options, uint64_t size,
                           const RangeReader& read, const ParallelOptions& parallel,
                           const IngestOptions& ingest_options);

// The number of days one pass would have reopened (EventAggregator::close_day), from the day
// sequences of the chunks in order. False when a sequence was cut before the answer is known.
bool replay_reopened_days(const std::vector<const EventAggregator::DayTrace*>& traces, uint64_t& reopened);

}  // namespace pqlscope
