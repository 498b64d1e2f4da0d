// The WebAssembly calls of the Worker-parallel ingest (core: ingest/worker_chunks.hpp; JS:
// js/parallel-ingest.js), each an Outcome as in session_calls.hpp. bindings.cpp registers them.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "boundary.hpp"
#include "pqlscope/ingest/worker_chunks.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope::wasm {

// {"fallback": why the file is read in one pass or "", "header_end": n}. `head`: bytes.
Outcome plan_worker_chunks_json(const std::string& head, const std::string& name, const std::string& file_options_json);

// One chunk's reading in a helper Worker: start, feed pieces, finish; result() then holds the
// bytes the primary Worker's session takes (workerChunkView in bindings.cpp).
struct ChunkReaderBox {
  std::unique_ptr<WorkerChunkReader> reader;
  std::string input;  // the piece being fed, written by JS through inputView() (bindings.cpp)
  std::string result;
};
ChunkReaderBox* make_chunk_reader_box();
Outcome chunk_reader_start(ChunkReaderBox& box, const std::string& name, const std::string& file_options_json,
                           const std::string& ingest_options_json, const std::string& head, double index,
                           double begin, double end);
// Feeds the first `bytes` bytes of box.input.
Outcome chunk_reader_feed_buffered(ChunkReaderBox& box, size_t bytes);
Outcome chunk_reader_finish(ChunkReaderBox& box);

// {"chunks": n, "fallback": ""} or the fallback's reason (then nothing was read).
Outcome ingest_worker_chunks(Session& session, const std::string& name, const std::string& file_options_json,
                             const std::string& head);

}  // namespace pqlscope::wasm
