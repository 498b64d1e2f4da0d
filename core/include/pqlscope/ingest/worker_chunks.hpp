// Parallel ingest across separate instances of the engine (the npm package's Web Workers, which
// share no memory): each reads one chunk of a file into bytes, one Ingestor checks and merges
// them exactly as Ingestor::ingest_file_parallel merges its threads' chunks (docs/ingest.md,
// "Parallel ingest in the browser"). The caller splits the file at the first line end at or
// after each even split point past the header line, as the native split does.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pqlscope/ingest/ingestor.hpp"

namespace pqlscope {

// What a file's first bytes (up to 64 KiB) say about splitting it.
struct WorkerChunkPlan {
  std::string fallback;    // why the file must be read in one pass ("" when it can be split)
  uint64_t header_end = 0;  // the first split point may not come before this offset
};
WorkerChunkPlan plan_worker_chunks(std::string_view head, const std::string& name, const FileOptions& options);

// Reads chunk `index` (bytes begin .. end of the file, fed in pieces of any size) of a file
// whose first bytes are `head`; finish() returns what Ingestor::ingest_worker_chunks takes.
class WorkerChunkReader {
 public:
  WorkerChunkReader(std::string name, FileOptions options, IngestOptions ingest_options, std::string_view head,
                    std::size_t index, uint64_t begin, uint64_t end);
  ~WorkerChunkReader();
  WorkerChunkReader(const WorkerChunkReader&) = delete;
  WorkerChunkReader& operator=(const WorkerChunkReader&) = delete;
  void feed(std::string_view bytes);
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pqlscope
