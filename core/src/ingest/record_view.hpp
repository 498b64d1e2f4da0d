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

class CsvRecordView final : public RecordView {
 public:
  CsvRecordView(const CsvRecord& record, const std::vector<int>& columns)
      : record_(record), columns_(columns) {}
  FieldValue get(size_t role_index) const override {
    const int column = columns_[role_index];
    if (column < 0) return {};
    return {record_.fields[static_cast<size_t>(column)], true,
            record_.field_offsets[static_cast<size_t>(column)]};
  }

 private:
  const CsvRecord& record_;
  const std::vector<int>& columns_;
};

// Looks each role up by its candidate paths, in order. A path "a.b" is the key "a.b" if the
// object has it, else key "b" inside object "a". Numbers and booleans are read as their text;
// an array yields its first element (Amplitude's groups.company: ["acc_1"]).
class JsonRecordView final : public RecordView {
 public:
  JsonRecordView(const nlohmann::json& object, const std::vector<std::vector<std::string>>& paths)
      : object_(object), paths_(paths) {}
  FieldValue get(size_t role_index) const override;

  static const nlohmann::json* find_path(const nlohmann::json& object, std::string_view path);

 private:
  const nlohmann::json& object_;
  const std::vector<std::vector<std::string>>& paths_;
  mutable std::array<std::string, kMaxRoles> scratch_;
};

}  // namespace pqlscope
