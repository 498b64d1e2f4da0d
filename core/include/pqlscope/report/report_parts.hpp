// The report's parts, each buildable on its own: what the streamed report text (report_writer)
// and per-view queries (one account, the overview without the per-account list) are made of.
// build_report() is exactly these parts in this order (the long lists and the sections also as
// bytes: the write_* functions give the same value as the DOM parts, see report_writer.hpp):
//   head (report, version, as_of, model, windows, summary, ingest), accounts[],
//   sections (segments, user_segments, personas, alerts), users[] (when include_users).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/report/json_writer.hpp"
#include "pqlscope/report/report.hpp"

namespace pqlscope {

nlohmann::ordered_json report_head_json(const Aggregates& aggregates, const Model& model,
                                        const ScoreResult& result);
// One element of "accounts". `segments`: the account's entry of SegmentReport::memberships().
nlohmann::ordered_json account_report_json(const Aggregates& aggregates, const Model& model,
                                           const ScoreResult& result, size_t account,
                                           const std::vector<uint16_t>& segments,
                                           const ReportOptions& options);
// An object with the keys segments, user_segments, personas, alerts.
nlohmann::ordered_json report_sections_json(const Aggregates& aggregates, const Model& model,
                                            const ScoreResult& result);
// One element of "users".
nlohmann::ordered_json user_report_json(const Aggregates& aggregates, const Model& model,
                                        const ScoreResult& result, size_t user,
                                        const ReportOptions& options);

// The same element as account_report_json() / user_report_json(), written as bytes.
void write_account_report(JsonWriter& writer, const Aggregates& aggregates, const Model& model,
                          const ScoreResult& result, size_t account, const std::vector<uint16_t>& segments,
                          const ReportOptions& options);
void write_user_report(JsonWriter& writer, const Aggregates& aggregates, const Model& model,
                       const ScoreResult& result, size_t user, const ReportOptions& options);
// The members of report_sections_json(), written as bytes into the open object.
void write_report_sections(JsonWriter& writer, const Aggregates& aggregates, const Model& model,
                           const ScoreResult& result);

// The "personas" section alone, and a number as every part writes it (NaN -> null, 4
// decimals): for views built from these parts (session/overview.hpp).
nlohmann::ordered_json report_personas_json(const Model& model, const PersonaReport& personas);
nlohmann::ordered_json report_number(double value);

}  // namespace pqlscope
