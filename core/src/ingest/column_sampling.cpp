#include "column_sampling.hpp"

#include <algorithm>

#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {
constexpr size_t kMaxValueBytes = 256;  // enough to judge a value; bounds the sample's memory
constexpr size_t kMaxFields = 512;      // wide JSON objects: the first paths seen are kept
constexpr int kMaxDepth = 4;

constexpr size_t kMaxJsonValueBytes = 64 * 1024;  // a JSON column is parsed whole (the sample is bounded)

std::string clipped(std::string_view text) {
  text = trim(text);
  const bool json = !text.empty() && (text.front() == '{' || text.front() == '[');
  return std::string(text.substr(0, json ? kMaxJsonValueBytes : kMaxValueBytes));
}
}  // namespace

void SampleTable::set_header(const std::vector<std::string>& header) {
  csv_ = true;
  for (size_t c = 0; c < header.size(); ++c) {
    SampleField f;
    f.path = std::string(trim(header[c]));
    f.column = static_cast<int>(c);
    fields_.push_back(std::move(f));
  }
}

void SampleTable::add_csv_row(const std::vector<std::string_view>& fields) {
  size_t columns = 0;
  for (const SampleField& f : fields_) columns += f.subpath.empty() ? 1 : 0;
  if (fields.size() != columns) return;
  for (SampleField& f : fields_) {
    f.values.push_back(clipped(fields[static_cast<size_t>(f.column)]));
    if (!f.values.back().empty()) ++f.non_empty;
  }
  ++rows_;
}

SampleField& SampleTable::field(const std::string& path) {
  for (SampleField& f : fields_) {
    if (f.path == path) return f;
  }
  fields_.push_back(SampleField{path, std::vector<std::string>(rows_), 0, -1, ""});
  return fields_.back();
}

void SampleTable::flatten(const nlohmann::json& value, const std::string& prefix, int depth, int column) {
  if (depth > kMaxDepth) return;
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), depth + 1, column);
    }
    return;
  }
  if (prefix.empty()) return;
  const nlohmann::json* scalar = &value;
  if (value.is_array()) {  // Amplitude's groups.company: ["acc_1"]: the first element
    if (value.empty() || value[0].is_structured()) return;
    scalar = &value[0];
  }
  if (scalar->is_string()) {
    const std::string& text = scalar->get_ref<const std::string&>();
    // PostHog writes `properties` as a JSON string: its inside is addressable like an object.
    if (column < 0 && looks_like_json_container(text) && text.front() == '{') {
      const auto inner = nlohmann::json::parse(text, nullptr, false);
      if (!inner.is_discarded() && inner.is_object()) {
        flatten(inner, prefix, depth, column);
        return;
      }
    }
  }
  bool known = false;
  for (const SampleField& f : fields_) known = known || f.path == prefix;
  if (!known && fields_.size() >= kMaxFields) return;
  SampleField& f = field(prefix);
  f.values.resize(rows_ + 1);
  f.values[rows_] = scalar->is_string() ? clipped(scalar->get_ref<const std::string&>())
                    : scalar->is_null() ? std::string()
                                        : scalar->dump();
  if (!f.values[rows_].empty()) ++f.non_empty;
}

void SampleTable::add_json_object(const nlohmann::json& object) {
  flatten(object, "", 0, -1);
  ++rows_;
  for (SampleField& f : fields_) f.values.resize(rows_);
}

void SampleTable::finish() {
  if (!csv_) return;
  // A column whose values are JSON objects (PostHog's `properties` in a CSV export): its paths
  // become fields of their own, read from that column.
  const size_t columns = fields_.size();
  for (size_t c = 0; c < columns; ++c) {
    const SampleField column = fields_[c];
    if (column.non_empty == 0) continue;
    size_t objects = 0;
    for (const std::string& v : column.values) objects += !v.empty() && v.front() == '{' ? 1 : 0;
    if (objects * 2 < column.non_empty) continue;
    SampleTable inner;
    for (const std::string& v : column.values) {
      // The stored value is clipped: parse what is complete, an empty object otherwise.
      auto parsed = nlohmann::json::parse(v, nullptr, false);
      inner.add_json_object(parsed.is_object() ? parsed : nlohmann::json::object());
    }
    for (SampleField& f : inner.fields_) {
      if (fields_.size() >= kMaxFields) break;
      f.subpath = f.path;
      f.path = column.path + "." + f.path;
      f.column = column.column;
      fields_.push_back(std::move(f));
    }
  }
}

const SampleField* SampleTable::find(std::string_view path) const {
  for (const SampleField& f : fields_) {
    if (f.path == path) return &f;
  }
  for (const SampleField& f : fields_) {
    if (iequals(f.path, path)) return &f;
  }
  return nullptr;
}

bool looks_like_json_container(std::string_view text) {
  text = trim(text);
  return text.size() >= 2 && ((text.front() == '{' && text.back() == '}') ||
                              (text.front() == '[' && text.back() == ']'));
}

bool is_segment_call_type(std::string_view text) {
  for (std::string_view t : {"track", "page", "screen", "identify", "group", "alias"}) {
    if (iequals(trim(text), t)) return true;
  }
  return false;
}

// Snowplow's `event` column holds the event's type, not its name (canonical event model).
bool is_snowplow_event_type(std::string_view text) {
  for (std::string_view t : {"page_view", "page_ping", "unstruct", "struct", "transaction",
                             "transaction_item", "ad_impression"}) {
    if (iequals(trim(text), t)) return true;
  }
  return false;
}

bool is_whole_count(std::string_view text) {
  text = trim(text);
  if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.remove_suffix(2);
  if (text.empty() || text.size() > 15) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string timestamp_style(std::string_view text) {
  text = trim(text);
  if (text.empty()) return "";
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == text.size() || (digits < text.size() && text[digits] == '.' && digits >= 9)) {
    if (digits >= 18) return "epoch nanoseconds";
    if (digits >= 15) return "epoch microseconds";
    if (digits >= 12) return "epoch milliseconds";
    return "epoch seconds";
  }
  if (text.find('/') != std::string_view::npos) return "day/month or month/day date";
  if (text.size() == 10) return "date (YYYY-MM-DD)";
  if (text.size() > 10 && (text[10] == 'T' || text[10] == 't')) return "ISO-8601";
  if (text.size() > 4 && iequals(text.substr(text.size() - 4), " UTC")) {
    return "YYYY-MM-DD HH:MM:SS UTC (BigQuery)";
  }
  if (text.size() > 10 && text[10] == ' ') {
    const std::string_view rest = text.substr(11);
    if (rest.find_first_of("+-Z") != std::string_view::npos) return "YYYY-MM-DD HH:MM:SS with zone";
    return "YYYY-MM-DD HH:MM:SS (UTC)";
  }
  return "other";
}

}  // namespace pqlscope
