// Streams files from disk into the ingest (raw or day-count files) in fixed-size chunks (never
// the whole file).
// gzip files and ZIP archives are unpacked on the way (io/input_files.hpp): each ZIP entry
// is an input file of its own, named "archive.zip!entry".
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <filesystem>
#include <functional>
#include <string>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/session/input_ingest.hpp"
#include "pqlscope/io/compression.hpp"
#include "pqlscope/io/input_files.hpp"

namespace pqlscope::cli {

inline constexpr size_t kChunkBytes = size_t{4} << 20;

// Feeds one file (every input file in it); `progress` is called after every chunk with the
// bytes read from disk so far. Notices (skipped ZIP entries) go to stderr. Corrupt or
// unreadable compressed data stops the ingest with an IngestError naming the input file.
// True when the file starts with no compression magic (a gzip input file keeps the path as its
// name, but the size on disk is not its size).
inline bool is_uncompressed(const std::string& path) {
  char head[16] = {};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  const size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return detect_compression(std::string_view(head, n), path) == Compression::none;
}

// `day_counts`: the file must be a day-count file (--aggregates), not merely may be one.
inline void feed_file(InputIngest& ingest, const std::string& path, FileOptions options,
                      const std::function<void(uint64_t)>& progress = {}, bool day_counts = false) {
  struct Sink final : InputFileSink {
    InputIngest& ingest;
    bool day_counts = false;
    const FileOptions& options;
    const std::string& path;
    bool uncompressed = false;  // the input file is the file on disk itself
    const std::function<void(uint64_t)>& on_progress;
    Sink(InputIngest& i, const FileOptions& o, const std::string& f, const std::function<void(uint64_t)>& p)
        : ingest(i), options(o), path(f), on_progress(p) {}
    // An uncompressed file's size lets a copy given twice be recognised past the held-back
    // limit (docs/ingest.md "The same file twice"); a decompressed input's size is unknown.
    void begin_file(const std::string& name) override {
      FileOptions file_options = options;
      if (name == path && uncompressed) {
        std::error_code error;
        const auto bytes = std::filesystem::file_size(path, error);
        if (!error) file_options.size = static_cast<int64_t>(bytes);
      }
      ingest.begin_file(name, std::move(file_options), day_counts);
    }
    void data(std::string_view bytes) override { ingest.feed(bytes); }
    void end_file() override { ingest.end_file(); }
    void notice(const std::string& text) override { std::fprintf(stderr, "note: %s\n", text.c_str()); }
    void progress(uint64_t bytes) override { if (on_progress) on_progress(bytes); }
  } sink(ingest, options, path, progress);
  sink.uncompressed = is_uncompressed(path);
  sink.day_counts = day_counts;
  try {
    read_input_files(path, sink, kChunkBytes);
  } catch (const InputFileError& e) {
    throw IngestError(IngestIssue{e.code(), e.file(), 1, 1, 0, "", e.message()});
  }
}

// One uncompressed regular file read by ranges on several threads (Ingestor::ingest_file_parallel).
// threads 0: the machine's cores.
inline ParallelOutcome feed_file_parallel(InputIngest& ingest, const std::string& path, FileOptions options,
                                          unsigned threads) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw std::runtime_error(path + ": cannot open the file");
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw std::runtime_error(path + ": cannot read the file's size");
  ParallelOptions parallel;
  parallel.threads = threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  const auto read = [fd](uint64_t offset, char* out, size_t n) -> size_t {
    for (;;) {
      const ssize_t got = ::pread(fd, out, n, static_cast<off_t>(offset));
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) throw std::runtime_error(std::string("read error: ") + std::strerror(errno));
    }
  };
  return ingest.ingest_file_parallel(path, std::move(options), static_cast<uint64_t>(st.st_size), read, parallel);
}

}  // namespace pqlscope::cli
