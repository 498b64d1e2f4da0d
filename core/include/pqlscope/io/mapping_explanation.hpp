// How a file's records became events (or accounts, communications): the kind guessed from its
// content, the source recognised, and which column / field fills each role, with the reason.
// Filled once per file after its first records were sampled; carried in the ingest report so
// that the CLI prints it and the API returns it. Plain data at the io level, beside the ingest
// report that carries it; ingest/ fills it (role_detection.cpp, kind_guess.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pqlscope {

// Why a column fills a role. Names are stable: they appear in reports and the JS API.
enum class ChoiceReason : uint8_t {
  chosen_by_you,  // --map ROLE=COLUMN / FileOptions::mapping
  known_source,   // the column the recognised source documents for this role
  header_name,    // a known name for the role, with values that fit
  values,         // an earlier-named column was passed over because of its values
};
const char* choice_reason_name(ChoiceReason reason);

struct RoleChoice {
  std::string role;
  std::string field;   // column name, or path: "properties.$groups.company"
  ChoiceReason reason = ChoiceReason::header_name;
  std::string detail;  // "200 of 200 sampled values parse as timestamps; 'event' passed over: ..."
};

// What the file looks like, decided from its header and its first records' values.
struct KindGuess {
  std::string kind = "events";  // events | accounts | communications
  bool confident = false;       // false: nothing typical of any kind was seen
  std::string reason;           // "has an event name ('event_name') and a timestamp (...)"
};

struct FileMappingExplanation {
  KindGuess guessed;
  std::string source;          // stable id: "snowplow", "ga4", "segment_tracks", ...; "" if none
  std::string source_name;     // "Snowplow atomic events"
  std::string source_reason;   // the fields that gave it away
  std::vector<RoleChoice> roles;        // the roles that were filled, in role order
  std::string timestamp_format;         // "ISO-8601", "epoch microseconds (source: GA4)", ...
  // Spreadsheet dates with slashes: "dmy" | "mdy" as the sample proved it (or --date-order
  // fixed it), "" when undecided or when no time field holds such dates; and why.
  std::string date_order;
  std::string date_order_reason;      // "timestamp: day/month: 3 of 40 sampled dates ..."
  std::string row_rule;                 // how rows count when not one event each ("" otherwise)
  std::vector<std::string> fields;      // fields present in the sample (at most 64), for hints
  uint64_t sampled_records = 0;
};

}  // namespace pqlscope
