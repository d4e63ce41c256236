// The `tessera` commands' clock (see clock.hpp).
#include "clock.hpp"

#include <chrono>

#include "tessera/datetime.hpp"

namespace tessera::cli {

std::string now_utc() {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  return datetime::format(seconds.count());
}

std::string today_utc() { return now_utc().substr(0, 10); }

}  // namespace tessera::cli
