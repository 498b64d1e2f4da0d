# Third-party dependencies, all from Debian packages (scripts/setup.sh installs them).

# nlohmann/json is header-only. Under Emscripten we must not add -I/usr/include (it drags in
# glibc headers), so a shim folder holds a link to just the nlohmann headers.
find_path(PQLSCOPE_NLOHMANN_DIR nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(_shim ${CMAKE_BINARY_DIR}/json-shim)
if(NOT EXISTS ${_shim}/nlohmann)
  file(MAKE_DIRECTORY ${_shim})
  file(CREATE_LINK ${PQLSCOPE_NLOHMANN_DIR}/nlohmann ${_shim}/nlohmann SYMBOLIC)
endif()
add_library(pqlscope_json INTERFACE)
target_include_directories(pqlscope_json SYSTEM INTERFACE ${_shim})
