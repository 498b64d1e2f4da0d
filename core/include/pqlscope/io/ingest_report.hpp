// What happened to every row of every input: counts by outcome and the first problems with
// their exact position. Nothing is dropped without being counted here.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/io/mapping_explanation.hpp"
#include "pqlscope/io/error_codes.hpp"

namespace pqlscope {



// One problem, located: file, 1-based line and column (in characters), 0-based byte offset.
struct IngestIssue {
  IngestErrorCode code{};
  std::string file;
  uint64_t line = 0;
  uint64_t column = 0;
  uint64_t byte_offset = 0;
  std::string field;    // column / JSON path involved, when there is one
  std::string message;  // human sentence, without the position

  // "events.csv:12:31: invalid timestamp: ..." — the one-line form for logs and exceptions.
  std::string to_string() const;
};

// Thrown in strict mode at the first problem, and for misuse of the API.
class IngestError : public std::runtime_error {
 public:
  explicit IngestError(IngestIssue issue);
  const IngestIssue& issue() const { return issue_; }

 private:
  IngestIssue issue_;
};

struct FileSummary {
  std::string name;
  std::string kind;    // events | accounts | communications
  std::string format;  // csv | tsv | ndjson | json
  uint64_t bytes = 0;
  uint64_t rows = 0;       // data rows / JSON records seen (header excluded)
  uint64_t accepted = 0;   // rows that became events / accounts / communications
  uint64_t rejected = 0;
  uint64_t duplicates = 0;
  uint64_t skipped = 0;    // well-formed rows that are not events (Segment identify, ...)
  // The earlier file with the very same bytes (docs/ingest.md, "The same file twice"), or empty.
  std::string same_as;
  bool copy_skipped = false;  // true: not read, nothing in it counted (the normal case)
  FileMappingExplanation mapping;  // kind guessed, source recognised, role -> field and why
  // Singer / Airbyte SCHEMA, STATE, LOG, TRACE... messages: counted in rows and skipped too.
  uint64_t protocol_messages = 0;
  std::string encoding;    // "windows-1252" / "utf-16le" / "utf-16be" when transcoded; empty: UTF-8
  std::string delimiter;   // ";" or "|" when sniffed; empty: the format's own (, or tab)
};

struct IngestReport {
  std::vector<FileSummary> files;
  std::array<uint64_t, kIngestErrorCodeCount> rejected_by_code{};
  std::vector<IngestIssue> issues;  // the first max_issues problems, in input order
  uint64_t issues_not_kept = 0;     // problems beyond max_issues (still counted by code)

  uint64_t bytes = 0;
  uint64_t rows = 0;
  uint64_t events = 0;              // accepted events
  uint64_t duplicates = 0;          // events dropped: a message id seen before, or an identical row
  uint64_t identical_rows = 0;      // of duplicates: rows without id dropped as identical (opt-in)
  uint64_t rejected = 0;
  uint64_t skipped = 0;
  uint64_t copies_skipped = 0;      // files not read: the same bytes as an earlier file
  // Days the input returned to after they were closed (input not ordered by time). Counting
  // stays exact; past 64 the aggregator switches to its unordered mode (docs/ingest.md).
  uint64_t reopened_days = 0;
  uint64_t unattributed_users = 0;  // users never seen with an account: scored as their own account
};

}  // namespace pqlscope
