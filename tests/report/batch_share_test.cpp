// BatchShare (core/include/pqlscope/report/batch_share.hpp): the writer gets every batch once and
// in order, whoever rendered it; helpers do render some; a helper's failure reaches the writer
// where its batch goes; stop() releases helpers with or without an open phase. Native only:
// WebAssembly has no threads to start (the package writes its report on one thread).
#ifndef __EMSCRIPTEN__
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pqlscope/report/batch_share.hpp"

namespace pqlscope {
namespace {

// The writer's side as ReportWriter runs it: claim one, render it, take the helpers' batches
// before it, then its own; the rest when none is left, and the phase ends. Returns the texts in
// the order taken.
std::string write_phase(BatchShare& share, std::size_t batches) {
  std::string written;
  std::vector<std::string> handed;
  for (;;) {
    std::size_t count = 0;
    std::string own;
    const std::optional<std::size_t> k = share.claim();
    if (!k) {
      share.take_rendered(batches, handed, count);
      for (std::size_t i = 0; i < count; ++i) written += handed[i];
      share.end_phase();
      return written;
    }
    share.render(*k, own);
    share.take_rendered(*k, handed, count);
    for (std::size_t i = 0; i < count; ++i) written += handed[i];
    written += own;
    share.mark_written(*k + 1);
  }
}

std::string expected_text(std::size_t batches) {
  std::string text;
  for (std::size_t k = 0; k < batches; ++k) text += std::to_string(k) + ",";
  return text;
}

TEST(BatchShare, EveryBatchOnceAndInOrderWithHelpersRenderingSome) {
  for (unsigned helpers : {1u, 2u, 4u}) {
    for (std::size_t batches : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{100}, std::size_t{1000}}) {
      BatchShare share;
      const std::thread::id writer = std::this_thread::get_id();
      std::atomic<std::size_t> by_helpers{0};
      std::vector<std::thread> threads;
      for (unsigned h = 0; h < helpers; ++h) threads.emplace_back([&] { share.help(); });
      share.open_phase(batches, [&](std::size_t k, std::string& out) {
        if (std::this_thread::get_id() != writer) {
          ++by_helpers;
        } else if (batches > 1) {
          // The writer's first batch waits for a helper's, so that helpers surely take part.
          while (by_helpers.load() == 0) std::this_thread::yield();
        }
        out += std::to_string(k) + ",";
      });
      // Two phases in a row, as the accounts then the users: the helpers wait between them.
      EXPECT_EQ(write_phase(share, batches), expected_text(batches)) << helpers << " helpers, " << batches << " batches";
      if (batches > 1) EXPECT_GT(by_helpers.load(), 0u);
      share.open_phase(3, [](std::size_t k, std::string& out) { out += "u" + std::to_string(k); });
      const std::string second = write_phase(share, 3);
      share.stop();
      for (std::thread& t : threads) t.join();
      EXPECT_EQ(second, "u0u1u2");
    }
  }
}

TEST(BatchShare, AHelpersFailureIsRethrownToTheWriterWhereItsBatchGoes) {
  BatchShare share;
  const std::thread::id writer = std::this_thread::get_id();
  std::thread helper([&] { share.help(); });
  std::atomic<bool> helper_failed{false};
  share.open_phase(50, [&](std::size_t, std::string& out) {
    if (std::this_thread::get_id() != writer) {
      helper_failed = true;
      throw std::runtime_error("rendering failed");
    }
    while (!helper_failed.load()) std::this_thread::yield();  // let the helper take one first
    out += "w";
  });
  EXPECT_THROW(write_phase(share, 50), std::runtime_error);
  share.stop();  // returns: no render is left in flight
  helper.join();
}

TEST(BatchShare, StopReleasesHelpersWithNoPhaseOpen) {
  BatchShare share;
  std::vector<std::thread> threads;
  for (int h = 0; h < 3; ++h) threads.emplace_back([&] { share.help(); });
  share.stop();
  for (std::thread& t : threads) t.join();
  std::thread late([&] { share.help(); });  // a helper arriving after the stop returns at once
  late.join();
  SUCCEED();
}

}  // namespace
}  // namespace pqlscope
#endif
