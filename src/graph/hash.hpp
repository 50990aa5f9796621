#pragma once
// Private to libmlkg: a fast, seedless string hash for the open-addressing tables of ids and names.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace mlkg::detail {

// Eight bytes at a time, multiply and fold; good enough spread for ids, and several times faster
// than std::hash on the short strings a graph is keyed by.
inline std::uint64_t hash_text(std::string_view s) {
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x243F6A8885A308D3ull ^ (s.size() * k);
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * k;
    h ^= h >> 29;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  h = (h ^ tail) * k;
  h ^= h >> 32;
  return h;
}

} // namespace mlkg::detail
