// A JSON text written straight into a string, no DOM: what the report writes per account and
// per user (docs/report.md). Its bytes are exactly nlohmann's dump of the same value: compact
// as dump(), pretty as dump(2) (two-space indentation); strings escaped as dump() escapes them
// (ensure_ascii off, invalid UTF-8 replaced by U+FFFD); doubles in nlohmann's shortest
// round-trip form (its Grisu2, pure integer arithmetic, so the same text natively and in
// WebAssembly). tests/report/json_writer_test.cpp holds it to nlohmann's dump.
//
// The bytes gather in a block of the writer's own and reach the output string a block at a
// time (flush()): appending each piece to the string cost a call into the library per piece,
// the largest share of the writer's time (docs/performance.md, "The report writer").
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

// The writer's small steps, inlined into the report's element writers. GCC inlines them by
// itself; Emscripten's clang kept key(), element_start() and their kin as calls, each a few
// percent of the report's time in WebAssembly (docs/performance-round-12.md).
#define PQLSCOPE_WRITER_INLINE [[gnu::always_inline]] inline

namespace pqlscope {

// A key known when the program is built (a string literal), checked then to need no escaping
// (printable ASCII but the quote and the backslash) and to be short, so it is copied as it is.
class JsonKey {
 public:
  template <size_t N>
  consteval JsonKey(const char (&name)[N]) : text_(name, N - 1) {  // NOLINT: implicit on purpose
    if (N > kMaxLength + 1) throw std::logic_error("JsonKey: too long");
    for (size_t i = 0; i + 1 < N; ++i) {
      const auto c = static_cast<unsigned char>(name[i]);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') throw std::logic_error("JsonKey: escape-free ASCII only");
    }
  }
  std::string_view text() const { return text_; }
  static constexpr size_t kMaxLength = 64;

 private:
  std::string_view text_;
};

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty) : pretty_(pretty), block_(new char[kBlock]) {}

  // Where the next bytes go; may change between values (the streamed report's pieces). The
  // bytes written so far go to the previous output first.
  void set_output(std::string& out) {
    flush();
    out_ = &out;
    blocks_ = nullptr;
  }
  // Or a list of strings, one per flush (a text rendered apart to be written later as it is,
  // report_writer.hpp): it never grows by copying, nor holds twice its size in capacity.
  void set_output(std::vector<std::string>& blocks) {
    flush();
    out_ = nullptr;
    blocks_ = &blocks;
  }
  // Appends the bytes written so far to the output: it holds the whole text only after this.
  void flush() {
    if (pos_ == 0) return;
    if (blocks_ != nullptr) blocks_->emplace_back(block_.get(), pos_);
    else out_->append(block_.get(), pos_);
    pos_ = 0;
  }
  bool pretty() const { return pretty_; }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // The key of the next member of the open object; the value follows.
  PQLSCOPE_WRITER_INLINE void key(JsonKey name) {
    element_start();
    const std::string_view text = name.text();
    char* at = room(JsonKey::kMaxLength + 4);
    at[0] = '"';
    std::memcpy(at + 1, text.data(), text.size());
    at[text.size() + 1] = '"';
    at[text.size() + 2] = ':';
    at[text.size() + 3] = ' ';  // kept only when pretty
    pos_ += text.size() + (pretty_ ? 4 : 3);
    after_key_ = true;
  }
  // A key known only at run time (the head's and sections' members), escaped as needed.
  void key_text(std::string_view name);

  void string(std::string_view text);
  PQLSCOPE_WRITER_INLINE void boolean(bool value) {
    element_start();
    if (value) append_short("true", 4);
    else append_short("false", 5);
  }
  PQLSCOPE_WRITER_INLINE void null() {
    element_start();
    append_short("null", 4);
  }
  template <class Integer>
  PQLSCOPE_WRITER_INLINE void integer(Integer value) {
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
  // only (not right after a key). Flush this writer before its output gets the others' text.
  // The report's batches on threads (report_writer.cpp).
  JsonWriter continued(size_t written_before) const;
  void count_written(size_t written);

  // A member in one call: key then value.
  PQLSCOPE_WRITER_INLINE void member_string(JsonKey name, std::string_view text) {
    key(name);
    string(text);
  }
  PQLSCOPE_WRITER_INLINE void member_bool(JsonKey name, bool value) {
    key(name);
    boolean(value);
  }
  PQLSCOPE_WRITER_INLINE void member_null(JsonKey name) {
    key(name);
    null();
  }
  PQLSCOPE_WRITER_INLINE void member_number(JsonKey name, double value) {
    key(name);
    number(value);
  }
  template <class Integer>
  PQLSCOPE_WRITER_INLINE void member_integer(JsonKey name, Integer value) {
    key(name);
    integer(value);
  }

 private:
  static constexpr int kMaxDepth = 32;
  static constexpr size_t kBlock = size_t{1} << 15;  // fits the L1/L2 caches; 32 KB a flush

  // Room for `n` more bytes (n <= kBlock) at the end of the block, flushing it if needed.
  PQLSCOPE_WRITER_INLINE char* room(size_t n) {
    if (kBlock - pos_ < n) flush();
    return block_.get() + pos_;
  }
  PQLSCOPE_WRITER_INLINE void put(char c) {
    *room(1) = c;
    ++pos_;
  }
  PQLSCOPE_WRITER_INLINE void append_short(const char* text, size_t n) {
    std::memcpy(room(8), text, n);
    pos_ += n;
  }
  PQLSCOPE_WRITER_INLINE void element_start() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    if (count_[depth_]++ > 0) put(',');
    if (pretty_) newline_indent(depth_);
  }
  void open(char bracket);
  void close(char bracket);
  void newline_indent(int depth);
  void append_signed(int64_t value);
  void append_unsigned(uint64_t value);
  void append_escaped(std::string_view text);

  // After flush(): where bytes written around the block (long strings, nlohmann's dumps) go.
  std::string& direct_output() {
    if (blocks_ == nullptr) return *out_;
    blocks_->emplace_back();
    return blocks_->back();
  }

  std::string* out_ = nullptr;
  std::vector<std::string>* blocks_ = nullptr;  // instead of out_ when set
  bool pretty_;
  bool after_key_ = false;
  int depth_ = 0;                               // containers open
  std::array<uint32_t, kMaxDepth + 1> count_{};  // elements written so far, per open container
  std::unique_ptr<char[]> block_;                // bytes not yet flushed to *out_
  size_t pos_ = 0;                               // how many
};

}  // namespace pqlscope
