// Snowplow's enriched events as the pipeline writes them: tab-separated, no header, 131 fields
// in a fixed, documented order (Snowplow's "Enriched stream TSV file format" page lists them by
// index, 0 app_id ... 130 true_tstamp). A file of such lines is recognised by its shape and read
// with those names as its header. Private to ingest.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pqlscope {

// The 131 field names, in their documented order.
const std::vector<std::string>& snowplow_enriched_columns();

// Whether a first line with no header is an enriched event: exactly 131 fields, a documented
// platform code, a collector_tstamp that parses as a timestamp and an event_id that is a UUID.
// A header line (field 3 reads "collector_tstamp") never is.
bool looks_like_snowplow_enriched(const std::vector<std::string_view>& fields);

}  // namespace pqlscope
