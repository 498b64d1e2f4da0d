# Build time. CI compiles the project three times on a 2-core machine (native, sanitizers,
# WebAssembly) inside its 90 minutes, and much of each compile is spent parsing the same
# heavy headers: a file including nlohmann/json spends ~6 s in the front end alone
# (core/src/model/model_json_write.cpp: 6.5 s with -fsyntax-only, 17.6 s to compile at -O3).
# Precompiled headers parse them once per target (docs/build-time.md has the measurements).
# Configure with -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON to check that every file still
# includes what it uses.

# The headers every target of the project shares: the JSON library and the standard
# containers nearly every file includes.
set(PQLSCOPE_COMMON_PCH
  <nlohmann/json.hpp>
  <algorithm>
  <cstdint>
  <functional>
  <map>
  <memory>
  <optional>
  <string>
  <string_view>
  <unordered_map>
  <utility>
  <vector>)

# pqlscope_precompile(<target> [extra headers...])
function(pqlscope_precompile target)
  target_precompile_headers(${target} PRIVATE ${PQLSCOPE_COMMON_PCH} ${ARGN})
endfunction()

# pqlscope_test_build(<test target>): the settings both test suites share (tests/CMakeLists.txt
# natively, cmake/WasmTests.cmake in wasm). GoogleTest joins the precompiled headers, and the
# tests' own code is compiled at -O1: it calls the core, which keeps the build type's flags,
# and checks results. Given after the build type's flags, the last -O wins. One test file
# (tests/aggregate/account_totals_test.cpp, g++): 11.2 s at -O3, 9.1 s at -O1, 5.3 s at -O1
# with the precompiled headers.
function(pqlscope_test_build target)
  pqlscope_precompile(${target} <gtest/gtest.h>)
  target_compile_options(${target} PRIVATE -O1)
endfunction()
