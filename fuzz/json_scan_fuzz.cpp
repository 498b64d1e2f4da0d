// The structural JSON scan against the DOM reader it replaced (io/json_scan.hpp): on any bytes,
// as NDJSON and as a JSON array, whole and chunked, the same aggregates, counts and issues.
#include <cstdlib>

#include "fuzz_input.hpp"

using namespace pqlscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string_view data(reinterpret_cast<const char*>(bytes), size);
  for (InputFormat format : {InputFormat::ndjson, InputFormat::json_array}) {
    const nlohmann::json reference = fuzz::ingest_outcome(data, false, format, "fuzz.json", true);
    if (fuzz::ingest_outcome(data, false, format, "fuzz.json") != reference ||
        fuzz::ingest_outcome(data, true, format, "fuzz.json") != reference) {
      std::abort();
    }
  }
  return 0;
}
