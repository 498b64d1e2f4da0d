// The pqlscope command line: a thin skin over the core API.
#include <cstdio>

int main() {
  std::puts("pqlscope: command line under construction");
  return 0;
}
