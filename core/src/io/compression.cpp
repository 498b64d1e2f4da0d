#include "pqlscope/io/compression.hpp"

namespace pqlscope {
namespace {

bool starts_with(std::string_view head, std::string_view magic) {
  return head.size() >= magic.size() && head.substr(0, magic.size()) == magic;
}

bool ends_with_ci(std::string_view name, std::string_view suffix) {
  if (name.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = name[name.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

// Magic numbers from each format's specification: gzip RFC 1952 section 2.3.1 (1F 8B), ZIP
// APPNOTE 4.3.7 / 4.3.16 (local header PK\3\4, or PK\5\6 for an archive with no entries),
// zstd RFC 8878 section 3.1.1 (28 B5 2F FD), bzip2 "BZh" + block size digit, xz file format
// 2.1.1.1 (FD 37 7A 58 5A 00), 7z (37 7A BC AF 27 1C), RAR 4 and 5 ("Rar!" 1A 07), POSIX tar
// ("ustar" at offset 257 of the first header).
Compression detect_compression(std::string_view head, std::string_view name) {
  using namespace std::string_view_literals;
  if (starts_with(head, "\x1F\x8B"sv)) return Compression::gzip;
  if (starts_with(head, "PK\x03\x04"sv) || starts_with(head, "PK\x05\x06"sv)) return Compression::zip;
  if (starts_with(head, "\x28\xB5\x2F\xFD"sv)) return Compression::zstd;
  if (head.size() >= 4 && starts_with(head, "BZh"sv) && head[3] >= '1' && head[3] <= '9') return Compression::bzip2;
  if (starts_with(head, "\xFD" "7zXZ\x00"sv)) return Compression::xz;
  if (starts_with(head, "7z\xBC\xAF\x27\x1C"sv)) return Compression::seven_zip;
  if (starts_with(head, "Rar!\x1A\x07"sv)) return Compression::rar;
  if (head.size() >= kCompressionSniffBytes && head.substr(257, 5) == "ustar"sv) return Compression::tar;
  if (ends_with_ci(name, ".br")) return Compression::brotli;
  return Compression::none;
}

bool looks_like_text(std::string_view head) {
  using namespace std::string_view_literals;
  if (starts_with(head, "\xFF\xFE"sv) || starts_with(head, "\xFE\xFF"sv)) return true;
  for (const char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x09 || (c > 0x0D && c < 0x20) || c == 0x7F) return false;
  }
  return true;
}

const char* compression_name(Compression compression) {
  switch (compression) {
    case Compression::none: return "uncompressed";
    case Compression::gzip: return "gzip";
    case Compression::zip: return "ZIP";
    case Compression::zstd: return "zstd";
    case Compression::bzip2: return "bzip2";
    case Compression::xz: return "xz";
    case Compression::seven_zip: return "7z";
    case Compression::rar: return "RAR";
    case Compression::tar: return "tar";
    case Compression::brotli: return "brotli";
  }
  return "unknown";
}

std::string unsupported_compression_message(Compression compression) {
  const std::string what = compression_name(compression);
  if (compression == Compression::gzip || compression == Compression::zip) {
    // Only reachable through the low-level byte API, or for a file compressed twice: the
    // file readers unpack one level of gzip and ZIP.
    return "the data is " + what + "-compressed (compressed twice, or given to the byte-level API, which "
           "takes uncompressed bytes); the file was not read";
  }
  const std::string kind = compression == Compression::tar ? "a tar archive" : "compressed with " + what;
  if (compression == Compression::zstd || compression == Compression::brotli) {
    // Natively the file readers unpack both; this is the npm package or the dashboard (which
    // unpack gzip and ZIP only), the byte-level API, or a file compressed twice.
    return "the file is " + kind + ", which is not unpacked here (the CLI unpacks gzip, ZIP, zstd and brotli; "
           "the npm package and the dashboard gzip and ZIP); unpack it (" +
           (compression == Compression::zstd ? "zstd -d" : "brotli -d") +
           ") and give the file inside, or read it with the CLI; the file was not read";
  }
  return "the file is " + kind + ", which pqlscope does not unpack (it reads gzip, ZIP, zstd and brotli); unpack "
         "it and give the files inside; the file was not read";
}

}  // namespace pqlscope
