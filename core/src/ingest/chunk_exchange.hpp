// A chunk's reading as bytes (ChunkRun, parallel_ingest.hpp), so that the chunks of one file can
// be read in separate WebAssembly instances (the npm package's Workers) and merged in one, by
// the same checks and the same merge as the native threads (docs/ingest.md, "Parallel ingest
// in the browser"). The format is private to one build of pqlscope: both sides are the same
// .wasm, so it carries a version word and no compatibility promise. Private to ingest.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parallel_ingest.hpp"

namespace pqlscope {

// The run after ChunkReader::finish(), its id and row sets as IdHashSet::mixed_members().
std::string chunk_run_to_bytes(const ChunkRun& run);

struct ReceivedChunk {
  ChunkRun run;                 // its ids / rows sets left empty
  std::vector<uint64_t> ids;    // mixed, ascending
  std::vector<uint64_t> rows;
};
// Throws std::invalid_argument on bytes that are not a chunk of this build's format.
ReceivedChunk chunk_run_from_bytes(std::string_view bytes);

// The chunks' bytes (WorkerChunkReader::finish, in input order) checked and merged as
// read_in_chunks does; not ok (outcome.fallback says why) when one pass must read the file.
ChunkedFile merge_worker_chunks(const std::string& name, const FileOptions& options, const IngestOptions& ingest_options,
                                std::string_view head, std::vector<std::string> chunks);

}  // namespace pqlscope
