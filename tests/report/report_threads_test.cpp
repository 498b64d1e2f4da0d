// The report's accounts and users rendered on threads (ReportOptions::threads): each batch by its
// own JsonWriter continuing the array, appended in order (or handed over after the piece, as
// write_report writes them). The text must be the bytes of the
// one-DOM build_report() dumped by nlohmann (an independent serializer of the same value) for
// every thread count and batch size, compact and pretty, and a continued writer must place
// separators and indentation as one writer does.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/batch_share.hpp"
#include "pqlscope/report/json_writer.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_writer.hpp"
#include "support/example_data.hpp"
#include "support/files.hpp"

namespace pqlscope {
namespace {

using ojson = nlohmann::ordered_json;
using pqlscope::testing::read_whole_file;

using Scored = pqlscope::testing::ScoredExample;
Scored example() { return pqlscope::testing::scored_example(); }

TEST(ReportThreads, SameBytesForEveryThreadCountAndBatchSize) {
  const Scored s = example();
  ASSERT_GT(s.aggregates.accounts.size(), 100u);
  ASSERT_GT(s.aggregates.users.size(), s.aggregates.accounts.size());
  for (bool pretty : {false, true}) {
    ReportOptions options;
    options.pretty = pretty;
    const std::string whole = report_to_string(build_report(s.aggregates, s.model, s.result, options), pretty);
    for (unsigned threads : {1u, 2u, 3u, 5u}) {
      options.threads = threads;
      for (size_t batch : {1, 7, 1000}) {
        ReportWriter writer(s.aggregates, s.model, s.result, options);
        std::string text;
        size_t pieces = 0;
        while (writer.next(text, batch)) ++pieces;
        EXPECT_GT(pieces, 2u);
        EXPECT_TRUE(text == whole) << "pretty " << pretty << ", threads " << threads << ", batch " << batch;
        // As write_report reads it: each piece, then the batches it hands over, in order.
        ReportWriter handing(s.aggregates, s.model, s.result, options);
        handing.hand_over_rendered_texts();
        std::string assembled, piece;
        size_t handed_over = 0;
        while (handing.next(piece, batch)) {
          assembled += piece;
          piece.clear();
          for (const std::string& after : handing.rendered_after()) {
            assembled += after;
            ++handed_over;
          }
        }
        if (threads > 1 && batch < 1000) EXPECT_GT(handed_over, 0u);
        EXPECT_TRUE(assembled == whole) << "handed over, pretty " << pretty << ", threads " << threads << ", batch " << batch;
      }
      std::ostringstream out;
      write_report(out, s.aggregates, s.model, s.result, options);
      EXPECT_TRUE(out.str() == whole) << "write_report, pretty " << pretty << ", threads " << threads;
    }
  }
}

#ifndef __EMSCRIPTEN__  // threads to start: natively only (the WebAssembly build has none)
// The same with helper threads that stay for the whole report (ReportOptions::batch_share, as
// write_report_on_threads runs them): the writer writes its own batches and the helpers' in order.
TEST(ReportThreads, SameBytesWithHelpersThatStayForTheWholeReport) {
  const Scored s = example();
  for (bool pretty : {false, true}) {
    ReportOptions options;
    options.pretty = pretty;
    const std::string whole = report_to_string(build_report(s.aggregates, s.model, s.result, options), pretty);
    for (unsigned helpers : {1u, 3u}) {
      for (size_t batch : {1, 7, 1000}) {
        for (bool hand_over : {false, true}) {
          BatchShare share;
          options.batch_share = &share;
          std::vector<std::thread> threads;
          for (unsigned h = 0; h < helpers; ++h) threads.emplace_back([&] { share.help(); });
          std::string assembled, piece;
          {
            ReportWriter writer(s.aggregates, s.model, s.result, options);
            if (hand_over) writer.hand_over_rendered_texts();
            while (writer.next(piece, batch)) {
              assembled += piece;
              piece.clear();
              for (const std::string& after : writer.rendered_after()) assembled += after;
            }
          }  // the writer stops the helpers
          for (std::thread& t : threads) t.join();
          EXPECT_TRUE(assembled == whole) << "pretty " << pretty << ", helpers " << helpers << ", batch " << batch
                                          << ", handed over " << hand_over;
        }
      }
    }
  }
}

#endif

TEST(ReportThreads, EmptyListsOnThreads) {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n");
  Scored s{ingest.finish(), parse_model("{}"), {}};
  s.result = score(s.aggregates, s.model);
  for (bool pretty : {false, true}) {
    ReportOptions options;
    options.pretty = pretty;
    options.threads = 3;
    const std::string whole = report_to_string(build_report(s.aggregates, s.model, s.result, options), pretty);
    EXPECT_TRUE(report_text(s.aggregates, s.model, s.result, options) == whole);
  }
}

// An array of objects written by one writer in part and by continued writers for the rest,
// their texts appended in order: nlohmann's dump of the same array.
TEST(ReportThreads, ContinuedWritersPlaceSeparatorsAndIndentation) {
  ojson expected = ojson::object();
  expected["before"] = 1;
  expected["list"] = ojson::array();
  for (int i = 0; i < 7; ++i) expected["list"].push_back(ojson{{"i", i}, {"tags", ojson::array({"a", "b"})}});
  expected["after"] = ojson::array();
  auto element = [](JsonWriter& w, int i) {
    w.begin_object();
    w.member_integer("i", i);
    w.key("tags");
    w.begin_array();
    w.string("a");
    w.string("b");
    w.end_array();
    w.end_object();
  };
  for (bool pretty : {false, true}) {
    for (int split : {0, 1, 3, 7}) {  // elements written by the first writer itself
      std::string out;
      JsonWriter w(pretty);
      w.set_output(out);
      w.begin_object();
      w.member_integer("before", 1);
      w.key("list");
      w.begin_array();
      for (int i = 0; i < split; ++i) element(w, i);
      // The rest in two pieces, rendered into their own strings (second piece first, as another
      // thread may), then appended in order.
      const int middle = (split + 7) / 2;
      std::string second, first;
      JsonWriter later = w.continued(static_cast<size_t>(middle - split));
      later.set_output(second);
      for (int i = middle; i < 7; ++i) element(later, i);
      later.flush();
      JsonWriter sooner = w.continued(0);
      sooner.set_output(first);
      for (int i = split; i < middle; ++i) element(sooner, i);
      sooner.flush();
      w.flush();
      out += first;
      out += second;
      w.count_written(static_cast<size_t>(7 - split));
      w.end_array();
      w.key("after");
      w.begin_array();
      w.end_array();
      w.end_object();
      w.flush();
      EXPECT_EQ(out, expected.dump(pretty ? 2 : -1)) << "pretty " << pretty << ", split " << split;
    }
  }
}

TEST(ReportThreads, ContinuedIsRefusedRightAfterAKey) {
  std::string out;
  JsonWriter w(false);
  w.set_output(out);
  w.begin_object();
  w.key("list");
  EXPECT_THROW((void)w.continued(0), std::logic_error);
}

}  // namespace
}  // namespace pqlscope
