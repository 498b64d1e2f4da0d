// Runs the built `pqlscope` binary with arguments and captures what it printed and its exit
// code: the CLI tests' one way to call it. Native only (the WASM build has no CLI).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace pqlscope::testing {

struct CliRun {
  int status;
  std::string output;  // stdout and stderr together
};

inline CliRun run_cli(const std::string& arguments) {
  const std::string command = std::string(PQLSCOPE_BINARY_DIR) + "/pqlscope " + arguments + " 2>&1";
  CliRun r{0, ""};
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) r.output.append(buffer, n);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace pqlscope::testing
