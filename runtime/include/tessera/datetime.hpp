// XML Schema dateTimeStamp values as credentials use them ("2026-01-02T03:04:05Z", "…+02:00", fractions):
// read to Unix seconds and written back in UTC. Pure arithmetic; the runtime still has no clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::datetime {

// Unix seconds of `text`, which must carry a time zone ('Z' or ±HH:MM); fractions of a second are
// accepted and dropped. nullopt for anything else (no zone, month 13, February 30, hour 24, years < 1970).
[[nodiscard]] std::optional<std::int64_t> parse(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ" for Unix seconds (years 1970–9999).
[[nodiscard]] std::string format(std::int64_t unix_seconds);

// Adds calendar months, keeping the day when the month has it and clamping to its last day otherwise.
[[nodiscard]] std::int64_t add_months(std::int64_t unix_seconds, int months);

}  // namespace tessera::datetime
