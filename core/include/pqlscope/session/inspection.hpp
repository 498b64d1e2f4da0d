// The mapping step's call in JSON form (what the WebAssembly binding and tests exchange):
// inspect_file_head() (ingest/file_inspection.hpp) with its options in, its findings out.
// Keys are snake_case and written in a fixed order, as in json_forms.hpp.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "pqlscope/ingest/file_inspection.hpp"

namespace pqlscope {

// The file options (json_forms.hpp: "kind", "format", "mapping", "epoch_unit", "date_order")
// plus "complete": true when the head is the whole file. Without "kind" the guessed kind is
// used (and a mapping's roles are checked against the events roles). Throws
// std::invalid_argument naming the key of the first problem.
InspectOptions inspect_options_from_json(std::string_view text);

// {"kind", "kind_guessed", "kind_confident", "kind_reason", "source", "source_name",
//  "source_reason", "format", "delimiter", "encoding", "wrapped", "envelope_records",
//  "protocol_messages", "notices", "roles": [{role, required, field, reason, detail}],
//  "missing", "timestamp_format", "epoch_unit", "slash_dates", "date_order",
//  "date_order_ambiguous", "timestamps_parsed", "timestamps_sampled", "row_rule", "columns",
//  "preview" (rows of text cells, one per column), "sampled_records", "unreadable_records",
//  "first_unreadable", "problem"}.
nlohmann::ordered_json inspection_to_json(const FileInspection& inspection);

}  // namespace pqlscope
