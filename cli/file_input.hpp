// Streams files from disk into an Ingestor in fixed-size chunks (never the whole file).
// gzip files and ZIP archives are unpacked on the way (io/input_files.hpp): each ZIP entry
// is an input file of its own, named "archive.zip!entry".
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/input_files.hpp"

namespace pqlscope::cli {

inline constexpr size_t kChunkBytes = size_t{4} << 20;

// Feeds one file (every input file in it); `progress` is called after every chunk with the
// bytes read from disk so far. Notices (skipped ZIP entries) go to stderr. Corrupt or
// unreadable compressed data stops the ingest with an IngestError naming the input file.
inline void feed_file(Ingestor& ingest, const std::string& path, FileOptions options,
                      const std::function<void(uint64_t)>& progress = {}) {
  struct Sink final : InputFileSink {
    Ingestor& ingest;
    const FileOptions& options;
    const std::function<void(uint64_t)>& on_progress;
    Sink(Ingestor& i, const FileOptions& o, const std::function<void(uint64_t)>& p) : ingest(i), options(o), on_progress(p) {}
    void begin_file(const std::string& name) override { ingest.begin_file(name, options); }
    void data(std::string_view bytes) override { ingest.feed(bytes); }
    void end_file() override { ingest.end_file(); }
    void notice(const std::string& text) override { std::fprintf(stderr, "note: %s\n", text.c_str()); }
    void progress(uint64_t bytes) override { if (on_progress) on_progress(bytes); }
  } sink(ingest, options, progress);
  try {
    read_input_files(path, sink, kChunkBytes);
  } catch (const InputFileError& e) {
    throw IngestError(IngestIssue{e.code(), e.file(), 1, 1, 0, "", e.message()});
  }
}

}  // namespace pqlscope::cli
