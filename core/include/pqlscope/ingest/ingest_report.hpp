// What happened to every row of every input: counts by outcome and the first problems with
// their exact position. Nothing is dropped without being counted here.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pqlscope {

// Every reason a row (or a whole file) can be rejected. The names are stable: they appear in
// reports, the CLI and the JS API.
enum class IngestErrorCode : uint8_t {
  empty_file,
  header_only,
  missing_column,          // a required column / field could not be found (file-level)
  wrong_column_count,
  unterminated_quote,
  unexpected_after_quote,  // "abc"x
  invalid_utf8,
  record_too_large,
  invalid_json,
  not_an_object,
  json_too_deep,
  missing_timestamp,
  unknown_timestamp_format,
  invalid_timestamp,       // impossible date or time
  timestamp_out_of_range,
  missing_event_name,
  missing_entity,          // neither a user nor an account id
  invalid_number,
  invalid_value,           // a field with a value outside its vocabulary (sentiment "meh")
  missing_account_id,
  duplicate_account,
  too_many_event_names,
  kCount
};
inline constexpr size_t kIngestErrorCodeCount = static_cast<size_t>(IngestErrorCode::kCount);

const char* error_code_name(IngestErrorCode code);

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
};

struct IngestReport {
  std::vector<FileSummary> files;
  std::array<uint64_t, kIngestErrorCodeCount> rejected_by_code{};
  std::vector<IngestIssue> issues;  // the first max_issues problems, in input order
  uint64_t issues_not_kept = 0;     // problems beyond max_issues (still counted by code)

  uint64_t bytes = 0;
  uint64_t rows = 0;
  uint64_t events = 0;              // accepted events
  uint64_t duplicates = 0;
  uint64_t rejected = 0;
  uint64_t skipped = 0;
  // Duplicate detection remembers the events of the days still open for aggregation; when
  // input revisits a day after it was closed (unsorted input), duplicates across the two
  // visits cannot be seen. This counts such reopened days so the gap is visible, not silent.
  uint64_t reopened_days = 0;
  uint64_t unattributed_users = 0;  // users never seen with an account: scored as their own account
};

}  // namespace pqlscope
