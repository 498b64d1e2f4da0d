// The report written as bytes (ReportWriter, JsonWriter) against the independent DOM build
// (build_report(), nlohmann): the same JSON value, parsed back, and the same bytes as nlohmann's
// dump, compact and pretty, with users, for the bundled example under its model and the
// starter-like empty model, and for every event file of the fuzz corpus (real export shapes:
// Segment, Mixpanel, Amplitude, PostHog, Singer, Airbyte, Excel CSVs, bad UTF-8, ...).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_writer.hpp"
#include "support/files.hpp"

namespace pqlscope {
namespace {

using ojson = nlohmann::ordered_json;

using pqlscope::testing::read_whole_file;

const std::filesystem::path kSource = PQLSCOPE_SOURCE_DIR;

// Bytes and value of the written report equal the DOM's, in both forms.
void expect_same_as_dom(const Aggregates& a, const Model& model, const std::string& what) {
  const ScoreResult result = score(a, model);
  for (bool pretty : {false, true}) {
    ReportOptions options;
    options.pretty = pretty;
    // 3: a cut inside the contribution lists; 10: the default.
    for (size_t contributions : {size_t{3}, size_t{10}}) {
      options.max_contributions = contributions;
      const ojson dom = build_report(a, model, result, options);
      const std::string written = report_text(a, model, result, options);
      EXPECT_EQ(ojson::parse(written), dom) << what << ": a different value";
      EXPECT_TRUE(written == report_to_string(dom, pretty)) << what << ": different bytes, pretty " << pretty;
    }
  }
}

TEST(ReportBytes, BundledExampleWithUsersIsTheDomsValue) {
  const std::filesystem::path dir = kSource / "examples";
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed(read_whole_file(dir / "data/events.csv"));
  ingest.begin_file("accounts.csv", FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
  ingest.feed(read_whole_file(dir / "data/accounts.csv"));
  ingest.begin_file("communications.csv", FileOptions{FileKind::communications, InputFormat::auto_detect, {}});
  ingest.feed(read_whole_file(dir / "data/communications.csv"));
  const Aggregates a = ingest.finish();
  ASSERT_GT(a.users.size(), 100u);
  expect_same_as_dom(a, parse_model(read_whole_file(dir / "model.json")), "example, its model");
  expect_same_as_dom(a, parse_model("{}"), "example, empty model");
}

// Instants and days are formatted by hand in the byte writer (a day cache and the time of day):
// the DOM's format_millis() text for times around the epoch, leap days and far years.
TEST(ReportBytes, InstantsAndDaysAreTheDomsText) {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed(
      "timestamp,account_id,user_id,event\n"
      "1969-12-31T23:59:59.999Z,a1,u1,login\n"
      "1970-01-01T00:00:00.000Z,a2,u2,login\n"
      "2000-02-29T12:34:56.789Z,a3,u3,login\n"
      "2024-12-31T23:59:59.001Z,a4,u4,login\n"
      "2024-06-01T09:05:07.050Z,a4,u5,report\n"
      "1900-03-01T00:00:00.010Z,a5,u6,login\n");
  const Aggregates a = ingest.finish();
  ASSERT_GE(a.report.events, 4u);  // the ingest may reject implausibly old years
  expect_same_as_dom(a, parse_model("{}"), "odd instants");
  const std::string text = report_text(a, parse_model("{}"), score(a, parse_model("{}")));
  EXPECT_NE(text.find("\"first_event_at\":\"2000-02-29T12:34:56.789Z\""), std::string::npos);
  EXPECT_NE(text.find("\"first_event_at\":\"1970-01-01T00:00:00.000Z\""), std::string::npos);
}

TEST(ReportBytes, EveryCorpusEventFileIsTheDomsValue) {
  size_t compared = 0;
  const Model model = parse_model(read_whole_file(kSource / "examples/model.json"));
  for (const char* folder : {"fuzz/corpus/csv", "fuzz/corpus/json"}) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(kSource / folder)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      Ingestor ingest;
      ingest.begin_file(path.filename().string());
      Aggregates a;
      try {
        ingest.feed(read_whole_file(path));
        a = ingest.finish();
      } catch (const std::exception&) {
        continue;  // a corpus case that is rejected as a whole: no report to compare
      }
      if (a.report.events == 0) continue;
      expect_same_as_dom(a, model, path.filename().string());
      expect_same_as_dom(a, parse_model("{}"), path.filename().string() + ", empty model");
      ++compared;
    }
  }
  // Most corpus files are readable exports; a regression that rejects them all must not pass.
  EXPECT_GE(compared, 10u);
}

}  // namespace
}  // namespace pqlscope
