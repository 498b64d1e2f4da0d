// pqlscope-gen: the command line.
#pragma once

#include <cstdint>
#include <string>

namespace gen {

// ------------------------------------------------------------------ options
struct Options {
  uint64_t seed = 1;
  int64_t accounts = 20000;
  double users_per_account = 5.0;
  int days = 180;
  std::string end_date = "2026-06-30";
  int64_t events = 10000000;
  std::string out = "examples/out";
  bool csv = true;
  bool ndjson = false;
  std::string shape = "plain";
  bool quiet = false;
};

// Exits with a message on stderr for a bad option.
Options parse_args(int argc, char** argv);

}  // namespace gen
