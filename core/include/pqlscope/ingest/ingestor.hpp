// The ingest stage's public API: stream the bytes of any number of files in chunks of any
// size, then finish() into Aggregates. Results are identical for every chunking.
//
//   Ingestor ingest;
//   ingest.begin_file("events.csv");             // kind events, format detected
//   while (...) ingest.feed(chunk);
//   ingest.end_file();
//   ingest.begin_file("accounts.csv", {.kind = FileKind::accounts});
//   ...
//   Aggregates aggregates = ingest.finish();
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/field_mapping.hpp"
#include "pqlscope/io/ingest_report.hpp"

namespace pqlscope {

struct FileOptions {
  FileKind kind = FileKind::events;
  InputFormat format = InputFormat::auto_detect;
  FieldMapping mapping;
  // The file's length in bytes when the caller knows it (a file on disk, a browser File):
  // lets a second copy of a large file be recognised exactly (docs/ingest.md, "Duplicates").
  int64_t size = -1;
};

struct IngestOptions {
  bool strict = false;        // throw IngestError at the first rejected row
  size_t max_issues = 100;    // problems kept with their position (all are counted)
  size_t max_record_bytes = size_t{64} << 20;
  uint32_t max_json_depth = 64;
  // Drop a row without a message id whose text equals an earlier row's. Off by default: two
  // real clicks in the same second make identical rows.
  bool drop_identical_rows = false;
  // A file that starts like an earlier one is held back (not read) up to this many bytes
  // while it may still prove to be a copy (docs/ingest.md, "The same file twice").
  size_t max_held_bytes = size_t{16} << 20;
  // Parse every JSON record into an nlohmann DOM, as before the structural scan
  // (io/json_scan.hpp). The reference the scan is tested against; slower, same results.
  bool json_dom_reader = false;
};

class Ingestor {
 public:
  explicit Ingestor(IngestOptions options = {});
  ~Ingestor();
  Ingestor(const Ingestor&) = delete;
  Ingestor& operator=(const Ingestor&) = delete;

  void begin_file(std::string name, FileOptions options = {});
  void feed(std::string_view bytes);  // begins an events file named "input" if none is open
  void end_file();
  Aggregates finish();  // ends the open file, if any; the Ingestor is spent afterwards

  // Live counts for progress displays (bytes, rows, events, rejected so far).
  const IngestReport& report() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience for tools and tests: one whole in-memory file.
Aggregates ingest_buffer(std::string_view name, std::string_view bytes, FileOptions options = {},
                         IngestOptions ingest_options = {});

}  // namespace pqlscope
