#include "core/words.hpp"

#include <cstdint>
#include <doctest/doctest.h>
#include <string>

using mlkg::detail::every_byte;
using mlkg::detail::every_word;

namespace {
bool no_top_bit(std::string_view text) {
  return every_word(text, 0, [](std::uint64_t w) { return (w & every_byte(0x80)) == 0; });
}
bool no_byte_below_space(std::string_view text) {
  return every_word(text, every_byte(' '), [](std::uint64_t w) {
    return (((w - every_byte(0x20)) & ~w & every_byte(0x80))) == 0;
  });
}
} // namespace

TEST_CASE("every byte of a text of any length reaches the word test") {
  // A text of n bytes, one of them failing, at each place: found wherever it is, and never when it is not.
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string clean(n, 'a');
    CHECK(no_top_bit(clean));
    CHECK(no_byte_below_space(clean));
    for (std::size_t at = 0; at < n; ++at) {
      std::string text = clean;
      text[at] = '\xC3';
      CHECK_MESSAGE(!no_top_bit(text), "length ", n, ", byte ", at);
      text[at] = '\t';
      CHECK_MESSAGE(!no_byte_below_space(text), "length ", n, ", byte ", at);
    }
  }
}

TEST_CASE("a short text is read no further than its end") {
  // The text sits at the end of its buffer, so AddressSanitizer sees a read past it.
  for (std::size_t n = 0; n < 8; ++n) {
    const std::string owned(n, 'x');
    auto* exact = new char[n == 0 ? 1 : n];
    owned.copy(exact, n);
    CHECK(no_top_bit(std::string_view(exact, n)));
    delete[] exact;
  }
}
