// Compressed data that reaches the Ingestor itself (a format pqlscope does not unpack, or gzip
// given to the byte-level API) is one file-level error, unsupported_compression, decided on
// the first bytes whatever the chunking. Runs natively and in WebAssembly.
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/compression.hpp"

namespace pqlscope {
namespace {

using namespace std::string_literals;

// Magic numbers as the formats document them (see core/src/io/compression.cpp for the list
// of specifications), followed by bytes that happen to include newlines.
struct Case {
  const char* name;
  std::string bytes;
  Compression expected;
};

std::vector<Case> cases() {
  const std::string noise = "\x01\x02\n\x80\xFF,a,b\n"s;
  std::string tar(600, '\0');
  tar.replace(0, 10, "events.csv");
  tar.replace(257, 6, "ustar\0"s);
  return {
      {"events.csv.gz", "\x1F\x8B\x08\x00"s + noise, Compression::gzip},
      {"events.zip", "PK\x03\x04"s + noise, Compression::zip},
      {"events.csv.zst", "\x28\xB5\x2F\xFD"s + noise, Compression::zstd},
      {"events.csv.bz2", "BZh9"s + noise, Compression::bzip2},
      {"events.csv.xz", "\xFD" "7zXZ\x00"s + noise, Compression::xz},
      {"events.7z", "7z\xBC\xAF\x27\x1C"s + noise, Compression::seven_zip},
      {"events.rar", "Rar!\x1A\x07\x01\x00"s + noise, Compression::rar},
      {"events.tar", tar, Compression::tar},
      {"events.json.br", "\x1B\x03\x00\xF8"s + noise, Compression::brotli},
  };
}

TEST(CompressedInput, EachFormatIsRecognisedByItsFirstBytes) {
  for (const Case& c : cases()) EXPECT_EQ(detect_compression(c.bytes, c.name), c.expected) << c.name;
  // The name alone decides nothing except for brotli, which has no magic number.
  EXPECT_EQ(detect_compression("timestamp,event\n", "events.csv.gz"), Compression::none);
  EXPECT_EQ(detect_compression("\x1F", "x"), Compression::none);  // too short to be gzip
  EXPECT_EQ(detect_compression("BZh,x\n", "x"), Compression::none);
}

TEST(CompressedInput, CompressedDataIsOneFileLevelErrorWhateverTheChunking) {
  for (const Case& c : cases()) {
    for (size_t chunk : {size_t{1}, size_t{3}, size_t{1000}}) {
      Ingestor ingest;
      ingest.begin_file(c.name);
      for (size_t at = 0; at < c.bytes.size(); at += chunk) ingest.feed(std::string_view(c.bytes).substr(at, chunk));
      const Aggregates a = ingest.finish();
      EXPECT_EQ(a.report.rows, 0u) << c.name;
      EXPECT_EQ(a.report.rejected, 1u) << c.name;
      ASSERT_EQ(a.report.issues.size(), 1u) << c.name;
      EXPECT_EQ(a.report.issues[0].code, IngestErrorCode::unsupported_compression) << c.name;
      EXPECT_EQ(a.report.issues[0].file, c.name);
      EXPECT_NE(a.report.issues[0].message.find(compression_name(c.expected)), std::string::npos) << a.report.issues[0].message;
    }
  }
}

TEST(CompressedInput, PlainTextStartingLikeAMagicNumberIsStillRead) {
  // "BZh" followed by a letter is not bzip2 (its fourth byte is the block size digit 1-9).
  const Aggregates a = ingest_buffer("events.csv",
                                     "BZhx,account_id,user_id,event,timestamp\n"
                                     "1,acme,alice,login,2024-03-01T09:00:00Z\n");
  EXPECT_EQ(a.report.events, 1u);
  EXPECT_EQ(a.report.rejected, 0u);
}

}  // namespace
}  // namespace pqlscope
