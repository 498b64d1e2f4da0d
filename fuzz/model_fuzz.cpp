// Model parsing on arbitrary text: never throws (try_parse_model reports), never crashes; a
// model that validates round-trips through JSON to the same model.
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "pqlscope/model/model_json.hpp"

using namespace pqlscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  const ModelParseResult parsed = try_parse_model(text);
  if (parsed.validation.ok()) {
    const ModelParseResult again = try_parse_model(model_to_json(parsed.model).dump());
    if (!again.validation.ok() || !(again.model == parsed.model)) std::abort();
  }
  return 0;
}
