// The report: one versioned JSON document with everything the score stage computed, and the
// CSV export for CRMs. Both are deterministic to the byte (ordering and number formatting),
// so the native CLI and the WASM build can be compared with `cmp` (docs/report.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/segments/alerts.hpp"
#include "pqlscope/segments/calibration.hpp"
#include "pqlscope/segments/segment_report.hpp"

namespace pqlscope {

class BatchShare;
class MetricsCache;
struct ReportHistory;

inline constexpr int kReportVersion = 1;

// A text rendered apart from the report's writer, in the blocks its JsonWriter flushed, in
// order: written out as they are, never gathered into one string (the history of 20k accounts
// is 4+ MB; a string grown to it held up to twice that, and then a copy in the writer's piece).
using RenderedText = std::vector<std::string>;

struct ReportOptions {
  bool include_users = true;           // the per-user section (large for 100k users)
  size_t max_contributions = 10;       // events / users listed behind each score
  // Two-space indentation (for people: the CLI's --pretty); compact, one line, by default.
  bool pretty = false;
  // The "history" section (docs/report.md, "History"): on by default; its users' series and the
  // segment moves (which score every point again) on request.
  bool include_history = true;
  int history_interval_days = 7;
  bool history_users = false;
  bool history_moves = false;
  // Natively, threads the history's points may be computed on (the same values on any number).
  unsigned history_threads = 1;
  // The sections' members and the history member rendered elsewhere (report_on_threads.hpp: on
  // a second thread while the accounts are written; report_sections_text() and
  // report_history_text() of report_writer.hpp), each asked for once when the writer reaches
  // it; empty: computed and written then.
  std::function<const RenderedText&()> sections_text_source;
  std::function<const RenderedText&()> history_text_source;
  // Threads that render the accounts and users (natively; WebAssembly runs them on the calling
  // thread): batches written side by side, appended in order, so the bytes never depend on it.
  unsigned threads = 1;
  // Or helper threads that stay for the whole report render them (report_on_threads.cpp);
  // when set, `threads` no longer starts threads for the batches.
  BatchShare* batch_share = nullptr;
};

// Everything the report needs, computed once from aggregates + model. Re-scoring with another
// model builds a new one from the same aggregates (no file is read again).
struct ScoreResult {
  int32_t as_of_day = 0;
  Metrics metrics;
  SegmentReport segments;
  // Entered / left each segment between as-of minus one engagement window and as-of.
  AlertReport alerts;
};

ScoreResult score(const Aggregates& aggregates, const Model& model);
// score() in two steps: the alerts need the whole scoring again one window earlier (about as
// much work as the rest), which a UI's re-score for its charts can leave for later.
// With a `cache` built from `aggregates` (metrics_cache.hpp), every metrics computation reads
// it instead of the logs (same results, bit for bit; the cache falls back to the logs itself
// for models it cannot serve). A re-scoring session passes one; a one-shot score does not.
// The metrics on up to `threads` threads (natively; the same results on any number).
// `earlier`: a session's last facts, whose trial shapes are kept where the trials are the same
// (compute_segments); the same result.
ScoreResult score_without_alerts(const Aggregates& aggregates, const Model& model,
                                 const MetricsCache* cache = nullptr, unsigned threads = 1,
                                 const EarlierFacts* earlier = nullptr);
void add_alerts(const Aggregates& aggregates, const Model& model, ScoreResult& result,
                const MetricsCache* cache = nullptr, unsigned threads = 1);
// score() (with a `cache` as above) with its two scorings, the alerts' baseline one window
// earlier and then the as-of day's, each on up to `threads` threads, the baseline cut down to
// what the alerts read in between (report_json.cpp); the same result, bit for bit, on any
// number of threads.
ScoreResult score_on_threads(const Aggregates& aggregates, const Model& model, unsigned threads,
                             const MetricsCache* cache = nullptr);

nlohmann::ordered_json build_report(const Aggregates& aggregates, const Model& model,
                                    const ScoreResult& result, const ReportOptions& options = {});
// build_report()'s text: nlohmann's dump, two-space indentation when `pretty`, else one line;
// UTF-8, newline at the end. The report's own text comes from report_writer.hpp, written
// without a DOM; this is the reference it is tested against (and a DOM for small callers).
std::string report_to_string(const nlohmann::ordered_json& report, bool pretty);

// The report's "ingest" section: what was read, rejected (by code, the first issues located),
// deduplicated and skipped, and per file how its records became events. The API's ingest
// report is this same object (session/json_forms.hpp).
nlohmann::ordered_json ingest_report_json(const IngestReport& report);
// One located problem: {code, file, line, column, byte_offset, field, message}; also what an
// IngestError carries across the JS boundary.
nlohmann::ordered_json ingest_issue_json(const IngestIssue& issue);

// The "calibration" section for a report (how well the model separated converters in an
// outcomes file): AUC per score, conversion rate per persona and per PQL group vs expected.
nlohmann::ordered_json calibration_json(const CalibrationReport& calibration);

// The alerts alone, as CSV: segment,change,account_id,name,reason (change = entered | left).
std::string alerts_csv(const Aggregates& aggregates, const ScoreResult& result);

// One row per account with its metrics, segment tags and persona, safe for CRM import: a cell starting with = + - @
// tab or CR is prefixed with an apostrophe (formula injection), then quoted per RFC 4180.
std::string accounts_csv(const Aggregates& aggregates, const Model& model, const ScoreResult& result);

// Number formatting shared by both forms: NaN -> null / empty, integral values without a
// fraction, others rounded to 4 decimals (so that the last bits of a float never show).
double round4(double value);

}  // namespace pqlscope
