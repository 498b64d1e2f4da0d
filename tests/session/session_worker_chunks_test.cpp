// Session's side of the Worker-parallel ingest: a chunk result written into the space
// add_worker_chunk_space hands out (what the WebAssembly binding copies a Worker's bytes into)
// is taken as add_worker_chunk takes it, and both merge to the one-pass aggregates.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/worker_chunks.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope {
namespace {

// 4,000 events over 20 days, 40 accounts, 200 users, 5 event names, in time order.
std::string events_csv() {
  std::string csv = "timestamp,account_id,user_id,event\n";
  char line[96];
  for (int i = 0; i < 4000; ++i) {
    std::snprintf(line, sizeof line, "2024-03-%02dT%02d:%02d:00Z,acc_%02d,usr_%03d,event_%d\n", 1 + i / 200,
                  (i / 60) % 24, i % 60, (i * 7) % 40, (i * 13) % 200, i % 5);
    csv += line;
  }
  return csv;
}

// The file read as two Workers read it: split at the first line end past the middle.
std::vector<std::string> chunk_results(const std::string& csv, const std::string& head) {
  const uint64_t split = csv.find('\n', csv.size() / 2) + 1;
  std::vector<std::string> results;
  const uint64_t bounds[3] = {0, split, csv.size()};
  for (size_t k = 0; k < 2; ++k) {
    WorkerChunkReader reader("events.csv", {}, {}, head, k, bounds[k], bounds[k + 1]);
    reader.feed(std::string_view(csv).substr(bounds[k], bounds[k + 1] - bounds[k]));
    results.push_back(reader.finish());
  }
  return results;
}

std::string aggregates_of(Session& session) {
  session.finish();
  return aggregates_to_json(session.aggregates()).dump();
}

TEST(SessionWorkerChunks, BytesWrittenIntoTheChunkSpaceMergeAsAddedChunksAndAsOnePass) {
  const std::string csv = events_csv();
  const std::string head = csv.substr(0, 64 * 1024);
  ASSERT_EQ(plan_worker_chunks(head, "events.csv", {}).fallback, "");
  const std::vector<std::string> results = chunk_results(csv, head);

  Session added{IngestOptions{}};
  for (const std::string& r : results) added.add_worker_chunk(r);
  EXPECT_EQ(added.ingest_worker_chunks("events.csv", {}, head).chunks, 2u);

  Session written{IngestOptions{}};
  for (const std::string& r : results) std::memcpy(written.add_worker_chunk_space(r.size()), r.data(), r.size());
  EXPECT_EQ(written.ingest_worker_chunks("events.csv", {}, head).chunks, 2u);

  Session one_pass{IngestOptions{}};
  one_pass.begin_file("events.csv", {});
  one_pass.feed(csv);
  one_pass.end_file();

  const std::string expected = aggregates_of(one_pass);
  EXPECT_EQ(aggregates_of(added), expected);
  EXPECT_EQ(aggregates_of(written), expected);
  EXPECT_FALSE(written.aggregates().account_days.empty());
}

TEST(SessionWorkerChunks, NoChunkSpaceAfterFinish) {
  Session session{IngestOptions{}};
  session.begin_file("events.csv", {});
  session.feed(events_csv());
  session.end_file();
  session.finish();
  EXPECT_THROW(session.add_worker_chunk_space(16), std::logic_error);
}

}  // namespace
}  // namespace pqlscope
