// One events file read in chunks on several threads (docs/ingest.md, "Parallel ingest"): split
// at record boundaries, each chunk read into aggregates of its own with the file's header and
// mapping, message ids seen in an earlier chunk resolved by reading that chunk again, and the
// chunks merged in order. Everything a chunked read could get different from one pass is
// checked; when any check fails the caller reads the file in one pass. Private to ingest.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/aggregate/merge.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/ingest_report.hpp"
#include "file_ingest.hpp"

namespace pqlscope {

// One chunk's reading: its aggregates before their last step, its own report (lines and
// offsets counted from the chunk's start), the message ids / identical-row hashes it saw, and
// the days it changed to (for the reopened-days replay).
struct ChunkRun {
  uint64_t begin = 0, end = 0;
  PartialAggregates part;
  IngestReport report;
  IdHashSet ids, rows;
  EventAggregator::DayTrace trace;
  uint64_t line_ends = 0;
  uint64_t identical_rows = 0;
  bool stopped = false;
  std::string error;
};

struct ChunkPlan {
  const std::string& name;
  const FileOptions& options;
  const RangeReader& read;
  const IngestOptions& ingest_options;
  bool csv = false;
  std::string prefix;             // CSV: the header line, fed before every chunk but the first
  uint64_t prefix_line_ends = 0;
};

// Reads chunk `index` of a plan fed in blocks of any size into `run` (which it must outlive):
// what each thread does natively, and each Worker in the npm package (chunk_exchange.hpp).
// Errors end up in run.error, never thrown.
class ChunkReader {
 public:
  ChunkReader(const ChunkPlan& plan, std::size_t index, std::vector<const IdHashSet*> earlier_ids,
              std::vector<const IdHashSet*> earlier_rows, ChunkRun& run);
  ~ChunkReader();
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;
  void feed(std::string_view block);
  void fail(std::string why);
  void finish();
  bool ok() const { return run_.error.empty(); }

 private:
  ChunkRun& run_;
  EventAggregator aggregator_;
  IssueLog issues_;
  FileOptions options_;
  bool csv_ = false;
  bool after_cr_ = false;
  std::unique_ptr<FileIngest> file_;
};

// Whether and how a file starting with `head` (its first 64 KiB) is split: "" and plan.csv /
// prefix filled, `newline` the header line's end; or why it is read in one pass.
std::string plan_from_head(std::string_view head, ChunkPlan& plan, std::size_t& newline);

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

// The chunks' runs, in input order, checked against one pass (with their ids and rows sets
// already compared: the merge clears them) and merged, on up to `threads` threads.
ChunkedFile merge_chunk_runs(std::vector<ChunkRun>& runs, const ChunkPlan& plan, unsigned threads = 1);

// The number of days one pass would have reopened (EventAggregator::close_day), from the day
// sequences of the chunks in order. False when a sequence was cut before the answer is known.
bool replay_reopened_days(const std::vector<const EventAggregator::DayTrace*>& traces, uint64_t& reopened);

}  // namespace pqlscope
