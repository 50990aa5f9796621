#pragma once
// A text read eight bytes at a time, for tests that hold byte by byte (ASCII, printable): every byte of the
// text lies in some word handed to the test, and the loop has no per-byte tail. The last word of a text of
// eight bytes or more overlaps the one before it; a shorter text is packed into one word, its other bytes
// `filler` (a byte that passes the test). The loader runs such tests on every string of a big graph, most
// of them ids of under eight bytes.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace mlkg::detail {

inline constexpr std::uint64_t every_byte(unsigned char byte) { return 0x0101010101010101u * byte; }

template <class WordTest> bool every_word(std::string_view text, std::uint64_t filler, WordTest passes) {
  const char* p = text.data();
  const std::size_t n = text.size();
  if (n >= 8) {
    std::uint64_t word;
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&word, p + i, sizeof word);
      if (!passes(word)) return false;
    }
    std::memcpy(&word, p + n - 8, sizeof word);
    return passes(word);
  }
  if (n >= 4) { // two four-byte halves, overlapping when n < 8
    std::uint32_t low, high;
    std::memcpy(&low, p, sizeof low);
    std::memcpy(&high, p + n - 4, sizeof high);
    return passes(std::uint64_t{low} | std::uint64_t{high} << 32);
  }
  if (n == 0) return true;
  // Bytes 0, n / 2 and n - 1 are every byte of a text of one to three.
  const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
  const std::uint64_t word = (filler & ~std::uint64_t{0xFFFFFF}) | byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
  return passes(word);
}

} // namespace mlkg::detail
