// JsonWriter writes what nlohmann's dump() writes for the same value, compact and pretty: the
// reference is nlohmann itself (an independent serializer), plus a few texts fixed by the JSON
// grammar (RFC 8259: quotation mark, reverse solidus and U+0000..U+001F must be escaped).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/report/json_writer.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_parts.hpp"

namespace pqlscope {
namespace {

using ojson = nlohmann::ordered_json;

std::string dumped(const ojson& value, bool pretty) {
  return value.dump(pretty ? 2 : -1, ' ', false, ojson::error_handler_t::replace);
}

std::string string_text(std::string_view s, bool pretty = false) {
  std::string out;
  JsonWriter w(pretty);
  w.set_output(out);
  w.string(s);
  w.flush();
  return out;
}

std::string number_text(double v) {
  std::string out;
  JsonWriter w(false);
  w.set_output(out);
  w.number(v);
  w.flush();
  return out;
}

TEST(JsonWriter, StringsAreEscapedAsNlohmannDumpsThem) {
  const std::string cases[] = {
      "",
      "plain ascii 123",
      "quote \" backslash \\ slash /",
      "tab\tnewline\ncr\rbackspace\bformfeed\f",
      std::string("nul \0 and \x01 \x1f \x7f", 14),
      "M\xC3\xBCller GmbH \xE2\x82\xAC \xF0\x9F\x98\x80",  // ü, €, an emoji: kept as UTF-8
      "bad \xFF byte",                                    // invalid UTF-8: U+FFFD
      "cut \xE2\x82",                                     // truncated sequence at the end
      "overlong \xC0\xAF and lone continuation \x80 ok",
  };
  for (const std::string& s : cases) {
    EXPECT_EQ(string_text(s), dumped(ojson(s), false)) << s;
  }
  // Every byte position (the check runs 8 bytes at a time, then byte by byte).
  for (const std::string special : {"\"", "\\", "\n", "\x1f", " ", "\x7f", "\xC3\xA9", "\xFF"}) {
    for (size_t at = 0; at <= 19; ++at) {
      std::string s(19, 'a');
      s.insert(at, special);
      EXPECT_EQ(string_text(s), dumped(ojson(s), false)) << at << " " << s;
    }
  }
  // Fixed by the grammar: control characters without a short form are \u00XX.
  EXPECT_EQ(string_text("a\x01z"), "\"a\\u0001z\"");
  EXPECT_EQ(string_text("q\"b\\"), "\"q\\\"b\\\\\"");
  EXPECT_EQ(string_text("bad \xFF"), "\"bad \xEF\xBF\xBD\"");
}

TEST(JsonWriter, NumbersFollowTheReportRules) {
  // docs/report.md "Numbers": NaN -> null, whole values without a fraction, 4 decimals.
  EXPECT_EQ(number_text(std::nan("")), "null");
  EXPECT_EQ(number_text(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(number_text(1e305), "null");  // finite, but rounding to 4 decimals overflows
  EXPECT_EQ(number_text(40.0), "40");
  EXPECT_EQ(number_text(-0.0), "0");
  EXPECT_EQ(number_text(97.72727272), "97.7273");
  EXPECT_EQ(number_text(-3.5), "-3.5");
  EXPECT_EQ(number_text(0.00012), "0.0001");
  EXPECT_EQ(number_text(0.00004), "0");
  // The same text as nlohmann gives the DOM's number (report_number), shortest round-trip.
  for (double v : {0.1, 0.3, 1.0 / 3.0, 2.0 / 3.0, 12345.6789, 123456789012.3456, -0.0001, 9e15, 1e16, 3.14159e20,
                   -7.25e18, 5e-5, 0.99995, 1e-300}) {
    EXPECT_EQ(number_text(v), report_number(v).dump()) << v;
  }
}

// Many doubles against nlohmann's own text of the same report number (report_number(): round4,
// then nlohmann's Grisu2): the writer formats most 4-decimal values without Grisu2 and must
// give the same bytes. Values of every magnitude, exact ten-thousandths, halfway points of the
// rounding, their neighbouring doubles, and random bit patterns.
TEST(JsonWriter, NumbersMatchNlohmannForManyDoubles) {
  std::mt19937_64 random(20261202);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  size_t checked = 0, naive_differs = 0;
  auto check = [&](double v) {
    ++checked;
    ASSERT_EQ(number_text(v), report_number(v).dump()) << std::hexfloat << v;
  };
  for (int i = 0; i < 200000; ++i) {
    const double magnitude = std::pow(10.0, -5.0 + 17.0 * unit(random));  // 1e-5 .. 1e12
    const double v = (random() & 1) ? magnitude : -magnitude;
    check(v);
    const double tenths = std::round(v * 10000.0);
    const double exact = tenths / 10000.0;
    check(exact);
    check(std::nextafter(exact, 0.0));
    check(std::nextafter(exact, 1e300));
    check((tenths + 0.5) / 10000.0);
    check(std::nextafter((tenths + 0.5) / 10000.0, 0.0));
    uint64_t bits = random();
    double any;
    std::memcpy(&any, &bits, sizeof any);
    if (std::isfinite(any)) check(any);
    if (::testing::Test::HasFatalFailure()) return;
    // How often the plain "n / 10^4" text is not nlohmann's (the cases the writer must leave to
    // Grisu2): there are some, so the equality above is a real check of that guard.
    if (std::fabs(exact) < 1e9 && exact != std::floor(exact)) {
      char text[40];
      std::snprintf(text, sizeof text, "%.4f", exact);
      std::string naive = text;
      while (naive.back() == '0') naive.pop_back();
      if (naive != report_number(exact).dump()) ++naive_differs;
    }
  }
  EXPECT_GT(checked, 1000000u);
  EXPECT_GT(naive_differs, 0u);
}

// Whole values take a shorter path (the integer's text) below 5e10: every small integer, the
// integers of every magnitude around that bound and far beyond it, against nlohmann's text of
// the same report number, and against the decimal digits printed independently by snprintf.
TEST(JsonWriter, WholeNumbersMatchNlohmannAndTheirDigits) {
  std::vector<double> values;
  for (int i = -20000; i <= 20000; ++i) values.push_back(i);
  for (double p = 1; p < 1e17; p *= 10) {
    for (double d : {-2.0, -1.0, 0.0, 1.0, 2.0}) values.push_back(p + d), values.push_back(-(p + d));
  }
  for (double v : {5e10 - 1, 5e10, 5e10 + 1, 562949953421312.0 / 10000.0, 9007199254740992.0, 9e15 - 1, 9e15 + 2}) {
    values.push_back(v);
    values.push_back(-v);
  }
  std::mt19937_64 random(20261203);
  for (int i = 0; i < 100000; ++i) values.push_back(static_cast<double>(static_cast<int64_t>(random() >> (random() % 64))));
  for (double v : values) {
    ASSERT_EQ(number_text(v), report_number(v).dump()) << std::fixed << v;
    if (std::fabs(v) < 5e10 && v == std::floor(v)) {  // the shorter path's domain
      char digits[40];
      std::snprintf(digits, sizeof digits, "%.0f", v + 0.0);  // -0 + 0 is +0: the report writes "0"
      ASSERT_EQ(number_text(v), std::string(digits)) << std::fixed << v;
    }
  }
}

TEST(JsonWriter, IntegersAndBooleans) {
  std::string out;
  JsonWriter w(false);
  w.set_output(out);
  w.begin_array();
  w.integer(0);
  w.integer(int64_t{-9223372036854775807} - 1);
  w.integer(uint64_t{18446744073709551615u});
  w.integer(int32_t{-42});
  w.boolean(true);
  w.boolean(false);
  w.null();
  w.end_array();
  w.flush();
  EXPECT_EQ(out, "[0,-9223372036854775808,18446744073709551615,-42,true,false,null]");
}

// One nested value written through every JsonWriter call and built as a DOM.
void write_sample(JsonWriter& w) {
  w.begin_object();
  w.member_string("id", "acc \"1\"");
  w.key("empty_object");
  w.begin_object();
  w.end_object();
  w.key("empty_array");
  w.begin_array();
  w.end_array();
  w.key("list");
  w.begin_array();
  w.integer(1);
  w.begin_object();
  w.member_number("x", 2.5);
  w.member_null("y");
  w.key("deep");
  w.begin_array();
  w.begin_array();
  w.end_array();
  w.string("s");
  w.end_array();
  w.end_object();
  w.begin_array();
  w.end_array();
  w.end_array();
  w.key("dom");
  w.value(ojson{{"a", {1, 2}}, {"b", ojson::object()}, {"c", "t\n"}});
  w.member_bool("flag", false);
  w.member_integer("n", uint32_t{7});
  w.end_object();
}

const ojson kSample = {{"id", "acc \"1\""},
                       {"empty_object", ojson::object()},
                       {"empty_array", ojson::array()},
                       {"list", {1, {{"x", 2.5}, {"y", nullptr}, {"deep", {ojson::array(), "s"}}}, ojson::array()}},
                       {"dom", {{"a", {1, 2}}, {"b", ojson::object()}, {"c", "t\n"}}},
                       {"flag", false},
                       {"n", 7}};

TEST(JsonWriter, LayoutIsDumpsCompactAndIndentedByTwo) {
  for (bool pretty : {false, true}) {
    std::string out;
    JsonWriter w(pretty);
    w.set_output(out);
    write_sample(w);
    w.flush();
    EXPECT_EQ(out, dumped(kSample, pretty)) << "pretty " << pretty;
  }
}

TEST(JsonWriter, OutputCanMoveBetweenPieces) {
  std::string first, second;
  JsonWriter w(true);
  w.set_output(first);
  w.begin_object();
  w.key("list");
  w.begin_array();
  w.integer(1);
  w.set_output(second);
  w.integer(2);
  w.end_array();
  w.end_object();
  w.flush();
  EXPECT_EQ(first + second, dumped(ojson{{"list", {1, 2}}}, true));
}

// Many times the writer's block, so values straddle its flushes: strings plain and escaped
// (which go through nlohmann beside the block), one longer than the block, run-time keys,
// numbers and the sample, against the DOM's dump; flushed at varied points, into varied pieces.
TEST(JsonWriter, TextsLongerThanTheBlockAreDumpsBytes) {
  ojson expected = ojson::object();
  ojson list = ojson::array();
  for (int i = 0; i < 6000; ++i) {
    const std::string id = "user-" + std::to_string(i * 7919) + (i % 13 == 0 ? "\"\xC3\xA9\n" : "");
    list.push_back({{"id", id}, {"score", (i % 100) + 0.25}, {"n", -i}, {"sample", kSample}});
  }
  expected["list"] = list;
  expected["long"] = std::string(100000, 'x') + "\t" + std::string(70000, 'y');
  expected["plain_long"] = std::string(90000, 'z');
  expected["run-time \"key\""] = true;
  for (bool pretty : {false, true}) {
    for (int every : {0, 1, 37, 1000}) {  // flush after every `every` elements (0: never)
      std::string out, piece;
      JsonWriter w(pretty);
      w.set_output(piece);
      w.begin_object();
      w.key("list");
      w.begin_array();
      for (int i = 0; i < 6000; ++i) {
        const ojson& e = list[static_cast<size_t>(i)];
        w.begin_object();
        w.member_string("id", e["id"].get<std::string>());
        w.member_number("score", (i % 100) + 0.25);
        w.member_integer("n", -i);
        w.key("sample");
        write_sample(w);
        w.end_object();
        if (every != 0 && i % every == 0) {
          w.flush();
          out += piece;
          piece.clear();
        }
      }
      w.end_array();
      w.member_string("long", expected["long"].get<std::string>());
      w.member_string("plain_long", expected["plain_long"].get<std::string>());
      w.key_text("run-time \"key\"");
      w.boolean(true);
      w.end_object();
      w.flush();
      out += piece;
      const std::string want = dumped(expected, pretty);
      const auto differ = std::mismatch(out.begin(), out.end(), want.begin(), want.end());
      EXPECT_TRUE(out == want) << "pretty " << pretty << ", every " << every << ": " << out.size() << " bytes against "
                               << want.size() << ", first difference at " << (differ.first - out.begin());
    }
  }
}

// A text rendered apart (the report's sections and history on a second thread) goes into a
// list of blocks, one per flush, plus one per text written around the block (a long string, an
// escaped one, a DOM's dump): joined, the same bytes as one string; no block is a copy of the
// text grown so far.
TEST(JsonWriter, BlocksHoldTheBytesOfOneString) {
  const std::string long_text = std::string(100000, 'x') + "\t";
  for (bool pretty : {false, true}) {
    const auto write = [&](JsonWriter& w) {
      w.begin_object();
      w.key("list");
      w.begin_array();
      for (int i = 0; i < 3000; ++i) {
        w.member_string("id", "user-" + std::to_string(i) + (i % 500 == 0 ? "\xC3\xA9\n" : ""));
        w.key("sample");
        write_sample(w);
      }
      w.end_array();
      w.member_string("long", long_text);
      w.key("dom");
      w.value(kSample);
      w.end_object();
      w.flush();
    };
    std::string whole;
    JsonWriter one(pretty);
    one.set_output(whole);
    one.begin_array();
    write(one);
    one.end_array();
    one.flush();

    std::string joined;
    RenderedText blocks;
    JsonWriter w(pretty);
    w.set_output(joined);  // the output moves from a string to blocks mid-text, as a piece does
    w.begin_array();
    w.set_output(blocks);
    write(w);
    w.end_array();
    w.flush();
    size_t largest = 0;
    for (const std::string& block : blocks) {
      joined += block;
      largest = std::max(largest, block.size());
    }
    EXPECT_TRUE(joined == whole) << "pretty " << pretty << ": " << joined.size() << " bytes against " << whole.size();
    EXPECT_GT(blocks.size(), whole.size() / 40000) << "one block per 32 KiB flush";
    EXPECT_LE(largest, long_text.size() + 3) << "the longest block is the long string, quoted, its tab escaped";
  }
}

TEST(JsonWriter, ClosingWhatIsNotOpenIsAProgrammingError) {
  std::string out;
  JsonWriter w(false);
  w.set_output(out);
  EXPECT_THROW(w.end_object(), std::logic_error);
}

}  // namespace
}  // namespace pqlscope
