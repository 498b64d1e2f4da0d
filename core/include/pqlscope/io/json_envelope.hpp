// Connector protocols that wrap each record in a message, one message a line:
//   Singer:  {"type": "RECORD", "stream": "s", "record": {...}}      -> the record
//   Airbyte: {"type": "RECORD", "record": {"stream": "s", "data": {...}, "emitted_at": ms}}
//                                                                      -> record.data
// Their other messages (Singer SCHEMA, STATE, ACTIVATE_VERSION, BATCH; Airbyte STATE, LOG,
// TRACE, SPEC, CATALOG, CONNECTION_STATUS, CONTROL) carry no record: counted as skipped,
// never rejected. The type is matched exactly (upper case): Segment's lower-case call types
// ("track", "identify") are not protocol messages.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace pqlscope {

enum class JsonEnvelope : uint8_t { none, singer_record, airbyte_record, protocol_message };

struct UnwrappedRecord {
  JsonEnvelope envelope = JsonEnvelope::none;
  const nlohmann::json* record = nullptr;  // the object to map; null for protocol messages
};

// `object` must be a JSON object; the result points into it.
UnwrappedRecord unwrap_envelope(const nlohmann::json& object);

// Whether a "type" value names a message that carries no record (Singer SCHEMA, Airbyte LOG...).
// The scan-based record view (ingest/lazy_record_view.hpp) applies the same rules.
bool is_protocol_message_type(std::string_view type);

}  // namespace pqlscope
