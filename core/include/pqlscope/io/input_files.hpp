// The input files inside one file on disk, streamed: the file itself, its gzip-decompressed
// bytes (every member of a multi-member gzip), or each entry of a ZIP archive (an entry may
// itself be gzipped). Decided by the first bytes (io/compression.hpp), never by the name.
// Nothing is held whole: chunks of at most `chunk_bytes` go to the sink as they are read.
//
// Native only (zlib): the WebAssembly build has no zlib, so the npm package and the browser
// do the same in JavaScript (wasm/js/decompress.js), with the same names, order and errors.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "pqlscope/io/error_codes.hpp"

namespace pqlscope {

class InputFileSink {
 public:
  virtual ~InputFileSink() = default;
  // One input file: "events.json.gz" for a gzip file, "archive.zip!hour-01.json.gz" for a ZIP
  // entry, the path itself for an uncompressed file.
  virtual void begin_file(const std::string& name) = 0;
  virtual void data(std::string_view bytes) = 0;
  virtual void end_file() = 0;
  // Something skipped on purpose (a folder or macOS metadata inside a ZIP).
  virtual void notice(const std::string& text) = 0;
  // Bytes of the file on disk read so far (compressed bytes), for progress displays.
  virtual void progress(uint64_t /*disk_bytes*/) {}
};

// A file that cannot be read to its end: corrupt or truncated compressed data
// (corrupt_compressed_data), or a ZIP entry that is encrypted or uses a method other than
// stored / deflate (unsupported_compression). `file` names the input file ("a.zip!b.csv").
class InputFileError : public std::runtime_error {
 public:
  InputFileError(IngestErrorCode code, std::string file, std::string message)
      : std::runtime_error(file + ": " + message), code_(code), file_(std::move(file)), message_(std::move(message)) {}
  IngestErrorCode code() const { return code_; }
  const std::string& file() const { return file_; }
  const std::string& message() const { return message_; }

 private:
  IngestErrorCode code_;
  std::string file_;
  std::string message_;
};

// Reads `path` and hands every input file in it to `sink`. Throws std::runtime_error when the
// file cannot be opened or read, InputFileError for bad compressed data.
void read_input_files(const std::string& path, InputFileSink& sink, size_t chunk_bytes);

}  // namespace pqlscope
