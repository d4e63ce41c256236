// errno_text: strerror_r in whichever of its two shapes the C library declares.
#include "errno_text.hpp"

#include <cstring>

namespace tessera::native {

namespace {

// GNU's strerror_r returns the text (maybe not in the buffer); XSI's fills the buffer and returns 0.
[[maybe_unused]] const char* strerror_r_text(const char* text, const char* /*buffer*/) { return text; }
[[maybe_unused]] const char* strerror_r_text(int status, const char* buffer) {
  return status == 0 ? buffer : "unknown error";
}

}  // namespace

std::string errno_text(int error) {
  char buffer[256] = {};
  return strerror_r_text(strerror_r(error, buffer, sizeof buffer), buffer);
}

}  // namespace tessera::native
