// Parallel ingest across separate engines (ingest/worker_chunks.hpp, what the npm package's
// Workers do): each chunk read by its own WorkerChunkReader into bytes, merged by another
// Ingestor, gives the one-pass aggregates and report byte for byte; where one pass could differ
// (a message id in two chunks) nothing is ingested and the fallback says why.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/ingest/worker_chunks.hpp"
#include "pqlscope/report/report.hpp"
#include "support/files.hpp"

namespace pqlscope {
namespace {

namespace fs = std::filesystem;

using pqlscope::testing::read_whole_file;

std::string fingerprint(const Aggregates& a) {
  return aggregates_to_json(a).dump() + "\n" + ingest_report_json(a.report).dump();
}

Aggregates one_pass(const std::string& bytes) {
  Ingestor ingest;
  ingest.begin_file("events", {});
  ingest.feed(bytes);
  ingest.end_file();
  return ingest.finish();
}

// The split the package makes (wasm/js/parallel-ingest.js, chunkStarts): the first line end at
// or after each even split point past the header line.
std::vector<uint64_t> starts_of(const std::string& bytes, uint64_t header_end, size_t wanted) {
  std::vector<uint64_t> starts{0};
  for (size_t k = 1; k < wanted; ++k) {
    const uint64_t at = std::max<uint64_t>({bytes.size() / wanted * k, starts.back() + 1, header_end});
    const size_t lf = bytes.find('\n', at);
    if (lf == std::string::npos || lf + 1 >= bytes.size()) break;
    starts.push_back(lf + 1);
  }
  return starts;
}

struct WorkerRun {
  Aggregates aggregates;
  ParallelOutcome outcome;
};

WorkerRun on_workers(const std::string& bytes, size_t wanted) {
  const std::string head = bytes.substr(0, 64 * 1024);
  const WorkerChunkPlan plan = plan_worker_chunks(head, "events", {});
  EXPECT_EQ(plan.fallback, "");
  const std::vector<uint64_t> starts = starts_of(bytes, plan.header_end, wanted);
  std::vector<std::string> results;
  for (size_t k = 0; k < starts.size(); ++k) {
    const uint64_t end = k + 1 < starts.size() ? starts[k + 1] : bytes.size();
    WorkerChunkReader reader("events", {}, {}, head, k, starts[k], end);
    for (uint64_t at = starts[k]; at < end; at += 70000) reader.feed(std::string_view(bytes).substr(at, std::min<uint64_t>(70000, end - at)));
    results.push_back(reader.finish());
  }
  WorkerRun run;
  Ingestor ingest;
  run.outcome = ingest.ingest_worker_chunks("events", {}, head, std::move(results));
  if (!run.outcome.fallback.empty()) {
    ingest.begin_file("events", {});
    ingest.feed(bytes);
    ingest.end_file();
  }
  run.aggregates = ingest.finish();
  return run;
}

TEST(WorkerChunks, BundledSampleMergesToTheOnePassBytes) {
  const std::string events = read_whole_file(fs::path(PQLSCOPE_SOURCE_DIR) / "examples" / "data" / "events.csv");
  const std::string expected = fingerprint(one_pass(events));
  for (size_t workers = 2; workers <= 5; ++workers) {
    const WorkerRun run = on_workers(events, workers);
    EXPECT_EQ(run.outcome.fallback, "") << workers;
    EXPECT_EQ(run.outcome.chunks, workers);
    EXPECT_EQ(fingerprint(run.aggregates), expected) << workers << " workers";
  }
}

TEST(WorkerChunks, MessageIdInTwoChunksFallsBackToOnePass) {
  std::string lines;
  for (int i = 0; i < 3000; ++i) {
    // The last chunk repeats the first chunk's id 3 under the same event name (ids are scoped
    // by event name: docs/ingest.md, "Duplicates").
    const int id = i == 2990 ? 3 : i;
    lines += R"({"type":"track","event":"e)" + std::to_string(id % 7) + R"(","userId":"u)" + std::to_string(i % 50) +
             R"(","timestamp":"2024-03-0)" + std::to_string(1 + i % 9) + R"(T10:00:00Z","messageId":"m)" +
             std::to_string(id) + R"(","context":{"groupId":"a)" + std::to_string(i % 13) + "\"}}\n";
  }
  const Aggregates expected = one_pass(lines);
  EXPECT_EQ(expected.report.duplicates, 1u);
  const WorkerRun run = on_workers(lines, 3);
  EXPECT_EQ(run.outcome.fallback, "a message id (or an identical row) is in two chunks");
  EXPECT_EQ(fingerprint(run.aggregates), fingerprint(expected));
}

TEST(WorkerChunks, PlanSaysWhyAFileIsNotSplit) {
  EXPECT_EQ(plan_worker_chunks("[{\"a\":1}]\n", "e.json", {}).fallback, "a JSON array or document is not split");
  EXPECT_EQ(plan_worker_chunks(std::string("\x1f\x8b\x08\0", 4), "e.gz", {}).fallback, "the file is compressed");
  FileOptions accounts;
  accounts.kind = FileKind::accounts;
  EXPECT_EQ(plan_worker_chunks("account_id,name\na,b\n", "a.csv", accounts).fallback, "not an events file");
  const WorkerChunkPlan csv = plan_worker_chunks("timestamp,account_id,event\n2024-01-01,a,e\n", "e.csv", {});
  EXPECT_EQ(csv.fallback, "");
  EXPECT_EQ(csv.header_end, 27u);  // the header line and its line feed
}

}  // namespace
}  // namespace pqlscope
