// The host's clock, read in this one place for every `tessera` command (the runtime has no clock).
#pragma once

#include <string>

namespace tessera::cli {

// Now as an XML Schema dateTimeStamp in UTC, to the second: "2026-12-06T09:30:21Z".
[[nodiscard]] std::string now_utc();

// Today's date in UTC: "2026-12-06".
[[nodiscard]] std::string today_utc();

}  // namespace tessera::cli
