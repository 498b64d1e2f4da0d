// Shared by the fuzz targets: cut the input into chunks at positions derived from the input
// itself, so that the fuzzer also explores chunk boundaries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"

namespace pqlscope::fuzz {

inline std::vector<std::string_view> chunks_of(std::string_view data) {
  std::vector<std::string_view> out;
  size_t step = data.empty() ? 1 : 1 + static_cast<unsigned char>(data[0]) % 61;
  size_t at = 0;
  while (at < data.size()) {
    out.push_back(data.substr(at, step));
    const size_t next_step = 1 + (step * 7 + static_cast<unsigned char>(data[at])) % 97;
    at += step;
    step = next_step;
  }
  return out;
}

// Everything an ingest run produced that must not depend on chunking: the aggregates, the
// counts and every kept issue with its position.
// dom: JSON records parsed into an nlohmann DOM, the reference of the structural scan.
inline nlohmann::json ingest_outcome(std::string_view data, bool chunked, InputFormat format,
                                     const char* name, bool dom = false) {
  IngestOptions options;
  options.json_dom_reader = dom;
  options.max_record_bytes = 1 << 16;  // small limits reach the limit paths quickly
  Ingestor ingest(options);
  ingest.begin_file(name, FileOptions{FileKind::events, format, {}});
  if (chunked) {
    for (std::string_view c : chunks_of(data)) ingest.feed(c);
  } else {
    ingest.feed(data);
  }
  const Aggregates a = ingest.finish();
  nlohmann::json j = aggregates_to_json(a);
  j["rejected"] = a.report.rejected;
  j["rows"] = a.report.rows;
  for (const IngestIssue& i : a.report.issues) j["issues"].push_back(i.to_string());
  return j;
}

}  // namespace pqlscope::fuzz
