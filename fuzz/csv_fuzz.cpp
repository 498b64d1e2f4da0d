// CSV/TSV ingest on arbitrary bytes: must never crash, hang or leak, and must give the same
// aggregates and report whether the bytes come whole or in chunks.
#include <cstdlib>

#include "fuzz_input.hpp"
#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"

using namespace pqlscope;

namespace {
nlohmann::json run(std::string_view data, bool chunked, InputFormat format) {
  IngestOptions options;
  options.max_record_bytes = 1 << 16;  // small limits reach the limit paths quickly
  Ingestor ingest(options);
  ingest.begin_file("fuzz.csv", FileOptions{FileKind::events, format, {}});
  if (chunked) {
    for (std::string_view c : fuzz::chunks_of(data)) ingest.feed(c);
  } else {
    ingest.feed(data);
  }
  Aggregates a = ingest.finish();
  nlohmann::json j = aggregates_to_json(a);
  j["rejected"] = a.report.rejected;
  j["rows"] = a.report.rows;
  for (const IngestIssue& i : a.report.issues) j["issues"].push_back(i.to_string());
  return j;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string_view data(reinterpret_cast<const char*>(bytes), size);
  const InputFormat format = size % 2 ? InputFormat::csv : InputFormat::auto_detect;
  if (run(data, false, format) != run(data, true, format)) std::abort();  // chunk invariance
  return 0;
}
