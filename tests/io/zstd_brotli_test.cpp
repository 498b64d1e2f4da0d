// zstd and brotli input files (io/input_files.hpp): the same events give the same per-account
// results plain, zstd-compressed (several frames, a skippable frame) and brotli-compressed
// (a ".br" name: brotli has no magic number), also as ZIP entries, whatever the chunk size;
// corrupt or truncated data is one clear error naming the input file. Fixtures written by hand
// from the specifications (support/zstd_brotli_fixtures.hpp). Native only: the npm package
// unpacks in JavaScript (tests/js).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/input_files.hpp"
#include "support/compressed_fixtures.hpp"
#include "support/zstd_brotli_fixtures.hpp"
#include "support/temp_dir.hpp"

namespace pqlscope {
namespace {

namespace fs = std::filesystem;
using testing::brotli_uncompressed;
using testing::make_zip;
using testing::zstd_frame;
using testing::zstd_skippable_frame;

// Hand-counted: 4 events, 2 accounts (acme, globex), 3 users.
const std::string kEvents =
    "{\"timestamp\":\"2024-03-01T09:00:00Z\",\"account_id\":\"acme\",\"user_id\":\"alice\",\"event\":\"login\"}\n"
    "{\"timestamp\":\"2024-03-01T10:00:00Z\",\"account_id\":\"acme\",\"user_id\":\"bob\",\"event\":\"report_created\"}\n"
    "{\"timestamp\":\"2024-03-02T09:00:00Z\",\"account_id\":\"globex\",\"user_id\":\"carol\",\"event\":\"login\"}\n"
    "{\"timestamp\":\"2024-03-03T09:00:00Z\",\"account_id\":\"acme\",\"user_id\":\"alice\",\"event\":\"login\"}\n";

class Sink final : public InputFileSink {
 public:
  explicit Sink(Ingestor& ingest) : ingest_(ingest) {}
  void begin_file(const std::string& name) override {
    names.push_back(name);
    ingest_.begin_file(name);
  }
  void data(std::string_view bytes) override { ingest_.feed(bytes); }
  void end_file() override { ingest_.end_file(); }
  void notice(const std::string&) override {}
  std::vector<std::string> names;

 private:
  Ingestor& ingest_;
};

class ZstdBrotli : public pqlscope::testing::TempDirTest {
 protected:
  Aggregates read(const std::string& path, size_t chunk = 4096, std::vector<std::string>* names = nullptr) {
    Ingestor ingest;
    Sink sink(ingest);
    read_input_files(path, sink, chunk);
    if (names != nullptr) *names = sink.names;
    return ingest.finish();
  }
  InputFileError error_of(const std::string& path, size_t chunk = 4096) {
    try {
      read(path, chunk);
    } catch (const InputFileError& e) {
      return e;
    }
    ADD_FAILURE() << path << ": no InputFileError";
    return InputFileError(IngestErrorCode::kCount, "", "");
  }
};

std::string text_of(const Aggregates& a) { return aggregates_to_json(a).dump(); }

TEST_F(ZstdBrotli, ZstdFramesGiveThePlainResult) {
  const std::string plain = text_of(read(write("events.jsonl", kEvents)));
  // Two frames split inside a line, a skippable frame between them, blocks of 37 bytes.
  const std::string zst = zstd_frame(kEvents.substr(0, 150), 37) + zstd_skippable_frame("metadata") +
                          zstd_frame(kEvents.substr(150), 37);
  for (size_t chunk : {size_t{1}, size_t{5}, size_t{4096}}) {
    // Recognised by its magic number, whatever the name.
    const Aggregates a = read(write("export.dat", zst), chunk);
    EXPECT_EQ(a.report.events, 4u) << chunk;
    EXPECT_EQ(a.accounts.size(), 2u);
    EXPECT_EQ(a.users.size(), 3u);
    EXPECT_EQ(text_of(a), plain) << chunk;
    EXPECT_EQ(a.report.bytes, kEvents.size());
  }
}

TEST_F(ZstdBrotli, BrotliByItsNameGivesThePlainResult) {
  const std::string plain = text_of(read(write("events.jsonl", kEvents)));
  const std::string br = brotli_uncompressed(kEvents, 100);
  for (size_t chunk : {size_t{1}, size_t{3}, size_t{4096}}) {
    std::vector<std::string> names;
    const Aggregates a = read(write("events.jsonl.br", br), chunk, &names);
    EXPECT_EQ(a.report.rejected, 0u) << chunk;
    EXPECT_EQ(text_of(a), plain) << chunk;
    EXPECT_EQ(names, std::vector<std::string>{(dir_ / "events.jsonl.br").string()});
  }
}

TEST_F(ZstdBrotli, ZipEntriesMayBeZstdOrBrotli) {
  const size_t cut = kEvents.find('\n', kEvents.find('\n') + 1) + 1;  // after two lines
  const std::string zip = make_zip({{"hour-01.jsonl.zst", zstd_frame(kEvents.substr(0, cut)), true},
                                    {"hour-02.jsonl.br", brotli_uncompressed(kEvents.substr(cut)), false}});
  std::vector<std::string> names;
  const Aggregates a = read(write("export.zip", zip), 4096, &names);
  EXPECT_EQ(names.size(), 2u);
  EXPECT_EQ(a.report.events, 4u);
  EXPECT_EQ(a.report.rejected, 0u);
}

TEST_F(ZstdBrotli, TruncatedOrCorruptDataIsOneErrorNamingTheFile) {
  const std::string zst = zstd_frame(kEvents, 64);
  const std::string cut = write("cut.jsonl.zst", zst.substr(0, zst.size() - 10));
  const InputFileError truncated = error_of(cut);
  EXPECT_EQ(truncated.code(), IngestErrorCode::corrupt_compressed_data);
  EXPECT_EQ(truncated.file(), cut);
  EXPECT_NE(truncated.message().find("zstd"), std::string::npos);

  std::string reserved = zstd_frame(kEvents);
  reserved[6] = static_cast<char>(reserved[6] | 0x06);  // Block_Type 3: reserved, invalid
  EXPECT_EQ(error_of(write("bad.zst", reserved)).code(), IngestErrorCode::corrupt_compressed_data);

  const std::string br = brotli_uncompressed(kEvents);
  const InputFileError br_cut = error_of(write("cut.jsonl.br", br.substr(0, br.size() - 1)), 7);
  EXPECT_EQ(br_cut.code(), IngestErrorCode::corrupt_compressed_data);
  EXPECT_NE(br_cut.message().find("brotli"), std::string::npos);
  // Bytes after the end of the brotli stream.
  EXPECT_EQ(error_of(write("trailing.jsonl.br", br + "x")).code(), IngestErrorCode::corrupt_compressed_data);
}

// The byte-level API takes uncompressed bytes: text under a ".br" name is read (the file
// readers hand on unpacked brotli under its own name); brotli bytes are one file-level error.
TEST_F(ZstdBrotli, TheCoreReadsTextUnderABrNameAndRefusesBrotliBytes) {
  EXPECT_EQ(ingest_buffer("events.jsonl.br", kEvents).report.events, 4u);
  const Aggregates refused = ingest_buffer("events.jsonl.br", brotli_uncompressed(kEvents));
  ASSERT_EQ(refused.report.issues.size(), 1u);
  EXPECT_EQ(refused.report.issues[0].code, IngestErrorCode::unsupported_compression);
}

}  // namespace
}  // namespace pqlscope
#endif
