// The structural JSON scan (io/json_scan.hpp) on hand-written texts: what it indexes, and that it
// refuses every text RFC 8259 (and nlohmann/json, which the ingest falls back to) rejects.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "pqlscope/io/json_scan.hpp"

namespace pqlscope {
namespace {

std::vector<std::string> keys_of(std::string_view text) {
  std::vector<JsonMember> members;
  EXPECT_TRUE(scan_json_object(text, members)) << text;
  std::vector<std::string> keys;
  for (const JsonMember& m : members) keys.emplace_back(text.substr(m.key.begin, m.key.end - m.key.begin));
  return keys;
}

TEST(JsonScan, IndexesOnlyTheTopLevelMembersInTextOrder) {
  const std::string text = R"( {"a":1, "b" : {"c":[1,{"d":2}],"e":"x"}, "f":[], "g":null , "h":true} )";
  std::vector<JsonMember> members;
  ASSERT_TRUE(scan_json_object(text, members));
  ASSERT_EQ(members.size(), 5u);
  auto value = [&](size_t i) { return text.substr(members[i].value.begin, members[i].value.end - members[i].value.begin); };
  EXPECT_EQ(value(0), "1");
  EXPECT_EQ(members[0].value.type, JsonType::number);
  EXPECT_EQ(value(1), R"({"c":[1,{"d":2}],"e":"x"})");
  EXPECT_EQ(members[1].value.type, JsonType::object);
  EXPECT_EQ(value(2), "[]");
  EXPECT_EQ(members[2].value.type, JsonType::array);
  EXPECT_EQ(members[3].value.type, JsonType::null);
  EXPECT_EQ(value(4), "true");
  EXPECT_EQ(members[4].value.type, JsonType::boolean);
  EXPECT_EQ(keys_of(text), (std::vector<std::string>{"\"a\"", "\"b\"", "\"f\"", "\"g\"", "\"h\""}));
}

TEST(JsonScan, KeysOfNestedObjectsDoNotLeakIntoTheTopLevel) {
  EXPECT_EQ(keys_of(R"({"context":{"groupId":"g","library":{"name":"n"}},"x":1})"),
            (std::vector<std::string>{"\"context\"", "\"x\""}));
  EXPECT_EQ(keys_of("{}"), std::vector<std::string>{});
}

// With `nested`, the same scan indexes the members of the objects one level down (the values
// of the top-level members that are objects), with spans into the whole text; arrays and
// deeper objects are values, not indexed.
TEST(JsonScan, IndexesTheObjectsOneLevelDown) {
  const std::string text =
      R"({"a":1,"ctx":{"g":"x","lib":{"n":"v"},"arr":[1,{"k":2}],"e":{}},"list":[{"no":1}],"p":{},"q":{"d\"k":true,"d\"k":null}})";
  std::vector<JsonMember> members;
  JsonNestedObjects nested;
  ASSERT_TRUE(scan_json_object(text, members, &nested));
  ASSERT_EQ(members.size(), 5u);
  auto span = [&](const JsonSpan& s) { return text.substr(s.begin, s.end - s.begin); };
  ASSERT_EQ(nested.objects.size(), 3u);  // ctx, p, q: not `list`'s element, not ctx.lib
  EXPECT_EQ(nested.objects[0].begin, members[1].value.begin);
  EXPECT_EQ(nested.objects[1].begin, members[3].value.begin);
  EXPECT_EQ(nested.objects[2].begin, members[4].value.begin);
  ASSERT_EQ(nested.objects[0].count, 4u);
  ASSERT_EQ(nested.objects[1].count, 0u);
  ASSERT_EQ(nested.objects[2].count, 2u);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"\"g\"", "\"x\""}, {"\"lib\"", "{\"n\":\"v\"}"}, {"\"arr\"", "[1,{\"k\":2}]"}, {"\"e\"", "{}"},
      {"\"d\\\"k\"", "true"}, {"\"d\\\"k\"", "null"}};
  ASSERT_EQ(nested.members.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(span(nested.members[i].key), expected[i].first) << i;
    EXPECT_EQ(span(nested.members[i].value), expected[i].second) << i;
  }
  EXPECT_EQ(nested.members[1].value.type, JsonType::object);
  EXPECT_EQ(nested.members[2].value.type, JsonType::array);
  EXPECT_EQ(nested.members[4].value.type, JsonType::boolean);
  EXPECT_TRUE(nested.members[4].key.escaped);
  EXPECT_EQ(nested.objects[2].first, 4u);
  // The same top-level members as without `nested`.
  std::vector<JsonMember> plain;
  ASSERT_TRUE(scan_json_object(text, plain));
  ASSERT_EQ(plain.size(), members.size());
  for (size_t i = 0; i < plain.size(); ++i) EXPECT_EQ(span(plain[i].value), span(members[i].value));
  // A second scan starts afresh; an invalid text is refused as before.
  ASSERT_TRUE(scan_json_object(R"({"x":{"y":1}})", members, &nested));
  EXPECT_EQ(nested.objects.size(), 1u);
  EXPECT_EQ(nested.members.size(), 1u);
  EXPECT_FALSE(scan_json_object(R"({"x":{"y":1,}})", members, &nested));
}

TEST(JsonScan, MarksStringsWithEscapes) {
  const std::string text = R"({"plain":"abc","esc\"aped":"a\nb"})";
  std::vector<JsonMember> members;
  ASSERT_TRUE(scan_json_object(text, members));
  EXPECT_FALSE(members[0].key.escaped);
  EXPECT_FALSE(members[0].value.escaped);
  EXPECT_TRUE(members[1].key.escaped);
  EXPECT_TRUE(members[1].value.escaped);
}

TEST(JsonScan, LongStringsCrossTheSixtyFourByteBlocks) {
  // Quotes and escapes at every position around the 64-byte classification blocks.
  for (size_t pad = 0; pad < 140; ++pad) {
    const std::string text = "{\"k\":\"" + std::string(pad, 'x') + "\\\"y\",\"z\":\"" + std::string(pad, 'w') + "\"}";
    std::vector<JsonMember> members;
    ASSERT_TRUE(scan_json_object(text, members)) << pad;
    ASSERT_EQ(members.size(), 2u) << pad;
    EXPECT_EQ(unescape_json_string(text.substr(members[0].value.begin, members[0].value.end - members[0].value.begin)),
              std::string(pad, 'x') + "\"y");
    EXPECT_EQ(members[1].value.end - members[1].value.begin, pad + 2);
  }
}

TEST(JsonScan, RefusesInvalidJson) {
  // Each is not one valid JSON object by RFC 8259 (or, for the last ones, is refused by
  // nlohmann/json and left to it).
  const std::vector<std::string> invalid = {
      "", "  ", "[]", "\"s\"", "1", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\":1 \"b\":2}",
      "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":{}}}", "{\"a\":1} x", "{\"a\":1}{}", "{a:1}", "{'a':1}",
      "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":0x1}",
      "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}", "{\"a\":NaN}", "{\"a\":\"x}", "{\"a\":\"\\x\"}",
      "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}", std::string("{\"a\":\"x\ty\"}"), std::string("{\"a\":\"x\ny\"}"),
      std::string("{\"a\":\"x\0y\"}", 10), "{\"a\":[}", "{\"a\":]}", "{\"a\":{]}", "{\"a\":[1}",
      "{\"a\":\"\\uD800\"}",          // a high surrogate alone
      "{\"a\":\"\\uDC00\"}",          // a low surrogate alone
      "{\"a\":\"\\uD800\\u0041\"}",   // a high surrogate before a non-surrogate
      "{\"a\":1e400}",               // beyond double range: nlohmann reports it
      "\xEF\xBB\xBF{\"a\":1}",       // a byte-order mark: left to nlohmann
  };
  for (const std::string& text : invalid) {
    std::vector<JsonMember> members;
    EXPECT_FALSE(scan_json_object(text, members)) << text;
  }
}

TEST(JsonScan, AcceptsValidEdgeCases) {
  const std::vector<std::string> valid = {
      "{}", " \t\r\n{ } \r\n", "{\"\":\"\"}", "{\"a\":-0}", "{\"a\":0.5e-3}", "{\"a\":1E+2}", "{\"a\":-12.25}",
      "{\"a\":123456789012345678901234567890}",  // beyond 64 bits: a double, as nlohmann reads it
      "{\"a\":\"\\u00e9\\uD83D\\uDE00\\/\\b\\f\\n\\r\\t\\\\\\\"\"}", "{\"a\":[[[[]]]],\"b\":{\"c\":{}}}",
      "{\"a\":\"\xC3\xA9\xE2\x82\xAC\"}", "{\"a\":\"\x7F\"}", "{\"a\":1,\"a\":2}",
  };
  for (const std::string& text : valid) {
    std::vector<JsonMember> members;
    EXPECT_TRUE(scan_json_object(text, members)) << text;
  }
}

TEST(JsonScan, NestingBeyondItsStackIsLeftToTheDomParser) {
  const std::string deep = std::string(kMaxScanDepth, '[') + std::string(kMaxScanDepth, ']');
  std::vector<JsonMember> members;
  EXPECT_FALSE(scan_json_object("{\"a\":" + deep + "}", members));
  const std::string fits = std::string(kMaxScanDepth - 2, '[') + std::string(kMaxScanDepth - 2, ']');
  EXPECT_TRUE(scan_json_object("{\"a\":" + fits + "}", members));
}

TEST(JsonScan, UnescapesToUtf8) {
  // RFC 8259 section 7: \uXXXX is a UTF-16 code unit; a surrogate pair is one code point.
  EXPECT_EQ(unescape_json_string(R"("caf\u00e9")"), "caf\xC3\xA9");
  EXPECT_EQ(unescape_json_string(R"("\u20AC")"), "\xE2\x82\xAC");
  EXPECT_EQ(unescape_json_string(R"("\uD83D\uDE00")"), "\xF0\x9F\x98\x80");  // U+1F600
  EXPECT_EQ(unescape_json_string(R"("a\"b\\c\/d\be\ff\ng\rh\ti")"), "a\"b\\c/d\be\ff\ng\rh\ti");
  EXPECT_EQ(unescape_json_string(R"("\u0000")"), std::string(1, '\0'));
  EXPECT_EQ(unescape_json_string(R"("")"), "");
}

TEST(JsonScan, FirstElementOfAnArray) {
  JsonSpan element;
  const std::string text = R"([ "acc_1" , "acc_2"])";
  ASSERT_TRUE(first_json_element(text, element));
  EXPECT_EQ(text.substr(element.begin, element.end - element.begin), "\"acc_1\"");
  EXPECT_FALSE(first_json_element("[ ]", element));
  ASSERT_TRUE(first_json_element("[{\"a\":[1]},2]", element));
  EXPECT_EQ(element.type, JsonType::object);
  EXPECT_EQ(element.end, 10u);
}

TEST(JsonScan, FindsStringSpecialBytesAtEveryOffset) {
  for (size_t n = 0; n < 200; ++n) {
    for (char special : {'"', '\\', '\x01', '\x1F'}) {
      std::string text(n + 30, 'a');
      text[n] = special;
      EXPECT_EQ(find_json_string_special(text, 0), n);
      EXPECT_EQ(find_json_string_special(text, n + 1), text.size());
    }
    EXPECT_EQ(find_json_string_special(std::string(n, '\x7F') + "\xC3\xA9", 0), n + 2);  // neither is special
  }
}

}  // namespace
}  // namespace pqlscope
