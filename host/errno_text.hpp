// The system's words for an errno value, for the native host's and the CLI's error messages.
#pragma once

#include <string>

namespace tessera::native {

// "No such file or directory" for ENOENT; thread-safe (strerror_r, not strerror).
[[nodiscard]] std::string errno_text(int error);

}  // namespace tessera::native
