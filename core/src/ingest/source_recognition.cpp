#include "source_recognition.hpp"

#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {

SourceProfile profile(std::string id, std::string name, std::string reason) {
  SourceProfile p;
  p.id = std::move(id);
  p.name = std::move(name);
  p.reason = std::move(reason);
  return p;
}

class Fields {
 public:
  explicit Fields(const SampleTable& sample) : sample_(sample) {}
  bool has(std::string_view path) const { return sample_.find(path) != nullptr; }
  // Present with at least one value in the sample.
  bool filled(std::string_view path) const {
    const SampleField* f = sample_.find(path);
    return f != nullptr && f->non_empty > 0;
  }
  bool any(std::initializer_list<std::string_view> paths) const {
    for (std::string_view p : paths) {
      if (has(p)) return true;
    }
    return false;
  }
  // Some sampled value of `path` starts with `prefix` (case-insensitively).
  bool value_starts(std::string_view path, std::string_view prefix) const {
    const SampleField* f = sample_.find(path);
    if (f == nullptr) return false;
    for (const std::string& v : f->values) {
      if (v.size() >= prefix.size() && iequals(std::string_view(v).substr(0, prefix.size()), prefix)) return true;
    }
    return false;
  }

 private:
  const SampleTable& sample_;
};

std::string list(std::initializer_list<std::string_view> names, const Fields& fields) {
  std::string out;
  for (std::string_view n : names) {
    if (!fields.has(n)) continue;
    out += (out.empty() ? "" : ", ") + std::string(n);
  }
  return "fields " + out;
}

SourceProfile snowplow(const Fields& f) {
  SourceProfile p = profile("snowplow", "Snowplow atomic events",
                  list({"event_name", "event", "collector_tstamp", "derived_tstamp", "domain_userid", "event_id"}, f));
  // `event` is the event type (page_view, unstruct, struct); the name is `event_name`.
  p.candidates = {{"event", {"event_name"}},
                  {"timestamp", {"derived_tstamp", "collector_tstamp", "dvce_created_tstamp"}},
                  {"user", {"user_id", "domain_userid", "network_userid"}},
                  {"message_id", {"event_id"}}};
  return p;
}

SourceProfile ga4(const Fields& f) {
  SourceProfile p = profile("ga4", "Google Analytics 4 BigQuery export",
                  list({"event_name", "event_timestamp", "event_date", "user_pseudo_id"}, f));
  p.candidates = {{"event", {"event_name"}},
                  {"timestamp", {"event_timestamp"}},
                  {"user", {"user_id", "user_pseudo_id"}}};
  // event_timestamp is INT64 microseconds since the epoch (GA4 export schema).
  p.timestamp_scale = EpochScale::microseconds;
  return p;
}

SourceProfile pendo(const Fields& f) {
  SourceProfile p = profile("pendo", "Pendo event rollups",
                  list({"visitor_id", "account_id", "feature_id", "page_id", "track_type_id", "num_events"}, f));
  p.candidates = {{"event", {"feature_id", "page_id", "track_type_id", "guide_id"}},
                  {"user", {"visitor_id"}},
                  {"account", {"account_id"}},
                  {"timestamp", {"timestamp", "hour", "day"}},
                  {"count", {"num_events"}}};
  p.row_rule = "a row is one visitor's hourly rollup: it counts as num_events events at its hour";
  return p;
}

SourceProfile heap(const Fields& f) {
  SourceProfile p = profile("heap", "Heap Connect events",
                  list({"event_table_name", "event_name", "event_id", "session_id", "user_id", "time"}, f));
  p.candidates = {{"event", {"event_table_name", "event_name"}},
                  {"timestamp", {"time"}},
                  {"user", {"user_id"}},
                  {"message_id", {"event_id"}}};
  return p;
}

// Segment and RudderStack warehouse tables share one layout: snake_case columns, one table per
// call type. RudderStack adds context_source_id / context_destination_id / channel.
SourceProfile warehouse_table(const Fields& f) {
  const bool rudder = f.any({"context_source_id", "context_destination_id", "context_request_ip"}) ||
                      f.value_starts("context_library_name", "Rudder");
  const std::string tool = rudder ? "rudderstack" : "segment";
  const std::string tool_name = rudder ? "RudderStack" : "Segment";
  SourceProfile p;
  p.reason = list({"received_at", "uuid_ts", "original_timestamp", "sent_at", "anonymous_id", "event",
                   "event_text", "group_id", "context_source_id", "context_destination_id"}, f);
  if (rudder && f.value_starts("context_library_name", "Rudder")) p.reason += "; context_library_name RudderStack";
  p.candidates = {{"timestamp", {"timestamp", "original_timestamp", "received_at"}},
                  {"user", {"user_id", "anonymous_id"}},
                  {"account", {"group_id", "context_group_id"}},
                  {"message_id", {"id", "message_id"}},
                  // event_text is the name as sent ("Order Completed"); event is its slug.
                  {"event", {"event_text", "event"}}};
  if (f.filled("event") || f.filled("event_text")) {
    p.id = tool + "_tracks";
    p.name = tool_name + " tracks table";
  } else if (f.has("group_id")) {
    p.id = tool + "_groups";
    p.name = tool_name + " groups table";
    p.row_type = "group";
    p.row_rule = "a row is a group call: its user belongs to its group (the account); not an event";
  } else if (f.any({"url", "path", "context_page_path", "referrer", "title"})) {
    p.id = tool + "_pages";
    p.name = tool_name + " pages table";
    p.row_type = "page";
    p.row_rule = "a row is a page call: it counts as one page_viewed event";
  } else if (f.any({"context_screen_width", "context_device_type"}) && f.has("name")) {
    p.id = tool + "_screens";
    p.name = tool_name + " screens table";
    p.row_type = "screen";
    p.row_rule = "a row is a screen call: it counts as one screen_viewed event";
  } else {
    p.id = tool + "_identifies";
    p.name = tool_name + " identifies table";
    p.row_type = "identify";
    p.row_rule = "a row is an identify call: it names a user, it is not an event (skipped)";
  }
  if (!p.row_type.empty()) {
    // `name` is the page's (or group's, or user's) name, not an event name: no column fills
    // the event role; the row type decides what a row is.
    for (auto& entry : p.candidates) {
      if (entry.first == "event") entry.second.clear();
    }
  }
  return p;
}

}  // namespace

SourceProfile recognise_source(const SampleTable& sample) {
  const Fields f(sample);
  if (f.has("event_name") && f.any({"collector_tstamp", "derived_tstamp", "domain_userid", "dvce_created_tstamp"})) {
    return snowplow(f);
  }
  if (f.has("event_timestamp") && f.any({"user_pseudo_id", "event_date", "event_bundle_sequence_id"})) return ga4(f);
  if (f.has("visitor_id") && f.any({"num_events", "feature_id", "page_id", "track_type_id"})) return pendo(f);
  if (f.has("event_table_name") ||
      (f.has("session_id") && f.has("event_id") && f.has("time") && f.any({"heap_previous_page", "landing_page", "library"}))) {
    return heap(f);
  }
  if (f.has("received_at") && f.any({"uuid_ts", "original_timestamp", "anonymous_id", "sent_at"})) {
    return warehouse_table(f);
  }
  // JSON calls (Segment / RudderStack HTTP or S3 logs): camelCase.
  if (f.has("type") && f.any({"messageId", "anonymousId", "originalTimestamp", "receivedAt", "sentAt"})) {
    const bool rudder = f.has("rudderId") || f.value_starts("context.library.name", "Rudder");
    SourceProfile p = profile(rudder ? "rudderstack_calls" : "segment_calls",
                    rudder ? "RudderStack calls" : "Segment calls",
                    list({"type", "messageId", "userId", "anonymousId", "originalTimestamp", "receivedAt", "rudderId"}, f));
    p.candidates = {{"timestamp", {"timestamp", "originalTimestamp", "receivedAt"}},
                    {"user", {"userId", "anonymousId"}},
                    {"account", {"groupId", "context.groupId", "context.traits.groupId"}}};
    return p;
  }
  if (f.has("event") && f.any({"properties.distinct_id", "properties.$insert_id", "properties.mp_processing_time_ms"}) &&
      f.has("properties.time")) {
    SourceProfile p = profile("mixpanel", "Mixpanel raw export",
                    list({"event", "properties.time", "properties.distinct_id", "properties.$insert_id"}, f));
    p.candidates = {{"timestamp", {"properties.time"}},
                    {"user", {"properties.distinct_id"}},
                    {"message_id", {"properties.$insert_id"}}};
    return p;
  }
  if (f.has("event_type") && f.any({"amplitude_id", "event_time", "device_id", "server_upload_time"})) {
    SourceProfile p = profile("amplitude", sample.csv() ? "Amplitude events table" : "Amplitude export",
                    list({"event_type", "event_time", "user_id", "device_id", "amplitude_id", "uuid", "$insert_id"}, f));
    p.candidates = {{"timestamp", {"event_time", "client_event_time", "server_upload_time"}},
                    {"user", {"user_id", "device_id", "amplitude_id"}},
                    {"account", {"groups.company", "groups.account", "groups.organization", "groups.workspace"}},
                    {"message_id", {"$insert_id", "insert_id", "uuid"}}};
    return p;
  }
  if (f.has("event") && f.has("distinct_id") && f.any({"uuid", "person_id", "elements_chain", "team_id"})) {
    SourceProfile p = profile("posthog", "PostHog events", list({"uuid", "event", "distinct_id", "person_id", "timestamp", "properties"}, f));
    p.candidates = {{"timestamp", {"timestamp"}},
                    {"user", {"distinct_id", "person_id"}},
                    {"account", {"properties.$groups.company", "$groups.company", "properties.$groups.account",
                                 "properties.$groups.organization", "properties.$groups.workspace"}},
                    {"message_id", {"uuid"}}};
    return p;
  }
  // Mixpanel as its schematized export pipeline or a connector lands it: one row per event,
  // lower-case columns, `$` properties prefixed `mp_`, the name in `mp_event_name` (single
  // table), `time` in epoch seconds.
  if (f.has("distinct_id") && f.has("time") && f.any({"mp_event_name", "name", "event_name", "event"}) &&
      f.any({"mp_insert_id", "mp_processing_time_ms", "mp_lib", "insert_id", "_fivetran_id"})) {
    SourceProfile p = profile("mixpanel_table", "Mixpanel events table",
                              list({"mp_event_name", "name", "event_name", "time", "distinct_id", "mp_insert_id",
                                    "mp_processing_time_ms"}, f));
    p.candidates = {{"event", {"mp_event_name", "event_name", "name", "event"}},
                    {"timestamp", {"time"}},
                    {"user", {"distinct_id"}},
                    {"message_id", {"mp_insert_id", "insert_id", "_fivetran_id"}}};
    return p;
  }
  return {};
}

std::string_view scaled_epoch(std::string_view text, EpochScale scale, std::string& buffer) {
  if (scale == EpochScale::as_parsed) return text;
  const std::string_view t = trim(text);
  const size_t cut = scale == EpochScale::microseconds ? 3 : 6;
  if (t.size() <= cut) return text;
  for (char c : t) {
    if (c < '0' || c > '9') return text;
  }
  buffer.assign(t.substr(0, t.size() - cut));
  return buffer;
}

}  // namespace pqlscope
