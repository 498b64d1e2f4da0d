#include "zip_reader.hpp"

#include <zlib.h>

#include <algorithm>

#include "pqlscope/io/input_files.hpp"
#include "pqlscope/io/text.hpp"

namespace pqlscope::native_io {
namespace {

constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kDirectoryEntry = 0x02014b50;
constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr size_t kEndRecordBytes = 22;
constexpr size_t kMaxCommentBytes = 0xFFFF;

uint64_t le(const unsigned char* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

[[noreturn]] void directory_corrupt(const std::string& archive) {
  throw InputFileError(IngestErrorCode::corrupt_compressed_data, archive, kZipDirectoryCorrupt);
}

void read_at(std::FILE* file, uint64_t offset, unsigned char* out, size_t bytes, const std::string& archive) {
  if (fseeko(file, static_cast<off_t>(offset), SEEK_SET) != 0 || std::fread(out, 1, bytes, file) != bytes) {
    directory_corrupt(archive);
  }
}

// Names are UTF-8 when the archive says so (flag bit 11) or when they are valid UTF-8
// anyway; otherwise each byte is read as Latin-1 (APPNOTE says IBM 437, which no tool on a
// revenue team's machine writes consistently; Latin-1 keeps every name readable).
std::string entry_name(std::string raw) {
  if (find_invalid_utf8(raw) == raw.size()) return raw;
  std::string out;
  for (unsigned char c : raw) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

}  // namespace

std::vector<ZipEntry> read_zip_directory(std::FILE* file, const std::string& archive) {
  if (fseeko(file, 0, SEEK_END) != 0) directory_corrupt(archive);
  const uint64_t file_size = static_cast<uint64_t>(ftello(file));
  if (file_size < kEndRecordBytes) directory_corrupt(archive);
  // The end record is the last thing in the file, followed only by a comment of up to 64 KiB.
  const uint64_t tail_size = std::min<uint64_t>(file_size, kEndRecordBytes + kMaxCommentBytes);
  std::vector<unsigned char> tail(tail_size);
  read_at(file, file_size - tail_size, tail.data(), tail.size(), archive);
  size_t at = tail_size - kEndRecordBytes + 1;
  bool found = false;
  while (at-- > 0) {
    if (le(&tail[at], 4) == kEndOfDirectory) {
      found = true;
      break;
    }
  }
  if (!found) directory_corrupt(archive);
  const unsigned char* end = &tail[at];
  uint64_t count = le(end + 10, 2);
  uint64_t directory_size = le(end + 12, 4);
  uint64_t directory_offset = le(end + 16, 4);
  if (count == 0xFFFF || directory_size == 0xFFFFFFFF || directory_offset == 0xFFFFFFFF) {
    // Zip64: a locator just before the end record points at the Zip64 end record.
    const uint64_t end_offset = file_size - tail_size + at;
    if (end_offset < 20) directory_corrupt(archive);
    unsigned char locator[20];
    read_at(file, end_offset - 20, locator, sizeof locator, archive);
    if (le(locator, 4) != kZip64Locator) directory_corrupt(archive);
    unsigned char record[56];
    read_at(file, le(locator + 8, 8), record, sizeof record, archive);
    if (le(record, 4) != kZip64EndOfDirectory) directory_corrupt(archive);
    count = le(record + 32, 8);
    directory_size = le(record + 40, 8);
    directory_offset = le(record + 48, 8);
  }
  if (directory_offset > file_size || directory_size > file_size - directory_offset) directory_corrupt(archive);
  // 46 bytes is the smallest directory entry: a count beyond that is a corrupt record.
  if (count > directory_size / 46) directory_corrupt(archive);
  std::vector<unsigned char> directory(directory_size);
  if (directory_size > 0) read_at(file, directory_offset, directory.data(), directory.size(), archive);

  std::vector<ZipEntry> entries;
  entries.reserve(count);
  size_t pos = 0;
  for (uint64_t i = 0; i < count; ++i) {
    if (directory.size() - pos < 46 || le(&directory[pos], 4) != kDirectoryEntry) directory_corrupt(archive);
    const unsigned char* h = &directory[pos];
    ZipEntry e;
    e.flags = static_cast<uint16_t>(le(h + 8, 2));
    e.method = static_cast<uint16_t>(le(h + 10, 2));
    e.crc = static_cast<uint32_t>(le(h + 16, 4));
    e.compressed_size = le(h + 20, 4);
    e.size = le(h + 24, 4);
    const size_t name_len = le(h + 28, 2), extra_len = le(h + 30, 2), comment_len = le(h + 32, 2);
    e.local_offset = le(h + 42, 4);
    if (directory.size() - pos - 46 < name_len + extra_len + comment_len) directory_corrupt(archive);
    e.name = entry_name(std::string(reinterpret_cast<const char*>(h + 46), name_len));
    // Zip64 extended information (APPNOTE 4.5.3): the 8-byte values of the fields set to
    // 0xFFFFFFFF, in the order size, compressed size, local header offset.
    const unsigned char* extra = h + 46 + name_len;
    for (size_t x = 0; x + 4 <= extra_len;) {
      const uint64_t id = le(extra + x, 2), len = le(extra + x + 2, 2);
      if (x + 4 + len > extra_len) break;
      if (id == 0x0001) {
        size_t f = x + 4;
        auto take = [&](uint64_t& field) {
          if (field != 0xFFFFFFFF) return;
          if (f + 8 > x + 4 + len) directory_corrupt(archive);
          field = le(extra + f, 8);
          f += 8;
        };
        take(e.size);
        take(e.compressed_size);
        take(e.local_offset);
      }
      x += 4 + len;
    }
    entries.push_back(std::move(e));
    pos += 46 + name_len + extra_len + comment_len;
  }
  return entries;
}

void read_zip_entry(std::FILE* file, const ZipEntry& entry, const std::string& name, size_t chunk_bytes,
                    const ByteOutput& out, const std::function<void(uint64_t)>& progress) {
  auto corrupt = [&]() -> void {
    throw InputFileError(IngestErrorCode::corrupt_compressed_data, name, kZipEntryCorrupt);
  };
  unsigned char local[30];
  if (fseeko(file, static_cast<off_t>(entry.local_offset), SEEK_SET) != 0 ||
      std::fread(local, 1, sizeof local, file) != sizeof local || le(local, 4) != kLocalHeader) {
    corrupt();
  }
  const uint64_t data_offset = entry.local_offset + 30 + le(local + 26, 2) + le(local + 28, 2);
  if (fseeko(file, static_cast<off_t>(data_offset), SEEK_SET) != 0) corrupt();

  z_stream z{};
  const bool deflated = entry.method == 8;
  if (deflated && inflateInit2(&z, -15) != Z_OK) throw std::bad_alloc();  // raw deflate
  struct End {
    z_stream* z;
    bool on;
    ~End() { if (on) inflateEnd(z); }
  } end_guard{&z, deflated};

  std::vector<char> in(chunk_bytes), buffer(chunk_bytes);
  uint64_t left = entry.compressed_size, produced_total = 0;
  uLong crc = crc32(0, nullptr, 0);
  bool stream_end = !deflated;
  auto emit = [&](const char* data, size_t n) {
    if (n == 0) return;
    produced_total += n;
    if (produced_total > entry.size) corrupt();
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(n));
    out(std::string_view(data, n));
  };
  while (left > 0 && !(deflated && stream_end)) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(left, in.size()));
    if (std::fread(in.data(), 1, want, file) != want) corrupt();
    left -= want;
    if (progress) progress(data_offset + entry.compressed_size - left);
    if (!deflated) {
      emit(in.data(), want);
      continue;
    }
    z.next_in = reinterpret_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(want);
    for (;;) {
      z.next_out = reinterpret_cast<Bytef*>(buffer.data());
      z.avail_out = static_cast<uInt>(buffer.size());
      const int status = inflate(&z, Z_NO_FLUSH);
      if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) corrupt();
      emit(buffer.data(), buffer.size() - z.avail_out);
      if (status == Z_STREAM_END) {
        stream_end = true;  // bytes after it are ignored: the size and CRC-32 decide
        break;
      }
      if ((z.avail_in == 0 && z.avail_out > 0) || status == Z_BUF_ERROR) break;
    }
  }
  if (!stream_end || produced_total != entry.size || crc != entry.crc) corrupt();
}

}  // namespace pqlscope::native_io
