// Exact rationals for scoring (tessera/assess.hpp). Arithmetic runs in __int128 and reduces by gcd; a
// result that does not fit int64 throws std::overflow_error, which the API functions catch and report.
// Loading limits values (|value| <= 10^9, denominator <= 10^9) so that realistic items never get there.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>

#include "assess/detail.hpp"
#include "tessera/assess.hpp"

namespace tessera::assess {
namespace {

// NOLINTNEXTLINE(readability-identifier-naming): named like the fixed-width integers it extends
__extension__ typedef __int128 i128;  // __extension__: -Wpedantic knows no __int128

i128 abs128(i128 v) { return v < 0 ? -v : v; }

i128 gcd128(i128 a, i128 b) {
  a = abs128(a);
  b = abs128(b);
  while (b != 0) {
    const i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

constexpr i128 int64_max = std::numeric_limits<std::int64_t>::max();

Fraction make(i128 num, i128 den) {
  if (den == 0) throw std::domain_error("division by zero in an exact score");
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const i128 g = gcd128(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  if (num > int64_max || num < -int64_max || den > int64_max) {
    throw std::overflow_error("an exact score does not fit in 64 bits");
  }
  Fraction f;
  f.num = static_cast<std::int64_t>(num);
  f.den = static_cast<std::int64_t>(den);
  return f;
}

}  // namespace

Fraction Fraction::of(std::int64_t numerator, std::int64_t denominator) {
  return make(static_cast<i128>(numerator), static_cast<i128>(denominator));
}

Fraction operator+(Fraction a, Fraction b) {
  return make(static_cast<i128>(a.num) * b.den + static_cast<i128>(b.num) * a.den, static_cast<i128>(a.den) * b.den);
}
Fraction operator-(Fraction a, Fraction b) {
  return make(static_cast<i128>(a.num) * b.den - static_cast<i128>(b.num) * a.den, static_cast<i128>(a.den) * b.den);
}
Fraction operator*(Fraction a, Fraction b) {
  return make(static_cast<i128>(a.num) * b.num, static_cast<i128>(a.den) * b.den);
}
Fraction operator/(Fraction a, Fraction b) {
  return make(static_cast<i128>(a.num) * b.den, static_cast<i128>(a.den) * b.num);
}
bool operator<(Fraction a, Fraction b) { return static_cast<i128>(a.num) * b.den < static_cast<i128>(b.num) * a.den; }

Fraction clamp(Fraction value, Fraction low, Fraction high) {
  if (value < low) return low;
  if (high < value) return high;
  return value;
}

std::string Fraction::to_string() const {
  if (den == 1) return std::to_string(num);
  return std::to_string(num) + "/" + std::to_string(den);
}

double Fraction::to_double() const { return static_cast<double>(num) / static_cast<double>(den); }

namespace detail {

// Decimal text: [+-]digits[.digits][(e|E)[+-]digits], or [+-]digits/digits. Read exactly, within limits.
std::optional<Fraction> parse_exact_text(std::string_view text) {
  constexpr i128 limit = 1'000'000'000;  // |value| <= 10^9 and denominator <= 10^9
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  // Significant digits beyond 40 cannot fit the limits anyway; refuse them before they overflow i128.
  i128 mantissa = 0;
  int digits = 0;
  int scale = 0;  // value = mantissa * 10^-scale
  const std::size_t int_start = i;
  while (i < text.size() && is_digit(text[i])) {
    if (mantissa != 0 || text[i] != '0') ++digits;
    if (digits > 36) return std::nullopt;
    mantissa = mantissa * 10 + (text[i] - '0');
    ++i;
  }
  const bool had_int = i > int_start;
  if (i < text.size() && text[i] == '/') {
    if (!had_int) return std::nullopt;
    ++i;
    const std::size_t den_start = i;
    i128 den = 0;
    while (i < text.size() && is_digit(text[i])) {
      den = den * 10 + (text[i] - '0');
      if (den > limit * 10) return std::nullopt;
      ++i;
    }
    if (i != text.size() || i == den_start || den == 0) return std::nullopt;
    const i128 g = gcd128(mantissa, den);
    const i128 n = mantissa / g;
    const i128 d = den / g;
    if (d > limit || n > limit * d) return std::nullopt;
    Fraction f;
    f.num = static_cast<std::int64_t>(negative ? -n : n);
    f.den = static_cast<std::int64_t>(d);
    return f;
  }
  bool had_frac = false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      had_frac = true;
      if (mantissa != 0 || text[i] != '0') ++digits;
      if (digits > 36 || scale > 60) return std::nullopt;
      mantissa = mantissa * 10 + (text[i] - '0');
      ++scale;
      ++i;
    }
  }
  if (!had_int && !had_frac) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    const std::size_t exp_start = i;
    int exponent = 0;
    while (i < text.size() && is_digit(text[i])) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 400) return std::nullopt;
      ++i;
    }
    if (i == exp_start) return std::nullopt;
    scale += exp_negative ? exponent : -exponent;
  }
  if (i != text.size()) return std::nullopt;
  if (mantissa == 0) return Fraction{};
  // Strip trailing zeros of the mantissa against the scale, then apply the scale.
  while (scale > 0 && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  i128 den = 1;
  while (scale < 0) {
    mantissa *= 10;
    ++scale;
    if (mantissa > limit) return std::nullopt;
  }
  while (scale > 0) {
    den *= 10;
    --scale;
    if (den > limit) return std::nullopt;
  }
  const i128 g = gcd128(mantissa, den);
  mantissa /= g;
  den /= g;
  if (mantissa > limit * den) return std::nullopt;
  Fraction f;
  f.num = static_cast<std::int64_t>(negative ? -mantissa : mantissa);
  f.den = static_cast<std::int64_t>(den);
  return f;
}

// The shortest decimal text that reads back as the same double (what the author most likely wrote).
std::string shortest_decimal(double value) {
  char buffer[40];
  for (int precision = 1; precision <= 17; ++precision) {
    // NOLINTNEXTLINE(cert-err33-c): at most 17 significant digits and an exponent fit the 40 bytes
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

}  // namespace detail

std::optional<Fraction> Fraction::parse(const nlohmann::json& value) {
  try {
    if (value.is_number_integer()) {
      if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (u > 1'000'000'000ULL) return std::nullopt;
        return Fraction::of(static_cast<std::int64_t>(u));
      }
      const auto v = value.get<std::int64_t>();
      if (v > 1'000'000'000LL || v < -1'000'000'000LL) return std::nullopt;
      return Fraction::of(v);
    }
    if (value.is_number_float()) {
      const double d = value.get<double>();
      if (!std::isfinite(d)) return std::nullopt;
      return detail::parse_exact_text(detail::shortest_decimal(d));
    }
    if (value.is_string()) return detail::parse_exact_text(value.get_ref<const std::string&>());
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace tessera::assess
