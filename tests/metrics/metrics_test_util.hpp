// Helpers for the metrics tests: ingest small CSV texts and build models by hand.
#pragma once

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/ingestor.hpp"

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope::metrics_test {

// Events CSV: "timestamp,account_id,user_id,event" rows (the header is added).
inline Aggregates events(std::string_view csv_rows, std::string_view accounts_csv = {}) {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n");
  ingest.feed(csv_rows);
  ingest.end_file();
  if (!accounts_csv.empty()) {
    ingest.begin_file("accounts.csv", {.kind = FileKind::accounts});
    ingest.feed(accounts_csv);
    ingest.end_file();
  }
  return ingest.finish();
}

inline uint32_t user_index(const Aggregates& a, std::string_view id) {
  for (uint32_t i = 0; i < a.users.size(); ++i) {
    if (a.users[i].id == id) return i;
  }
  return UINT32_MAX;
}

// "YYYY-MM-DDT12:MM:SSZ" of a day number; `second` (0..3599) keeps rows distinct, because
// ingest drops exact duplicate events.
inline std::string at(int32_t day, int second = 0) {
  auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
  return format_day(day) + "T12:" + two(second / 60) + ":" + two(second % 60) + "Z";
}

// n event rows, one second apart.
inline std::string rows(int32_t day, std::string_view account, std::string_view user, std::string_view event,
                        int n = 1) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += at(day, i);
    out += ',';
    out += account;
    out += ',';
    out += user;
    out += ',';
    out += event;
    out += '\n';
  }
  return out;
}

inline ActivationStep step(std::string id, StepLevel level, std::vector<std::string> events, int min_count = 1,
                           int min_users = 1) {
  ActivationStep s;
  s.id = id;
  s.label = std::move(id);
  s.level = level;
  s.events = std::move(events);
  s.min_count = min_count;
  s.min_users = min_users;
  return s;
}

inline Feature feature(std::string id, std::vector<std::string> events) {
  Feature f;
  f.id = id;
  f.label = std::move(id);
  f.events = std::move(events);
  return f;
}

}  // namespace pqlscope::metrics_test
