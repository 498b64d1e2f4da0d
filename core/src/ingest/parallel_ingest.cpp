#include "parallel_ingest.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

#include "chunk_sharing.hpp"
#include "file_ingest.hpp"
#include "pqlscope/common/run_on_threads.hpp"
#include "pqlscope/io/compression.hpp"
#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{4} << 20;  // read per call, as the CLI feeds
constexpr std::size_t kHeadBytes = 64 * 1024;              // where the header line must end
// Day changes a chunk records for the reopened-days replay (2 bytes each). Time-ordered input
// changes day a few thousand times; shuffled input passes the reopen limit within a few dozen.
constexpr std::size_t kTraceCap = std::size_t{1} << 20;

// Reads [offset, offset + n) into `out`, shorter at the file's end. A chunk reads into the same
// string block after block: a fresh zero-filled 4 MiB string per block was a memset of the
// whole file and, with the next block allocated while the last was alive, two buffers.
void read_at(const RangeReader& read, uint64_t offset, std::size_t n, std::string& out) {
  out.resize(n);
  std::size_t got = 0;
  while (got < n) {
    const std::size_t r = read(offset + got, out.data() + got, n - got);
    if (r == 0) break;
    got += r;
  }
  out.resize(got);
}

// Line ends as the readers count them: CSV counts LF, CRLF and a lone CR; JSON lines count LF.
// A chunk starts after an LF, so no CRLF straddles two chunks.
uint64_t count_line_ends(std::string_view bytes, bool csv, bool& after_cr) {
  uint64_t n = count_byte(bytes, '\n');
  if (csv && (after_cr || std::memchr(bytes.data(), '\r', bytes.size()) != nullptr)) {
    for (char c : bytes) {
      if (c == '\r') ++n;
      if (c == '\n' && after_cr) --n;  // CRLF is one line end
      after_cr = c == '\r';
    }
  } else if (!bytes.empty()) {
    after_cr = bytes.back() == '\r';
  }
  return n;
}

// Reads run `index` [begin, end) block by block; with a schedule, each block is claimed first
// (another thread may cut the run's end short meanwhile).
void run_chunk(const ChunkPlan& plan, std::size_t index, std::vector<const IdHashSet*> earlier_ids,
               std::vector<const IdHashSet*> earlier_rows, ChunkRun& run, ChunkSchedule* schedule = nullptr,
               const ParallelOptions* parallel = nullptr) {
  ChunkReader reader(plan, index, std::move(earlier_ids), std::move(earlier_rows), run);
  const std::size_t block_bytes = parallel != nullptr && parallel->block_bytes != 0 ? parallel->block_bytes : kBlockBytes;
  std::string block;
  for (uint64_t at = run.begin; reader.ok();) {
    if (parallel != nullptr && parallel->before_block) parallel->before_block(index);
    const std::size_t n = schedule != nullptr ? schedule->claim(index, at, block_bytes)
                                              : static_cast<std::size_t>(std::min<uint64_t>(block_bytes, run.end - at));
    if (n == 0) break;
    read_at(plan.read, at, n, block);
    if (block.empty()) {
      reader.fail("the file ended early while it was read");
      break;
    }
    reader.feed(block);
    at += block.size();
  }
  reader.finish();
}

bool same_mapping(const FileMappingExplanation& a, const FileMappingExplanation& b) {
  if (a.guessed.kind != b.guessed.kind || a.source != b.source || a.timestamp_format != b.timestamp_format ||
      a.row_rule != b.row_rule || a.roles.size() != b.roles.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.roles.size(); ++i) {
    if (a.roles[i].role != b.roles[i].role || a.roles[i].field != b.roles[i].field ||
        a.roles[i].reason != b.roles[i].reason) {
      return false;
    }
  }
  return true;
}

uint64_t rejected(const IngestReport& r, IngestErrorCode code) { return r.rejected_by_code[static_cast<std::size_t>(code)]; }

// Why chunk `k` may differ from the same bytes read in one pass ("" when it may not).
std::string check_chunk(const std::vector<ChunkRun>& runs, std::size_t k, const ChunkPlan& plan) {
  const ChunkRun& run = runs[k];
  const std::string where = "chunk " + std::to_string(k + 1) + " ";
  if (!run.error.empty()) return where + "failed: " + run.error;
  if (run.stopped) return where + "stopped at a file-level problem";
  if (run.report.files.size() != 1) return where + "read no file";
  const FileSummary& mine = run.report.files[0];
  const FileSummary& first = runs[0].report.files[0];
  if (!mine.encoding.empty()) return "the text is not UTF-8 (" + mine.encoding + ")";
  if (k == 0) {
    if (mine.format != "csv" && mine.format != "tsv" && mine.format != "ndjson") return "the format is " + mine.format;
    // The mapping must have been decided inside the first chunk, on the same records as one
    // pass decides it on.
    if (mine.mapping.sampled_records >= mine.rows) return "the first chunk holds no more than the mapping's sample";
  } else if (mine.format != first.format || mine.delimiter != first.delimiter || !same_mapping(mine.mapping, first.mapping)) {
    return where + "mapped its fields differently from the first";
  }
  if (k + 1 < runs.size() && rejected(run.report, IngestErrorCode::unterminated_quote) > 0) {
    return where + "ends inside a quoted field, or has an unterminated quote";
  }
  for (IngestErrorCode code : {IngestErrorCode::too_many_event_names, IngestErrorCode::ambiguous_date,
                               IngestErrorCode::conflicting_date_order, IngestErrorCode::header_only,
                               IngestErrorCode::empty_file, IngestErrorCode::missing_column}) {
    if (rejected(run.report, code) > 0) return where + "has " + error_code_name(code) + " rows";
  }
  if (k > 0) {
    for (const IngestIssue& issue : run.report.issues) {
      if (issue.line <= plan.prefix_line_ends) return where + "has a problem in its copy of the header";
    }
  }
  return "";
}

}  // namespace

ChunkReader::ChunkReader(const ChunkPlan& plan, std::size_t index, std::vector<const IdHashSet*> earlier_ids,
                         std::vector<const IdHashSet*> earlier_rows, ChunkRun& run)
    : run_(run), issues_(run.report, plan.ingest_options), options_(plan.options), csv_(plan.csv) {
  run.part = {};
  run.report = {};
  run.trace = {};
  run.trace.cap = kTraceCap;
  run.line_ends = 0;
  run.error.clear();
  try {
    aggregator_.set_drop_identical_rows(plan.ingest_options.drop_identical_rows);
    aggregator_.set_earlier_keys(std::move(earlier_ids), std::move(earlier_rows));
    aggregator_.trace_days(&run.trace);
    options_.size = -1;
    if (index > 0 && !plan.csv) options_.format = InputFormat::ndjson;  // the head decided it
    file_ = std::make_unique<FileIngest>(plan.name, options_, plan.ingest_options, aggregator_, run.report, issues_);
    if (index > 0 && plan.csv) file_->feed(plan.prefix);
  } catch (const std::exception& e) {
    run.error = e.what();
  }
}

ChunkReader::~ChunkReader() = default;

void ChunkReader::feed(std::string_view block) {
  if (!ok()) return;
  try {
    run_.line_ends += count_line_ends(block, csv_, after_cr_);
    file_->feed(block);
  } catch (const std::exception& e) {
    run_.error = e.what();
  }
}

void ChunkReader::fail(std::string why) {
  if (ok()) run_.error = std::move(why);
}

void ChunkReader::finish() {
  if (!ok()) return;
  try {
    file_->finish();
    run_.stopped = file_->stopped();
    run_.ids = aggregator_.take_message_ids();
    run_.rows = aggregator_.take_row_hashes();
    run_.identical_rows = aggregator_.identical_rows();
    run_.report.events = aggregator_.events();
    run_.part = aggregator_.finish_partial_aggregates();
  } catch (const std::exception& e) {
    run_.error = e.what();
  }
  file_.reset();
}

bool replay_reopened_days(const std::vector<const EventAggregator::DayTrace*>& traces, uint64_t& reopened) {
  struct Open {
    int32_t day;
    uint64_t last_use;
  };
  std::vector<Open> open;
  std::vector<bool> closed(65536, false);
  std::size_t last = SIZE_MAX;
  uint64_t clock = 0;
  reopened = 0;
  auto close = [&](Open& o) {
    if (o.day < 0) return;
    if (closed[static_cast<std::size_t>(o.day)]) ++reopened;
    closed[static_cast<std::size_t>(o.day)] = true;
    o.day = -1;
  };
  for (const EventAggregator::DayTrace* trace : traces) {
    for (const uint16_t d : trace->days) {
      const int32_t day = d;
      ++clock;
      if (last != SIZE_MAX && open[last].day == day) {
        open[last].last_use = clock;
        continue;
      }
      std::size_t slot = SIZE_MAX;
      for (std::size_t i = 0; i < open.size(); ++i) {
        if (open[i].day == day) slot = i;
      }
      if (slot == SIZE_MAX) {
        if (open.size() < EventAggregator::kMaxOpenDays) {
          open.push_back({-1, 0});
          slot = open.size() - 1;
        } else {
          slot = static_cast<std::size_t>(
              std::min_element(open.begin(), open.end(), [](const Open& a, const Open& b) { return a.last_use < b.last_use; }) -
              open.begin());
          close(open[slot]);
          if (reopened > EventAggregator::kReopenLimit) {
            for (Open& o : open) close(o);  // the switch to unordered mode: no more counting
            return true;
          }
        }
        open[slot].day = day;
      }
      open[slot].last_use = clock;
      last = slot;
    }
    if (trace->overflow) return false;  // the rest of this chunk's days are unknown
  }
  for (Open& o : open) close(o);
  return true;
}

ChunkedFile read_in_chunks(const std::string& name, const FileOptions& options, uint64_t size,
                           const RangeReader& read, const ParallelOptions& parallel,
                           const IngestOptions& ingest_options) {
  ChunkedFile result;
  auto fallback = [&](std::string why) {
    result.outcome.fallback = std::move(why);
    return std::move(result);
  };
  ChunkPlan plan{name, options, read, ingest_options, false, {}, 0};
  std::string head;
  read_at(read, 0, static_cast<std::size_t>(std::min<uint64_t>(size, kHeadBytes)), head);
  std::size_t newline = 0;
  if (std::string why = plan_from_head(head, plan, newline); !why.empty()) return fallback(std::move(why));

  // Chunk boundaries: the first line end at or after each even split point.
  std::size_t wanted = parallel.chunks != 0 ? parallel.chunks : parallel.threads;
  const uint64_t min_bytes = std::max<uint64_t>(1, parallel.min_chunk_bytes);
  wanted = static_cast<std::size_t>(std::min<uint64_t>(wanted, std::max<uint64_t>(1, size / min_bytes)));
  std::vector<uint64_t> starts{0};
  for (std::size_t k = 1; k < wanted; ++k) {
    const uint64_t at = std::max<uint64_t>({size / wanted * k, starts.back() + 1, newline + 1});
    const uint64_t boundary = next_line_start(read, at, size);
    if (boundary >= size) break;
    if (boundary > starts.back()) starts.push_back(boundary);
  }
  if (starts.size() < 2) return fallback("the file is smaller than two chunks");
  // Room for the cuts of work sharing, one per thread (each cut chunk costs its own tables: the
  // 10M-event runs cut up to three times): the vector must not move runs being read.
  const std::size_t max_runs = starts.size() + (parallel.share_work ? std::size_t{parallel.threads} : 0);
  std::vector<ChunkRun> runs;
  runs.reserve(max_runs);
  runs.resize(starts.size());
  for (std::size_t k = 0; k < runs.size(); ++k) {
    runs[k].begin = starts[k];
    runs[k].end = k + 1 < starts.size() ? starts[k + 1] : size;
  }
  ChunkSchedule schedule(runs, max_runs, min_bytes, read);
  const std::size_t first_runs = runs.size();
  // One job per thread at least: a thread without a chunk of its own shares another's at once.
  run_on_threads(std::max<std::size_t>(first_runs, parallel.threads), parallel.threads, [&](std::size_t job) {
    if (job < first_runs) run_chunk(plan, job, {}, {}, runs[job], &schedule, &parallel);
    while (parallel.share_work) {
      const std::optional<std::size_t> cut = schedule.cut_largest();
      if (!cut) break;
      run_chunk(plan, *cut, {}, {}, runs[*cut], &schedule, &parallel);
    }
  });
  // Cut runs were appended: back to input order.
  std::sort(runs.begin(), runs.end(), [](const ChunkRun& a, const ChunkRun& b) { return a.begin < b.begin; });

  // Message ids (and, when dropped, identical rows) already seen in an earlier chunk: such a
  // chunk is read again with the earlier chunks' sets as "seen before", which is exactly what
  // one pass knows when it reaches the chunk.
  // Each pair of chunks is compared in one slice of the hash space per thread, side by side (one
  // walk of two 5M-id sets took 0.2 s, docs/performance-round-6.md).
  struct Comparison {
    std::size_t k, j;
    unsigned slice;
  };
  const unsigned slices = std::max(1u, parallel.threads);
  std::vector<Comparison> comparisons;
  for (std::size_t k = 1; k < runs.size(); ++k) {
    for (std::size_t j = 0; j < k; ++j) {
      for (unsigned slice = 0; slice < slices; ++slice) comparisons.push_back({k, j, slice});
    }
  }
  std::vector<char> shared(comparisons.size(), 0);
  run_on_threads(comparisons.size(), parallel.threads, [&](std::size_t c) {
    const Comparison& m = comparisons[c];
    shared[c] = runs[m.k].ids.shares_member_in_slice(runs[m.j].ids, m.slice, slices) ||
                runs[m.k].rows.shares_member_in_slice(runs[m.j].rows, m.slice, slices);
  });
  std::vector<std::size_t> again;
  for (std::size_t c = 0; c < comparisons.size(); ++c) {
    if (shared[c] != 0 && (again.empty() || again.back() != comparisons[c].k)) again.push_back(comparisons[c].k);
  }
  if (!again.empty()) {
    std::vector<IdHashSet> first_ids(runs.size()), first_rows(runs.size());
    for (std::size_t k = 0; k < runs.size(); ++k) {
      first_ids[k] = std::move(runs[k].ids);
      first_rows[k] = std::move(runs[k].rows);
    }
    run_on_threads(again.size(), parallel.threads, [&](std::size_t i) {
      const std::size_t k = again[i];
      std::vector<const IdHashSet*> ids, rows;
      for (std::size_t j = 0; j < k; ++j) {
        ids.push_back(&first_ids[j]);
        rows.push_back(&first_rows[j]);
      }
      run_chunk(plan, k, std::move(ids), std::move(rows), runs[k]);
    });
  }
  ChunkedFile merged = merge_chunk_runs(runs, plan, parallel.threads);
  merged.outcome.reread_chunks = merged.ok ? again.size() : 0;
  merged.outcome.shared_chunks = merged.ok ? schedule.cuts() : 0;
  return merged;
}

std::string plan_from_head(std::string_view head, ChunkPlan& plan, std::size_t& newline) {
  // The head decides how chunks start: CSV chunks get the header line, JSON-lines chunks
  // nothing. The first chunk's own reading must agree (check_chunk).
  if (detect_compression(head, plan.name) != Compression::none) return "the file is compressed";
  if (head.rfind("\xFF\xFE", 0) == 0 || head.rfind("\xFE\xFF", 0) == 0) return "the text is UTF-16";
  const std::size_t content = head.find_first_not_of(" \t\r\n");
  newline = content == std::string::npos ? std::string::npos : head.find('\n', content);
  if (newline == std::string::npos) return "no line ends within the first 64 KiB";
  InputFormat format = plan.options.format;
  if (format == InputFormat::auto_detect) format = detect_format(head.substr(0, newline + 1));
  if (format == InputFormat::json_array) return "a JSON array or document is not split";
  plan.csv = format == InputFormat::csv || format == InputFormat::tsv;
  if (plan.csv) {
    plan.prefix = std::string(head.substr(0, newline + 1));
    bool after_cr = false;
    plan.prefix_line_ends = count_line_ends(plan.prefix, true, after_cr);
  }
  return "";
}

ChunkedFile merge_chunk_runs(std::vector<ChunkRun>& runs, const ChunkPlan& plan, unsigned threads) {
  ChunkedFile result;
  auto fallback = [&](std::string why) {
    result.outcome.fallback = std::move(why);
    return std::move(result);
  };
  const IngestOptions& ingest_options = plan.ingest_options;
  // Freeing a set is a free per partition (65k+ each): the chunks' sets are freed side by side.
  run_on_threads(runs.size(), threads, [&](std::size_t k) {
    runs[k].ids.clear();
    runs[k].rows.clear();
  });
  for (std::size_t k = 0; k < runs.size(); ++k) {
    std::string why = check_chunk(runs, k, plan);
    if (!why.empty()) return fallback(std::move(why));
  }
  std::vector<const EventAggregator::DayTrace*> traces;
  for (const ChunkRun& run : runs) traces.push_back(&run.trace);
  if (!replay_reopened_days(traces, result.reopened_days)) {
    return fallback("the input returns to earlier days too often to count them chunk by chunk");
  }

  // Merge in input order; the chunks' reports become one file's, at file positions.
  result.report = std::move(runs[0].report);
  result.identical_rows = runs[0].identical_rows;
  result.part = std::move(runs[0].part);
  result.part.aggregates.report = {};
  FileSummary& summary = result.report.files[0];
  uint64_t lines_before = runs[0].line_ends;
  const uint64_t prefix_bytes = plan.prefix.size();
  const bool chunk_prefix = plan.csv;
  MergeOptions merge_options;
  merge_options.max_issues = ingest_options.max_issues;
  merge_options.threads = threads;
  try {
    for (std::size_t k = 1; k < runs.size(); ++k) {
      ChunkRun& run = runs[k];
      IngestReport& r = run.report;
      const FileSummary& s = r.files[0];
      const uint64_t extra = chunk_prefix ? prefix_bytes : 0;
      summary.bytes += s.bytes - extra;
      summary.rows += s.rows;
      summary.accepted += s.accepted;
      summary.rejected += s.rejected;
      summary.duplicates += s.duplicates;
      summary.skipped += s.skipped;
      summary.protocol_messages += s.protocol_messages;
      for (IngestIssue& issue : r.issues) {
        issue.line = issue.line - plan.prefix_line_ends + lines_before;
        issue.byte_offset = issue.byte_offset - extra + run.begin;
      }
      r.files.clear();
      r.bytes -= extra;
      // A chunk's report holds no file entry now and none of the whole-input counts
      // (identical rows, reopened days, copies, users without an account): those are the
      // Ingestor's, set once for the file.
      merge_reports(result.report, r, merge_options);
      result.identical_rows += run.identical_rows;
      lines_before += run.line_ends;
      run.part.aggregates.report = {};
      merge_into(result.part, std::move(run.part), merge_options);
    }
  } catch (const MergeOverflow& e) {
    return fallback(e.what());
  }
  result.ok = true;
  result.outcome.chunks = runs.size();
  return result;
}

}  // namespace pqlscope
