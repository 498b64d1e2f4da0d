// BackgroundWriter (core/src/report/background_writer.hpp): the pieces reach the stream whole and
// in the order handed over, each hand-over returns an empty buffer, and the destructor writes
// what is still waiting. Native only: WebAssembly has no threads to start (write_report then
// writes in line, which the report tests cover there).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "report/background_writer.hpp"

namespace pqlscope {
namespace {

std::string piece_text(int i) { return std::string(static_cast<std::size_t>(i % 7) * 1000, static_cast<char>('a' + i % 26)) + std::to_string(i) + ","; }

TEST(BackgroundWriter, WritesEveryPieceInOrder) {
  std::ostringstream out;
  std::string expected;
  {
    BackgroundWriter writer(out);
    std::string piece;
    for (int i = 0; i < 500; ++i) {
      piece += piece_text(i);
      expected += piece_text(i);
      writer.write(piece);
      EXPECT_TRUE(piece.empty()) << i;
    }
    std::string nothing;
    writer.write(nothing);  // an empty piece writes nothing
    writer.finish();
    EXPECT_EQ(out.str(), expected);  // all written once finish() returns
  }
  EXPECT_EQ(out.str(), expected);
}

TEST(BackgroundWriter, DestructorWritesWhatIsStillWaiting) {
  std::ostringstream out;
  {
    BackgroundWriter writer(out);
    std::string first = "first,", second = "second";
    writer.write(first);
    writer.write(second);
  }
  EXPECT_EQ(out.str(), "first,second");
}

}  // namespace
}  // namespace pqlscope
#endif  // __EMSCRIPTEN__
