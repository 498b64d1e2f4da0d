// pqlscope-gen: writing files: times as text and a buffered file writer.
#pragma once

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"
#include "pqlscope/io/csv_writer.hpp"

namespace gen {

// ------------------------------------------------------------------ dates
// Two decimal digits of v (< 100) at p.
void put2(char* p, unsigned v);
// "YYYY-MM-DD" + sep + "HH:MM:SS" (19 chars, no terminator)
void format_datetime(int64_t ts, char sep, char* out);
// "YYYY-MM-DDTHH:MM:SSZ", or "" for kNone.
std::string iso(int64_t ts);

// ------------------------------------------------------------------ output
class Writer {
 public:
  explicit Writer(const std::filesystem::path& p) : path_(p.string()) {
    f_ = std::fopen(path_.c_str(), "wb");
    if (!f_) die("cannot write " + path_ + ": " + std::strerror(errno));
    buf_.resize(1 << 20);
  }
  ~Writer() { close(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void put(const char* s, size_t n) {
    if (n_ + n > buf_.size()) flush();
    if (n > buf_.size()) { raw(s, n); return; }
    std::memcpy(buf_.data() + n_, s, n);
    n_ += n;
  }
  void put(std::string_view s) { put(s.data(), s.size()); }
  void ch(char c) {
    if (n_ == buf_.size()) flush();
    buf_[n_++] = c;
  }
  void num(int64_t v) {
    char b[24];
    const int n = std::snprintf(b, sizeof b, "%lld", static_cast<long long>(v));
    put(b, static_cast<size_t>(n));
  }
  // The interface pqlscope::append_csv_field writes through.
  void push_back(char c) { ch(c); }
  void append(std::string_view s) { put(s); }
  // A CSV field, quoted when RFC 4180 requires it.
  void csv_field(std::string_view s) { pqlscope::append_csv_field(*this, s); }
  void flush() {
    if (n_) raw(buf_.data(), n_);
    n_ = 0;
  }
  void close() {
    if (!f_) return;
    flush();
    if (std::fclose(f_) != 0) die("error closing " + path_);
    f_ = nullptr;
  }
  uint64_t bytes() const { return written_ + n_; }

 private:
  void raw(const char* s, size_t n) {
    if (std::fwrite(s, 1, n, f_) != n) die("write error on " + path_);
    written_ += n;
  }
  std::string path_;
  FILE* f_ = nullptr;
  std::vector<char> buf_;
  size_t n_ = 0;
  uint64_t written_ = 0;
};

}  // namespace gen
