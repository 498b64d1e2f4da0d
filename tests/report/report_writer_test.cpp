// The streamed report text must be the same bytes as the one-DOM build_report() text, whatever
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

namespace pqlscope {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Scored {
  Aggregates aggregates;
  Model model;
  ScoreResult result;
};

Scored example() {
  const std::string dir = std::string(PQLSCOPE_SOURCE_DIR) + "/examples/";
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed(slurp(dir + "data/events.csv"));
  ingest.begin_file("accounts.csv", FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
  ingest.feed(slurp(dir + "data/accounts.csv"));
  ingest.begin_file("communications.csv", FileOptions{FileKind::communications, InputFormat::auto_detect, {}});
  ingest.feed(slurp(dir + "data/communications.csv"));
  Scored s{ingest.finish(), parse_model(slurp(dir + "model.json")), {}};
  s.result = score(s.aggregates, s.model);
  return s;
}

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
  for (bool users : {false, true}) {
    ReportOptions options;
    options.include_users = users;
    const std::string whole = report_to_string(build_report(s.aggregates, s.model, s.result, options));
    for (size_t batch : {1, 7, 256, 100000}) {
      EXPECT_TRUE(streamed(s, options, batch) == whole) << "users " << users << ", batch " << batch;
    }
    EXPECT_TRUE(report_text(s.aggregates, s.model, s.result, options) == whole);
    std::ostringstream out;
    write_report(out, s.aggregates, s.model, s.result, options);
    EXPECT_TRUE(out.str() == whole);
  }
}

TEST(ReportWriter, ExtraMembersComeLastAsInTheDocument) {
  const Scored s = example();
  ReportOptions options;
  options.include_users = false;
  nlohmann::ordered_json extra;
  extra["calibration"] = {{"auc", 0.75}, {"note", "line\nbreak \"quoted\""}};
  auto whole = build_report(s.aggregates, s.model, s.result, options);
  whole["calibration"] = extra["calibration"];
  EXPECT_TRUE(streamed(s, options, 50, extra) == report_to_string(whole));
}

TEST(ReportWriter, EmptyDatasetGivesEmptyArrays) {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n");
  Scored s{ingest.finish(), parse_model("{}"), {}};
  s.result = score(s.aggregates, s.model);
  ASSERT_EQ(s.aggregates.accounts.size(), 0u);
  const std::string whole = report_to_string(build_report(s.aggregates, s.model, s.result));
  ASSERT_NE(whole.find("\"accounts\": []"), std::string::npos);
  ASSERT_NE(whole.find("\"users\": []"), std::string::npos);
  EXPECT_TRUE(report_text(s.aggregates, s.model, s.result) == whole) << report_text(s.aggregates, s.model, s.result);
}

}  // namespace
}  // namespace pqlscope
