// The encoding stage before the readers. Expected bytes are the code points' UTF-8 forms from
// the Unicode charts (U+00E9 é = C3 A9, U+20AC € = E2 82 AC, U+2019 ’ = E2 80 99, U+1F600 =
// F0 9F 98 80) and Microsoft's cp1252 table (0x80 = €, 0x92 = ’, 0xE9 = é, 0x81 unassigned).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "pqlscope/io/text_decoder.hpp"

namespace pqlscope {
namespace {

struct Decoded {
  std::string text;
  TextEncoding encoding;
};

Decoded decode(std::string_view bytes, size_t chunk) {
  TextDecoder decoder;
  Decoded out;
  for (size_t at = 0; at < bytes.size(); at += chunk) {
    const std::string_view piece = decoder.feed(bytes.substr(at, chunk));
    out.text.append(piece.data(), piece.size());
  }
  const std::string_view rest = decoder.finish();
  out.text.append(rest.data(), rest.size());
  out.encoding = decoder.encoding();
  return out;
}

// Every chunk size gives the same text and encoding as one whole feed.
void expect_decodes(std::string_view bytes, std::string_view utf8, TextEncoding encoding) {
  for (size_t chunk = 1; chunk <= bytes.size() + 1; ++chunk) {
    const Decoded d = decode(bytes, chunk);
    EXPECT_EQ(d.text, utf8) << "chunk " << chunk;
    EXPECT_EQ(d.encoding, encoding) << "chunk " << chunk;
  }
}

TEST(TextDecoderTest, AsciiAndUtf8PassThrough) {
  expect_decodes("account,event\nacme,login\n", "account,event\nacme,login\n", TextEncoding::utf8);
  expect_decodes("name\nSoci\xC3\xA9t\xC3\xA9 \xE2\x82\xAC\n", "name\nSoci\xC3\xA9t\xC3\xA9 \xE2\x82\xAC\n",
                 TextEncoding::utf8);
  expect_decodes("\xEF\xBB\xBFid\n", "\xEF\xBB\xBFid\n", TextEncoding::utf8);  // the readers drop the BOM
  expect_decodes("", "", TextEncoding::utf8);
  expect_decodes("a", "a", TextEncoding::utf8);
}

TEST(TextDecoderTest, UnchangedUtf8ChunksAreNotCopied) {
  TextDecoder decoder;
  const std::string chunk = "timestamp,account_id,event\n";
  (void)decoder.feed(chunk);
  const std::string second = "2024-01-01,a,e\n";
  EXPECT_EQ(decoder.feed(second).data(), second.data());
}

TEST(TextDecoderTest, Windows1252WhenTheFirstNonAsciiByteIsNotUtf8) {
  expect_decodes("name\nSoci\xE9t\xE9 G\xE9n\xE9rale\n", "name\nSoci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale\n",
                 TextEncoding::windows_1252);
  // cp1252's own characters in 0x80..0x9F, and an unassigned byte read as its C1 control.
  expect_decodes("\x80 it\x92s\x81", "\xE2\x82\xAC it\xE2\x80\x99s\xC2\x81", TextEncoding::windows_1252);
  // A lead byte whose continuation is missing at the end of the file.
  expect_decodes("ab\xC3", "ab\xC3\x83", TextEncoding::windows_1252);
  // Latin-1 letters in 0xA0..0xFF are their own code points.
  expect_decodes("\xFC\xDF", "\xC3\xBC\xC3\x9F", TextEncoding::windows_1252);
}

TEST(TextDecoderTest, Utf16WithByteOrderMarks) {
  // "a,\u00e9\n" and U+1F600 as a surrogate pair, little and big endian.
  expect_decodes(std::string("\xFF\xFE" "a\0,\0\xE9\0\n\0\x3D\xD8\x00\xDE", 14),
                 "a,\xC3\xA9\n\xF0\x9F\x98\x80", TextEncoding::utf16le);
  expect_decodes(std::string("\xFE\xFF" "\0a\0,\0\xE9\0\n\xD8\x3D\xDE\x00", 14),
                 "a,\xC3\xA9\n\xF0\x9F\x98\x80", TextEncoding::utf16be);
}

TEST(TextDecoderTest, Utf16WithoutMarkFromNulBytes) {
  expect_decodes(std::string("i\0d\0\n\0", 6), "id\n", TextEncoding::utf16le);
  expect_decodes(std::string("\0i\0d\0\n", 6), "id\n", TextEncoding::utf16be);
}

TEST(TextDecoderTest, UndecodableUtf16BecomesAnInvalidUtf8Byte) {
  // A lone low surrogate, a high surrogate followed by a letter, and an odd final byte.
  expect_decodes(std::string("\xFF\xFE" "\x00\xDC" "a\0", 6), "\xFF" "a", TextEncoding::utf16le);
  expect_decodes(std::string("\xFF\xFE" "\x3D\xD8" "a\0", 6), "\xFF" "a", TextEncoding::utf16le);
  expect_decodes(std::string("\xFF\xFE" "a\0b", 5), "a\xFF", TextEncoding::utf16le);
  expect_decodes(std::string("\xFF\xFE" "\x3D\xD8", 4), "\xFF", TextEncoding::utf16le);
}

TEST(TextDecoderTest, Names) {
  EXPECT_STREQ(text_encoding_name(TextEncoding::windows_1252), "windows-1252");
  EXPECT_STREQ(text_encoding_name(TextEncoding::utf16be), "utf-16be");
}

}  // namespace
}  // namespace pqlscope
