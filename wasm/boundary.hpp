// How results and C++ exceptions cross into JavaScript. Every fallible binding returns an
// Outcome instead of letting an exception escape: an escaped exception reaches JS as an opaque
// object (docs/wasm-build.md, pitfall 7). The JS wrapper (js/errors.js) turns a failed Outcome into
// `new Error(message)` carrying the core's message.
#pragma once

#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "pqlscope/io/ingest_report.hpp"
#include "pqlscope/session/json_forms.hpp"
#include "pqlscope/session/model_choice.hpp"

namespace pqlscope::wasm {

struct Outcome {
  bool ok = true;
  // ok: the result (JSON text, or empty for methods without one).
  // failed: {"name": ..., "message": ...} plus "issue" for IngestError, "validation" for
  // ModelError (an invalid model given to score()).
  std::string text;
};

// `detail` goes under `detail_key`: "issue" for IngestError, "validation" for ModelError.
inline Outcome failure(const char* name, const std::string& message,
                       const nlohmann::ordered_json* detail = nullptr, const char* detail_key = "issue") {
  nlohmann::ordered_json error = {{"name", name}, {"message", message}};
  if (detail != nullptr) error[detail_key] = *detail;
  // Replace, not throw, on invalid UTF-8 in a message quoting the input.
  return {false, error.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

// Runs `body` (returning the success text) and converts every exception into a failed Outcome.
template <typename Body>
Outcome guarded(Body&& body) {
  try {
    return {true, std::forward<Body>(body)()};
  } catch (const InvalidModelError& e) {
    const nlohmann::ordered_json validation = validation_to_json(e.validation());
    return failure("ModelError", e.what(), &validation, "validation");
  } catch (const IngestError& e) {
    const nlohmann::ordered_json issue = issue_to_json(e.issue());
    return failure("IngestError", e.what(), &issue);
  } catch (const std::bad_alloc&) {
    return failure("RangeError", "out of memory: the WebAssembly heap cannot grow further (4 GB limit)");
  } catch (const std::length_error& e) {
    return failure("RangeError", std::string("size too large for the WebAssembly memory (") + e.what() + ")");
  } catch (const std::invalid_argument& e) {
    return failure("TypeError", e.what());
  } catch (const std::exception& e) {
    return failure("Error", e.what());
  } catch (...) {
    return failure("Error", "unknown C++ exception");
  }
}

}  // namespace pqlscope::wasm
