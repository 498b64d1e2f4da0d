// read_input_files(): the first bytes decide between a ZIP archive, gzip, zstd and plain bytes
// (brotli, which has no magic number, by a ".br" name).
#include "pqlscope/io/input_files.hpp"

#include <cstdio>
#include <memory>

#include "gzip_decoder.hpp"
#include "stream_decoders.hpp"
#include "pqlscope/io/compression.hpp"
#include "zip_reader.hpp"

namespace pqlscope {
namespace {

using native_io::MaybeCompressed;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

bool is_macos_metadata(const std::string& name) {
  const size_t slash = name.rfind('/');
  const std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  return name.rfind("__MACOSX/", 0) == 0 || name.find("/__MACOSX/") != std::string::npos || base == ".DS_Store";
}

// Every entry is checked before any is read, so a bad one stops the archive before its
// first rows are counted. The messages match wasm/js/decompress.js.
void read_zip(std::FILE* file, const std::string& path, InputFileSink& sink, size_t chunk_bytes) {
  const std::vector<native_io::ZipEntry> entries = native_io::read_zip_directory(file, path);
  std::vector<const native_io::ZipEntry*> inputs;
  for (const native_io::ZipEntry& entry : entries) {
    const std::string name = path + "!" + entry.name;
    if (!entry.name.empty() && entry.name.back() == '/') {
      sink.notice(path + ": skipped " + entry.name + " (a folder)");
    } else if (is_macos_metadata(entry.name)) {
      sink.notice(path + ": skipped " + entry.name + " (macOS metadata)");
    } else if ((entry.flags & 1) != 0) {
      throw InputFileError(IngestErrorCode::unsupported_compression, name, native_io::kZipEntryEncrypted);
    } else if (entry.method != 0 && entry.method != 8) {
      throw InputFileError(IngestErrorCode::unsupported_compression, name,
                           "the ZIP entry uses compression method " + std::to_string(entry.method) +
                               "; pqlscope reads stored (0) and deflate (8) entries");
    } else {
      inputs.push_back(&entry);
    }
  }
  if (inputs.empty()) {
    // The archive itself becomes the (empty) input, so the report says so like any empty file.
    sink.notice(path + ": the ZIP archive holds no files");
    sink.begin_file(path);
    sink.end_file();
    return;
  }
  for (const native_io::ZipEntry* entry : inputs) {
    const std::string name = path + "!" + entry->name;
    sink.begin_file(name);
    MaybeCompressed data(name, [&](std::string_view bytes) { sink.data(bytes); }, chunk_bytes);
    native_io::read_zip_entry(file, *entry, name, chunk_bytes, [&](std::string_view bytes) { data.feed(bytes); },
                              [&](uint64_t at) { sink.progress(at); });
    data.finish();
    sink.end_file();
  }
}

}  // namespace

void read_input_files(const std::string& path, InputFileSink& sink, size_t chunk_bytes) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) throw std::runtime_error(path + ": cannot open the file");
  char magic[4];
  const size_t got = std::fread(magic, 1, sizeof magic, file.get());
  if (detect_compression(std::string_view(magic, got), "") == Compression::zip) {
    read_zip(file.get(), path, sink, chunk_bytes);
    return;
  }
  std::rewind(file.get());
  sink.begin_file(path);
  MaybeCompressed data(path, [&](std::string_view bytes) { sink.data(bytes); }, chunk_bytes);
  std::vector<char> buffer(chunk_bytes);
  uint64_t total = 0;
  for (;;) {
    const size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n == 0) break;
    data.feed(std::string_view(buffer.data(), n));
    total += n;
    sink.progress(total);
  }
  if (std::ferror(file.get()) != 0) throw std::runtime_error(path + ": read error");
  data.finish();
  sink.end_file();
}

}  // namespace pqlscope
