# WebAssembly build settings, included by the top-level CMakeLists.txt when EMSCRIPTEN
# (configure with `cmake --preset wasm`, i.e. toolchains/emscripten.cmake).
# docs/wasm-build.md says why each flag is here ("pitfall N" below refers to its numbered list).

# Every object and every link: optimised, SIMD, and native wasm exceptions. Without
# -fwasm-exceptions on ALL objects a `catch` never runs and a `throw` kills the instance
# (pitfall 7); -O3 also keeps ASSERTIONS off, which the web,worker glue needs (pitfall 6).
# -flto: the ingest path crosses many small translation units (reader -> mapper -> aggregator);
# link-time inlining made the 10M-event ingest 3-8% faster in each of 6 interleaved Node runs
# (the Worker handler ingesting /tmp/pqlscope-bench-gen-10000000 in Node, 2026-11-23) and
# the .wasm 34 KB smaller.
set(PQLSCOPE_WASM_FLAGS -O3 -flto -msimd128 -fwasm-exceptions)

add_library(pqlscope_wasm_flags INTERFACE)
target_compile_options(pqlscope_wasm_flags INTERFACE ${PQLSCOPE_WASM_FLAGS})
target_link_options(pqlscope_wasm_flags INTERFACE ${PQLSCOPE_WASM_FLAGS})

# pqlscope_core exists already (this file is included after it): it and everything that links
# it get the flags through the usage requirement...
get_target_property(_pqlscope_core_type pqlscope_core TYPE)
if(_pqlscope_core_type STREQUAL "INTERFACE_LIBRARY")
  target_link_libraries(pqlscope_core INTERFACE pqlscope_wasm_flags)
else()
  target_link_libraries(pqlscope_core PUBLIC pqlscope_wasm_flags)
endif()
unset(_pqlscope_core_type)
# ...and every target created from here on (this directory and later subdirectories, e.g.
# GoogleTest in tests/) gets them as directory options. CMake de-duplicates the repeats.
add_compile_options(${PQLSCOPE_WASM_FLAGS})
add_link_options(${PQLSCOPE_WASM_FLAGS})

# pqlscope_add_wasm_module(<target> <sources>...)
# Builds the browser/Worker module: <target>.mjs (ES-module factory `createCore`) with
# <target>.wasm beside it. One artifact for page, Worker and Node: Node callers read the
# .wasm themselves and pass it as `wasmBinary` (pitfalls 4 and 5). Set OUTPUT_NAME or
# RUNTIME_OUTPUT_DIRECTORY on the target afterwards to place it, e.g. in dist/.
function(pqlscope_add_wasm_module target)
  if(NOT ARGN)
    message(FATAL_ERROR "pqlscope_add_wasm_module(${target}): no sources given")
  endif()
  add_executable(${target} ${ARGN})
  set_target_properties(${target} PROPERTIES SUFFIX ".mjs")
  target_link_libraries(${target} PRIVATE pqlscope_core pqlscope_wasm_flags)
  target_link_options(${target} PRIVATE
    --bind
    -sMODULARIZE=1
    -sEXPORT_ES6=1
    -sEXPORT_NAME=createCore
    -sENVIRONMENT=web,worker
    -sDYNAMIC_EXECUTION=0       # Embind's `new Function` would break under a strict CSP (pitfall 8)
    -sALLOW_MEMORY_GROWTH=1     # views into HEAPU8 detach on growth: re-read them (pitfall 9)
    -sMAXIMUM_MEMORY=4GB
    -sABORTING_MALLOC=0         # past the limit, bad_alloc is thrown and catchable
    -sWASM_BIGINT=1             # uint64_t across Embind (pitfall 10)
    -sFILESYSTEM=0)
endfunction()
