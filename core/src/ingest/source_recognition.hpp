// Recognises the tool a file was exported from by the fields of its first records, and says
// what that tool's export means for each role: which column to read first, how a row counts.
// Each recognised source is written from the tool's public export documentation; docs/ingest.md
// lists them. Private to ingest.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "column_sampling.hpp"

namespace pqlscope {

// How a timestamp column's numbers are to be read when the source documents their unit.
enum class EpochScale : uint8_t { as_parsed, microseconds, nanoseconds };

struct SourceProfile {
  std::string id;      // stable: "snowplow", "ga4", "segment_tracks", ... ("" when none)
  std::string name;    // "Snowplow atomic events"
  std::string reason;  // "fields event_name, collector_tstamp, domain_userid"
  // role -> the source's own columns for it, tried before the generic candidates. An empty
  // list means that no column fills the role in this source (a pages table has no event name).
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> candidates;
  // A Segment-style call type that every row has (warehouse tables hold one call type each):
  // "group" (rows map user -> account), "identify" (rows are not events), "page", "screen".
  std::string row_type;
  EpochScale timestamp_scale = EpochScale::as_parsed;
  std::string row_rule;  // how a row counts, when not as one event (Pendo's num_events)
};

SourceProfile recognise_source(const SampleTable& sample);

// The text a numeric timestamp is parsed from under `scale`: digits beyond milliseconds are
// cut (toward the earlier millisecond, as the parser does with fractions). Other text as is.
std::string_view scaled_epoch(std::string_view text, EpochScale scale, std::string& buffer);

}  // namespace pqlscope
