#pragma once
// Tests that hold byte by byte (ASCII, printable ASCII), run on every string of a big graph as it loads:
// sixteen bytes at a time with SSE2 (every x86-64 has it), eight at a time in a 64-bit word below that,
// with no loop per byte. The last block of a text overlaps the one before it; a text under eight bytes is
// packed into one word whose other bytes pass. Nothing past the text's end is read.

#include <cstdint>
#include <cstring>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mlkg::detail {

inline constexpr std::uint64_t every_byte(unsigned char byte) { return 0x0101010101010101u * byte; }

// Whether passes(word) holds for words that together hold every byte of `text`; `filler` is a word of bytes
// that pass, to pad a text under eight bytes.
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

#if defined(__SSE2__)
// The same sixteen bytes at a time, for texts of sixteen or more; fails(block) is the mask of bytes that fail.
template <class BlockTest> bool every_block(std::string_view text, BlockTest fails) {
  const char* p = text.data();
  const std::size_t n = text.size();
  for (std::size_t i = 0; i + 16 < n; i += 16)
    if (_mm_movemask_epi8(fails(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i))))) return false;
  return !_mm_movemask_epi8(fails(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16))));
}
#endif

inline bool is_ascii_text(std::string_view text) {
#if defined(__SSE2__)
  if (text.size() >= 16) return every_block(text, [](__m128i block) { return block; }); // movemask: top bits
#endif
  return every_word(text, 0, [](std::uint64_t w) { return (w & every_byte(0x80)) == 0; });
}

// Every byte in 0x20-0x7E.
inline bool is_printable_ascii(std::string_view text) {
#if defined(__SSE2__)
  if (text.size() >= 16)
    return every_block(text, [](__m128i block) { // signed: a byte past ASCII is below 0x20 too
      return _mm_or_si128(_mm_cmplt_epi8(block, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(block, _mm_set1_epi8(0x7F)));
    });
#endif
  // A byte below 0x20 borrows into its top bit when 0x20 is taken from each; one above 0x7E has its top bit
  // set once 1 is added to each.
  constexpr std::uint64_t ones = every_byte(1), tops = every_byte(0x80);
  return every_word(text, every_byte(' '),
                    [](std::uint64_t w) { return ((((w - 0x20 * ones) & ~w) | (w + ones) | w) & tops) == 0; });
}

} // namespace mlkg::detail
