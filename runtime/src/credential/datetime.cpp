// XML Schema dateTimeStamp parsing and UTC formatting, by Howard Hinnant's civil-date arithmetic.
#include "tessera/datetime.hpp"

#include <cstdio>

namespace tessera::datetime {

namespace {

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2 ? 1 : 0), m, d};
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Reads exactly `count` digits at `pos`.
bool digits(std::string_view text, std::size_t& pos, std::size_t count, unsigned& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  pos += count;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<std::int64_t> parse(std::string_view text) {
  std::size_t pos = 0;
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(text, pos, 4, year) || !expect(text, pos, '-') || !digits(text, pos, 2, month) ||
      !expect(text, pos, '-') || !digits(text, pos, 2, day) || !expect(text, pos, 'T') || !digits(text, pos, 2, hour) ||
      !expect(text, pos, ':') || !digits(text, pos, 2, minute) || !expect(text, pos, ':') ||
      !digits(text, pos, 2, second)) {
    return std::nullopt;
  }
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9) return std::nullopt;
  }
  std::int64_t offset_seconds = 0;
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const bool negative = text[pos] == '-';
    ++pos;
    unsigned oh = 0, om = 0;
    if (!digits(text, pos, 2, oh) || !expect(text, pos, ':') || !digits(text, pos, 2, om) || oh > 14 || om > 59) {
      return std::nullopt;
    }
    offset_seconds = (negative ? -1 : 1) * static_cast<std::int64_t>(oh * 3600 + om * 60);
  } else {
    return std::nullopt;  // a dateTimeStamp must say its zone
  }
  if (pos != text.size()) return std::nullopt;
  return days_from_civil(year, month, day) * 86400 + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second -
         offset_seconds;
}

namespace {

// Whole days since the epoch and the seconds into that day (never negative), for times before 1970 too.
struct DayAndSecond {
  std::int64_t days;
  std::int64_t second;
};
DayAndSecond split_day(std::int64_t unix_seconds) {
  std::int64_t days = unix_seconds / 86400;
  std::int64_t second = unix_seconds % 86400;
  if (second < 0) {
    second += 86400;
    --days;
  }
  return {days, second};
}

}  // namespace

std::string format(std::int64_t unix_seconds) {
  const auto [days, rest] = split_day(unix_seconds);
  const Civil c = civil_from_days(days);
  char buffer[64];  // room for any int64 year, so GCC can prove no truncation
  // NOLINTNEXTLINE(cert-err33-c): the longest possible result (an int64 year) fits the 64 bytes
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(c.year),
                c.month, c.day, static_cast<long long>(rest / 3600), static_cast<long long>(rest / 60 % 60),
                static_cast<long long>(rest % 60));
  return buffer;
}

std::int64_t add_months(std::int64_t unix_seconds, int months) {
  const auto [days, rest] = split_day(unix_seconds);
  const Civil c = civil_from_days(days);
  const std::int64_t month_index = c.year * 12 + (c.month - 1) + months;
  const std::int64_t year = month_index / 12;
  const auto month = static_cast<unsigned>(month_index % 12 + 1);
  const unsigned day = c.day > days_in_month(year, month) ? days_in_month(year, month) : c.day;
  return days_from_civil(year, month, day) * 86400 + rest;
}

}  // namespace tessera::datetime
