// The Embind surface of pqlscope-core.wasm: the only file that knows Emscripten. Thin: each
// function converts arguments, calls the core (through IngestSession), and returns an Outcome
// so no C++ exception ever escapes (boundary.hpp). js/engine.js is the API people use.
//
// Lifetimes, stated once for every caller:
//  - an IngestSession owns WebAssembly memory until delete() (JS has no destructors);
//  - inputView() is a view of WebAssembly memory: any call that may allocate (feedBuffered,
//    endFile, finish, ...) may grow the memory and detach it (docs/wasm-build.md, pitfall 9). Take a
//    fresh view before every copy; never keep one across calls.
//  - chartData() returns fresh JS-owned copies (typed arrays that own their buffers), made
//    before anything can allocate again: they outlive memory growth, re-scoring and delete().
#include <malloc.h>

#include <optional>
#include <string>
#include <vector>

#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include "boundary.hpp"
#include "ingest_session.hpp"
#include "json_forms.hpp"
#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/aggregate/event_stats.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/model/starter.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_parts.hpp"
#include "pqlscope/report/report_writer.hpp"

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

// The model the CLI would use: the text given, or with an empty text the starter model
// suggested from the data (score without --model). Invalid: nullopt and `rejected` is set.
std::optional<Model> model_for_score(const IngestSession& session, const std::string& model_json,
                                     std::optional<ModelValidation>& rejected) {
  if (model_json.empty()) {
    const Aggregates& aggregates = session.aggregates();
    return starter_model(event_name_stats(aggregates), StarterOptions{aggregates.accounts.size()});
  }
  ModelParseResult parsed = try_parse_model(model_json);
  if (!parsed.validation.ok()) {
    rejected = std::move(parsed.validation);
    return std::nullopt;
  }
  return std::move(parsed.model);
}

// Scores and keeps the result; returns the report text, byte-identical to `pqlscope score --out`
// for the same inputs, model and options (report_to_string ends with the same newline), or with
// {"report": false} the summary only. The as-of option overrides the model's, like --as-of.
// An invalid model fails as ModelError carrying the validation (the kept scoring stays).
Outcome score(IngestSession& session, const std::string& model_json, const std::string& options_json) {
  std::optional<ModelValidation> rejected;
  Outcome outcome = guarded([&] {
    const ScoreOptions options = score_options_from_json(options_json);
    std::optional<Model> model = model_for_score(session, model_json, rejected);
    if (!model) return std::string();
    if (options.as_of_day) model->as_of_day = options.as_of_day;
    const ScoreResult& result = session.score(std::move(*model));
    if (!options.build_report) return dump(score_summary_to_json(session.aggregates(), result));
    return report_text(session.aggregates(), session.model(), session.full_result(), options.report);
  });
  if (!rejected) return outcome;
  std::string message = "the model is not valid:\n" + rejected->to_string();
  while (!message.empty() && message.back() == '\n') message.pop_back();
  const nlohmann::ordered_json validation = validation_to_json(*rejected);
  return failure("ModelError", message, &validation, "validation");
}

// The report of the last score(), with other report options (no re-scoring).
Outcome report_text(IngestSession& session, const std::string& options_json) {
  return guarded([&] {
    const ScoreOptions options = score_options_from_json(options_json);
    return report_text(session.aggregates(), session.model(), session.full_result(), options.report);
  });
}

// The same text in pieces: reportBegin(options), then reportNext() until it returns "".
Outcome report_begin(IngestSession& session, const std::string& options_json) {
  return guarded([&] {
    session.begin_report(score_options_from_json(options_json).report);
    return std::string();
  });
}

Outcome report_next(IngestSession& session, size_t batch) {
  return guarded([&] {
    std::string piece;
    session.next_report_piece(piece, batch);
    return piece;
  });
}

// The report of the last score() without its two per-entity lists ("accounts", "users"):
// what a page needs to draw headline numbers, personas, segments and alerts.
Outcome overview_json(IngestSession& session) {
  return guarded([&] {
    const ScoreResult& result = session.full_result();
    nlohmann::ordered_json overview = report_head_json(session.aggregates(), session.model(), result);
    nlohmann::ordered_json sections = report_sections_json(session.aggregates(), session.model(), result);
    for (auto it = sections.begin(); it != sections.end(); ++it) overview[it.key()] = std::move(it.value());
    return dump(overview);
  });
}

// Elements of the report's "accounts" for the account indices given (a JSON array of numbers),
// in that order. With users: {"accounts": [...], "users": [the users of those accounts]}.
Outcome accounts_json(const IngestSession& session, const std::string& indices_json, bool with_users) {
  return guarded([&] {
    const Aggregates& a = session.aggregates();
    const json indices = json::parse(indices_json);
    if (!indices.is_array()) throw std::invalid_argument("account indices must be a JSON array");
    const auto memberships = session.result().segments.memberships();
    ReportOptions options;
    nlohmann::ordered_json accounts = nlohmann::ordered_json::array();
    std::vector<bool> wanted(with_users ? a.accounts.size() : 0, false);
    for (const json& index : indices) {
      if (!index.is_number_unsigned() || index.get<uint64_t>() >= a.accounts.size()) {
        throw std::out_of_range("account index out of range: " + index.dump());
      }
      const size_t e = index.get<size_t>();
      accounts.push_back(account_report_json(a, session.model(), session.result(), e, memberships[e], options));
      if (with_users) wanted[e] = true;
    }
    if (!with_users) return dump(accounts);
    nlohmann::ordered_json users = nlohmann::ordered_json::array();
    for (size_t u = 0; u < a.users.size(); ++u) {
      if (a.users[u].account != kNoAccount && wanted[a.users[u].account]) {
        users.push_back(user_report_json(a, session.model(), session.result(), u, options));
      }
    }
    nlohmann::ordered_json out;
    out["accounts"] = std::move(accounts);
    out["users"] = std::move(users);
    return dump(out);
  });
}

// Per account: the name from the accounts file ("" when none), indexed like accountIdsJson.
Outcome account_names_json(const IngestSession& session) {
  return guarded([&] {
    json names = json::array();
    for (const AccountRecord& r : session.aggregates().accounts) names.push_back(r.info.name);
    return names.dump(-1, ' ', false, json::error_handler_t::replace);
  });
}

Outcome accounts_csv_text(IngestSession& session) {
  return guarded([&] { return accounts_csv(session.aggregates(), session.model(), session.full_result()); });
}

Outcome alerts_csv_text(IngestSession& session) {
  return guarded([&] { return alerts_csv(session.aggregates(), session.full_result()); });
}

// What `pqlscope init` writes for the same inputs.
Outcome starter_model_text(const IngestSession& session) {
  return guarded([&] {
    const Aggregates& aggregates = session.aggregates();
    return format_model(starter_model(event_name_stats(aggregates), StarterOptions{aggregates.accounts.size()}));
  });
}

Outcome account_ids_json(const IngestSession& session) {
  return guarded([&] {
    json ids = json::array();
    for (const AccountRecord& r : session.aggregates().accounts) ids.push_back(r.id);
    return ids.dump(-1, ' ', false, json::error_handler_t::replace);
  });
}

// A JS-owned copy of `values` (slice() copies out of the WebAssembly memory at once).
template <typename T>
val copy_out(const std::vector<T>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

// Per account, indexed like the account ids: the chart columns of the last score(). Fails
// (an Error Outcome in `error`) before score(). Copies, so nothing here dies with the memory.
val chart_data(const IngestSession& session) {
  std::vector<double> activation, engagement, deal_value, expected_revenue;
  std::vector<uint8_t> persona, pql, stage, persona_cell, segment_group;
  const Outcome outcome = guarded([&] {
    const ScoreResult& result = session.result();
    const LevelMetrics& m = result.metrics.accounts;
    const SegmentReport& seg = result.segments;
    const size_t n = session.aggregates().accounts.size();
    activation.resize(n);
    engagement.resize(n);
    deal_value.resize(n);
    expected_revenue.assign(n, 0.0);
    persona.assign(n, 255);
    persona_cell.assign(n, 255);
    pql.assign(n, 0);
    stage.resize(n);
    for (size_t e = 0; e < n; ++e) {
      activation[e] = m.activation_rate[e];
      engagement[e] = m.latest_score(e);
      deal_value[e] = seg.accounts[e].deal_value.value;
      stage[e] = static_cast<uint8_t>(seg.accounts[e].stage);
      if (const PersonaAssignment* p = seg.personas.find(static_cast<uint32_t>(e))) {
        persona[e] = static_cast<uint8_t>(p->persona);
        expected_revenue[e] = p->expected_revenue;
        // The persona grid's cell: activation level x 6 + engagement level x 2 + communication.
        persona_cell[e] = static_cast<uint8_t>(static_cast<int>(p->levels.activation) * 6 +
                                               static_cast<int>(p->levels.engagement) * 2 +
                                               static_cast<int>(p->levels.communication));
      }
    }
    if (const Segment* pqls = seg.find("pql")) {
      for (const auto& member : pqls->members) pql[member.account] = 1;
    }
    // The group of the first segment (in report order) an account is in: colour by group.
    segment_group.assign(n, 255);
    for (const Segment& s : seg.segments) {
      for (const auto& member : s.members) {
        if (segment_group[member.account] == 255) segment_group[member.account] = static_cast<uint8_t>(s.group);
      }
    }
    return std::string();
  });
  val out = val::object();
  if (!outcome.ok) {
    out.set("error", outcome.text);
    return out;
  }
  out.set("activation", copy_out(activation));
  out.set("engagement", copy_out(engagement));
  out.set("dealValue", copy_out(deal_value));
  out.set("persona", copy_out(persona));
  out.set("pql", copy_out(pql));
  out.set("stage", copy_out(stage));
  out.set("expectedRevenue", copy_out(expected_revenue));
  out.set("personaCell", copy_out(persona_cell));
  out.set("segmentGroup", copy_out(segment_group));
  return out;
}

// Names of the enum values the chart columns hold: {"personas", "stages", "levels",
// "communication", "groups"}. segmentGroup indexes groups (255: in no segment); personaCell is
// activation level x 6 + engagement level x 2 + communication level (255: not a trial).
std::string chart_labels() {
  json personas = json::array(), stages = json::array();
  for (size_t i = 0; i < kPersonaCount; ++i) personas.push_back(to_string(static_cast<Persona>(i)));
  for (int i = 0; i <= static_cast<int>(Stage::churned); ++i) stages.push_back(to_string(static_cast<Stage>(i)));
  json levels = json::array(), communication = json::array();
  for (int i = 0; i <= static_cast<int>(Level::high); ++i) levels.push_back(to_string(static_cast<Level>(i)));
  for (int i = 0; i <= static_cast<int>(CommunicationLevel::active); ++i) {
    communication.push_back(to_string(static_cast<CommunicationLevel>(i)));
  }
  json groups = json::array();
  for (int i = 0; i <= static_cast<int>(SegmentGroup::customer_success); ++i) groups.push_back(to_string(static_cast<SegmentGroup>(i)));
  return json{{"personas", personas}, {"stages", stages}, {"levels", levels}, {"communication", communication},
              {"groups", groups}}.dump();
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
      .function("aggregatesJson", &aggregates_json)
      .function("score", &score)
      .function("reportText", &report_text)
      .function("reportBegin", &report_begin)
      .function("reportNext", &report_next)
      .function("overviewJson", &overview_json)
      .function("accountsJson", &accounts_json)
      .function("accountNamesJson", &account_names_json)
      .function("accountsCsv", &accounts_csv_text)
      .function("alertsCsv", &alerts_csv_text)
      .function("starterModel", &starter_model_text)
      .function("accountIdsJson", &account_ids_json)
      .function("chartData", &chart_data);

  function("checkIngestOptions", &check_ingest_options);
  function("validateModel", &validate_model);
  function("chartLabels", &chart_labels);
  function("heapStats", &heap_stats);
}
