// The report text with its sections and its "history" section rendered on a second thread while
// the accounts and users are written (docs/performance.md, "The score stage on threads"): the same bytes as
// write_report() (report_writer.hpp) on any number of threads.
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "pqlscope/report/report.hpp"

namespace pqlscope {

// write_report(); with threads > 1, its sections and history are rendered alongside.
void write_report_on_threads(std::ostream& out, const Aggregates& aggregates, const Model& model,
                             const ScoreResult& result, const ReportOptions& options,
                             const nlohmann::ordered_json& extra, unsigned threads);

}  // namespace pqlscope
