// NDJSON and JSON-array ingest on arbitrary bytes: no crash, no hang, chunk invariance.
#include <cstdlib>

#include "fuzz_input.hpp"

using namespace pqlscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string_view data(reinterpret_cast<const char*>(bytes), size);
  const InputFormat format = size % 2 ? InputFormat::ndjson : InputFormat::json_array;
  if (fuzz::ingest_outcome(data, false, format, "fuzz.json") !=
      fuzz::ingest_outcome(data, true, format, "fuzz.json")) {
    std::abort();
  }
  // Also as an accounts and a communications file (other mappers, same readers).
  for (FileKind kind : {FileKind::accounts, FileKind::communications}) {
    Ingestor ingest;
    ingest.begin_file("fuzz", FileOptions{kind, format, {}});
    ingest.feed(data);
    ingest.finish();
  }
  return 0;
}
