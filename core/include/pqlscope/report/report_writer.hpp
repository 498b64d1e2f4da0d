// The report text, written piece by piece and straight as bytes: the accounts, the users and
// the sections are written by JsonWriter (no DOM per element); only the head (a few dozen
// values, once) is built as a DOM and dumped in place. The text equals
// report_to_string(build_report(), options.pretty) byte for byte (tests/report/), compact by
// default. Before, a DOM per account re-indented cost two thirds of `pqlscope score`
// (docs/performance.md, "The report").
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/report/json_writer.hpp"
#include "pqlscope/report/report.hpp"

namespace pqlscope {

class ReportWriter {
 public:
  // The references must outlive the writer. `extra`: members appended after the report's own
  // (the CLI's "calibration"), in their order.
  ReportWriter(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
               ReportOptions options = {}, nlohmann::ordered_json extra = nlohmann::ordered_json::object());
  // Stops options.batch_share's helpers: none still renders from this writer once it is gone.
  ~ReportWriter();

  // Appends the next piece of the text to `out` (about `batch` accounts or users, or one
  // section; with options.threads > 1 a window of a few batches per thread); false, with
  // nothing appended, once the text is complete.
  bool next(std::string& out, size_t batch = 256);

  // For a writer into a stream (write_report): a text rendered apart (ReportOptions' text
  // sources), and a window's batches rendered on other threads, are no longer appended to
  // `out` but end the piece, and rendered_after() hands them over, to be written right after
  // `out`, from where they are (copying them into `out` was a serial copy of most of the
  // accounts' and users' bytes, docs/performance-round-8.md).
  void hand_over_rendered_texts() { hand_over_rendered_ = true; }
  // The texts that follow the last next()'s piece, in order (often none); valid until the next call.
  std::span<const std::string> rendered_after() const { return rendered_after_; }

 private:
  enum class Phase : uint8_t { head, accounts, sections, users_open, users, history, extra, end, done };
  bool next_piece(std::string& out, size_t batch);
  void members(const nlohmann::ordered_json& object);
  void append_rendered(std::string& out, const RenderedText& text);
  template <class Write>
  void write_elements(std::string& out, size_t size, size_t batch, const Write& write);
  // write_elements() through options.batch_share: the batch size of a phase is that of its first call.
  template <class Write>
  void shared_elements(std::string& out, size_t size, size_t batch, const Write& write);

  const Aggregates& aggregates_;
  const Model& model_;
  const ScoreResult& result_;
  ReportOptions options_;
  nlohmann::ordered_json extra_;
  std::vector<std::vector<uint16_t>> memberships_;
  Phase phase_ = Phase::head;
  size_t next_index_ = 0;
  JsonWriter json_;
  std::vector<std::string> pieces_;  // the batches of one window on threads, kept for their capacity
  bool hand_over_rendered_ = false;
  std::span<const std::string> rendered_after_;
  // The shared phase's state (shared_elements): the writer where its array began, its first
  // element and batch size, the writer's own batch, and the texts handed over by the last call.
  std::optional<JsonWriter> phase_base_;
  size_t phase_begin_ = 0;
  size_t phase_batch_ = 1;
  std::string own_;
  std::vector<std::string> handed_;
};

// The report's sections (segments, alerts, ...) and its "history" member, rendered apart as
// bytes that follow the report's first member (separator first): what the writer appends where
// ReportOptions::sections_text_source / history_text_source hand them in.
RenderedText report_sections_text(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                                  bool pretty);
RenderedText report_history_text(const Aggregates& aggregates, const ReportHistory& history, bool pretty,
                                 bool users);

// The whole text into a stream (the CLI's --out) or a string.
void write_report(std::ostream& out, const Aggregates& aggregates, const Model& model,
                  const ScoreResult& result, const ReportOptions& options = {},
                  const nlohmann::ordered_json& extra = nlohmann::ordered_json::object());
std::string report_text(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                        const ReportOptions& options = {});

}  // namespace pqlscope
