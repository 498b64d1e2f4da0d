#include "pqlscope/io/json_envelope.hpp"

#include <string_view>

namespace pqlscope {
namespace {
constexpr std::string_view kProtocolMessages[] = {
    "SCHEMA", "STATE", "ACTIVATE_VERSION", "BATCH",  // Singer
    "LOG", "TRACE", "SPEC", "CATALOG", "CONNECTION_STATUS", "CONTROL"};  // Airbyte
}  // namespace

UnwrappedRecord unwrap_envelope(const nlohmann::json& object) {
  const auto type = object.find("type");
  if (type == object.end() || !type->is_string()) return {JsonEnvelope::none, &object};
  const std::string& name = type->get_ref<const std::string&>();
  if (name == "RECORD") {
    const auto record = object.find("record");
    if (record == object.end() || !record->is_object()) return {JsonEnvelope::none, &object};
    // Airbyte's record holds stream, data and emitted_at; Singer's record is the row itself.
    const auto data = record->find("data");
    if (data != record->end() && data->is_object() && record->contains("emitted_at") &&
        record->contains("stream")) {
      return {JsonEnvelope::airbyte_record, &*data};
    }
    return {JsonEnvelope::singer_record, &*record};
  }
  if (is_protocol_message_type(name)) return {JsonEnvelope::protocol_message, nullptr};
  return {JsonEnvelope::none, &object};
}

bool is_protocol_message_type(std::string_view type) {
  for (std::string_view message : kProtocolMessages) {
    if (type == message) return true;
  }
  return false;
}

}  // namespace pqlscope
