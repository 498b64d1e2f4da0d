// Timestamp parsing on arbitrary text: never reads out of bounds; every accepted value lies in
// the supported range and formats back to text that parses to the same instant.
#include <cstdlib>
#include <string>

#include "pqlscope/io/timestamp.hpp"

using namespace pqlscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string text(reinterpret_cast<const char*>(bytes), size);  // exact-size heap copy
  TimestampParser parser;
  const ParsedTimestamp t = parser.parse(text);
  if (t.status == TimestampStatus::ok) {
    const int32_t day = day_of_millis(t.millis);
    if (day < kMinSupportedDay || day > kMaxSupportedDay) std::abort();
    TimestampParser again;
    const ParsedTimestamp back = again.parse(format_millis(t.millis));
    if (back.status != TimestampStatus::ok || back.millis != t.millis) std::abort();
  } else if (t.error_offset > size) {
    std::abort();
  }
  return 0;
}
