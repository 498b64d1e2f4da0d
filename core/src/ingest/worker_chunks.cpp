#include "pqlscope/ingest/worker_chunks.hpp"

#include <algorithm>
#include <stdexcept>

#include "chunk_exchange.hpp"
#include "pqlscope/aggregate/aggregates_io.hpp"
#include "parallel_ingest.hpp"

namespace pqlscope {
namespace {

const RangeReader kNoReads;  // chunks are fed, never read by range

// Sorted lists share a member (IdHashSet::shares_member_with on the lists it was sent as).
bool share_member(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) return true;
    if (a[i] < b[j]) ++i;
    else ++j;
  }
  return false;
}

}  // namespace

WorkerChunkPlan plan_worker_chunks(std::string_view head, const std::string& name, const FileOptions& options) {
  WorkerChunkPlan out;
  if (options.kind != FileKind::events) {
    out.fallback = "not an events file";
    return out;
  }
  if (starts_with_day_counts_header(head)) {
    out.fallback = "a day-count file, read as day counts";
    return out;
  }
  const IngestOptions ingest_options;
  ChunkPlan plan{name, options, kNoReads, ingest_options, false, {}, 0};
  std::size_t newline = 0;
  out.fallback = plan_from_head(head, plan, newline);
  if (out.fallback.empty()) out.header_end = newline + 1;
  return out;
}

struct WorkerChunkReader::Impl {
  std::string name;
  FileOptions options;
  IngestOptions ingest_options;
  ChunkPlan plan{name, options, kNoReads, ingest_options, false, {}, 0};
  ChunkRun run;
  std::unique_ptr<ChunkReader> reader;
};

WorkerChunkReader::WorkerChunkReader(std::string name, FileOptions options, IngestOptions ingest_options,
                                     std::string_view head, std::size_t index, uint64_t begin, uint64_t end)
    : impl_(std::make_unique<Impl>()) {
  impl_->name = std::move(name);
  impl_->options = std::move(options);
  impl_->ingest_options = ingest_options;
  std::size_t newline = 0;
  const std::string why = plan_from_head(head, impl_->plan, newline);
  if (!why.empty()) throw std::invalid_argument(impl_->name + ": not split into chunks: " + why);
  impl_->run.begin = begin;
  impl_->run.end = end;
  impl_->reader = std::make_unique<ChunkReader>(impl_->plan, index, std::vector<const IdHashSet*>{},
                                                std::vector<const IdHashSet*>{}, impl_->run);
}

WorkerChunkReader::~WorkerChunkReader() = default;

void WorkerChunkReader::feed(std::string_view bytes) {
  if (!impl_->reader) throw std::logic_error("WorkerChunkReader: feed() after finish()");
  impl_->reader->feed(bytes);
}

std::string WorkerChunkReader::finish() {
  if (!impl_->reader) throw std::logic_error("WorkerChunkReader: finish() twice");
  impl_->reader->finish();
  impl_->reader.reset();
  std::string bytes = chunk_run_to_bytes(impl_->run);
  impl_->run = ChunkRun();
  return bytes;
}

ChunkedFile merge_worker_chunks(const std::string& name, const FileOptions& options, const IngestOptions& ingest_options,
                                std::string_view head, std::vector<std::string> chunks) {
  ChunkedFile failed;
  ChunkPlan plan{name, options, kNoReads, ingest_options, false, {}, 0};
  std::size_t newline = 0;
  failed.outcome.fallback = plan_from_head(head, plan, newline);
  if (!failed.outcome.fallback.empty()) return failed;
  if (chunks.size() < 2) {
    failed.outcome.fallback = "the file is smaller than two chunks";
    return failed;
  }
  std::vector<ChunkRun> runs(chunks.size());
  std::vector<std::vector<uint64_t>> ids(chunks.size()), rows(chunks.size());
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    ReceivedChunk received = chunk_run_from_bytes(chunks[k]);
    std::string().swap(chunks[k]);
    runs[k] = std::move(received.run);
    ids[k] = std::move(received.ids);
    rows[k] = std::move(received.rows);
    if (runs[k].begin != (k == 0 ? 0 : runs[k - 1].end)) throw std::invalid_argument(name + ": Worker chunks are not contiguous");
  }
  // An id seen in two parts: natively the later part is read again knowing the earlier ids;
  // a Worker's chunk is not at hand here, so the file is read in one pass instead.
  for (std::size_t k = 1; k < runs.size(); ++k) {
    for (std::size_t j = 0; j < k; ++j) {
      if (share_member(ids[k], ids[j]) || share_member(rows[k], rows[j])) {
        failed.outcome.fallback = "a message id (or an identical row) is in two chunks";
        return failed;
      }
    }
  }
  return merge_chunk_runs(runs, plan);
}

}  // namespace pqlscope
