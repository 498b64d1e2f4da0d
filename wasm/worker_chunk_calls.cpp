#include "worker_chunk_calls.hpp"

#include "pqlscope/session/json_forms.hpp"

namespace pqlscope::wasm {
namespace {

std::string dump(const nlohmann::ordered_json& document) {
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Offsets cross as doubles (exact to 2^53: files far beyond 4 GiB).
uint64_t offset_of(double value, const char* what) {
  if (!(value >= 0) || value > 9007199254740992.0 || value != static_cast<double>(static_cast<uint64_t>(value))) {
    throw std::invalid_argument(std::string(what) + " must be a whole number of bytes");
  }
  return static_cast<uint64_t>(value);
}

}  // namespace

Outcome plan_worker_chunks_json(const std::string& head, const std::string& name, const std::string& file_options_json) {
  return guarded([&] {
    const WorkerChunkPlan plan = plan_worker_chunks(head, name, file_options_from_json(file_options_json));
    return dump({{"fallback", plan.fallback}, {"header_end", plan.header_end}});
  });
}

ChunkReaderBox* make_chunk_reader_box() { return new ChunkReaderBox(); }

Outcome chunk_reader_start(ChunkReaderBox& box, const std::string& name, const std::string& file_options_json,
                           const std::string& ingest_options_json, const std::string& head, double index,
                           double begin, double end) {
  return guarded([&] {
    box.result.clear();
    box.reader = std::make_unique<WorkerChunkReader>(name, file_options_from_json(file_options_json),
                                                     ingest_options_from_json(ingest_options_json), head,
                                                     static_cast<std::size_t>(offset_of(index, "index")),
                                                     offset_of(begin, "begin"), offset_of(end, "end"));
    return std::string();
  });
}

Outcome chunk_reader_feed_buffered(ChunkReaderBox& box, size_t bytes) {
  return guarded([&] {
    if (!box.reader) throw std::logic_error("chunk reader: feed() before start()");
    if (bytes > box.input.size()) throw std::out_of_range("chunk reader: feed of more bytes than the input view holds");
    box.reader->feed(std::string_view(box.input.data(), bytes));
    return std::string();
  });
}

Outcome chunk_reader_finish(ChunkReaderBox& box) {
  return guarded([&] {
    if (!box.reader) throw std::logic_error("chunk reader: finish() before start()");
    box.result = box.reader->finish();
    box.reader.reset();
    return std::string();
  });
}

Outcome ingest_worker_chunks(Session& session, const std::string& name, const std::string& file_options_json,
                             const std::string& head) {
  return guarded([&] {
    const ParallelOutcome outcome = session.ingest_worker_chunks(name, file_options_from_json(file_options_json), head);
    return dump({{"chunks", outcome.chunks}, {"fallback", outcome.fallback}});
  });
}

}  // namespace pqlscope::wasm
