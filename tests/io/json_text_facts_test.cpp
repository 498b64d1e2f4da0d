// json_text_facts counts '{' and '[' (the record reader's depth pre-check) and says whether a
// text is ASCII. The SSE2 path counts in byte lanes summed every 255 steps of 16 bytes, so the
// texts here are long enough to pass that point several times, with counts known by
// construction.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace pqlscope
