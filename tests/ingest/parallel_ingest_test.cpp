// Parallel ingest (Ingestor::ingest_file_parallel) gives the aggregates and the ingest report of
// one pass, byte for byte, for every chunk count 1..8 and several thread counts: on the bundled
// sample, on generated files, and on inputs made to hit each hard case (quoted line breaks,
// message ids repeated across chunks, unordered days, users without an account, bad rows).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <chrono>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/report/report.hpp"
#include "support/temp_dir.hpp"

namespace pqlscope {
namespace {

namespace fs = std::filesystem;

using pqlscope::testing::read_whole_file;

// Everything a run produces, as text: the aggregates contract and the report's ingest section.
std::string fingerprint(const Aggregates& a) {
  return aggregates_to_json(a).dump() + "\n" + ingest_report_json(a.report).dump();
}

IngestOptions small_issue_cap() {
  IngestOptions o;
  o.max_issues = 7;  // so that the cap falls inside a later chunk
  return o;
}

Aggregates one_pass(const std::string& bytes, FileOptions options, IngestOptions ingest_options) {
  Ingestor ingest(ingest_options);
  ingest.begin_file("events", std::move(options));
  // Fed in pieces as the CLI does: the readers' results do not depend on it.
  for (size_t at = 0; at < bytes.size(); at += 65536) ingest.feed(std::string_view(bytes).substr(at, 65536));
  ingest.end_file();
  return ingest.finish();
}

struct Parallel {
  Aggregates aggregates;
  ParallelOutcome outcome;
};

Parallel chunked(const std::string& bytes, const ParallelOptions& p, FileOptions options, IngestOptions ingest_options) {
  Ingestor ingest(ingest_options);
  const RangeReader read = [&](uint64_t offset, char* out, size_t n) -> size_t {
    if (offset >= bytes.size()) return 0;
    n = std::min<size_t>(n, bytes.size() - offset);
    std::memcpy(out, bytes.data() + offset, n);
    return n;
  };
  Parallel r;
  r.outcome = ingest.ingest_file_parallel("events", options, bytes.size(), read, p);
  r.aggregates = ingest.finish();
  return r;
}

Parallel chunked(const std::string& bytes, unsigned chunks, unsigned threads, FileOptions options,
                 IngestOptions ingest_options) {
  ParallelOptions p;
  p.chunks = chunks;
  p.threads = threads;
  p.min_chunk_bytes = 1;
  return chunked(bytes, p, std::move(options), std::move(ingest_options));
}

// Every chunk count 1..8 and thread counts 1, 2, 3 give the one-pass bytes. `must_split`: the
// file is one where chunks are expected to be used (not a fallback), from 2 chunks on.
void expect_same_for_every_chunking(const std::string& bytes, bool must_split, FileOptions options = {},
                                    IngestOptions ingest_options = small_issue_cap()) {
  const std::string expected = fingerprint(one_pass(bytes, options, ingest_options));
  for (unsigned chunks = 1; chunks <= 8; ++chunks) {
    for (unsigned threads : {1u, 2u, 3u}) {
      const Parallel p = chunked(bytes, chunks, threads, options, ingest_options);
      ASSERT_EQ(fingerprint(p.aggregates), expected) << chunks << " chunks, " << threads << " threads, fallback: "
                                                     << p.outcome.fallback;
      if (must_split && chunks > 1) {
        EXPECT_EQ(p.outcome.fallback, "") << chunks << " chunks";
        EXPECT_EQ(p.outcome.chunks, chunks + p.outcome.shared_chunks);  // cuts of work sharing
      }
    }
  }
}

const fs::path kSourceDir = PQLSCOPE_SOURCE_DIR;

TEST(ParallelIngest, BundledSampleIsTheSameForEveryChunking) {
  const std::string events = read_whole_file(kSourceDir / "examples" / "data" / "events.csv");
  ASSERT_GT(events.size(), 1000000u);
  expect_same_for_every_chunking(events, true);
}

// A header plus n rows of a plain events CSV, over `days` days, in time order unless shuffled.
std::string events_csv(size_t n, int days, bool shuffled, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> rows;
  for (size_t i = 0; i < n; ++i) {
    const int day = static_cast<int>(i * static_cast<size_t>(days) / n);
    char line[160];
    std::snprintf(line, sizeof line, "2024-%02d-%02dT%02d:%02d:00Z,acc_%llu,u_%llu,ev_%llu\n", 1 + day / 28,
                  1 + day % 28, static_cast<int>(rng() % 24), static_cast<int>(rng() % 60),
                  static_cast<unsigned long long>(rng() % 40), static_cast<unsigned long long>(rng() % 300),
                  static_cast<unsigned long long>(rng() % 12));
    rows.emplace_back(line);
  }
  if (shuffled) std::shuffle(rows.begin(), rows.end(), rng);
  std::string out = "timestamp,account_id,user_id,event\n";
  for (const std::string& r : rows) out += r;
  return out;
}

TEST(ParallelIngest, UnorderedDaysCountReopenedDaysAsOnePass) {
  // Shuffled: one pass passes the reopen limit and switches to its unordered mode.
  expect_same_for_every_chunking(events_csv(6000, 90, true, 3), true);
  // Slightly out of order: days come back a few at a time, across chunk boundaries.
  std::string mild = events_csv(6000, 40, false, 4);
  std::vector<std::string> lines;
  std::istringstream in(mild);
  for (std::string l; std::getline(in, l);) lines.push_back(l + "\n");
  for (size_t i = 1; i + 400 < lines.size(); i += 350) std::swap(lines[i], lines[i + 300]);
  mild.clear();
  for (const std::string& l : lines) mild += l;
  expect_same_for_every_chunking(mild, true);
}

TEST(ParallelIngest, QuotedLineBreaksAndBadRowsKeepFilePositions) {
  std::string csv = "timestamp,account_id,user_id,event,note\n";
  for (int i = 0; i < 3000; ++i) {
    const std::string ts = "2024-02-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(1 + i % 28) + "T10:00:00Z";
    if (i % 97 == 5) {
      csv += "not a time,acc_" + std::to_string(i % 9) + ",u_" + std::to_string(i % 50) + ",login,x\n";
    } else if (i % 131 == 7) {
      csv += ts + ",acc_1,u_2,login\n";  // a column short
    } else if (i % 3 == 0) {
      csv += ts + ",acc_" + std::to_string(i % 9) + ",u_" + std::to_string(i % 50) +
             ",login,\"line one\nline two, \"\"quoted\"\"\r\nline three\"\n";
    } else {
      csv += ts + ",acc_" + std::to_string(i % 9) + ",u_" + std::to_string(i % 50) + ",view,plain\n";
    }
  }
  const Aggregates one = one_pass(csv, {}, small_issue_cap());
  ASSERT_GT(one.report.rejected, 7u);  // more problems than kept: the cap is exercised
  // A split point inside a quoted field is found out (the chunk ends inside quotes) and the
  // file is read in one pass; elsewhere chunks are used. Either way the bytes are the same.
  expect_same_for_every_chunking(csv, false);
}

TEST(ParallelIngest, MessageIdsSeenInAnEarlierChunkAreDuplicates) {
  std::string ndjson;
  for (int i = 0; i < 4000; ++i) {
    // Every 10th event repeats the id of an event ~2000 rows earlier, so across chunks.
    const int id = i % 10 == 9 && i > 2000 ? i - 2000 : i;
    ndjson += "{\"messageId\":\"m" + std::to_string(id) + "\",\"timestamp\":\"2024-03-0" + std::to_string(1 + i % 9) +
              "T08:00:00Z\",\"userId\":\"u" + std::to_string(i % 70) + "\",\"event\":\"e" + std::to_string(i % 5) +
              "\",\"context\":{\"groupId\":\"a" + std::to_string(i % 11) + "\"}}\n";
  }
  const Aggregates one = one_pass(ndjson, {}, small_issue_cap());
  ASSERT_GT(one.report.duplicates, 100u);
  expect_same_for_every_chunking(ndjson, true);
  // Chunk boundaries put the repeats in later chunks: those are read again.
  EXPECT_GT(chunked(ndjson, 4, 2, {}, small_issue_cap()).outcome.reread_chunks, 0u);
}

// Work sharing (ingest/chunk_sharing.hpp): a thread whose chunk is done cuts the unread part of
// another chunk and reads its second half as a chunk of its own. Chunk 0 is slowed down block by
// block, so the other thread, done early, cuts it: the bytes stay one pass's, message ids repeated
// across the cut included (a cut chunk is compared and read again like the first ones).
TEST(ParallelIngest, AnIdleThreadTakesPartOfASlowChunkWithOnePassResults) {
  std::string ndjson;
  for (int i = 0; i < 4000; ++i) {
    const int id = i % 10 == 9 && i > 300 ? i - 300 : i;  // repeats 300 rows later
    ndjson += "{\"messageId\":\"m" + std::to_string(id) + "\",\"timestamp\":\"2024-03-0" + std::to_string(1 + i / 500) +
              "T08:00:00Z\",\"userId\":\"u" + std::to_string(i % 70) + "\",\"event\":\"e" + std::to_string(i % 5) +
              "\",\"context\":{\"groupId\":\"a" + std::to_string(i % 11) + "\"}}\n";
  }
  for (const std::string& bytes : {events_csv(6000, 40, false, 9), ndjson}) {
    const std::string expected = fingerprint(one_pass(bytes, {}, small_issue_cap()));
    ParallelOptions p;
    p.chunks = 2;
    p.threads = 2;
    p.min_chunk_bytes = 1024;
    p.block_bytes = 256;
    // Chunk 1 starts once chunk 0 has claimed a block (so it has started and can be cut, however
    // late its thread is scheduled), then reads at full speed.
    std::atomic<int> chunk0_blocks{0};
    p.before_block = [&chunk0_blocks](std::size_t chunk) {
      if (chunk == 0) {
        ++chunk0_blocks;
        std::this_thread::sleep_for(std::chrono::microseconds(300));
      } else if (chunk == 1) {
        while (chunk0_blocks.load() < 2) std::this_thread::sleep_for(std::chrono::microseconds(100));
      }
    };
    const Parallel r = chunked(bytes, p, {}, small_issue_cap());
    EXPECT_EQ(r.outcome.fallback, "");
#ifndef __EMSCRIPTEN__
    // Chunk 1 takes ~1 ms, chunk 0 over 100 ms. (WebAssembly without threads reads the chunks one
    // after the other, so nothing is left to cut there; the results are compared all the same.)
    EXPECT_GE(r.outcome.shared_chunks, 1u);
#endif
    EXPECT_EQ(r.outcome.chunks, 2 + r.outcome.shared_chunks);
    EXPECT_EQ(fingerprint(r.aggregates), expected);
    // Without sharing, the same bytes from the two first chunks alone.
    p.share_work = false;
    const Parallel alone = chunked(bytes, p, {}, small_issue_cap());
    EXPECT_EQ(alone.outcome.shared_chunks, 0u);
    EXPECT_EQ(alone.outcome.chunks, 2u);
    EXPECT_EQ(fingerprint(alone.aggregates), expected);
  }
}

TEST(ParallelIngest, IdenticalRowsDroppedAcrossChunks) {
  std::string csv = "timestamp,account_id,user_id,event\n";
  for (int i = 0; i < 3000; ++i) {
    const int j = i % 4 == 3 ? i / 2 : i;  // a quarter repeat an earlier row exactly
    csv += "2024-04-" + std::string(j % 28 < 9 ? "0" : "") + std::to_string(1 + j % 28) + "T09:" +
           std::to_string(10 + j % 50) + ":00Z,acc_" + std::to_string(j % 13) + ",u_" + std::to_string(j % 90) + ",e\n";
  }
  IngestOptions o = small_issue_cap();
  o.drop_identical_rows = true;
  ASSERT_GT(one_pass(csv, {}, o).report.identical_rows, 100u);
  expect_same_for_every_chunking(csv, true, {}, o);
}

TEST(ParallelIngest, UsersWithoutAccountTakeTheHomeSeenInALaterChunk) {
  std::string csv = "timestamp,account_id,user_id,event\n";
  for (int i = 0; i < 3000; ++i) {
    const std::string user = "u" + std::to_string(i % 40);
    // Early rows name no account; users 0-19 get one later, users 20-39 never do.
    const std::string account = i > 1500 && i % 40 < 20 ? "acc" + std::to_string(i % 7) : "";
    csv += "2024-05-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(1 + i % 28) + "T12:00:00Z," + account +
           "," + user + ",e" + std::to_string(i % 3) + "\n";
  }
  ASSERT_GT(one_pass(csv, {}, small_issue_cap()).report.unattributed_users, 0u);
  expect_same_for_every_chunking(csv, true);
}

TEST(ParallelIngest, AccountsFileAfterTheChunkedFile) {
  const std::string events = read_whole_file(kSourceDir / "examples" / "data" / "events.csv");
  const std::string accounts = read_whole_file(kSourceDir / "examples" / "data" / "accounts.csv");
  Ingestor single;
  single.begin_file("events");
  single.feed(events);
  single.begin_file("accounts", FileOptions{.kind = FileKind::accounts});
  single.feed(accounts);
  const std::string expected = fingerprint(single.finish());

  Ingestor ingest;
  ParallelOptions p;
  p.chunks = 5;
  p.threads = 2;
  p.min_chunk_bytes = 1;
  const RangeReader read = [&](uint64_t offset, char* out, size_t n) -> size_t {
    n = std::min<size_t>(n, events.size() - std::min<size_t>(offset, events.size()));
    std::memcpy(out, events.data() + offset, n);
    return n;
  };
  EXPECT_EQ(ingest.ingest_file_parallel("events", {}, events.size(), read, p).chunks, 5u);
  ingest.begin_file("accounts", FileOptions{.kind = FileKind::accounts});
  ingest.feed(accounts);
  EXPECT_EQ(fingerprint(ingest.finish()), expected);
}

TEST(ParallelIngest, FallsBackWhereChunksCannotBeExact) {
  const std::string array = "[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"userId\":\"u\",\"event\":\"e\"},\n"
                            "{\"timestamp\":\"2024-01-02T00:00:00Z\",\"userId\":\"u\",\"event\":\"e\"}]\n";
  const Parallel p = chunked(array, 2, 2, {}, {});
  EXPECT_NE(p.outcome.fallback, "");
  EXPECT_EQ(fingerprint(p.aggregates), fingerprint(one_pass(array, {}, {})));

  IngestOptions strict;
  strict.strict = true;
  const std::string csv = events_csv(500, 10, false, 9);
  EXPECT_EQ(chunked(csv, 3, 3, {}, strict).outcome.fallback, "strict mode stops at the first problem");
}

TEST(ParallelIngest, AnEventsFileAfterAChunkedOneIsAMisuse) {
  const std::string csv = events_csv(500, 10, false, 5);
  Ingestor ingest;
  const RangeReader read = [&](uint64_t offset, char* out, size_t n) -> size_t {
    n = std::min<size_t>(n, csv.size() - std::min<size_t>(offset, csv.size()));
    std::memcpy(out, csv.data() + offset, n);
    return n;
  };
  ParallelOptions p;
  p.chunks = 2;
  p.min_chunk_bytes = 1;
  ingest.ingest_file_parallel("a.csv", {}, csv.size(), read, p);
  EXPECT_THROW(ingest.begin_file("b.csv"), std::logic_error);
}

#ifndef __EMSCRIPTEN__
// Files of the example generator (examples/generator), CSV and Segment-shaped JSON lines.
TEST(ParallelIngest, GeneratedFilesAreTheSameForEveryChunking) {
  const fs::path dir = pqlscope::testing::fresh_test_folder("pqlscope-parallel-test");
  ASSERT_EQ(pqlscope::testing::run_example_generator("--seed 7 --accounts 300 --days 60 --events 60000 --format both "
                                                     "--shape segment --quiet --out " + dir.string()),
            0);
  for (const char* name : {"events.csv", "events.ndjson"}) {
    const std::string bytes = read_whole_file(dir / name);
    ASSERT_GT(bytes.size(), 100000u) << name;
    SCOPED_TRACE(name);
    expect_same_for_every_chunking(bytes, true);
  }
  fs::remove_all(dir);
}
#endif

}  // namespace
}  // namespace pqlscope
