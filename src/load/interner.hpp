#pragma once
// Private to the loader: each distinct string (node ids and relation names as written) stored once,
// and named by a dense number. Interning runs three times per edge and, on a big graph, each look-up
// is a cache miss or two, so a slot holds its string's number and either the string itself, when it is
// short (a hit reads the slot only), or 32 bits of its hash (a probe that meets another string moves on
// without reading it) and where the string is.

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

  // Interns keys[0, n) into numbers[0, n). On a big graph a look-up misses the cache once for the slot and,
  // for a long string, once more for its text, so the slots of keys a little ahead are fetched, and then
  // the texts, while the current key is looked up.
  void intern_all(const std::string_view* keys, std::size_t n, std::uint32_t* numbers) {
    constexpr std::size_t chunk = 256, slots_ahead = 16, texts_ahead = 8;
    std::uint64_t hashes[chunk];
    for (std::size_t first = 0; first < n; first += chunk) {
      const std::size_t m = std::min(chunk, n - first);
      while ((offsets_.size() + m + 1) * 2 > slots_.size()) grow(); // no growing within the chunk
      for (std::size_t i = 0; i < m; ++i) hashes[i] = hash_text(keys[first + i]);
      for (std::size_t i = 0; i < m; ++i) {
        if (i + slots_ahead < m) __builtin_prefetch(&slots_[hashes[i + slots_ahead] & mask_]);
        // A short string's slot holds it: there is no text to fetch.
        if (i + texts_ahead < m && keys[first + i + texts_ahead].size() > short_text) {
          const Slot& ahead = slots_[hashes[i + texts_ahead] & mask_];
          if (ahead.size == long_text) __builtin_prefetch(text_.data() + ahead.offset());
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
    if (s.size() > short_text) return intern_long(s, h);
    const std::uint64_t word = short_word(s);
    const auto size = static_cast<std::uint32_t>(s.size());
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
      Slot& slot = slots_[at];
      if (slot.size == empty) return add(s, h, slot);
      if (slot.size == size && slot.word == word) return slot.number;
    }
  }
  std::uint32_t intern_long(std::string_view s, std::uint64_t h) {
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
      Slot& slot = slots_[at];
      if (slot.size == empty) return add(s, h, slot);
      if (slot.size == long_text && slot.tag() == tag && same_text(text_at(slot.offset()), s)) return slot.number;
    }
  }

  static constexpr std::uint32_t empty = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::size_t short_text = sizeof(std::uint64_t);
  static constexpr std::uint32_t long_text = short_text + 1;
  struct Slot {
    std::uint64_t word = 0; // a short string's bytes; a long one's offset in text_ and 32 bits of its hash
    std::uint32_t number = 0;
    std::uint32_t size = empty; // a short string's size, or long_text
    std::uint32_t offset() const { return static_cast<std::uint32_t>(word); }
    std::uint32_t tag() const { return static_cast<std::uint32_t>(word >> 32); }
  };
  // A string of up to 8 bytes as a little-endian number, from loads that overlap rather than a copy of
  // variable length (a library call per key).
  static std::uint64_t short_word(std::string_view s) {
    using namespace hash_detail;
    const char* p = s.data();
    const std::size_t n = s.size();
    if (n == 8) return load64(p);
    if (n >= 4) return load32(p) | load32(p + n - 4) << (8 * (n - 4));
    if (n > 0) return byte(p) | byte(p + n / 2) << (8 * (n / 2)) | byte(p + n - 1) << (8 * (n - 1));
    return 0;
  }
  static Slot slot_for(std::string_view s, std::uint64_t h, std::uint32_t offset, std::uint32_t number) {
    if (s.size() <= short_text) return {short_word(s), number, static_cast<std::uint32_t>(s.size())};
    return {(h >> 32 << 32) | offset, number, long_text};
  }
  static constexpr std::size_t header = sizeof(std::uint32_t); // an entry of text_: its size, then its text

  std::uint32_t read32(std::size_t at) const {
    std::uint32_t v;
    std::memcpy(&v, text_.data() + at, sizeof v);
    return v;
  }
  std::string_view text_at(std::uint32_t offset) const {
    return std::string_view(text_.data() + offset + header, read32(offset));
  }

  std::uint32_t add(std::string_view s, std::uint64_t h, Slot& slot) {
    if (text_.size() + header + s.size() >= empty)
      throw Error(ErrorKind::invalid_graph, "the graph's distinct node ids exceed 4 GiB");
    const auto number = static_cast<std::uint32_t>(offsets_.size());
    const auto offset = static_cast<std::uint32_t>(text_.size());
    const auto size = static_cast<std::uint32_t>(s.size());
    const char* header_bytes = reinterpret_cast<const char*>(&size);
    text_.insert(text_.end(), header_bytes, header_bytes + header);
    text_.insert(text_.end(), s.begin(), s.end());
    offsets_.push_back(offset);
    slot = slot_for(s, h, offset, number);
    return number;
  }

  void grow() { rehash(slots_.empty() ? 64 : slots_.size() * 2); }
  void rehash(std::size_t capacity) {
    slots_ = BigVector<Slot>(capacity);
    mask_ = capacity - 1;
    for (std::uint32_t number = 0; number < offsets_.size(); ++number) {
      const std::string_view s = text_at(offsets_[number]);
      const std::uint64_t h = hash_text(s);
      std::size_t at = h & mask_;
      while (slots_[at].size != empty) at = (at + 1) & mask_;
      slots_[at] = slot_for(s, h, offsets_[number], number);
    }
  }

  BigVector<char> text_;
  BigVector<std::uint32_t> offsets_; // by number
  BigVector<Slot> slots_;
  std::size_t mask_ = 0;
};

} // namespace mlkg::detail
