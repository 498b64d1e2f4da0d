# Build time. CI compiles the project three times on a 2-core machine (native, sanitizers,
# WebAssembly) inside its 90 minutes, and most of each compile is spent parsing the same
# heavy headers: nlohmann/json alone is ~6 s of front end per translation unit that
# includes it. Precompiled headers parse them once per target (docs/build-time.md has the
# measurements). Configure with -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON to check that every
# file still includes what it uses.

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

# The tests' own code needs no -O3: it calls the core (compiled with the build type's flags)
# and checks results. -O1 halves the tests' compile time against -O3 (docs/build-time.md).
# Given after the build type's flags, the last -O wins.
function(pqlscope_test_optimisation target)
  target_compile_options(${target} PRIVATE -O1)
endfunction()
