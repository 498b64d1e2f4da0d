// json_text_facts counts '{' and '[' (the record reader's depth pre-check) and says whether a
// text is ASCII. The SSE2 path counts in byte lanes summed every 255 steps of 16 bytes, so the
// texts here are long enough to pass that point several times, with counts known by
// construction.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "pqlscope/io/json_scan.hpp"

namespace pqlscope {
namespace {

TEST(JsonTextFacts, CountsEveryOpenerOfALongText) {
  // 20,000 bytes of '{' only: every lane matches at every step (the most a lane can hold before
  // a sum is 255), then 7 bytes of tail for the byte loop.
  const std::string braces(20000, '{');
  EXPECT_EQ(json_text_facts(braces).openers, 20000u);
  EXPECT_EQ(json_text_facts(braces + "[[[x[[[").openers, 20006u);
  // A JSON-like text: one '{' and one '[' in every 10 bytes, 9,001 blocks of 10.
  std::string text;
  for (int i = 0; i < 9001; ++i) text += "{\"a\":[1]}\n";
  const JsonTextFacts facts = json_text_facts(text);
  EXPECT_EQ(facts.openers, 18002u);
  EXPECT_TRUE(facts.ascii);
}

TEST(JsonTextFacts, SeesAHighByteAnywhere) {
  std::string text(5000, 'a');
  EXPECT_TRUE(json_text_facts(text).ascii);
  text[4097] = '\xC3';
  EXPECT_FALSE(json_text_facts(text).ascii);
  EXPECT_EQ(json_text_facts(text).openers, 0u);
}

// The one-pass search of JSON lines read in place: the same line end as find_line_feed, ascii
// exactly as json_text_facts says of the bytes before it, openers at least theirs and at most 15
// more (bytes after the '\n' in its 16-byte block), from every start, on random texts of line
// feeds, braces, brackets and high bytes.
TEST(JsonTextFacts, OnePassLineEndMatchesTheTwoPasses) {
  std::mt19937 rng(17);
  const char alphabet[] = {'a', '"', '{', '[', '}', '\n', '\xC3', '\xA9', ' ', '1'};
  for (int trial = 0; trial < 300; ++trial) {
    std::string text(rng() % 700, ' ');
    // Sparse line feeds and high bytes in some texts, dense in others; long runs of openers.
    const unsigned density = 1 + rng() % 40;
    for (char& c : text) c = rng() % density == 0 ? alphabet[rng() % 10] : (rng() % 3 == 0 ? '{' : 'x');
    for (std::size_t from = 0; from <= text.size(); from += 1 + rng() % 23) {
      JsonTextFacts facts;
      const std::size_t nl = find_line_feed(text, from, facts);
      ASSERT_EQ(nl, find_line_feed(text, from)) << trial << " " << from;
      const JsonTextFacts exact = json_text_facts(std::string_view(text).substr(from, nl - from));
      ASSERT_EQ(facts.ascii, exact.ascii) << trial << " " << from;
      ASSERT_GE(facts.openers, exact.openers) << trial << " " << from;
      ASSERT_LE(facts.openers, exact.openers + 15) << trial << " " << from;
    }
  }
  // Past 255 blocks without a line feed: the lanes are summed on the way.
  std::string braces(9000, '{');
  JsonTextFacts facts;
  EXPECT_EQ(find_line_feed(braces + "\n{", 0, facts), 9000u);
  EXPECT_GE(facts.openers, 9000u);
  EXPECT_LE(facts.openers, 9015u);
  EXPECT_TRUE(facts.ascii);
}

}  // namespace
}  // namespace pqlscope
