// Files on disk for tests that go through the file readers or the CLI: a fresh folder per test
// (removed afterwards), and whole-file reads and writes. Natively only: the WebAssembly test
// build reads bytes from memory.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include "support/files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace pqlscope::testing {

// A folder named after the suite, the test and the process, so parallel ctest runs and
// repeated runs never share one.
inline std::filesystem::path fresh_test_folder(const std::string& prefix) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = prefix + "-" + std::to_string(::getpid());
  if (test != nullptr) name += std::string("-") + test->test_suite_name() + "-" + test->name();
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Base of the fixtures that write files: dir_ is a fresh folder for each test.
class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = fresh_test_folder("pqlscope"); }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string write(const std::string& name, std::string_view bytes) const {
    write_whole_file(dir_ / name, bytes);
    return path(name);
  }
  std::string read(const std::string& name) const { return read_whole_file(dir_ / name); }

  std::filesystem::path dir_;
};

// Runs the example generator (examples/generator) with `arguments`; its exit status.
inline int run_example_generator(const std::string& arguments) {
  const std::filesystem::path generator =
      std::filesystem::path(PQLSCOPE_BINARY_DIR) / "examples" / "generator" / "pqlscope-gen";
  if (!std::filesystem::exists(generator)) {
    ADD_FAILURE() << "the example generator is not built: " << generator;
    return -1;
  }
  return std::system((generator.string() + " " + arguments).c_str());
}

}  // namespace pqlscope::testing
