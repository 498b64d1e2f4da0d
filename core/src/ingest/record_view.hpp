// A uniform way for the row mappers to read one record, whether it came from a CSV row or a
// JSON object: a value per role, with where it sits (for error positions).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/io/csv_reader.hpp"

namespace pqlscope {

inline constexpr size_t kMaxRoles = 16;

// Text a view makes for a role (a value unescaped, a number re-printed), one string per role.
// The file's reader owns it and lends it to each row's view: the strings and their buffers
// live across rows (16 strings built and destroyed per row were 4% of the CSV job's CPU,
// docs/performance-round-10.md). A value's text is valid until the next row's view.
using RoleScratch = std::array<std::string, kMaxRoles>;

struct FieldValue {
  std::string_view text;
  bool present = false;
  size_t offset = 0;  // CSV: byte offset in the record's raw text
};

class RecordView {
 public:
  virtual ~RecordView() = default;
  virtual FieldValue get(size_t role_index) const = 0;
};

// Where a role's value sits in a CSV row (decided by role_detection.cpp).
struct RoleBinding {
  // The column read (-1: none), the path inside its JSON text ("" for the whole value), and a
  // second column read when the first is empty on a row (user_id -> anonymous_id).
  int column = -1;
  std::string subpath;
  int fallback_column = -1;
  // JSON files: the paths tried on each record, in order (records differ in their fields).
  std::vector<std::string> json_paths;
};

class CsvRecordView final : public RecordView {
 public:
  CsvRecordView(const CsvRecord& record, const std::vector<RoleBinding>& bindings, RoleScratch& scratch)
      : record_(record), bindings_(bindings), scratch_(scratch) {}
  FieldValue get(size_t role_index) const override {
    const RoleBinding& binding = bindings_[role_index];
    if (binding.column < 0) return {};
    size_t column = static_cast<size_t>(binding.column);
    if (binding.fallback_column >= 0 && record_.fields[column].find_first_not_of(" \t") == std::string_view::npos) {
      column = static_cast<size_t>(binding.fallback_column);
    }
    // Built straight into the result: a named value, whose address inside_json takes, was built
    // in memory field by field and then copied as one 16-byte load, which the CPU cannot forward
    // from the smaller stores (in WebAssembly a tenth of the CSV mapping's time,
    // docs/performance-round-15.md).
    if (binding.subpath.empty()) return FieldValue{record_.fields[column], true, record_.field_offsets[column]};
    return inside_json(FieldValue{record_.fields[column], true, record_.field_offsets[column]}, binding.subpath,
                       role_index);
  }

 private:
  // A value inside the JSON text of a column (PostHog's `properties` in a CSV export).
  FieldValue inside_json(const FieldValue& column, const std::string& path, size_t role_index) const;

  const CsvRecord& record_;
  const std::vector<RoleBinding>& bindings_;
  RoleScratch& scratch_;
};

// Looks each role up by its candidate paths, in order. A path "a.b" is the key "a.b" if the
// object has it, else key "b" inside object "a". Numbers and booleans are read as their text;
// an array yields its first element (Amplitude's groups.company: ["acc_1"]).
class JsonRecordView final : public RecordView {
 public:
  JsonRecordView(const nlohmann::json& object, const std::vector<std::vector<std::string>>& paths,
                 RoleScratch& scratch)
      : object_(object), paths_(paths), scratch_(scratch) {}
  FieldValue get(size_t role_index) const override;

  static const nlohmann::json* find_path(const nlohmann::json& object, std::string_view path);
  // A found value's text by the rules above; false when it is no value (absent, null, an empty
  // string or array), and the next candidate path is tried.
  static bool value_text(const nlohmann::json* value, std::string& out);

 private:
  const nlohmann::json& object_;
  const std::vector<std::vector<std::string>>& paths_;
  RoleScratch& scratch_;
};

}  // namespace pqlscope
