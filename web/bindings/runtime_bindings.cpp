// The runtime's JavaScript API through embind: the only C++ that knows about JS. JSON strings in and out.
#include <emscripten/bind.h>

#include <string>

#include "tessera/version.hpp"

namespace {
std::string runtime_version() { return std::string(tessera::version()); }
}  // namespace

EMSCRIPTEN_BINDINGS(tessera_runtime) {
  emscripten::function("version", &runtime_version);
  emscripten::function("buildInfo", &tessera::build_info_json);
}
