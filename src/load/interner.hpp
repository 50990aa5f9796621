#pragma once
// Private to the loader: each distinct string (node ids and relation names as written) stored once,
// and named by a dense number. Interning runs three times per edge and, on a big graph, each look-up
// is a cache miss or two, so a slot holds 32 bits of its string's hash (a probe that meets another
// string moves on without reading it) and where the string is, and the string's number sits in front
// of its text: a hit reads one slot and one place in the text.

#include "graph/hash.hpp"
#include "mlkg/error.hpp"
#include "mlkg/graph.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg::detail {

class Interner {
public:
  std::uint32_t intern(std::string_view s) {
    if ((offsets_.size() + 1) * 2 > slots_.size()) grow();
    return intern_hashed(s, hash_text(s));
  }

  // Interns keys[0, n) into numbers[0, n). On a big graph each look-up misses the cache twice (the slot,
  // then the text), so the slots of keys a little ahead are fetched, and then their texts, while the
  // current key is looked up.
  void intern_all(const std::string_view* keys, std::size_t n, std::uint32_t* numbers) {
    constexpr std::size_t chunk = 256, slots_ahead = 16, texts_ahead = 8;
    std::uint64_t hashes[chunk];
    for (std::size_t first = 0; first < n; first += chunk) {
      const std::size_t m = std::min(chunk, n - first);
      while ((offsets_.size() + m + 1) * 2 > slots_.size()) grow(); // no growing within the chunk
      for (std::size_t i = 0; i < m; ++i) hashes[i] = hash_text(keys[first + i]);
      for (std::size_t i = 0; i < m; ++i) {
        if (i + slots_ahead < m) __builtin_prefetch(&slots_[hashes[i + slots_ahead] & mask_]);
        if (i + texts_ahead < m) {
          const Slot& ahead = slots_[hashes[i + texts_ahead] & mask_];
          if (ahead.offset != empty) __builtin_prefetch(text_.data() + ahead.offset);
        }
        numbers[first + i] = intern_hashed(keys[first + i], hashes[i]);
      }
    }
  }

  std::string_view view(std::uint32_t i) const { return text_at(offsets_[i]); }
  std::size_t size() const { return offsets_.size(); }

  // Room for `count` strings (`text_bytes` of them, when known) without copying or rehashing.
  void reserve(std::size_t count, std::size_t text_bytes = 0) {
    offsets_.reserve(count);
    if (text_bytes) text_.reserve(text_bytes + count * header);
    std::size_t capacity = std::max<std::size_t>(slots_.size(), 64);
    while ((count + 1) * 2 > capacity) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity);
  }

private:
  std::uint32_t intern_hashed(std::string_view s, std::uint64_t h) {
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
      Slot& slot = slots_[at];
      if (slot.offset == empty) return add(s, slot, tag);
      if (slot.tag == tag && same_text(text_at(slot.offset), s)) return number_at(slot.offset);
    }
  }

  static constexpr std::uint32_t empty = std::numeric_limits<std::uint32_t>::max();
  struct Slot {
    std::uint32_t offset = empty; // of the entry in text_: its size, its number, its text
    std::uint32_t tag = 0;
  };
  static constexpr std::size_t header = 2 * sizeof(std::uint32_t);

  std::uint32_t read32(std::size_t at) const {
    std::uint32_t v;
    std::memcpy(&v, text_.data() + at, sizeof v);
    return v;
  }
  std::string_view text_at(std::uint32_t offset) const {
    return std::string_view(text_.data() + offset + header, read32(offset));
  }
  std::uint32_t number_at(std::uint32_t offset) const { return read32(offset + sizeof(std::uint32_t)); }

  std::uint32_t add(std::string_view s, Slot& slot, std::uint32_t tag) {
    if (text_.size() + header + s.size() >= empty)
      throw Error(ErrorKind::invalid_graph, "the graph's distinct node ids exceed 4 GiB");
    const auto number = static_cast<std::uint32_t>(offsets_.size());
    const auto offset = static_cast<std::uint32_t>(text_.size());
    const std::uint32_t entry[2] = {static_cast<std::uint32_t>(s.size()), number};
    const char* header_bytes = reinterpret_cast<const char*>(entry);
    text_.insert(text_.end(), header_bytes, header_bytes + header);
    text_.insert(text_.end(), s.begin(), s.end());
    offsets_.push_back(offset);
    slot = {offset, tag};
    return number;
  }

  void grow() { rehash(slots_.empty() ? 64 : slots_.size() * 2); }
  void rehash(std::size_t capacity) {
    slots_ = BigVector<Slot>(capacity);
    mask_ = capacity - 1;
    for (const std::uint32_t offset : offsets_) {
      const std::uint64_t h = hash_text(text_at(offset));
      std::size_t at = h & mask_;
      while (slots_[at].offset != empty) at = (at + 1) & mask_;
      slots_[at] = {offset, static_cast<std::uint32_t>(h >> 32)};
    }
  }

  BigVector<char> text_;
  BigVector<std::uint32_t> offsets_; // by number
  BigVector<Slot> slots_;
  std::size_t mask_ = 0;
};

} // namespace mlkg::detail
