// A JSON text written straight into a string, no DOM: what the report writes per account and
// per user (docs/report.md). Its bytes are exactly nlohmann's dump of the same value: compact
// as dump(), pretty as dump(2) (two-space indentation); strings escaped as dump() escapes them
// (ensure_ascii off, invalid UTF-8 replaced by U+FFFD); doubles in nlohmann's shortest
// round-trip form (its Grisu2, pure integer arithmetic, so the same text natively and in
// WebAssembly). tests/report/json_writer_test.cpp holds it to nlohmann's dump.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

namespace pqlscope {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty) : pretty_(pretty) {}

  // Where the next bytes go; may change between values (the streamed report's pieces).
  void set_output(std::string& out) { out_ = &out; }
  bool pretty() const { return pretty_; }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // The key of the next member of the open object; the value follows.
  void key(std::string_view name);

  void string(std::string_view text);
  void boolean(bool value);
  void null();
  template <class Integer>
  void integer(Integer value) {
    static_assert(std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, "integer(): integers only");
    element_start();
    if constexpr (std::is_signed_v<Integer>) {
      append_signed(static_cast<int64_t>(value));
    } else {
      append_unsigned(static_cast<uint64_t>(value));
    }
  }
  // A report number (docs/report.md, "Numbers"): NaN and infinities -> null, rounded to 4
  // decimals, whole values without a fraction, others in the shortest round-trip form.
  void number(double value);
  // A value already built as a DOM (the report's head and sections: small, written once).
  void value(const nlohmann::ordered_json& value);

  // Elements of the open container written elsewhere (another thread, its own string), then
  // appended after this writer's text in order: continued(n) is a writer in this one's state as
  // if `n` more elements had been written (so the separator and indentation of its first
  // element are right), and count_written(n) tells this writer that `n` were. Between members
  // only (not right after a key). The report's batches on threads (report_writer.cpp).
  JsonWriter continued(size_t written_before) const;
  void count_written(size_t written);

  // A member in one call: key then value.
  void member_string(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }
  void member_bool(std::string_view name, bool value) {
    key(name);
    boolean(value);
  }
  void member_null(std::string_view name) {
    key(name);
    null();
  }
  void member_number(std::string_view name, double value) {
    key(name);
    number(value);
  }
  template <class Integer>
  void member_integer(std::string_view name, Integer value) {
    key(name);
    integer(value);
  }

 private:
  static constexpr int kMaxDepth = 32;
  void open(char bracket);
  void close(char bracket);
  void element_start();
  void newline_indent(int depth);
  void append_signed(int64_t value);
  void append_unsigned(uint64_t value);
  void append_escaped(std::string_view text);

  std::string* out_ = nullptr;
  bool pretty_;
  bool after_key_ = false;
  int depth_ = 0;                               // containers open
  std::array<uint32_t, kMaxDepth + 1> count_{};  // elements written so far, per open container
};

}  // namespace pqlscope
