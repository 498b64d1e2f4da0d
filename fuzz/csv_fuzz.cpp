// CSV/TSV ingest on arbitrary bytes: must never crash, hang or leak, and must give the same
// aggregates and report whether the bytes come whole or in chunks.
#include <cstdlib>

#include "fuzz_input.hpp"

using namespace pqlscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string_view data(reinterpret_cast<const char*>(bytes), size);
  const InputFormat format = size % 2 ? InputFormat::csv : InputFormat::auto_detect;
  if (fuzz::ingest_outcome(data, false, format, "fuzz.csv") !=
      fuzz::ingest_outcome(data, true, format, "fuzz.csv")) {
    std::abort();  // chunk invariance
  }
  return 0;
}
