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
  return out;
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
      .function("chartData", &chart_data);

  function("checkIngestOptions", &check_ingest_options);
  function("validateModel", &validate_model);
  function("inspectFile", &inspect_file);
  function("vocabulary", &vocabulary);
  function("heapStats", &heap_stats);
}
