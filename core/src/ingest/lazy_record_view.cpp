#include "lazy_record_view.hpp"

#include <cstring>

namespace pqlscope {
namespace {
std::string_view literal_body(std::string_view literal) { return literal.substr(1, literal.size() - 2); }

// An integer whose text nlohmann::json::dump() writes back unchanged: at most 18 characters
// (within 64 bits) and not "-0" (dumped as "0"). Other numbers go through nlohmann.
bool dumps_as_written(std::string_view number) {
  if (number.size() > 18 || number == "-0") return false;
  return number.find_first_of(".eE") == std::string_view::npos;
}

// Keys are short: eight bytes a step inline, where a memcmp call per key showed in the profile.
bool same_bytes(const char* a, const char* b, size_t n) {
  for (; n >= 8; n -= 8, a += 8, b += 8) {
    uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
  }
  for (; n > 0; --n, ++a, ++b) {
    if (*a != *b) return false;
  }
  return true;
}
}  // namespace

bool ScannedJsonRecord::scan(std::string_view text) {
  text_ = text;
  root_ = 0;
  objects_.clear();
  if (!scan_json_object(text, members_, &children_)) return false;
  objects_.push_back({0, 0, static_cast<uint32_t>(members_.size())});
  note_layout();
  return true;
}

// Export lines share their layout: when this record's keys are the last record's, byte for
// byte and in order, every lookup in it finds what it found there (the same member index, or
// none), so the remembered answers stay valid; else they are forgotten.
void ScannedJsonRecord::note_layout() {
  bool same = members_.size() == layout_count_;
  size_t at = 0;
  for (size_t k = 0; same && k < members_.size(); ++k) {
    const JsonSpan& key = members_[k].key;
    const size_t length = key.end - key.begin;
    same = layout_.size() - at >= length && same_bytes(layout_.data() + at, text_.data() + key.begin, length);
    at += length;
  }
  if (same && at == layout_.size()) return;
  ++layout_generation_;
  layout_.clear();
  for (const JsonMember& m : members_) layout_.append(span_text(m.key));  // literals: one way to split
  layout_count_ = members_.size();
}

uint32_t ScannedJsonRecord::object_at(const JsonSpan& span) const {
  for (uint32_t i = 0; i < objects_.size(); ++i) {
    if (objects_[i].begin == span.begin && i != 0) return i;
  }
  // An object held by a member of the record: its members were recorded by the record's scan.
  const IndexedObject top = objects_[0];
  for (uint32_t k = 0; k < top.count; ++k) {
    if (members_[k].value.begin != span.begin) continue;
    const uint32_t from = k == 0 ? 0 : children_.end[k - 1];
    const uint32_t to = children_.end[k];
    const auto first = static_cast<uint32_t>(members_.size());
    members_.insert(members_.end(), children_.members.begin() + from, children_.members.begin() + to);
    objects_.push_back({span.begin, first, to - from});
    return static_cast<uint32_t>(objects_.size() - 1);
  }
  // Deeper: validated with the record, the scan of a part cannot fail.
  scan_json_object(span_text(span), nested_);
  const auto first = static_cast<uint32_t>(members_.size());
  for (JsonMember m : nested_) {
    m.key.begin += span.begin;
    m.key.end += span.begin;
    m.value.begin += span.begin;
    m.value.end += span.begin;
    members_.push_back(m);
  }
  objects_.push_back({span.begin, first, static_cast<uint32_t>(nested_.size())});
  return static_cast<uint32_t>(objects_.size() - 1);
}

bool ScannedJsonRecord::member(uint32_t object, std::string_view key, JsonMember& out) const {
  const int32_t index = object == 0 ? remembered_member(key) : find_member(object, key);
  if (index < 0) return false;
  out = members_[static_cast<uint32_t>(index)];
  return true;
}

// A lookup in the record's own object, answered from the last records while their layout holds
// (note_layout): the mapping asks the same few keys of every record, and a search compares
// them with every member (a miss, as for "context.groupId" before "context", with all).
int32_t ScannedJsonRecord::remembered_member(std::string_view key) const {
  // The same key usually comes from the same string (the mapping's paths): its address picks
  // the slot, its text is compared all the same (paths may be rebuilt at another address).
  const uint64_t address = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(key.data())) + key.size();
  const auto slot = static_cast<size_t>((address * 0x9E3779B97F4A7C15ull) >> 59);  // 32 slots
  RememberedLookup& r = remembered_[slot];
  if (r.generation == layout_generation_ && r.key.size() == key.size() && same_bytes(r.key.data(), key.data(), key.size())) {
    return r.index;
  }
  r.index = find_member(0, key);
  r.key.assign(key);
  r.generation = layout_generation_;
  return r.index;
}

// The last member named `key`, -1 if none: nlohmann keeps the last of duplicate keys.
int32_t ScannedJsonRecord::find_member(uint32_t object, std::string_view key) const {
  const IndexedObject o = objects_[object];
  for (uint32_t i = o.first + o.count; i-- > o.first;) {
    const JsonMember& m = members_[i];
    if (!m.key.escaped) {
      // Length and first byte before memcmp: most keys differ there.
      const size_t length = m.key.end - m.key.begin - 2;
      if (length != key.size() || (length > 0 && text_[m.key.begin + 1] != key[0]) ||
          !same_bytes(text_.data() + m.key.begin + 1, key.data(), length)) {
        continue;
      }
      return static_cast<int32_t>(i);
    }
    if (unescape_json_string(span_text(m.key)) == key) return static_cast<int32_t>(i);
  }
  return -1;
}

JsonEnvelope ScannedJsonRecord::unwrap() {
  root_ = 0;
  JsonMember type;
  if (!member(0, "type", type) || type.value.type != JsonType::string) return JsonEnvelope::none;
  const std::string_view literal = span_text(type.value);
  const std::string name = type.value.escaped ? unescape_json_string(literal) : std::string(literal_body(literal));
  if (name == "RECORD") {
    JsonMember record, data, other;
    if (!member(0, "record", record) || record.value.type != JsonType::object) return JsonEnvelope::none;
    const uint32_t inner = object_at(record.value);
    // Airbyte's record holds stream, data and emitted_at; Singer's record is the row itself.
    if (member(inner, "data", data) && data.value.type == JsonType::object && member(inner, "emitted_at", other) &&
        member(inner, "stream", other)) {
      root_ = object_at(data.value);
      return JsonEnvelope::airbyte_record;
    }
    root_ = inner;
    return JsonEnvelope::singer_record;
  }
  return is_protocol_message_type(name) ? JsonEnvelope::protocol_message : JsonEnvelope::none;
}

ScannedJsonRecord::Found ScannedJsonRecord::find_path(std::string_view path) const { return find_in(root_, path); }

ScannedJsonRecord::Found ScannedJsonRecord::find_in(uint32_t object, std::string_view path) const {
  JsonMember m;
  if (member(object, path, m)) return {true, m.value, nullptr};
  const size_t dot = path.find('.');
  if (dot == std::string_view::npos || !member(object, path.substr(0, dot), m)) return {};
  const std::string_view rest = path.substr(dot + 1);
  if (m.value.type == JsonType::object) return find_in(object_at(m.value), rest);
  if (m.value.type != JsonType::string) return {};
  // PostHog sometimes exports `properties` as a JSON string: look inside it, as the DOM does.
  const std::string_view literal = span_text(m.value);
  auto inner = nlohmann::json::parse(m.value.escaped ? unescape_json_string(literal) : std::string(literal_body(literal)),
                                     nullptr, false);
  if (inner.is_discarded() || !inner.is_object()) return {};
  string_document_ = std::move(inner);
  const nlohmann::json* found = JsonRecordView::find_path(string_document_, rest);
  if (found == nullptr) return {};
  return {true, {}, found};
}

FieldValue LazyJsonRecordView::get(size_t role_index) const {
  std::string& scratch = scratch_[role_index];
  for (const std::string& path : paths_[role_index]) {
    const ScannedJsonRecord::Found found = record_.find_path(path);
    if (!found.found) continue;
    if (found.dom != nullptr) {
      if (JsonRecordView::value_text(found.dom, scratch)) return {scratch, true, 0};
      continue;
    }
    JsonSpan value = found.span;
    if (value.type == JsonType::null) continue;
    if (value.type == JsonType::array) {  // its first element (Amplitude's groups.company: ["acc_1"])
      JsonSpan first;
      if (!first_json_element(record_.span_text(value), first)) continue;
      first.begin += value.begin;
      first.end += value.begin;
      value = first;
    }
    const std::string_view text = record_.span_text(value);
    switch (value.type) {
      case JsonType::string:
        if (text.size() == 2) continue;  // an empty string is no value
        if (!value.escaped) return {literal_body(text), true, 0};
        scratch = unescape_json_string(text);
        return {scratch, true, 0};
      case JsonType::boolean: return {text, true, 0};
      case JsonType::number:
        if (dumps_as_written(text)) return {text, true, 0};
        [[fallthrough]];
      default:  // a float, or null / an object / an array inside an array: nlohmann's text
        scratch = nlohmann::json::parse(text).dump();
        return {scratch, true, 0};
    }
  }
  return {};
}

}  // namespace pqlscope
