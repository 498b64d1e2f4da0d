// One dataset and its scorings, as every skin drives the engine (the CLI's `score`, the
// WebAssembly bindings, tests): a streaming ingest of raw or day-count files (files begin, chunks arrive, files end,
// finish() keeps the Aggregates), then any number of scorings of those aggregates (no file is
// read again), each kept with its model for the exports, the report, the chart columns and the
// per-view queries. Free of Emscripten types.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/session/input_ingest.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/report/history_json.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_writer.hpp"
#include "pqlscope/session/chart_columns.hpp"

namespace pqlscope {

class MetricsCache;
class EngagementCounts;
struct TrialHalfCounts;
class CompanyScoring;
struct CompanyQuery;

struct IngestProgress {
  double bytes = 0;  // doubles: exact to 2^53, and plain numbers in JS (no BigInt)
  double rows = 0;
  double events = 0;
  double rejected = 0;
  double duplicates = 0;
};

class Session {
 public:
  explicit Session(IngestOptions options);
  // A session over aggregates made elsewhere (the CLI's ingest, a roll-up): already finished.
  explicit Session(Aggregates aggregates);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // ---- ingest ----
  void begin_file(std::string name, FileOptions options);
  // The input buffer: at least `capacity` bytes, reallocated only when it must grow (the
  // WebAssembly side copies chunks into it: no allocation per chunk).
  uint8_t* input_buffer(size_t capacity);
  void feed_buffered(size_t bytes);  // feeds the first `bytes` of the input buffer
  void feed(std::string_view bytes);
  void end_file();
  // Worker-parallel ingest (ingest/worker_chunks.hpp; session/worker_chunks.cpp): the chunks'
  // results in input order, then the file they came from, before any other file. With a
  // fallback in the outcome nothing was read: feed the file as usual.
  void add_worker_chunk(std::string bytes);
  // The same for a chunk of `bytes` bytes that the caller writes where this returns (the
  // WebAssembly side copies a Worker's result straight into its memory), before any other call.
  uint8_t* add_worker_chunk_space(size_t bytes);
  ParallelOutcome ingest_worker_chunks(std::string name, FileOptions options, std::string_view head);
  IngestProgress progress() const;
  const IngestReport& finish();  // then the aggregates are available
  bool finished() const { return aggregates_.has_value(); }
  const Aggregates& aggregates() const;  // throws std::logic_error before finish()

  // ---- scoring ----
  // Scores the aggregates with `model` and keeps both (the result points into the model: the
  // persona rules). The previous scoring is replaced only once the new one succeeded. The
  // alerts are left out (half the work: a chart re-score does not need them) until
  // full_result() is asked for. From the second score() on (a re-score), the metrics, the
  // alerts' baseline included, come from a MetricsCache of the aggregates built then (the
  // first score, the CLI's one-shot, pays nothing for it; docs/metrics.md, "re-score cache").
  // When only the importances changed since the last score(), only engagement and what follows
  // it (segments, personas) are computed again (docs/metrics.md, "Importance-only re-score").
  const ScoreResult& score(Model model);
  // The same with the model chosen as session/model_choice.hpp says: `model_json` ("" for the
  // suggested starter model) and `as_of_day` overriding its as-of. Throws InvalidModelError.
  const ScoreResult& score(std::string_view model_json, std::optional<int32_t> as_of_day);
  bool scored() const { return result_.has_value(); }
  const Model& model() const;          // throws std::logic_error before score()
  const ScoreResult& result() const;   // idem; its alerts are empty until full_result()
  const ScoreResult& full_result();    // the result with its alerts (computed once per score())
  // score() then full_result() in one, the as-of day's scoring and the alerts' baseline run at
  // the same time on up to threads() threads (the CLI's one-shot `score`; the same result).
  const ScoreResult& score_with_alerts(Model model);
  // Threads the scoring may use natively (default 1: the WebAssembly package has one); results
  // never depend on it. 0 is taken as 1.
  void set_threads(unsigned threads) { threads_ = threads == 0 ? 1 : threads; }
  unsigned threads() const { return threads_; }
  const ChartColumns& chart_columns();  // computed once per score()
  // Bytes held by the re-score cache; 0 until a re-score built it.
  size_t metrics_cache_bytes() const;
  // Bytes held by the windows' counts of the importance-only re-score; 0 until one built them.
  size_t engagement_counts_bytes() const;
  // Scorings that took the importance-only path (tests and benchmarks tell the paths apart).
  uint32_t importance_rescores() const { return importance_rescores_; }
  // Scorings whose model changed nothing the metrics read (same_metrics_inputs): the last
  // metrics were kept and only the segments stage ran again.
  uint32_t segment_rescores() const { return segment_rescores_; }
  // Scorings whose model changed only its checklists (same_metrics_inputs_but_activation): the
  // last metrics were kept but for activation, computed again, and the segments stage ran again.
  uint32_t activation_rescores() const { return activation_rescores_; }
  // All scorings; those on none of the paths above were whole.
  uint32_t scorings() const { return scorings_; }
  // User ids as SHA-256(salt || id) in hex from now on, in every output (report, queries,
  // exports); no salt: the raw ids again. Re-scores a scored session with the same model, so
  // that ties between users are broken by the ids written. Throws std::invalid_argument for
  // an empty salt (session/user_id_salt.cpp, docs/exports.md).
  void set_user_id_salt(std::optional<std::string> salt);
  bool user_ids_hashed() const { return raw_user_ids_.has_value(); }

  // The report text of the last score(), in pieces (a download without the whole document in
  // memory). A new score() or begin_report() ends the previous writing; next_report_piece()
  // then throws std::logic_error rather than read a replaced result.
  void begin_report(const ReportOptions& options);
  bool next_report_piece(std::string& out, size_t batch);

  // ---- per-view queries over the last score() (session_queries.cpp) ----
  // The report without "accounts" and "users", with counts instead of member lists: each
  // segment has count, entered and left (since the previous window); alerts {from, to,
  // entered, left, persona_changes}; plus "persona_cells": by persona_grid_cell() index,
  // {activation, engagement, communication, accounts, personas} where personas are the ones
  // the model's table gives that cell for each net sentiment (first row wins), in sentiment order.
  nlohmann::ordered_json overview_json();
  // The members of one segment or user segment, in its order: {account (index), value, reason,
  // entered} or, for a user segment, {account, user (id), value, reason}. Throws
  // std::out_of_range for an unknown id.
  nlohmann::ordered_json segment_members_json(std::string_view id);
  // Report "accounts" elements for these account indices, in that order.
  nlohmann::ordered_json accounts_json(const std::vector<size_t>& indices) const;
  // Report "users" elements of the users of these accounts, in user order.
  nlohmann::ordered_json users_of_accounts_json(const std::vector<size_t>& indices) const;
  // One account's report element, its users' report elements and their tags (user id ->
  // "power" | "problem" | user segment id): {account, users, userTags}.
  nlohmann::ordered_json account_detail_json(size_t index) const;
  std::vector<std::string> account_ids() const;

  // ---- score history of the last score() (session_history.cpp; docs/metrics.md, "History") ----
  // Every account's series at `interval_days` (computed once per score() and interval; the
  // users' series are left empty: no caller reads them); with `moves`, also the segment moves
  // (every point scored again, once).
  const ReportHistory& history(int interval_days, bool moves);
  // One account's history with its segment moves: {id, interval_days, days, activation,
  // engagement, moves: [{day, segment, label, change, reason}]}. Throws std::out_of_range.
  nlohmann::ordered_json account_history_json(size_t index, int interval_days);
  std::vector<std::string> account_names() const;  // "" when the accounts file has none

  // ---- company level and management views (session_companies.cpp) ----
  // The last score()'s accounts rolled up by its model's rollup key and scored the same day
  // (session/companies.hpp); built on first use after each score().
  const CompanyScoring& companies();
  nlohmann::ordered_json companies_json(const CompanyQuery& query);
  // {company, workspaces: report "accounts" elements of its workspaces, in account order};
  // std::out_of_range for an unknown company id.
  nlohmann::ordered_json company_detail_json(std::string_view id);
  // The management views of the last score() (report/management_json.hpp).
  nlohmann::ordered_json management_json() const;

 private:
  std::unique_ptr<InputIngest> ingestor_;  // raw files and day-count files alike
  std::vector<uint8_t> input_;
  std::vector<std::string> worker_chunks_;
  std::optional<Aggregates> aggregates_;
  std::unique_ptr<Model> model_;  // on the heap: PersonaAssignment::rule points into it
  std::optional<ScoreResult> result_;
  bool alerts_ready_ = false;
  std::optional<ChartColumns> chart_;
  std::unique_ptr<ReportWriter> report_writer_;
  std::unique_ptr<ReportHistory> history_;  // of the last score(); reset by score()
  // Re-scoring: built by the second score() whose model the cache can serve (see
  // metrics_cache_for()), kept while the aggregates are the same.
  std::unique_ptr<MetricsCache> metrics_cache_;
  // A re-score whose model changed only its importances (the dashboard's sliders) recomputes
  // engagement alone from these counts of the scoring's windows (metrics/engagement_counts.hpp),
  // built by the first such re-score and kept while the cache, as-of day and windows are the same.
  std::unique_ptr<EngagementCounts> engagement_counts_;
  std::unique_ptr<TrialHalfCounts> trial_half_counts_;  // the same for the trial shapes (segments)
  std::optional<ScoreResult> rescore_importances(const Model& model, const MetricsCache* cache);
  std::optional<ScoreResult> rescore_segments(const Model& model);
  // The last scoring's facts and model, whose trial halves the next one may keep
  // (compute_trial_shapes); nullopt before a first scoring.
  std::optional<EarlierFacts> last_facts() const;
  std::optional<ScoreResult> rescore_activation(const Model& model, const MetricsCache* cache);
  void forget_scoring();  // drops the last scoring and everything read from it
  uint32_t scorings_ = 0;
  uint32_t importance_rescores_ = 0;
  uint32_t segment_rescores_ = 0;
  uint32_t activation_rescores_ = 0;
  std::unique_ptr<CompanyScoring> companies_;  // of the last score(), built on first use
  std::optional<std::vector<std::string>> raw_user_ids_;  // while the ids are hashed
  std::vector<std::pair<uint32_t, std::string>> raw_home_account_ids_;  // accounts named after a user, hashed too
  const MetricsCache* metrics_cache_for(const Model& model);
  unsigned threads_ = 1;
  const ScoreResult& score(Model model, bool with_alerts);
};

}  // namespace pqlscope
