#pragma once
// Private to libmlkg: node id → node index, an open-addressing table of indices that reads the ids
// from the nodes themselves, so it costs 8 bytes a node and no string copies.

#include "graph/hash.hpp"

#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace mlkg::detail {

class IdTable {
public:
  static constexpr std::uint32_t empty = std::numeric_limits<std::uint32_t>::max();

  // `key_of(i)` gives the id of entry i; the table never stores strings.
  template <class KeyOf> std::uint32_t find(std::string_view key, const KeyOf& key_of) const {
    if (slots_.empty()) return empty;
    for (std::size_t at = hash_text(key) & mask_;; at = (at + 1) & mask_) {
      const std::uint32_t i = slots_[at];
      if (i == empty || key_of(i) == key) return i;
    }
  }

  // Adds entry `index` under `key`; the caller has checked the key is new.
  template <class KeyOf> void insert(std::string_view key, std::uint32_t index, const KeyOf& key_of) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2, key_of);
    place(key, index);
    ++size_;
  }

  template <class KeyOf> void reserve(std::size_t count, const KeyOf& key_of) {
    std::size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity, key_of);
  }

  std::size_t size() const { return size_; }

private:
  void place(std::string_view key, std::uint32_t index) {
    std::size_t at = hash_text(key) & mask_;
    while (slots_[at] != empty) at = (at + 1) & mask_;
    slots_[at] = index;
  }

  template <class KeyOf> void rehash(std::size_t capacity, const KeyOf& key_of) {
    std::vector<std::uint32_t> old = std::move(slots_);
    slots_.assign(capacity, empty);
    mask_ = capacity - 1;
    for (std::uint32_t i : old)
      if (i != empty) place(key_of(i), i);
  }

  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

} // namespace mlkg::detail
