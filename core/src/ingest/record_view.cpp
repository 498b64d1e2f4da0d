#include "record_view.hpp"

namespace pqlscope {

const nlohmann::json* JsonRecordView::find_path(const nlohmann::json& object, std::string_view path) {
  if (!object.is_object()) return nullptr;
  auto whole = object.find(std::string(path));
  if (whole != object.end()) return &*whole;
  const size_t dot = path.find('.');
  if (dot == std::string_view::npos) return nullptr;
  auto head = object.find(std::string(path.substr(0, dot)));
  if (head == object.end()) return nullptr;
  if (head->is_string()) {
    // PostHog sometimes exports `properties` as a JSON string: look inside it.
    const auto inner = nlohmann::json::parse(head->get_ref<const std::string&>(), nullptr, false);
    if (inner.is_discarded() || !inner.is_object()) return nullptr;
    thread_local nlohmann::json parsed_string_holder;
    parsed_string_holder = inner;
    return find_path(parsed_string_holder, path.substr(dot + 1));
  }
  return find_path(*head, path.substr(dot + 1));
}

namespace {
// The text of a scalar JSON value; false for objects (an object where a scalar belongs).
bool scalar_text(const nlohmann::json& value, std::string& out) {
  if (value.is_string()) {
    out = value.get_ref<const std::string&>();
    return true;
  }
  out = value.dump();
  return !value.is_structured();
}
}  // namespace

FieldValue CsvRecordView::inside_json(const FieldValue& column, const std::string& path, size_t role_index) const {
  const auto object = nlohmann::json::parse(column.text, nullptr, false);
  if (object.is_discarded() || !object.is_object()) return {};
  const nlohmann::json* value = JsonRecordView::find_path(object, path);
  if (value == nullptr || value->is_null()) return {};
  if (value->is_array()) {
    if (value->empty()) return {};
    value = &(*value)[0];
  }
  scalar_text(*value, scratch_[role_index]);
  return {scratch_[role_index], true, column.offset};
}

bool JsonRecordView::value_text(const nlohmann::json* value, std::string& out) {
  if (value == nullptr || value->is_null()) return false;
  if (value->is_array()) {
    if (value->empty()) return false;
    value = &(*value)[0];
  }
  if (value->is_string()) {
    // An empty string is no value: the next candidate may have one.
    if (value->get_ref<const std::string&>().empty()) return false;
    // Copied: the value may live in a temporary (a `properties` JSON string parsed above).
    out = value->get_ref<const std::string&>();
    return true;
  }
  // Numbers and booleans as their text; an object where a scalar belongs is present but
  // unusable (the mapper names the problem).
  out = value->dump();
  return true;
}

FieldValue JsonRecordView::get(size_t role_index) const {
  for (const std::string& path : paths_[role_index]) {
    if (value_text(find_path(object_, path), scratch_[role_index])) return {scratch_[role_index], true, 0};
  }
  return {};
}

}  // namespace pqlscope
