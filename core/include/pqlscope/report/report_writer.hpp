// The report text, written piece by piece: byte-identical to report_to_string(build_report())
// but never the whole document as one JSON value. The DOM of a whole report took about five
// times its text (500 MB of WebAssembly memory, which never shrinks, for a 94 MB report of 20k
// accounts); here at most one batch of accounts or users is a DOM at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/report/report.hpp"

namespace pqlscope {

class ReportWriter {
 public:
  // The references must outlive the writer. `extra`: members appended after the report's own
  // (the CLI's "calibration"), in their order.
  ReportWriter(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
               ReportOptions options = {}, nlohmann::ordered_json extra = nlohmann::ordered_json::object());

  // Appends the next piece of the text to `out` (about `batch` accounts or users, or one
  // section); false, with nothing appended, once the text is complete.
  bool next(std::string& out, size_t batch = 256);

 private:
  enum class Phase : uint8_t { head, accounts, sections, users, extra, end, done };
  void member(std::string& out, const std::string& key, const nlohmann::ordered_json& value);
  void open_array(std::string& out, const char* key, size_t size);
  void array_element(std::string& out, const nlohmann::ordered_json& value, size_t index, size_t size);

  const Aggregates& aggregates_;
  const Model& model_;
  const ScoreResult& result_;
  ReportOptions options_;
  nlohmann::ordered_json extra_;
  std::vector<std::vector<uint16_t>> memberships_;
  Phase phase_ = Phase::head;
  size_t next_index_ = 0;
  bool first_member_ = true;
};

// The whole text into a stream (the CLI's --out) or a string.
void write_report(std::ostream& out, const Aggregates& aggregates, const Model& model,
                  const ScoreResult& result, const ReportOptions& options = {},
                  const nlohmann::ordered_json& extra = nlohmann::ordered_json::object());
std::string report_text(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                        const ReportOptions& options = {});

}  // namespace pqlscope
