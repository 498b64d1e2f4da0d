// One streaming ingest, as JavaScript drives it: files begin, chunks arrive through a buffer
// owned by the WebAssembly side (JS copies into it, no allocation per chunk), files end, and
// finish() keeps the Aggregates here for the stages that read them (aggregates JSON, scoring).
// score() keeps the Model and its ScoreResult too, so the CSV exports and chart columns read
// the last scoring, and re-scoring with another model reuses the aggregates (no file is read
// again). Free of Emscripten types: bindings.cpp is the only file that knows Embind.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_writer.hpp"

namespace pqlscope::wasm {

struct Progress {
  double bytes = 0;  // doubles: exact to 2^53, and plain numbers in JS (no BigInt)
  double rows = 0;
  double events = 0;
  double rejected = 0;
  double duplicates = 0;
};

class IngestSession {
 public:
  explicit IngestSession(IngestOptions options);

  void begin_file(std::string name, FileOptions options);
  // The input buffer: at least `capacity` bytes, reallocated only when it must grow.
  uint8_t* input_buffer(size_t capacity);
  void feed_buffered(size_t bytes);  // feeds the first `bytes` of the input buffer
  void end_file();
  Progress progress() const;

  const IngestReport& finish();  // then the aggregates are available
  bool finished() const { return aggregates_.has_value(); }
  const Aggregates& aggregates() const;  // throws std::logic_error before finish()

  // Scores the aggregates with `model` and keeps both (the result points into the model: the
  // persona rules). The previous scoring is replaced only once the new one succeeded. The
  // alerts are left out (half the work: a chart re-score does not need them) until
  // full_result() is asked for.
  const ScoreResult& score(Model model);
  bool scored() const { return result_.has_value(); }
  const Model& model() const;          // throws std::logic_error before score()
  const ScoreResult& result() const;   // idem; its alerts are empty until full_result()
  const ScoreResult& full_result();    // the result with its alerts (computed once per score())

  // The report text of the last score(), in pieces (a download without the whole document in
  // memory). A new score() or begin_report() ends the previous writing; next_report_piece()
  // then throws std::logic_error rather than read a replaced result.
  void begin_report(const ReportOptions& options);
  bool next_report_piece(std::string& out, size_t batch);

 private:
  std::unique_ptr<Ingestor> ingestor_;
  std::vector<uint8_t> input_;
  std::optional<Aggregates> aggregates_;
  std::unique_ptr<Model> model_;  // on the heap: PersonaAssignment::rule points into it
  std::optional<ScoreResult> result_;
  bool alerts_ready_ = false;
  std::unique_ptr<ReportWriter> report_writer_;
};

}  // namespace pqlscope::wasm
