// The streamed report text, written as bytes, must be the same bytes as nlohmann's dump of the
// one-DOM build_report() (an independent build of the same value), compact and pretty, whatever
// the batch size, with or without users and extra members, and for an empty dataset.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_writer.hpp"
#include "support/example_data.hpp"
#include "support/files.hpp"

namespace pqlscope {
namespace {

using pqlscope::testing::read_whole_file;

using Scored = pqlscope::testing::ScoredExample;
Scored example() { return pqlscope::testing::scored_example(/*with_communications=*/true); }

std::string streamed(const Scored& s, const ReportOptions& options, size_t batch,
                     const nlohmann::ordered_json& extra = nlohmann::ordered_json::object()) {
  ReportWriter writer(s.aggregates, s.model, s.result, options, extra);
  std::string text;
  size_t pieces = 0;
  while (writer.next(text, batch)) ++pieces;
  EXPECT_GT(pieces, 2u);
  EXPECT_FALSE(writer.next(text, batch)) << "a finished writer stays finished";
  return text;
}

TEST(ReportWriter, StreamedTextEqualsTheWholeDocumentForEveryBatchSize) {
  const Scored s = example();
  ASSERT_GT(s.aggregates.accounts.size(), 100u);
  for (bool pretty : {false, true}) {
    for (bool users : {false, true}) {
      ReportOptions options;
      options.include_users = users;
      options.pretty = pretty;
      const std::string whole = report_to_string(build_report(s.aggregates, s.model, s.result, options), pretty);
      for (size_t batch : {1, 7, 256, 100000}) {
        EXPECT_TRUE(streamed(s, options, batch) == whole) << "pretty " << pretty << ", users " << users << ", batch " << batch;
      }
      EXPECT_TRUE(report_text(s.aggregates, s.model, s.result, options) == whole);
      std::ostringstream out;
      write_report(out, s.aggregates, s.model, s.result, options);
      EXPECT_TRUE(out.str() == whole);
    }
  }
}

TEST(ReportWriter, CompactIsOneLineByDefaultAndPrettyIndentsByTwo) {
  const Scored s = example();
  ReportOptions options;
  options.include_users = false;
  const std::string compact = report_text(s.aggregates, s.model, s.result, options);
  EXPECT_EQ(compact.find('\n'), compact.size() - 1) << "one line, newline at the end";
  EXPECT_EQ(compact.rfind("{\"report\":\"pqlscope-report\",\"version\":1,", 0), 0u);
  options.pretty = true;
  const std::string pretty = report_text(s.aggregates, s.model, s.result, options);
  EXPECT_EQ(pretty.rfind("{\n  \"report\": \"pqlscope-report\",\n  \"version\": 1,\n", 0), 0u);
  EXPECT_EQ(nlohmann::ordered_json::parse(pretty), nlohmann::ordered_json::parse(compact));
}

TEST(ReportWriter, ExtraMembersComeLastAsInTheDocument) {
  const Scored s = example();
  for (bool pretty : {false, true}) {
    ReportOptions options;
    options.include_users = false;
    options.pretty = pretty;
    nlohmann::ordered_json extra;
    extra["calibration"] = {{"auc", 0.75}, {"note", "line\nbreak \"quoted\""}, {"rows", {1, 2}}};
    auto whole = build_report(s.aggregates, s.model, s.result, options);
    whole["calibration"] = extra["calibration"];
    EXPECT_TRUE(streamed(s, options, 50, extra) == report_to_string(whole, pretty)) << "pretty " << pretty;
  }
}

TEST(ReportWriter, EmptyDatasetGivesEmptyArrays) {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n");
  Scored s{ingest.finish(), parse_model("{}"), {}};
  s.result = score(s.aggregates, s.model);
  ASSERT_EQ(s.aggregates.accounts.size(), 0u);
  for (bool pretty : {false, true}) {
    ReportOptions options;
    options.pretty = pretty;
    const std::string whole = report_to_string(build_report(s.aggregates, s.model, s.result), pretty);
    ASSERT_NE(whole.find(pretty ? "\"accounts\": []" : "\"accounts\":[]"), std::string::npos);
    ASSERT_NE(whole.find(pretty ? "\"users\": []" : "\"users\":[]"), std::string::npos);
    const std::string text = report_text(s.aggregates, s.model, s.result, options);
    EXPECT_TRUE(text == whole) << text;
  }
}

}  // namespace
}  // namespace pqlscope
