#pragma once
// std::llround without libm, which the mlkg binary otherwise does without (README, "Start-up"): the nearest
// integer, halves away from zero, for any value a long long holds.

namespace mlkg::detail {

inline long long round_to_integer(double x) {
  const auto whole = static_cast<long long>(x);       // toward zero
  const double rest = x - static_cast<double>(whole); // exact: the bits below the point
  if (rest >= 0.5) return whole + 1;
  if (rest <= -0.5) return whole - 1;
  return whole;
}

} // namespace mlkg::detail
