// The Embind surface of pqlscope-core.wasm: the only file that knows Emscripten. Thin: each
// function converts arguments, calls the core (through IngestSession), and returns an Outcome
// so no C++ exception ever escapes (boundary.hpp). js/engine.js is the API people use.
//
// Lifetimes, stated once for every caller:
//  - an IngestSession owns WebAssembly memory until delete() (JS has no destructors);
//  - inputView() is a view of WebAssembly memory: any call that may allocate (feedBuffered,
//    endFile, finish, ...) may grow the memory and detach it (EMSCRIPTEN.md pitfall 9). Take a
//    fresh view before every copy; never keep one across calls.
#include <malloc.h>

#include <string>

#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include "boundary.hpp"
#include "ingest_session.hpp"
#include "json_forms.hpp"
#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/model/model_json.hpp"

namespace pqlscope::wasm {
namespace {

using emscripten::val;
using nlohmann::json;

std::string dump(const nlohmann::ordered_json& document) {
  return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

Outcome check_ingest_options(const std::string& options_json) {
  return guarded([&] { ingest_options_from_json(options_json); return std::string(); });
}

// Constructed only after check_ingest_options() accepted the same text (js/engine.js), so
// this cannot throw on the options.
IngestSession* make_session(const std::string& options_json) {
  return new IngestSession(ingest_options_from_json(options_json));
}

Outcome begin_file(IngestSession& session, const std::string& name, const std::string& options_json) {
  return guarded([&] { session.begin_file(name, file_options_from_json(options_json)); return std::string(); });
}

Outcome reserve_input(IngestSession& session, size_t capacity) {
  return guarded([&] { session.input_buffer(capacity); return std::string(); });
}

val input_view(IngestSession& session, size_t bytes) {
  return val(emscripten::typed_memory_view(bytes, session.input_buffer(bytes)));
}

Outcome feed_buffered(IngestSession& session, size_t bytes) {
  return guarded([&] { session.feed_buffered(bytes); return std::string(); });
}

Outcome end_file(IngestSession& session) {
  return guarded([&] { session.end_file(); return std::string(); });
}

Outcome finish(IngestSession& session) {
  return guarded([&] { return dump(report_to_json(session.finish())); });
}

// Byte-identical to `pqlscope ingest --out` (the CLI writes this text plus a newline).
Outcome aggregates_json(const IngestSession& session) {
  return guarded([&] { return aggregates_to_json(session.aggregates()).dump(); });
}

Outcome validate_model(const std::string& model_json, bool unknown_keys_are_errors) {
  return guarded([&] {
    ModelParseOptions options;
    options.unknown_keys_are_errors = unknown_keys_are_errors;
    return dump(validation_to_json(try_parse_model(model_json, options).validation));
  });
}

struct HeapStats {
  double heap_bytes;       // the WebAssembly memory's size (it only grows)
  double allocated_bytes;  // bytes in use by malloc: returns to its level when objects are freed
};

HeapStats heap_stats() {
  const struct mallinfo info = mallinfo();
  return {static_cast<double>(emscripten_get_heap_size()), static_cast<double>(info.uordblks)};
}

}  // namespace
}  // namespace pqlscope::wasm

EMSCRIPTEN_BINDINGS(pqlscope) {
  using namespace emscripten;
  using namespace pqlscope::wasm;

  value_object<Outcome>("Outcome").field("ok", &Outcome::ok).field("text", &Outcome::text);
  value_object<Progress>("Progress")
      .field("bytes", &Progress::bytes)
      .field("rows", &Progress::rows)
      .field("events", &Progress::events)
      .field("rejected", &Progress::rejected)
      .field("duplicates", &Progress::duplicates);
  value_object<HeapStats>("HeapStats")
      .field("heapBytes", &HeapStats::heap_bytes)
      .field("allocatedBytes", &HeapStats::allocated_bytes);

  class_<IngestSession>("IngestSession")
      .constructor(&make_session, allow_raw_pointers())
      .function("beginFile", &begin_file)
      .function("reserveInput", &reserve_input)
      .function("inputView", &input_view)
      .function("feedBuffered", &feed_buffered)
      .function("endFile", &end_file)
      .function("progress", &IngestSession::progress)
      .function("finish", &finish)
      .function("aggregatesJson", &aggregates_json);

  function("checkIngestOptions", &check_ingest_options);
  function("validateModel", &validate_model);
  function("heapStats", &heap_stats);
}
