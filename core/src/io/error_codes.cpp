#include "pqlscope/io/error_codes.hpp"

namespace pqlscope {

const char* error_code_name(IngestErrorCode code) {
  switch (code) {
#define PQLSCOPE_NAME_CASE(name) \
  case IngestErrorCode::name:    \
    return #name;
    PQLSCOPE_INGEST_ERROR_CODES(PQLSCOPE_NAME_CASE)
#undef PQLSCOPE_NAME_CASE
    case IngestErrorCode::kCount: break;
  }
  return "unknown";
}

}  // namespace pqlscope
