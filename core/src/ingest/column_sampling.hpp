// The first records of a file, seen as a table of fields and values: what role detection,
// source recognition and the kind guess decide on. CSV columns and JSON paths look alike here,
// and a CSV column holding JSON objects contributes its inner paths ("properties.$groups.company").
// Private to ingest.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace pqlscope {

// Records sampled before a file's mapping is fixed, and the bytes they may hold: the decision
// depends on the records only, never on how the input was chunked.
inline constexpr size_t kSampleRecords = 200;
inline constexpr size_t kSampleBytes = size_t{4} << 20;

struct SampleField {
  std::string path;                 // "event_name", "properties.$groups.company"
  std::vector<std::string> values;  // one per sampled record ("" when absent); at most 256 bytes each
  size_t non_empty = 0;
  int column = -1;                  // CSV: the column holding it
  std::string subpath;              // CSV: the path inside that column's JSON ("" for the column)
};

class SampleTable {
 public:
  // CSV: the header, then one call per sampled row (rows whose width differs are ignored).
  void set_header(const std::vector<std::string>& header);
  void add_csv_row(const std::vector<std::string_view>& fields);
  // JSON: one call per sampled object.
  void add_json_object(const nlohmann::json& object);
  // Call once after the last row: expands CSV columns whose values are JSON objects.
  void finish();

  // CSV headers and JSON paths match case-insensitively, exact spelling first.
  const SampleField* find(std::string_view path) const;
  const std::vector<SampleField>& fields() const { return fields_; }
  size_t rows() const { return rows_; }
  bool csv() const { return csv_; }

 private:
  SampleField& field(const std::string& path);
  void flatten(const nlohmann::json& value, const std::string& prefix, int depth, int column);

  std::vector<SampleField> fields_;
  size_t rows_ = 0;
  bool csv_ = false;
};

// Value tests: what a value must look like to fill a role.
bool looks_like_json_container(std::string_view text);
bool is_segment_call_type(std::string_view text);
bool is_snowplow_event_type(std::string_view text);
bool is_whole_count(std::string_view text);

// A short name of a timestamp's written form: "ISO-8601", "epoch milliseconds", ...
std::string timestamp_style(std::string_view text);

}  // namespace pqlscope
