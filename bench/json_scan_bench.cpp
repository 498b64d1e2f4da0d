// The JSON reading alone, without mapping or aggregation: the record reader cuts the file
// (4 MiB chunks) and each record is scanned (io/json_scan.hpp) or, with --dom, parsed into an
// nlohmann DOM as before the scan. Prints MB/s by CPU time and by the clock.
//   pqlscope-bench-json-scan FILE [--dom]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pqlscope-bench-json-scan <JSON lines file> [--dom]\n");
    return 64;
  }
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
