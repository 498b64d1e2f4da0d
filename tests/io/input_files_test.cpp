// gzip and ZIP input files (io/input_files.hpp): the same events give the same per-account
// results plain, gzipped (one member or several), and zipped (stored, deflated and gzipped
// entries, Zip64), whatever the chunk size; bad compressed data is one clear error naming the
// input file. Native only: the WebAssembly build unpacks in JavaScript (tests/js).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/input_files.hpp"
#include "support/compressed_fixtures.hpp"
#include "support/temp_dir.hpp"

namespace pqlscope {
namespace {

namespace fs = std::filesystem;
using testing::gzip_member;
using testing::make_zip;
using testing::ZipFixtureEntry;

// Hand-counted: 6 events, 3 accounts (acme, globex, initech), 4 users.
const std::string kEvents =
    "timestamp,account_id,user_id,event\n"
    "2024-03-01T09:00:00Z,acme,alice,project_created\n"
    "2024-03-01T10:00:00Z,acme,bob,report_created\n"
    "2024-03-02T09:00:00Z,globex,carol,login\n"
    "2024-03-02T11:00:00Z,globex,carol,report_created\n"
    "2024-03-03T09:00:00Z,initech,dave,login\n"
    "2024-03-04T09:00:00Z,acme,alice,login\n";

struct Result {
  Aggregates aggregates;
  std::vector<std::string> names;
  std::vector<std::string> notices;
};

class CollectingSink final : public InputFileSink {
 public:
  explicit CollectingSink(Ingestor& ingest) : ingest_(ingest) {}
  void begin_file(const std::string& name) override {
    names.push_back(name);
    ingest_.begin_file(name);
  }
  void data(std::string_view bytes) override { ingest_.feed(bytes); }
  void end_file() override { ingest_.end_file(); }
  void notice(const std::string& text) override { notices.push_back(text); }
  std::vector<std::string> names, notices;

 private:
  Ingestor& ingest_;
};

class InputFiles : public pqlscope::testing::TempDirTest {
 protected:

  Result read(const std::string& path, size_t chunk_bytes = 4096) {
    Ingestor ingest;
    CollectingSink sink(ingest);
    read_input_files(path, sink, chunk_bytes);
    return Result{ingest.finish(), sink.names, sink.notices};
  }

  // The error read_input_files() throws for `path` (fails the test when none is thrown).
  InputFileError error_of(const std::string& path) {
    try {
      read(path);
    } catch (const InputFileError& e) {
      return e;
    }
    ADD_FAILURE() << path << ": no InputFileError";
    return InputFileError(IngestErrorCode::kCount, "", "");
  }
};

std::string aggregates_text(const Aggregates& a) { return aggregates_to_json(a).dump(); }

std::string example_events() {
  std::ifstream in(std::string(PQLSCOPE_SOURCE_DIR) + "/examples/data/events.csv", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_F(InputFiles, GzipGivesTheSameAccountsAsThePlainFile) {
  const Result plain = read(write("events.csv", kEvents));
  const Result gz = read(write("events.csv.gz", gzip_member(kEvents)));
  EXPECT_EQ(gz.names, std::vector<std::string>{(dir_ / "events.csv.gz").string()});
  EXPECT_EQ(gz.aggregates.report.events, 6u);
  EXPECT_EQ(gz.aggregates.accounts.size(), 3u);
  EXPECT_EQ(gz.aggregates.users.size(), 4u);
  EXPECT_EQ(aggregates_text(gz.aggregates), aggregates_text(plain.aggregates));
  EXPECT_EQ(gz.aggregates.report.bytes, kEvents.size());  // the report counts uncompressed bytes
}

TEST_F(InputFiles, EveryMemberOfAMultiMemberGzipIsRead) {
  // Split anywhere, even inside a line: members only concatenate bytes (RFC 1952 2.2).
  const std::string gz = gzip_member(kEvents.substr(0, 50)) + gzip_member(kEvents.substr(50, 101)) +
                         gzip_member(kEvents.substr(151));
  for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}}) {
    const Result r = read(write("multi.csv.gz", gz), chunk);
    EXPECT_EQ(r.aggregates.report.events, 6u) << "chunk " << chunk;
    EXPECT_EQ(r.aggregates.report.rejected, 0u) << "chunk " << chunk;
    EXPECT_EQ(aggregates_text(r.aggregates), aggregates_text(read(write("plain.csv", kEvents)).aggregates));
  }
}

TEST_F(InputFiles, ALargeFileThroughGzipAndZipMatchesThePlainFileForEveryChunkSize) {
  const std::string events = example_events();
  ASSERT_GT(events.size(), size_t{1} << 20);
  const std::string plain = aggregates_text(read(write("events.csv", events)).aggregates);
  const size_t cut = events.size() / 3;
  const std::string gz = gzip_member(events.substr(0, cut)) + gzip_member(events.substr(cut));
  const std::string zip = make_zip({{"events.csv", events, true}});
  for (size_t chunk : {size_t{333}, size_t{65536}}) {
    EXPECT_EQ(aggregates_text(read(write("events.csv.gz", gz), chunk).aggregates), plain) << chunk;
    EXPECT_EQ(aggregates_text(read(write("events.zip", zip), chunk).aggregates), plain) << chunk;
  }
}

TEST_F(InputFiles, EachZipEntryIsAnInputFileAndJunkIsSkippedWithANotice) {
  // The events of kEvents in three entries: stored, deflated, and a gzip file stored deflated
  // (as Amplitude's export puts one gzipped JSON-lines file per hour in its ZIP).
  const std::string header = "timestamp,account_id,user_id,event\n";
  const size_t second = kEvents.find("2024-03-02"), third = kEvents.find("2024-03-03");
  const std::string zip = make_zip({
      {"export/", "", false},
      {"export/day1.csv", kEvents.substr(0, second), false},
      {"export/day2.csv", header + kEvents.substr(second, third - second), true},
      {"__MACOSX/export/._day2.csv", "\x00\x05\x16\x07", false},
      {"export/day3.csv.gz", gzip_member(header + kEvents.substr(third)), true},
      {"export/.DS_Store", "Bud1", false},
  });
  const std::string path = write("export.zip", zip);
  const Result r = read(path);
  EXPECT_EQ(r.names, (std::vector<std::string>{path + "!export/day1.csv", path + "!export/day2.csv", path + "!export/day3.csv.gz"}));
  EXPECT_EQ(r.notices, (std::vector<std::string>{path + ": skipped export/ (a folder)",
                                                 path + ": skipped __MACOSX/export/._day2.csv (macOS metadata)",
                                                 path + ": skipped export/.DS_Store (macOS metadata)"}));
  EXPECT_EQ(r.aggregates.report.events, 6u);
  EXPECT_EQ(r.aggregates.report.files.size(), 3u);
  EXPECT_EQ(aggregates_text(r.aggregates), aggregates_text(read(write("events.csv", kEvents)).aggregates));
}

TEST_F(InputFiles, EntryNamesThatAreNotUtf8AreReadAsLatin1) {
  // 0xE9 alone is not UTF-8 (RFC 3629); in Latin-1 it is U+00E9, UTF-8 C3 A9.
  const std::string path = write("names.zip", make_zip({{"caf\xE9.csv", kEvents, true}, {"\xC3\xA9t\xC3\xA9.csv", kEvents, true}}));
  EXPECT_EQ(read(path).names, (std::vector<std::string>{path + "!caf\xC3\xA9.csv", path + "!\xC3\xA9t\xC3\xA9.csv"}));
}

TEST_F(InputFiles, EntriesWrittenByStreamingWritersAreReadFromTheDirectory) {
  // Local headers with zero sizes and a data descriptor after each entry's data. b.csv ends
  // with a blank line (not a row) so that it is not the same bytes as a.csv, which would be
  // skipped as a copy (docs/ingest.md "The same file twice").
  const Result r = read(write("streamed.zip", make_zip({{"a.csv", kEvents, true, 8}, {"b.csv", kEvents + "\n", false, 8}})));
  EXPECT_EQ(r.aggregates.report.files.size(), 2u);
  EXPECT_EQ(r.aggregates.report.rows, 12u);
  EXPECT_EQ(r.aggregates.report.rejected, 0u);
}

TEST_F(InputFiles, Zip64SizesAndOffsetsAreRead) {
  const Result r = read(write("events.zip", make_zip({{"events.csv", kEvents, true}}, /*zip64=*/true)));
  EXPECT_EQ(r.aggregates.report.events, 6u);
  EXPECT_EQ(r.aggregates.accounts.size(), 3u);
}

TEST_F(InputFiles, AnArchiveWithNothingToReadIsAnEmptyFile) {
  const std::string path = write("empty.zip", make_zip({{"folder/", "", false}}));
  const Result r = read(path);
  EXPECT_EQ(r.notices.back(), path + ": the ZIP archive holds no files");
  ASSERT_EQ(r.aggregates.report.files.size(), 1u);
  EXPECT_EQ(r.aggregates.report.rejected_by_code[static_cast<size_t>(IngestErrorCode::empty_file)], 1u);
}

TEST_F(InputFiles, CorruptOrTruncatedGzipIsOneErrorNamingTheFile) {
  const std::string good = gzip_member(kEvents);
  std::string flipped = good;
  flipped[20] = static_cast<char>(flipped[20] ^ 0xFF);  // inside the deflate data (header is 10 bytes)
  flipped[21] = static_cast<char>(flipped[21] ^ 0xFF);
  const std::string path = write("bad.csv.gz", flipped);
  InputFileError e = error_of(path);
  EXPECT_EQ(e.code(), IngestErrorCode::corrupt_compressed_data);
  EXPECT_EQ(e.file(), path);

  e = error_of(write("cut.csv.gz", good.substr(0, good.size() - 5)));
  EXPECT_EQ(e.code(), IngestErrorCode::corrupt_compressed_data);
  EXPECT_NE(e.message().find("ends in the middle of a member"), std::string::npos) << e.message();

  // Bytes after a member that are not another member.
  e = error_of(write("junk.csv.gz", good + "trailing text"));
  EXPECT_EQ(e.code(), IngestErrorCode::corrupt_compressed_data);
}

TEST_F(InputFiles, CorruptZipArchivesAndEntriesAreOneErrorNamingTheFile) {
  const std::string zip = make_zip({{"a.csv", kEvents, false}, {"b.csv", kEvents, true}});
  InputFileError e = error_of(write("cut.zip", zip.substr(0, zip.size() - 30)));
  EXPECT_EQ(e.code(), IngestErrorCode::corrupt_compressed_data);
  EXPECT_EQ(e.file(), (dir_ / "cut.zip").string());
  EXPECT_NE(e.message().find("central directory"), std::string::npos);

  // One byte of a stored entry changed: its CRC-32 no longer matches (APPNOTE 4.4.7).
  std::string changed = zip;
  changed[changed.find("acme")] = 'A';
  const std::string path = write("crc.zip", changed);
  e = error_of(path);
  EXPECT_EQ(e.code(), IngestErrorCode::corrupt_compressed_data);
  EXPECT_EQ(e.file(), path + "!a.csv");
}

TEST_F(InputFiles, EncryptedEntriesAndOtherMethodsAreUnsupported) {
  InputFileError e = error_of(write("secret.zip", make_zip({{"a.csv", kEvents, true, 1}})));
  EXPECT_EQ(e.code(), IngestErrorCode::unsupported_compression);
  EXPECT_NE(e.message().find("encrypted"), std::string::npos);
  // Method 12 is bzip2 (APPNOTE 4.4.5).
  e = error_of(write("bz.zip", make_zip({{"a.csv", kEvents, false, 0, 12}})));
  EXPECT_EQ(e.code(), IngestErrorCode::unsupported_compression);
  EXPECT_EQ(e.message(), "the ZIP entry uses compression method 12; pqlscope reads stored (0) and deflate (8) entries");
  EXPECT_EQ(e.file(), (dir_ / "bz.zip").string() + "!a.csv");
}

TEST_F(InputFiles, AMissingFileSaysSo) {
  EXPECT_THROW(read((dir_ / "nope.csv").string()), std::runtime_error);
}

}  // namespace
}  // namespace pqlscope
#endif
