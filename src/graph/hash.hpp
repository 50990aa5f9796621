#pragma once
// Private to libmlkg: a fast, seedless string hash for the open-addressing tables of ids and names.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace mlkg::detail {

namespace hash_detail {
inline std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}
inline std::uint64_t load32(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}
inline std::uint64_t byte(const char* p) { return static_cast<unsigned char>(*p); }
} // namespace hash_detail

// Eight bytes at a time, multiply and fold; good enough spread for ids, and several times faster
// than std::hash on the short strings a graph is keyed by.
inline std::uint64_t hash_text(std::string_view s) {
  using namespace hash_detail;
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x243F6A8885A308D3ull ^ (s.size() * k);
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; n -= 8, p += 8) {
    h = (h ^ load64(p)) * k;
    h ^= h >> 29;
  }
  // The last n < 8 bytes as a little-endian number, from loads that overlap rather than a copy of
  // variable length (a library call per key).
  std::uint64_t tail = 0;
  if (n >= 4)
    tail = load32(p) | load32(p + n - 4) << (8 * (n - 4));
  else if (n > 0)
    tail = byte(p) | byte(p + n / 2) << (8 * (n / 2)) | byte(p + n - 1) << (8 * (n - 1));
  h = (h ^ tail) * k;
  h ^= h >> 32;
  return h;
}

// a == b, with the short strings of ids compared by overlapping loads instead of a call to memcmp.
inline bool same_text(std::string_view a, std::string_view b) {
  using namespace hash_detail;
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char *x = a.data(), *y = b.data();
  if (n >= 8 && n <= 16) return load64(x) == load64(y) && load64(x + n - 8) == load64(y + n - 8);
  if (n >= 4 && n < 8) return load32(x) == load32(y) && load32(x + n - 4) == load32(y + n - 4);
  if (n < 4) return n == 0 || (x[0] == y[0] && x[n / 2] == y[n / 2] && x[n - 1] == y[n - 1]);
  return std::memcmp(x, y, n) == 0;
}

} // namespace mlkg::detail
