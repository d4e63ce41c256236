// Version and build facts of the runtime.
#include "tessera/version.hpp"

#include <sodium.h>
#include <nlohmann/json.hpp>

#include "tessera/build_config.hpp"

namespace tessera {

std::string_view version() noexcept { return TESSERA_VERSION_STRING; }

std::string build_info_json() {
#if defined(__EMSCRIPTEN__)
  constexpr const char* platform = "wasm";
#else
  constexpr const char* platform = "native";
#endif
  nlohmann::ordered_json info = {
      {"runtime", "tessera"}, {"version", std::string(version())}, {"packageFormat", package_format_version},
      {"platform", platform}, {"compiler", __VERSION__},           {"libsodium", sodium_version_string()},
  };
  return info.dump();
}

}  // namespace tessera
