# Cross-compiles pqlscope to WebAssembly with the system Emscripten (Debian's 3.1.6).
#   cmake --preset wasm          (or: cmake -B build/wasm -DCMAKE_TOOLCHAIN_FILE=toolchains/emscripten.cmake)
#
# Used instead of `emcmake` because emcmake sets the Node emulator to
# `node --experimental-wasm-threads`, which Node 20 rejects (docs/wasm-build.md, pitfall 3).
# CMake reads this file more than once (once per try_compile too): keep it idempotent.

if(NOT PQLSCOPE_EMSCRIPTEN_ROOT)
  set(_pqlscope_em_root "")
  find_program(PQLSCOPE_EM_CONFIG NAMES em-config)
  if(PQLSCOPE_EM_CONFIG)
    execute_process(COMMAND "${PQLSCOPE_EM_CONFIG}" EMSCRIPTEN_ROOT
                    OUTPUT_VARIABLE _pqlscope_em_root
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
                    RESULT_VARIABLE _pqlscope_em_result)
    if(NOT _pqlscope_em_result EQUAL 0)
      set(_pqlscope_em_root "")
    endif()
  endif()
  if(NOT _pqlscope_em_root OR NOT EXISTS "${_pqlscope_em_root}/cmake/Modules/Platform/Emscripten.cmake")
    set(_pqlscope_em_root /usr/share/emscripten)
  endif()
  set(PQLSCOPE_EMSCRIPTEN_ROOT "${_pqlscope_em_root}" CACHE PATH "Emscripten's root folder (holds cmake/Modules/Platform/Emscripten.cmake)")
endif()
if(NOT EXISTS "${PQLSCOPE_EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake")
  message(FATAL_ERROR "Emscripten not found at '${PQLSCOPE_EMSCRIPTEN_ROOT}': run scripts/setup.sh "
                      "(apt-get install emscripten) or pass -DPQLSCOPE_EMSCRIPTEN_ROOT=...")
endif()

# Plain `node`, no extra flags (pitfall 3). Set before Emscripten.cmake, which only picks its
# own default when CMAKE_CROSSCOMPILING_EMULATOR is undefined.
if(NOT DEFINED CMAKE_CROSSCOMPILING_EMULATOR)
  find_program(PQLSCOPE_NODE_EXECUTABLE NAMES node nodejs)
  if(PQLSCOPE_NODE_EXECUTABLE)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${PQLSCOPE_NODE_EXECUTABLE}" CACHE FILEPATH "Runs the .js test executables")
  else()
    set(CMAKE_CROSSCOMPILING_EMULATOR node CACHE FILEPATH "Runs the .js test executables")
  endif()
endif()

set(EMSCRIPTEN_ROOT_PATH "${PQLSCOPE_EMSCRIPTEN_ROOT}")
include("${PQLSCOPE_EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake")

# Links at -O1 and above run Emscripten's acorn-based JS optimizer, which needs Debian's
# node modules on NODE_PATH (pitfall 1). A launcher puts it in the link command's environment.
if(NOT CMAKE_CXX_LINKER_LAUNCHER)
  set(CMAKE_CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
endif()
if(NOT CMAKE_C_LINKER_LAUNCHER)
  set(CMAKE_C_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
endif()
