// The bundled example (examples/data, examples/model.json) ingested and scored the way the
// CLI's `score` reads it: one loader for the tests that compare two paths on real-shaped data.
#pragma once

#include <string>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report.hpp"
#include "support/files.hpp"

namespace pqlscope::testing {

inline std::string example_path(const std::string& name) {
  return std::string(PQLSCOPE_SOURCE_DIR) + "/examples/" + name;
}

// Events and accounts; with_communications adds the communications file.
inline Aggregates example_aggregates(bool with_communications = false) {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed(read_whole_file(example_path("data/events.csv")));
  ingest.begin_file("accounts.csv", FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
  ingest.feed(read_whole_file(example_path("data/accounts.csv")));
  if (with_communications) {
    ingest.begin_file("communications.csv", FileOptions{FileKind::communications, InputFormat::auto_detect, {}});
    ingest.feed(read_whole_file(example_path("data/communications.csv")));
  }
  return ingest.finish();
}

inline Model example_model() { return parse_model(read_whole_file(example_path("model.json"))); }

struct ScoredExample {
  Aggregates aggregates;
  Model model;
  ScoreResult result;
};

inline ScoredExample scored_example(bool with_communications = false) {
  ScoredExample s{example_aggregates(with_communications), example_model(), {}};
  s.result = score(s.aggregates, s.model);
  return s;
}

}  // namespace pqlscope::testing
