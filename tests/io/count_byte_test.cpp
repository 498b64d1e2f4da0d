// count_byte counts in 16 byte lanes summed every 255 steps: texts past that point, texts where
// every byte matches (a lane at its most), every length and start around a 16-byte step, and
// random texts against a plain loop.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {

size_t plain_count(std::string_view text, char byte) {
  size_t n = 0;
  for (char c : text) n += c == byte;
  return n;
}

TEST(CountByte, CountsWhereEveryByteMatches) {
  for (size_t n : {size_t{0}, size_t{15}, size_t{16}, size_t{255 * 16}, size_t{255 * 16 + 1}, size_t{100000}}) {
    EXPECT_EQ(count_byte(std::string(n, '\n'), '\n'), n) << n;
    EXPECT_EQ(count_byte(std::string(n, 'x'), '\n'), 0u) << n;
  }
}

TEST(CountByte, AgreesWithAPlainLoopAtEveryLengthAndStart) {
  std::mt19937 random(12);
  std::string text(9000, ' ');
  for (char& c : text) c = "ab\n\r\xFF"[random() % 5];
  for (size_t start = 0; start < 17; ++start) {
    for (size_t length = 0; length + start <= text.size(); length += length < 80 ? 1 : 997) {
      const std::string_view part = std::string_view(text).substr(start, length);
      ASSERT_EQ(count_byte(part, '\n'), plain_count(part, '\n')) << start << " " << length;
      ASSERT_EQ(count_byte(part, '\xFF'), plain_count(part, '\xFF')) << start << " " << length;
    }
  }
}

}  // namespace
}  // namespace pqlscope
