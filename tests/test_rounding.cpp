#include "core/rounding.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <initializer_list>

using mlkg::detail::round_to_integer;

TEST_CASE("rounding to an integer takes halves away from zero as std::llround does") {
  for (const double x : {0.0, 0.4, 0.5, 1.5, 2.5, 254.5, 30.04999, -0.5, -1.5, -2.49, 1e15 + 0.5, -1e15 - 0.5})
    CHECK(round_to_integer(x) == std::llround(x));
  // Where adding a half and truncating goes wrong: the sum rounds up to 1.
  CHECK(round_to_integer(0.49999999999999994) == 0);
  CHECK(round_to_integer(-0.49999999999999994) == 0);
}
