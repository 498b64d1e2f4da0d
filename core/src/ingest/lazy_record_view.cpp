#include "lazy_record_view.hpp"

#include <cstdint>
#include <cstring>

namespace pqlscope {
namespace {
std::string_view literal_body(std::string_view literal) { return literal.substr(1, literal.size() - 2); }

// a[0..n) == b[0..n) for the short keys of event records, without a call: two overlapping
// loads of 8 (or 4) bytes cover 8-16 (4-8) bytes; memcmp beyond. (The call to memcmp per
// matching key was 3% of the JSON-lines ingest, docs/performance-round-4.md.)
[[gnu::always_inline]] inline bool same_bytes(const char* a, const char* b, size_t n) {
  auto load8 = [](const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  };
  auto load4 = [](const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  };
  if (n >= 8 && n <= 16) return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
  if (n >= 4 && n < 8) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  if (n < 4) {
    for (size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  return std::memcmp(a, b, n) == 0;
}

// An integer whose text nlohmann::json::dump() writes back unchanged: at most 18 characters
// (within 64 bits) and not "-0" (dumped as "0"). Other numbers go through nlohmann.
bool dumps_as_written(std::string_view number) {
  if (number.size() > 18 || number == "-0") return false;
  return number.find_first_of(".eE") == std::string_view::npos;
}
}  // namespace

bool ScannedJsonRecord::scan(std::string_view text) {
  text_ = text;
  root_ = 0;
  objects_.clear();
  if (!scan_json_object(text, members_, &scanned_below_)) return false;
  const auto root_members = static_cast<uint32_t>(members_.size());
  objects_.push_back({0, 0, root_members});
  // The objects one level down were indexed by the same scan: a path into them (context.groupId)
  // finds them here instead of scanning them again (docs/performance-round-4.md).
  for (const JsonNestedObjects::Object& o : scanned_below_.objects) objects_.push_back({o.begin, root_members + o.first, o.count});
  members_.insert(members_.end(), scanned_below_.members.begin(), scanned_below_.members.end());
  scanned_objects_ = static_cast<uint32_t>(objects_.size());
  next_known_ = 0;
  if (!same_shape_as_last()) remember_shape();
  return true;
}

bool ScannedJsonRecord::same_shape_as_last() const {
  if (members_.size() != shape_.size() || objects_.size() != shape_objects_.size()) return false;
  for (size_t i = 0; i < objects_.size(); ++i) {
    if (objects_[i].first != shape_objects_[i].first || objects_[i].count != shape_objects_[i].count) return false;
  }
  for (size_t i = 0; i < members_.size(); ++i) {
    const JsonSpan& key = members_[i].key;
    const ShapeMember& known = shape_[i];
    const uint32_t size = key.end - key.begin;
    if (size != known.key_size || (members_[i].value.type == JsonType::object) != known.object ||
        !same_bytes(text_.data() + key.begin, shape_keys_.data() + known.key_at, size)) {
      return false;
    }
  }
  return true;
}

void ScannedJsonRecord::remember_shape() {
  known_.clear();
  shape_.clear();
  shape_keys_.clear();
  shape_objects_.assign(objects_.begin(), objects_.end());
  for (const JsonMember& m : members_) {
    shape_.push_back({static_cast<uint32_t>(shape_keys_.size()), m.key.end - m.key.begin, m.value.type == JsonType::object});
    shape_keys_.append(span_text(m.key));
  }
}

uint32_t ScannedJsonRecord::object_at(const JsonSpan span) const {  // by value: members_ grows below
  for (uint32_t i = 0; i < objects_.size(); ++i) {
    if (objects_[i].begin == span.begin && i != 0) return i;
  }
  // Validated with the record: the scan of a part cannot fail.
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
  const int32_t found = search_member(object, key);
  if (found < 0) return false;
  out = members_[static_cast<size_t>(found)];
  return true;
}

void ScannedJsonRecord::forget_lookups() {
  known_.clear();
  next_known_ = 0;
}

// The last member named `key`: nlohmann keeps the last of duplicate keys.
int32_t ScannedJsonRecord::search_member(uint32_t object, std::string_view key) const {
  const IndexedObject o = objects_[object];
  for (uint32_t i = o.first + o.count; i-- > o.first;) {
    const JsonMember& m = members_[i];
    if (!m.key.escaped) {
      // Length and first byte first: most keys differ there.
      const size_t length = m.key.end - m.key.begin - 2;
      if (length != key.size() || (length > 0 && text_[m.key.begin + 1] != key[0]) ||
          !same_bytes(text_.data() + m.key.begin + 1, key.data(), length)) {
        continue;
      }
    } else if (unescape_json_string(span_text(m.key)) != key) {
      continue;
    }
    return static_cast<int32_t>(i);
  }
  return -1;
}

JsonEnvelope ScannedJsonRecord::unwrap() {
  root_ = 0;
  static constexpr std::string_view kType = "type";  // one address: its lookup is kept (find_path)
  const Found type = find_path(kType);
  if (!type.found || type.span.type != JsonType::string) return JsonEnvelope::none;
  const std::string_view literal = span_text(type.span);
  std::string unescaped;  // only for a type written with escapes: most are not
  if (type.span.escaped) unescaped = unescape_json_string(literal);
  const std::string_view name = type.span.escaped ? std::string_view(unescaped) : literal_body(literal);
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

ScannedJsonRecord::Found ScannedJsonRecord::look_up(std::string_view path) const {
  // A lookup from an object the scan indexed is a function of the shape (keys, which values are
  // objects) as long as it stays in such objects: kept, it is answered by the member's index.
  const bool from_shape = root_ < scanned_objects_;
  if (from_shape) {
    // Not the next one (find_path tried it): any other kept for this path.
    for (const KnownLookup& k : known_) {
      if (k.key == path.data() && k.size == path.size() && k.root == root_) {
        return k.member < 0 ? Found{} : Found{true, members_[static_cast<size_t>(k.member)].value, nullptr};
      }
    }
  }
  bool keep = from_shape;
  int32_t index = -1;
  const Found found = find_in(root_, path, keep, index);
  if (keep && known_.size() < kMaxKnownLookups) {
    known_.push_back({path.data(), static_cast<uint32_t>(path.size()), root_, found.found ? index : -1});
    next_known_ = known_.size();
  }
  return found;
}

ScannedJsonRecord::Found ScannedJsonRecord::find_in(uint32_t object, std::string_view path, bool& keep,
                                                    int32_t& index) const {
  index = search_member(object, path);
  if (index >= 0) return {true, members_[static_cast<size_t>(index)].value, nullptr};
  const size_t dot = path.find('.');
  if (dot == std::string_view::npos) return {};
  const int32_t head = search_member(object, path.substr(0, dot));
  if (head < 0) return {};
  const JsonMember m = members_[static_cast<size_t>(head)];  // a copy: object_at() may grow members_
  const std::string_view rest = path.substr(dot + 1);
  if (m.value.type == JsonType::object) {
    const uint32_t inner = object_at(m.value);
    keep = keep && inner < scanned_objects_;  // an object indexed now is not in the shape
    return find_in(inner, rest, keep, index);
  }
  keep = false;  // the answer depends on the value
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
