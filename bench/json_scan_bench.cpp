// The JSON reading alone, without mapping or aggregation: the record reader cuts the file
// (4 MiB chunks) and each record is scanned (io/json_scan.hpp) or, with --dom, parsed into an
// nlohmann DOM as before the scan. Prints MB/s by CPU time and by the clock.
//   pqlscope-bench-json-scan FILE [--dom]
// With --in-memory, the scan alone: the file's lines are held in memory and scanned as the
// ingest scans them (with the objects one level down), 7 times; prints the fastest and the
// median pass. On a shared machine whose speed changes from minute to minute, the fastest of
// alternating runs of two builds is what compares them (docs/performance-round-9.md).
//   pqlscope-bench-json-scan FILE --in-memory
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/io/json_reader.hpp"
#include "pqlscope/io/json_scan.hpp"

namespace {

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

class CountingSink final : public pqlscope::JsonSink {
 public:
  explicit CountingSink(bool dom) : dom_(dom) {}
  void on_json_record(const pqlscope::JsonRecord& record) override {
    ++records;
    if (dom_) {
      const auto object = nlohmann::json::parse(record.text, nullptr, false);
      members += object.is_object() ? object.size() : 0;
    } else if (pqlscope::scan_json_object(record.text, members_)) {
      members += members_.size();
    }
  }
  void on_json_error(const pqlscope::JsonRecord&, pqlscope::IngestErrorCode, size_t, std::string, bool) override {
    ++errors;
  }
  uint64_t records = 0, members = 0, errors = 0;

 private:
  bool dom_;
  std::vector<pqlscope::JsonMember> members_;
};

int scan_in_memory(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::perror(path);
    return 1;
  }
  std::stringstream whole;
  whole << in.rdbuf();
  const std::string text = whole.str();
  std::vector<std::string_view> lines;
  for (size_t start = 0, nl; start < text.size(); start = nl + 1) {
    nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    if (nl > start) lines.emplace_back(text.data() + start, nl - start);
  }
  std::vector<pqlscope::JsonMember> members;
  pqlscope::JsonNestedObjects nested;
  std::vector<double> seconds;
  uint64_t indexed = 0, refused = 0;
  for (int pass = 0; pass < 7; ++pass) {
    indexed = refused = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const std::string_view line : lines) {
      if (pqlscope::scan_json_object(line, members, &nested)) indexed += members.size() + nested.members.size();
      else ++refused;
    }
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  const double mb = static_cast<double>(text.size()) / 1e6;
  std::printf("scan in memory: %zu lines, %llu members indexed, %llu refused; fastest %.3f s (%.0f MB/s), median %.3f s (%.0f MB/s)\n",
              lines.size(), static_cast<unsigned long long>(indexed), static_cast<unsigned long long>(refused), seconds[0],
              mb / seconds[0], seconds[3], mb / seconds[3]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pqlscope-bench-json-scan <JSON lines file> [--dom | --in-memory]\n");
    return 64;
  }
  if (argc > 2 && std::string(argv[2]) == "--in-memory") return scan_in_memory(argv[1]);
  const bool dom = argc > 2 && std::string(argv[2]) == "--dom";
  std::FILE* f = std::fopen(argv[1], "rb");
  if (f == nullptr) {
    std::perror(argv[1]);
    return 1;
  }
  std::vector<char> buffer(size_t{4} << 20);
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_seconds();
  CountingSink sink(dom);
  pqlscope::JsonRecordReader reader({}, sink);
  uint64_t bytes = 0;
  for (size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0;) {
    reader.feed(std::string_view(buffer.data(), n));
    bytes += n;
  }
  reader.finish();
  std::fclose(f);
  const double cpu = cpu_seconds() - cpu_start;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s: %llu bytes, %llu records, %llu members, %llu errors; cpu %.3f s (%.0f MB/s), wall %.3f s (%.0f MB/s)\n",
              dom ? "dom" : "scan", static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(sink.records),
              static_cast<unsigned long long>(sink.members), static_cast<unsigned long long>(sink.errors), cpu,
              static_cast<double>(bytes) / 1e6 / cpu, wall, static_cast<double>(bytes) / 1e6 / wall);
  return 0;
}
