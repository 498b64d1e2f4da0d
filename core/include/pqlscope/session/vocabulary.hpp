// Every name the engine's callers exchange with it, listed by the engine itself: personas,
// stages, levels, sentiments, segment groups, persona grid cells, file kinds, formats, roles,
// option keys and ingest error codes. The JS package and the dashboard read this list
// (Engine.vocabulary) instead of typing their own copies; tests/js proves the .d.ts unions
// equal it.
#pragma once

#include <array>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pqlscope {

// The keys of the JSON option forms (session/json_forms.hpp), snake_case as the engine reads
// them (the JS API writes them camelCase: maxIssues -> max_issues).
inline constexpr std::array<std::string_view, 5> kIngestOptionKeys = {"strict", "max_issues", "max_record_bytes",
                                                                      "max_json_depth", "drop_identical_rows"};
inline constexpr std::array<std::string_view, 5> kFileOptionKeys = {"format", "mapping", "epoch_unit", "date_order",
                                                                    "size"};
inline constexpr std::array<std::string_view, 9> kScoreOptionKeys = {"as_of", "include_users", "max_contributions",
                                                                     "report", "pretty", "history",
                                                                     "history_interval_days", "history_users",
                                                                     "history_moves"};

// {"personas", "stages", "levels", "communication", "sentiments", "sentiment_matches",
//  "groups", "deal_sizes", "persona_cells" (by cell index: {activation, engagement, communication}),
//  "file_kinds", "formats", "epoch_units", "roles" ({kind: [role...]}), "choice_reasons", "ingest_options",
//  "file_options", "score_options", "error_codes"}; every list in its enum's order.
nlohmann::ordered_json vocabulary_json();

}  // namespace pqlscope
