// Session's side of the Worker-parallel ingest (docs/ingest.md, "Parallel ingest in the browser").
#include <stdexcept>

#include "pqlscope/session/input_ingest.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope {

void Session::add_worker_chunk(std::string bytes) {
  if (finished()) throw std::logic_error("IngestSession: addWorkerChunk() after finish()");
  worker_chunks_.push_back(std::move(bytes));
}

uint8_t* Session::add_worker_chunk_space(size_t bytes) {
  if (finished()) throw std::logic_error("IngestSession: addWorkerChunk() after finish()");
  worker_chunks_.emplace_back(bytes, '\0');
  return reinterpret_cast<uint8_t*>(worker_chunks_.back().data());
}

ParallelOutcome Session::ingest_worker_chunks(std::string name, FileOptions options, std::string_view head) {
  if (finished()) throw std::logic_error("IngestSession: ingestWorkerChunks() after finish()");
  std::vector<std::string> chunks = std::move(worker_chunks_);
  worker_chunks_.clear();
  return ingestor_->ingest_worker_chunks(std::move(name), std::move(options), head, std::move(chunks));
}

}  // namespace pqlscope
