// The scan's one-pass index of second-level objects (JsonChildren, io/json_scan.hpp) against
// the reference: scanning each object-valued member's text on its own, as the lazy view did
// before. And the line split's facts (find_line_feed with JsonTextFacts) against
// find_line_feed and json_text_facts run separately, at every start offset.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "pqlscope/io/json_scan.hpp"

namespace pqlscope {
namespace {

// The members of each object-valued member of `text`, by scanning that member's text alone.
std::vector<std::vector<std::string>> children_by_rescan(const std::string& text) {
  std::vector<JsonMember> members;
  EXPECT_TRUE(scan_json_object(text, members)) << text;
  std::vector<std::vector<std::string>> out;
  for (const JsonMember& m : members) {
    out.emplace_back();
    if (m.value.type != JsonType::object) continue;
    const std::string part = text.substr(m.value.begin, m.value.end - m.value.begin);
    std::vector<JsonMember> inner;
    EXPECT_TRUE(scan_json_object(part, inner)) << part;
    for (const JsonMember& c : inner) {
      out.back().push_back(part.substr(c.key.begin, c.key.end - c.key.begin) + "=" +
                           part.substr(c.value.begin, c.value.end - c.value.begin) + "/" +
                           std::to_string(static_cast<int>(c.value.type)) + (c.value.escaped ? "e" : ""));
    }
  }
  return out;
}

std::vector<std::vector<std::string>> children_in_one_pass(const std::string& text) {
  std::vector<JsonMember> members;
  JsonChildren children;
  EXPECT_TRUE(scan_json_object(text, members, &children)) << text;
  EXPECT_EQ(children.end.size(), members.size()) << text;
  std::vector<std::vector<std::string>> out;
  uint32_t from = 0;
  for (size_t k = 0; k < members.size() && k < children.end.size(); ++k) {
    out.emplace_back();
    for (uint32_t c = from; c < children.end[k]; ++c) {
      const JsonMember& m = children.members[c];
      out.back().push_back(text.substr(m.key.begin, m.key.end - m.key.begin) + "=" +
                           text.substr(m.value.begin, m.value.end - m.value.begin) + "/" +
                           std::to_string(static_cast<int>(m.value.type)) + (m.value.escaped ? "e" : ""));
    }
    from = children.end[k];
  }
  return out;
}

TEST(JsonScanChildren, SecondLevelMembersEqualAScanOfEachObject) {
  const std::vector<std::string> texts = {
      R"({"type":"track","event":"e","context":{"groupId":"acc_1","library":{"name":"a.js","version":"4"}},"properties":{"plan":"trial","path":"/app"}})",
      R"({"a":{}})",
      R"({"a":{},"b":[],"c":{"x":[{"y":1},{"z":{"w":2}}],"v":null}})",
      R"( { "a" : { "k" : "v\"q" , "n" : -1.5e3 , "t" : true , "o" : { } , "l" : [ ] } } )",
      R"({"a":[{"x":1},{"y":2}],"b":{"x":{"x":{"x":1}},"x":2},"c":"{\"no\":1}"})",
      R"({"d":{"k":1},"d":{"k":2,"k":3},"e":5})",
      R"({"a":1,"b":"s","c":[1,[2,[3]]],"n":null})",
      R"({"\u0061":{"\u0062":"\ud83d\ude00"}})",
  };
  for (const std::string& text : texts) EXPECT_EQ(children_in_one_pass(text), children_by_rescan(text)) << text;
}

TEST(JsonScanChildren, InvalidTextIsRefusedWithChildrenAsWithout) {
  for (const std::string text : {R"({"a":{"b":}})", R"({"a":{"b":1,}})", R"({"a":{"b" 1}})", R"({"a":{"b":1})",
                                 R"({"a":{"b":[1}}})", R"({"a":{1:2}})"}) {
    std::vector<JsonMember> members;
    JsonChildren children;
    EXPECT_FALSE(scan_json_object(text, members, &children)) << text;
    EXPECT_FALSE(scan_json_object(text, members)) << text;
  }
}

TEST(JsonLineFacts, EqualFindLineFeedAndJsonTextFactsAtEveryStart) {
  std::mt19937 random(12);
  const char alphabet[] = {'a', '{', '[', '\n', '\n', '"', '\xC3', '\xA9', '}', ' ', 'x', 'y'};
  for (int round = 0; round < 40; ++round) {
    std::string text(static_cast<size_t>(random() % 700), 'a');
    const int sparse = 1 + round % 5;  // some texts with long lines (line feeds rarer)
    for (char& c : text) {
      c = alphabet[random() % sizeof alphabet];
      if (c == '\n' && random() % (sparse * sparse * 4) != 0) c = 'b';
      if ((c == '\xC3' || c == '\xA9') && round % 2 == 0) c = 'c';  // half the texts ASCII
    }
    for (size_t from = 0; from <= text.size(); ++from) {
      JsonTextFacts facts;
      const size_t nl = find_line_feed(text, from, facts);
      ASSERT_EQ(nl, find_line_feed(text, from)) << round << " " << from;
      const JsonTextFacts expected = json_text_facts(std::string_view(text).substr(from, nl - from));
      ASSERT_EQ(facts.ascii, expected.ascii) << round << " " << from;
      ASSERT_EQ(facts.openers, expected.openers) << round << " " << from;
    }
  }
  // A line longer than 255 blocks of 16 bytes, all openers: the lane sums must not wrap.
  const std::string braces = std::string(9000, '{') + "\n{";
  JsonTextFacts facts;
  EXPECT_EQ(find_line_feed(braces, 0, facts), 9000u);
  EXPECT_EQ(facts.openers, 9000u);
  EXPECT_EQ(find_line_feed(braces, 9001, facts), braces.size());
  EXPECT_EQ(facts.openers, 1u);
}

}  // namespace
}  // namespace pqlscope
