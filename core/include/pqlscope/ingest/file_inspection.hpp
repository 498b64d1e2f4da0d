// What a page shows in its mapping step before a file is read: the kind guessed and why, the
// source recognised, the delimiter / encoding / wrapper noticed, which column fills each role
// (and why), the columns there are to choose from, the first rows as text, and how the
// timestamps will be read (epoch unit, day/month order and whether the values leave it open).
// Decided from the head of the file (its first bytes, already decompressed) by the same pieces
// ingest decides with (text decoder, format and delimiter sniffing, the JSON wrapper and
// Singer / Airbyte envelopes, source recognition, role detection), so what the step shows is
// what ingest will do with the same options. docs/ingest.md, "Inspecting a file".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/mapping_explanation.hpp"

namespace pqlscope {

// The first rows given as a preview.
inline constexpr size_t kPreviewRows = 5;
// The columns listed (a Snowplow atomic table has about 130).
inline constexpr size_t kInspectedColumns = 256;

struct InspectedRole {
  std::string role;
  bool required = false;
  std::string field;   // "" when nothing fills it
  std::string reason;  // choice_reason_name(), "" when unfilled
  std::string detail;
};

struct FileInspection {
  std::string kind;  // the kind the roles are for: the one asked for, else the guessed one
  FileMappingExplanation mapping;  // kind guessed, source, role choices, timestamp format
  std::vector<InspectedRole> roles;  // every role of `kind`, in roles_of() order
  std::string missing;               // required roles nothing fills ("" when complete)

  std::string format;     // csv | tsv | ndjson | json ("" when nothing could be read)
  std::string delimiter;  // ";" or "|" when sniffed; "" for the format's own
  std::string encoding;   // "windows-1252", "utf-16le", ... when transcoded; "" for UTF-8
  bool wrapped = false;   // JSON: the records are the array member of one object
  uint64_t envelope_records = 0;    // Singer / Airbyte RECORD messages unwrapped
  uint64_t protocol_messages = 0;   // their other messages (skipped by ingest, not rejected)

  std::vector<std::string> columns;              // CSV columns (and JSON paths inside them), JSON paths
  std::vector<std::vector<std::string>> preview;  // the first rows: one text cell per column
  uint64_t sampled_records = 0;
  uint64_t unreadable_records = 0;  // records the reader could not tokenise
  std::string first_unreadable;     // its message, "line L: ..."

  // Timestamps of the column chosen for the timestamp role, read as ingest will.
  std::string epoch_unit;       // "s" | "ms" | "us" | "ns" when the values are epoch numbers
  bool slash_dates = false;     // spreadsheet dates (3/1/2024): the day/month order matters
  std::string date_order;       // "mdy" | "dmy" once decided (given, or proven by a value)
  bool date_order_ambiguous = false;  // slash dates that no sampled value decides
  uint64_t timestamps_parsed = 0;     // sampled values that parse
  uint64_t timestamps_sampled = 0;    // non-empty sampled values

  // A warehouse's day-count file (docs/aggregates.md, "CSV form"): ingest reads it as day counts
  // whatever the kind and mapping (session/input_ingest.hpp), so it has no roles to map.
  bool day_counts = false;

  std::vector<std::string> notices;  // one sentence each: encoding, delimiter, wrapper, envelopes
  std::string problem;  // why nothing can be read (compressed, empty, no rows); "" otherwise
};

struct InspectOptions {
  std::optional<FileKind> kind;  // unset: the guessed kind
  FileOptions file;              // format, mapping (roles, epoch unit, date order); kind ignored
  bool complete = false;         // the head is the whole file (else its last line may be cut)
};

// `head`: the first bytes of one file (the dashboard sends 256 KiB), decompressed.
FileInspection inspect_file_head(std::string_view head, const InspectOptions& options);

}  // namespace pqlscope
