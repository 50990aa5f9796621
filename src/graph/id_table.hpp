#pragma once
// Private to libmlkg: node id → node index, an open-addressing table of indices that reads the ids
// from the nodes themselves, so it costs 8 bytes a node and no string copies. A snapshot stores the
// table's slots as they are, so a graph opened from one finds ids without building anything (the
// slots depend on hash_text(): changing it changes the snapshot format version).

#include "graph/hash.hpp"
#include "mlkg/graph.hpp"

#include <algorithm>
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
    if (capacity_ == 0) return empty;
    for (std::size_t at = hash_text(key) & (capacity_ - 1);; at = (at + 1) & (capacity_ - 1)) {
      const std::uint32_t i = slots_[at];
      if (i == empty || same_text(key_of(i), key)) return i;
    }
  }

  // Adds entry `index` under `key`; the caller has checked the key is new.
  template <class KeyOf> void insert(std::string_view key, std::uint32_t index, const KeyOf& key_of) {
    if ((size_ + 1) * 2 > capacity_)
      rehash(capacity_ == 0 ? 16 : capacity_ * 2, key_of);
    else if (slots_ != owned_.data())
      rehash(capacity_, key_of); // slots read in place: copied before the first change
    place(key, index);
    ++size_;
  }

  // The table of entries [0, count), replacing what it held. On a big graph each entry's slot is a cache
  // miss, so the slots of the entries a little ahead are fetched while the current one is placed.
  template <class KeyOf> void assign(std::uint32_t count, const KeyOf& key_of) {
    *this = IdTable();
    reserve(count, key_of); // no growing below
    constexpr std::uint32_t chunk = 256, ahead = 16;
    std::size_t starts[chunk];
    for (std::uint32_t first = 0; first < count; first += chunk) {
      const std::uint32_t m = std::min(chunk, count - first);
      for (std::uint32_t k = 0; k < m; ++k) starts[k] = hash_text(key_of(first + k)) & (capacity_ - 1);
      for (std::uint32_t k = 0; k < m; ++k) {
        if (k + ahead < m) __builtin_prefetch(&owned_[starts[k + ahead]]);
        place_from(starts[k], first + k);
      }
    }
    size_ = count;
  }

  template <class KeyOf> void reserve(std::size_t count, const KeyOf& key_of) {
    std::size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    if (capacity > capacity_) rehash(capacity, key_of);
  }

  std::size_t size() const { return size_; }
  const std::uint32_t* slots() const { return slots_; }
  std::size_t capacity() const { return capacity_; }

  // Reads `capacity` slots (a power of two, at least one of them empty) in place, holding `size`
  // entries; the caller keeps them alive and has checked every entry is a valid index.
  void view(const std::uint32_t* slots, std::size_t capacity, std::size_t size) {
    owned_ = {};
    slots_ = slots;
    capacity_ = capacity;
    size_ = size;
  }

private:
  void place(std::string_view key, std::uint32_t index) { place_from(hash_text(key) & (capacity_ - 1), index); }
  void place_from(std::size_t at, std::uint32_t index) {
    while (owned_[at] != empty) at = (at + 1) & (capacity_ - 1);
    owned_[at] = index;
  }

  template <class KeyOf> void rehash(std::size_t capacity, const KeyOf& key_of) {
    const BigVector<std::uint32_t> old(slots_, slots_ + capacity_);
    owned_.assign(capacity, empty);
    slots_ = owned_.data();
    capacity_ = capacity;
    for (std::uint32_t i : old)
      if (i != empty) place(key_of(i), i);
  }

  BigVector<std::uint32_t> owned_;
  const std::uint32_t* slots_ = nullptr; // owned_, or slots read in place
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
};

} // namespace mlkg::detail
