// Golden files for the bundled example: the JSON report (without the per-user section, to
// keep the file reviewable) and the accounts CSV, scored with examples/model.json.
//
// Checked by hand once (2026-11-22) against an independent Python computation from the raw
// events.csv: the latest window is 2026-06-24..2026-06-30; 137 accounts have a non-zero raw
// score; their nearest-rank P90 is 44; acc_00001 raw 43 -> 97.7273, acc_00002 raw 199 -> 100,
// acc_00004 raw 24 -> 54.5455; acc_00004's five account steps have counts 5, 4, 5, 3, 2 against
// minimums 1, 1, 1, 2, 1 -> 100% activated. Personas: each of the 51 planted trial accounts of
// examples/data/planted_personas.csv carries its planted persona in the report (51/51, 50/51 since
// issue 16: see below); the
// forecast total 797505 is the sum of the seven persona rows. The same test runs in the WASM build, so it also
// proves that native and WASM produce byte-identical reports.
//
// Issue 18 (2026-12-01) changed only orders and one CSV column, checked by a script comparing
// the old and new files field by field: ties in segment lists and contribution lists now go by
// id / event name (same members, values and reasons), the CSV's `pql` is the PQL list (51 yes,
// the size of the `pql` segment; it said yes for 139) and `meets_pql_criteria` holds the old
// column (139 yes).
//
// Issue 16 (2026-12-02), checked by a script against the old files and by hand: every account
// gains `priority` (acc_00107: activation 0, engagement 0, no trend, mid: (15 x 50 + 15 x 50) /
// 100 = 15), the CSV gains priority / invite_bursts / champions (the example model names no
// invite events: empty), an empty `invite_burst` segment and two empty user segments appear;
// not_converted_30 / 60 / 90 grow 4 -> 13, 0 -> 6, 0 -> 2 (trials ended 1-90 days ago with
// activation >= 60 %, recomputed from the report's own rates, stages and trial ends), and
// acc_00296 and acc_00299 (Golden Lead cell, no user added during the trial) become Silent
// Successes: forecast 797505 - (5800 + 12700) x (0.90 - 0.75) = 794730.
//
// Issue 15 (2026-12-02), checked by a script against the issue-16 files: every account gains
// `conversion_probability` and the CSV a `conversion_probability` column after
// `persona_probability`; examples/model.json has no `calibration`, so for all 300 accounts it
// equals the persona's probability (null / empty without a persona) and nothing else changes.
//
// Issue 16, paid checklists and invite events (2026-12-02), checked by a script against the
// previous files: every account's activation gains `"checklist": "trial"` (examples/model.json
// has no paid_steps) and the CSV an `activation_checklist` column (all `trial`); the head's
// `model` lists the checklist (`steps`, `paid_steps`: null); examples/model.json now names
// `user_invited` in signals.invite_events, so `champions` holds 24 users (23 accounts' CSV
// cells), exactly the users with engagement >= 70 and >= 1 user_invited event in 2026-06-01 ..
// 2026-06-30, counted independently with Python from events.csv; no user sent 10 invites in
// one day of the last week, so invite_burst stays empty. Nothing else changes.
//
// After an intended change of the report: PQLSCOPE_UPDATE_GOLDEN=1 ./pqlscope_tests
// --gtest_filter='GoldenReport*', then review the diff before committing it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_writer.hpp"
#include "support/files.hpp"

namespace pqlscope {
namespace {

using pqlscope::testing::read_whole_file;

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(PQLSCOPE_SOURCE_DIR) + "/tests/golden/" + name;
  const char* update = std::getenv("PQLSCOPE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  const std::string expected = read_whole_file(path);
  ASSERT_EQ(actual.size(), expected.size()) << name << " differs in size";
  EXPECT_TRUE(actual == expected) << name << " differs from the golden file";
}

TEST(GoldenReport, BundledExampleScoresToTheCheckedReport) {
  const std::string dir = std::string(PQLSCOPE_SOURCE_DIR) + "/examples/";
  Ingestor ingest;
  ingest.begin_file("examples/data/events.csv");
  ingest.feed(read_whole_file(dir + "data/events.csv"));
  ingest.begin_file("examples/data/accounts.csv", FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
  ingest.feed(read_whole_file(dir + "data/accounts.csv"));
  ingest.begin_file("examples/data/communications.csv", FileOptions{FileKind::communications, InputFormat::auto_detect, {}});
  ingest.feed(read_whole_file(dir + "data/communications.csv"));
  const Aggregates aggregates = ingest.finish();
  ASSERT_EQ(aggregates.report.rejected, 0u);
  const Model model = parse_model(read_whole_file(dir + "model.json"));
  const ScoreResult result = score(aggregates, model);
  ReportOptions options;
  options.include_users = false;
  options.pretty = true;  // the golden file is for people to review
  // The history section is checked against re-scoring at each point (tests/metrics/history_test.cpp),
  // not against a file this code would have written.
  options.include_history = false;
  // The report as the CLI writes it (bytes, no DOM) and the DOM build it is checked against.
  check_golden("example-report.json", report_text(aggregates, model, result, options));
  check_golden("example-report.json", report_to_string(build_report(aggregates, model, result, options), true));
  check_golden("example-accounts.csv", accounts_csv(aggregates, model, result));
}

}  // namespace
}  // namespace pqlscope
