// compute_metrics on threads (metrics.hpp): the passes over the accounts' and users' logs and the
// metric families run side by side; every field must hold the very bits of the one-thread
// computation (doubles compared bit for bit, so NaN equals NaN and -0 differs from 0), on the
// example data with each normalisation method (recency decay sums fractions), at several
// as-of days, with a second compute into the same Metrics (capacity reuse, thread-local scratch);
// and the score history (history.hpp) with its points on threads.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/metrics/history.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/model/model_json.hpp"
#include "support/example_data.hpp"
#include "support/files.hpp"
#include "metrics/metrics_compare.hpp"

namespace pqlscope {
namespace {

using pqlscope::testing::read_whole_file;
using pqlscope::testing::expect_same;
using pqlscope::testing::same_bits;

using pqlscope::testing::example_aggregates;

TEST(MetricsThreads, EveryThreadCountGivesTheSameBits) {
  const std::string dir = std::string(PQLSCOPE_SOURCE_DIR) + "/examples/";
  const Aggregates a = example_aggregates();
  ASSERT_GT(a.users.size(), 100u);
  const int32_t last = default_as_of_day(a);
  const std::pair<const char*, NormalizationMethod> methods[] = {
      {"p90", NormalizationMethod::p90}, {"percentile_rank", NormalizationMethod::percentile_rank},
      {"min_max", NormalizationMethod::min_max}, {"recency_decay", NormalizationMethod::recency_decay}};
  for (const auto& [method, value] : methods) {
    Model model = parse_model(read_whole_file(dir + "model.json"));
    model.engagement.normalization.method = value;
    for (int32_t as_of : {last, last - 7, last - 40}) {
      const Metrics reference = compute_metrics(a, model, as_of);
      ASSERT_GT(reference.overall.mau, 0u);
      Metrics reused;
      for (unsigned threads : {1u, 2u, 3u, 7u}) {
        compute_metrics(a, model, as_of, reused, threads);
        expect_same(reused, reference, std::string(method) + " as of " + std::to_string(as_of) + ", threads " +
                                           std::to_string(threads));
      }
    }
  }
}

// The re-score from the cache with each level's entities in ranges on threads: the bits of the
// pass over the logs on one thread (an independent path: it never reads the cache), with every
// method (recency decay makes the cache fall back to the logs), on the example and on a few
// entities, fewer than the ranges (empty ranges, and a level's first range not at entity 0).
TEST(MetricsThreads, FromTheCacheEveryThreadCountGivesTheLogPassBits) {
  const std::string dir = std::string(PQLSCOPE_SOURCE_DIR) + "/examples/";
  Ingestor tiny;
  tiny.begin_file("events.csv");
  tiny.feed("timestamp,account_id,user_id,event\n"
            "2024-03-01T10:00:00Z,a1,u1,signup\n2024-03-02T10:00:00Z,a1,u2,project_created\n"
            "2024-03-05T10:00:00Z,a2,u3,project_created\n2024-03-09T10:00:00Z,a1,u1,report_viewed\n");
  const Aggregates datasets[] = {example_aggregates(), tiny.finish()};
  for (const Aggregates& a : datasets) {
    ASSERT_GT(a.users.size(), 2u);
    const MetricsCache cache(a);
    const int32_t last = default_as_of_day(a);
    for (NormalizationMethod method : {NormalizationMethod::p90, NormalizationMethod::percentile_rank,
                                       NormalizationMethod::min_max, NormalizationMethod::recency_decay}) {
      Model model = parse_model(read_whole_file(dir + "model.json"));
      model.engagement.normalization.method = method;
      for (int32_t as_of : {last, last - 7}) {
        const Metrics reference = compute_metrics(a, model, as_of);
        Metrics reused;
        for (unsigned threads : {1u, 2u, 3u, 7u}) {
          compute_metrics(a, cache, model, as_of, reused, threads);
          expect_same(reused, reference, std::to_string(a.users.size()) + " users, " + std::string(to_string(method)) +
                                             " as of " + std::to_string(as_of) + ", threads " + std::to_string(threads));
        }
      }
    }
  }
}

// The history's points and entities split over threads: every value the one-thread bits, at
// every interval shape (one point a day gives more points than threads, 366 days one point).
TEST(MetricsThreads, HistoryIsTheSameOnEveryThreadCount) {
  const Aggregates a = example_aggregates();
  const Model model = parse_model(read_whole_file(std::string(PQLSCOPE_SOURCE_DIR) + "/examples/model.json"));
  const Metrics metrics = compute_metrics(a, model, default_as_of_day(a));
  for (int interval : {1, 7, 366}) {
    const ScoreHistory reference = compute_history(a, model, metrics, {interval});
    ASSERT_FALSE(reference.days.empty());
    for (unsigned threads : {2u, 3u, 7u}) {
      const ScoreHistory h = compute_history(a, model, metrics, {interval, threads});
      const std::string what = "interval " + std::to_string(interval) + ", threads " + std::to_string(threads);
      EXPECT_EQ(h.days, reference.days) << what;
      EXPECT_TRUE(same_bits(h.accounts.activation, reference.accounts.activation)) << what;
      EXPECT_TRUE(same_bits(h.accounts.engagement, reference.accounts.engagement)) << what;
      EXPECT_TRUE(same_bits(h.users.activation, reference.users.activation)) << what;
      EXPECT_TRUE(same_bits(h.users.engagement, reference.users.engagement)) << what;
    }
  }
}

}  // namespace
}  // namespace pqlscope
