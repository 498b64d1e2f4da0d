// The Embind surface of pqlscope-core.wasm: registration only, and the only file that knows
// Emscripten. Every call is in session_calls.hpp (an Outcome over the core's Session, so no C++
// exception ever escapes); the logic is the core's (session/*.hpp). js/engine.js is the API
// people use.
//
// Lifetimes, stated once for every caller:
//  - an IngestSession owns WebAssembly memory until delete() (JS has no destructors);
//  - inputView() is a view of WebAssembly memory: any call that may allocate (feedBuffered,
//    endFile, finish, ...) may grow the memory and detach it (docs/wasm-build.md, pitfall 9). Take a
//    fresh view before every copy; never keep one across calls.
//  - chartData() returns fresh JS-owned copies (typed arrays that own their buffers), made
//    before anything can allocate again: they outlive memory growth, re-scoring and delete().
#include <malloc.h>

#include <vector>

#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include "session_calls.hpp"
#include "tool_export_calls.hpp"
#include "worker_chunk_calls.hpp"

namespace pqlscope::wasm {
namespace {

using emscripten::val;

val input_view(Session& session, size_t bytes) {
  return val(emscripten::typed_memory_view(bytes, session.input_buffer(bytes)));
}

// A JS-owned copy of `values` (slice() copies out of the WebAssembly memory at once).
template <typename T>
val copy_out(const std::vector<T>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

// The Session's chart columns (computed once per scoring) as typed-array copies; before a
// scoring, {error: the failed Outcome's text}.
val chart_data(Session& session) {
  const ChartColumns* columns = nullptr;
  const Outcome outcome = guarded([&] { columns = &session.chart_columns(); return std::string(); });
  val out = val::object();
  if (!outcome.ok) {
    out.set("error", outcome.text);
    return out;
  }
  out.set("activation", copy_out(columns->activation));
  out.set("engagement", copy_out(columns->engagement));
  out.set("dealValue", copy_out(columns->deal_value));
  out.set("persona", copy_out(columns->persona));
  out.set("pql", copy_out(columns->pql));
  out.set("stage", copy_out(columns->stage));
  out.set("expectedRevenue", copy_out(columns->expected_revenue));
  out.set("personaCell", copy_out(columns->persona_cell));
  out.set("segmentGroup", copy_out(columns->segment_group));
  out.set("priority", copy_out(columns->priority));
  return out;
}

// Every account's score history (Session::history, no moves) as typed-array copies: days
// (Int32Array of day numbers), activation and engagement (Float64Array, point-major: point k,
// account a at [k * accounts + a]); {error} before a scoring or for a bad interval.
val score_history(Session& session, int interval_days) {
  const ReportHistory* history = nullptr;
  const Outcome outcome = guarded([&] { history = &session.history(interval_days, false); return std::string(); });
  val out = val::object();
  if (!outcome.ok) {
    out.set("error", outcome.text);
    return out;
  }
  out.set("intervalDays", history->series.interval_days);
  out.set("days", copy_out(history->series.days));
  out.set("activation", copy_out(history->series.accounts.activation));
  out.set("engagement", copy_out(history->series.accounts.engagement));
  return out;
}

struct HeapStats {
  double heap_bytes;       // the WebAssembly memory's size (it only grows)
  double allocated_bytes;  // bytes in use by malloc: returns to its level when objects are freed
};

// An Outcome's text as UTF-8 bytes in a JS-owned Uint8Array (one copy out of the WebAssembly
// memory; no UTF-8 -> UTF-16 decoding into a JS string): {error} when it failed. For the report,
// which a Worker transfers as bytes anyway (docs/performance.md, "The report").
val bytes_or_error(const Outcome& outcome) {
  if (!outcome.ok) {
    val out = val::object();
    out.set("error", outcome.text);
    return out;
  }
  return val(emscripten::typed_memory_view(outcome.text.size(), reinterpret_cast<const uint8_t*>(outcome.text.data()))).call<val>("slice");
}

val score_bytes(Session& session, const std::string& model_json, const std::string& options_json) {
  return bytes_or_error(score(session, model_json, options_json));
}

val report_bytes(Session& session, const std::string& options_json) {
  return bytes_or_error(report_text(session, options_json));
}

// The next report piece as bytes (empty at the end): written to a file or a Blob as they are,
// without the UTF-8 -> UTF-16 -> UTF-8 round trip a string piece costs (1M events: the report
// took 1.1 s in Node with string pieces, docs/performance-round-4.md).
val report_next_bytes(Session& session, size_t batch) { return bytes_or_error(report_next(session, batch)); }

// Bytes cross into the module through views of its memory that JS fills with set(), a memcpy:
// as a std::string argument, Embind copied a Uint8Array one byte at a time in JS, 0.6 s of the
// merge's 1.1 s for the two 83 MB results of 10M events, and ~2 s of the chunks' reading
// (docs/performance-round-10.md).

// Room for the next Worker chunk's result of `bytes` bytes, as a view to copy it into;
// {error} after finish().
val worker_chunk_view(Session& session, size_t bytes) {
  uint8_t* space = nullptr;
  const Outcome outcome = guarded([&] {
    space = session.add_worker_chunk_space(bytes);
    return std::string();
  });
  if (!outcome.ok) {
    val out = val::object();
    out.set("error", outcome.text);
    return out;
  }
  return val(emscripten::typed_memory_view(bytes, space));
}

// The chunk reader's input: at least `bytes` bytes, fed by feedBuffered(bytes).
val chunk_reader_input_view(ChunkReaderBox& box, size_t bytes) {
  if (box.input.size() < bytes) {
    box.input = {};  // release first: the old and new buffers never coexist
    box.input.resize(bytes);
  }
  return val(emscripten::typed_memory_view(bytes, reinterpret_cast<uint8_t*>(box.input.data())));
}

// The chunk's bytes as a JS-owned Uint8Array, then freed here.
val chunk_reader_result(ChunkReaderBox& box) {
  val bytes = val(emscripten::typed_memory_view(box.result.size(), reinterpret_cast<const uint8_t*>(box.result.data()))).call<val>("slice");
  std::string().swap(box.result);
  return bytes;
}

HeapStats heap_stats() {
  const struct mallinfo info = mallinfo();
  return {static_cast<double>(emscripten_get_heap_size()), static_cast<double>(info.uordblks)};
}

}  // namespace
}  // namespace pqlscope::wasm

EMSCRIPTEN_BINDINGS(pqlscope) {
  using namespace emscripten;
  using namespace pqlscope::wasm;
  using pqlscope::IngestProgress;
  using pqlscope::Session;

  value_object<Outcome>("Outcome").field("ok", &Outcome::ok).field("text", &Outcome::text);
  value_object<IngestProgress>("Progress")
      .field("bytes", &IngestProgress::bytes)
      .field("rows", &IngestProgress::rows)
      .field("events", &IngestProgress::events)
      .field("rejected", &IngestProgress::rejected)
      .field("duplicates", &IngestProgress::duplicates);
  value_object<HeapStats>("HeapStats")
      .field("heapBytes", &HeapStats::heap_bytes)
      .field("allocatedBytes", &HeapStats::allocated_bytes);

  class_<Session>("IngestSession")
      .constructor(&make_session, allow_raw_pointers())
      .function("beginFile", &begin_file)
      .function("reserveInput", &reserve_input)
      .function("inputView", &input_view)
      .function("feedBuffered", &feed_buffered)
      .function("endFile", &end_file)
      .function("progress", &Session::progress)
      .function("finish", &finish)
      .function("aggregatesJson", &aggregates_json)
      .function("score", &score)
      .function("reportText", &report_text)
      .function("reportBegin", &report_begin)
      .function("reportNext", &report_next)
      .function("reportNextBytes", &report_next_bytes)
      .function("overviewJson", &overview_json)
      .function("segmentMembersJson", &segment_members_json)
      .function("accountsJson", &accounts_json)
      .function("accountDetailJson", &account_detail_json)
      .function("accountNamesJson", &account_names_json)
      .function("accountsCsv", &accounts_csv_text)
      .function("alertsCsv", &alerts_csv_text)
      .function("starterModel", &starter_model_text)
      .function("calibrate", &calibrate)
      .function("accountIdsJson", &account_ids_json)
      .function("companiesJson", &companies_json)
      .function("companyJson", &company_json)
      .function("managementJson", &management_json)
      .function("chartData", &chart_data)
      .function("toolExport", &tool_export)
      .function("setUserIdSalt", &set_user_id_salt)
      .function("scoreHistory", &score_history)
      .function("accountHistoryJson", &account_history_json)
      .function("scoreBytes", &score_bytes)
      .function("reportBytes", &report_bytes)
      .function("workerChunkView", &worker_chunk_view)
      .function("ingestWorkerChunks", &ingest_worker_chunks);
  class_<ChunkReaderBox>("ChunkReader")
      .constructor(&make_chunk_reader_box, allow_raw_pointers())
      .function("start", &chunk_reader_start)
      .function("inputView", &chunk_reader_input_view)
      .function("feedBuffered", &chunk_reader_feed_buffered)
      .function("finish", &chunk_reader_finish)
      .function("result", &chunk_reader_result);
  function("planWorkerChunks", &plan_worker_chunks_json);

  function("checkIngestOptions", &check_ingest_options);
  function("validateModel", &validate_model);
  function("inspectFile", &inspect_file);
  function("vocabulary", &vocabulary);
  function("heapStats", &heap_stats);
}
