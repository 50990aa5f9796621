#pragma once
// Private to the loader: each distinct string (node ids and relation names as written) stored once,
// and named by a dense number. Interning runs three times per edge, so the table keeps 32 bits of
// each string's hash beside its number: a probe that meets another string is told apart without
// reading that string (a cache miss or two each on a big graph).

#include "graph/hash.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg::detail {

class Interner {
public:
  std::uint32_t intern(std::string_view s) {
    if ((spans_.size() + 1) * 2 > slots_.size()) grow();
    const std::uint64_t h = hash_text(s);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
      Slot& slot = slots_[at];
      if (slot.index == empty) {
        slot = {static_cast<std::uint32_t>(spans_.size()), tag};
        spans_.push_back({text_.size(), s.size()});
        text_.append(s);
        return slot.index;
      }
      if (slot.tag == tag && view(slot.index) == s) return slot.index;
    }
  }
  std::string_view view(std::uint32_t i) const {
    return std::string_view(text_).substr(spans_[i].first, spans_[i].size);
  }
  std::size_t size() const { return spans_.size(); }

private:
  static constexpr std::uint32_t empty = std::numeric_limits<std::uint32_t>::max();
  struct Slot {
    std::uint32_t index = empty;
    std::uint32_t tag = 0;
  };
  struct Span {
    std::size_t first, size;
  };

  void grow() {
    const std::size_t capacity = slots_.empty() ? 64 : slots_.size() * 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (std::uint32_t i = 0; i < spans_.size(); ++i) {
      const std::uint64_t h = hash_text(view(i));
      std::size_t at = h & mask_;
      while (slots_[at].index != empty) at = (at + 1) & mask_;
      slots_[at] = {i, static_cast<std::uint32_t>(h >> 32)};
    }
  }

  std::string text_;
  std::vector<Span> spans_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

} // namespace mlkg::detail
