// The ingest stage's public API: stream the bytes of any number of files in chunks of any
// size, then finish() into Aggregates. Results are identical for every chunking.
//
//   Ingestor ingest;
//   ingest.begin_file("events.csv");             // kind events, format detected
//   while (...) ingest.feed(chunk);
//   ingest.end_file();
//   ingest.begin_file("accounts.csv", {.kind = FileKind::accounts});
//   ...
//   Aggregates aggregates = ingest.finish();
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/field_mapping.hpp"
#include "pqlscope/io/ingest_report.hpp"

namespace pqlscope {

struct FileOptions {
  FileKind kind = FileKind::events;
  InputFormat format = InputFormat::auto_detect;
  FieldMapping mapping;
  // The file's length in bytes when the caller knows it (a file on disk, a browser File):
  // lets a second copy of a large file be recognised exactly (docs/ingest.md, "Duplicates").
  int64_t size = -1;
};

struct IngestOptions {
  bool strict = false;        // throw IngestError at the first rejected row
  size_t max_issues = 100;    // problems kept with their position (all are counted)
  size_t max_record_bytes = size_t{64} << 20;
  uint32_t max_json_depth = 64;
  // Drop a row without a message id whose text equals an earlier row's. Off by default: two
  // real clicks in the same second make identical rows.
  bool drop_identical_rows = false;
  // A file that starts like an earlier one is held back (not read) up to this many bytes
  // while it may still prove to be a copy (docs/ingest.md, "The same file twice").
  size_t max_held_bytes = size_t{16} << 20;
  // Parse every JSON record into an nlohmann DOM, as before the structural scan
  // (io/json_scan.hpp). The reference the scan is tested against; slower, same results.
  bool json_dom_reader = false;
};

// Parallel ingest of one file (docs/ingest.md, "Parallel ingest").
struct ParallelOptions {
  unsigned threads = 1;   // threads that read chunks (the calling thread waits)
  unsigned chunks = 0;    // parts the file is split into; 0: as many as threads
  // No part is smaller: a part must hold more than the mapping's sample (column_sampling.hpp)
  // to be worth a thread. Tests lower it to split small files.
  uint64_t min_chunk_bytes = uint64_t{8} << 20;
  // A thread whose chunk is done takes the second half of the unread part of the chunk with the
  // most left, when that half is min_chunk_bytes or more (ingest/chunk_sharing.hpp).
  bool share_work = true;
  // Tests: bytes read per call (0: 4 MiB), and a call before each block of chunk k is read
  // (which can slow a chunk down so that another thread takes part of it).
  std::size_t block_bytes = 0;
  std::function<void(std::size_t chunk)> before_block;
};

// How a file was read by ingest_file_parallel.
struct ParallelOutcome {
  std::size_t chunks = 1;       // parts merged; 1 with a fallback
  std::size_t reread_chunks = 0;  // parts read again for ids also seen in an earlier part
  std::size_t shared_chunks = 0;  // parts cut off a chunk for an idle thread (included in chunks)
  std::string fallback;         // why the file was read in one pass instead ("" when it was not)
};

// Reads up to n bytes at `offset` of the file into `out` and returns how many it read (0 at
// the end): a pread(2), or a Blob.slice in the browser. Called from several threads at once.
using RangeReader = std::function<std::size_t(uint64_t offset, char* out, std::size_t n)>;

class Ingestor {
 public:
  explicit Ingestor(IngestOptions options = {});
  ~Ingestor();
  Ingestor(const Ingestor&) = delete;
  Ingestor& operator=(const Ingestor&) = delete;

  void begin_file(std::string name, FileOptions options = {});
  void feed(std::string_view bytes);  // begins an events file named "input" if none is open
  void end_file();
  Aggregates finish();  // ends the open file, if any; the Ingestor is spent afterwards

  // Reads a whole uncompressed events file of `size` bytes split at record boundaries into
  // chunks, on several threads, with results identical to begin_file + feed + end_file (which
  // it falls back to whenever a chunked read could differ, saying why). It must be the first
  // file of the run; accounts and communications files may follow, events files may not.
  ParallelOutcome ingest_file_parallel(std::string name, FileOptions options, uint64_t size,
                                       const RangeReader& read, const ParallelOptions& parallel);

  // The same with the chunks read elsewhere (ingest/worker_chunks.hpp: the npm package's
  // Workers): `head` is the file's first 64 KiB, `chunks` the WorkerChunkReader results in input
  // order. Reads nothing itself: when the outcome has a fallback, nothing was ingested and the
  // caller reads the file in one pass (begin_file + feed + end_file).
  ParallelOutcome ingest_worker_chunks(std::string name, FileOptions options, std::string_view head,
                                       std::vector<std::string> chunks);

  // Live counts for progress displays (bytes, rows, events, rejected so far).
  const IngestReport& report() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience for tools and tests: one whole in-memory file.
Aggregates ingest_buffer(std::string_view name, std::string_view bytes, FileOptions options = {},
                         IngestOptions ingest_options = {});

}  // namespace pqlscope
