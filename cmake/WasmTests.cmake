# The GoogleTest suite compiled to WebAssembly and run under Node, so the same C++ tests
# check the WASM build. Included by tests/CMakeLists.txt when EMSCRIPTEN, with
# PQLSCOPE_TEST_SOURCES already globbed; cmake/Wasm.cmake has already added
# -O3 -msimd128 -fwasm-exceptions to every target, GoogleTest included.

if(NOT PQLSCOPE_TEST_SOURCES)
  message(STATUS "pqlscope: no *_test.cpp under tests/ yet, no wasm test suite to build")
  return()
endif()

# GoogleTest from Debian's source package (libgtest-dev), built with em++. Only gtest and
# gtest_main, no gmock; no threads in the test binary.
set(PQLSCOPE_GTEST_SOURCE_DIR /usr/src/googletest/googletest CACHE PATH "GoogleTest sources to build with em++")
if(NOT EXISTS ${PQLSCOPE_GTEST_SOURCE_DIR}/CMakeLists.txt)
  message(FATAL_ERROR "GoogleTest sources not found in ${PQLSCOPE_GTEST_SOURCE_DIR}: "
                      "run scripts/setup.sh (apt-get install libgtest-dev)")
endif()
set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
set(gtest_force_shared_crt OFF CACHE BOOL "" FORCE)
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
set(BUILD_SHARED_LIBS OFF)
add_subdirectory(${PQLSCOPE_GTEST_SOURCE_DIR} ${PROJECT_BINARY_DIR}/_deps/googletest EXCLUDE_FROM_ALL SYSTEM)

add_executable(pqlscope_tests ${PQLSCOPE_TEST_SOURCES})
target_include_directories(pqlscope_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/core/src)
target_link_libraries(pqlscope_tests PRIVATE pqlscope_core pqlscope_wasm_flags gtest gtest_main)
pqlscope_test_build(pqlscope_tests)
# The tests and GoogleTest are compiled to wasm objects, outside link-time optimisation: with
# them inside it, the link re-optimised the whole suite at -O3, one 4.6-minute process
# (docs/build-time.md). The core they link keeps -flto, as in the npm package's module.
target_compile_options(pqlscope_tests PRIVATE -fno-lto)
target_compile_options(gtest PRIVATE -fno-lto)
target_compile_options(gtest_main PRIVATE -fno-lto)
target_compile_definitions(pqlscope_tests PRIVATE
  PQLSCOPE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  PQLSCOPE_BINARY_DIR="${PROJECT_BINARY_DIR}")
# .cjs, not .js: the repository's package.json says "type": "module", so Node would load a
# .js glue below it as an ES module and fail on `__dirname`/`require`.
set_target_properties(pqlscope_tests PROPERTIES SUFFIX ".cjs")
target_link_options(pqlscope_tests PRIVATE
  -sENVIRONMENT=node
  -sWASM_ASYNC_COMPILATION=0   # Node 18+ would otherwise fetch() the .wasm path (docs/wasm-build.md, pitfall 5)
  -sEXIT_RUNTIME=1             # main()'s return value becomes the process exit code
  -sALLOW_MEMORY_GROWTH=1
  -sMAXIMUM_MEMORY=4GB
  -sNODERAWFS=1)               # the real file system: tests read ${PQLSCOPE_SOURCE_DIR}/examples/...

# Default: the suite in two CTest entries, one per core of a CI machine, each one Node process
# running about half the tests (suites A* to M*, and the rest: a negative filter, so a test
# is in exactly one half whatever its name). One Node process per test instead costs a Node
# start-up and a compile of the test module (5.7 MB of wasm) for each of ~660 tests: with
# PQLSCOPE_WASM_DISCOVER_TESTS=ON, discovery runs `node pqlscope_tests.cjs --gtest_list_tests`
# after each link (the target's CROSSCOMPILING_EMULATOR is plain node, from
# toolchains/emscripten.cmake) and every entry runs one `--gtest_filter=<Suite.Test>`.
# gtest's own sharding (GTEST_TOTAL_SHARDS) is not used: a wasm program sees Emscripten's
# environment, not the process's.
option(PQLSCOPE_WASM_DISCOVER_TESTS "One CTest entry per wasm test (else the suite in two halves)" OFF)
if(PQLSCOPE_WASM_DISCOVER_TESTS)
  include(GoogleTest)
  gtest_discover_tests(pqlscope_tests
    TEST_PREFIX "wasm."
    DISCOVERY_TIMEOUT 120
    PROPERTIES TIMEOUT 300 LABELS wasm)
else()
  set(_first_half "A*:B*:C*:D*:E*:F*:G*:H*:I*:J*:K*:L*:M*")
  add_test(NAME wasm.pqlscope_tests.A_to_M COMMAND pqlscope_tests --gtest_filter=${_first_half})
  add_test(NAME wasm.pqlscope_tests.N_to_Z COMMAND pqlscope_tests --gtest_filter=-${_first_half})
  set_tests_properties(wasm.pqlscope_tests.A_to_M wasm.pqlscope_tests.N_to_Z
                       PROPERTIES TIMEOUT 1800 LABELS wasm)
  unset(_first_half)
endif()
