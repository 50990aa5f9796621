#include "core/words.hpp"
#include "load/ondemand.hpp"

#include <doctest/doctest.h>
#include <string>

using mlkg::detail::is_ascii_text;
using mlkg::detail::is_printable_ascii;
using mlkg::detail::quote_or_backslash;

TEST_CASE("every byte of a text of any length is tested for ASCII and printable ASCII") {
  // A text of n bytes, one of them failing, at each place: found wherever it is, and never when it is not.
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string clean(n, '~'); // 0x7E, the last printable byte
    CHECK(is_ascii_text(clean));
    CHECK(is_printable_ascii(clean));
    for (std::size_t at = 0; at < n; ++at) {
      std::string text = clean;
      for (const char bad : {'\xC3', '\x80', '\xFF'}) {
        text[at] = bad;
        CHECK_MESSAGE(!is_ascii_text(text), "length ", n, ", byte ", at);
        CHECK_MESSAGE(!is_printable_ascii(text), "length ", n, ", byte ", at);
      }
      for (const char control : {'\t', '\x1F', '\x7F', '\0'}) {
        text[at] = control;
        CHECK_MESSAGE(is_ascii_text(text), "length ", n, ", byte ", at);
        CHECK_MESSAGE(!is_printable_ascii(text), "length ", n, ", byte ", at);
      }
      text[at] = ' ';
      CHECK(is_printable_ascii(text));
    }
  }
}

TEST_CASE("a text is read no further than its end") {
  // Each text sits at the end of its own allocation, so AddressSanitizer sees a read past it.
  for (std::size_t n = 0; n <= 40; ++n) {
    auto* exact = new char[n == 0 ? 1 : n];
    std::string(n, 'x').copy(exact, n);
    CHECK(is_ascii_text(std::string_view(exact, n)));
    CHECK(is_printable_ascii(std::string_view(exact, n)));
    delete[] exact;
  }
}

TEST_CASE("the end of a JSON string is its first quote or backslash") {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string padded(n, 'a');
    padded += "\", \"b\"";
    padded.append(64, '\0'); // as simdjson's padding
    CHECK(quote_or_backslash(padded.data()) - padded.data() == static_cast<std::ptrdiff_t>(n));
    for (std::size_t at = 0; at < n; ++at) {
      std::string escaped = padded;
      escaped[at] = '\\';
      CHECK_MESSAGE(quote_or_backslash(escaped.data()) - escaped.data() == static_cast<std::ptrdiff_t>(at), "length ",
                    n);
    }
  }
}
