#include "mlkg/cards.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"

#include <algorithm>
#include <random>

namespace mlkg {

namespace {

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

std::vector<std::string> parts_of(std::string_view typed) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : typed) {
    if (c == ',' || c == ';') {
      parts.push_back(trimmed(part));
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(trimmed(part));
  parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
  return parts;
}

bool contains(const std::vector<NodeIndex>& nodes, NodeIndex n) {
  return std::find(nodes.begin(), nodes.end(), n) != nodes.end();
}

} // namespace

Grade grade_answer(const NameIndex& names, const Card& card, std::string_view typed) {
  Grade grade;
  grade.expected = card.expected();
  const std::string whole = trimmed(typed);
  std::vector<std::string> parts;
  if (whole.empty()) return grade; // "I don't know"
  if (!names.matches(whole).empty()) {
    parts.push_back(whole);
  } else {
    parts = parts_of(typed);
  }
  for (const std::string& part : parts) {
    const std::vector<NodeIndex> found = names.matches(part);
    if (found.empty()) {
      grade.unknown.push_back("'" + clipped(part) + "'" + [&] {
        // Text with no letters or digits is close to nothing: no suggestion.
        const std::string hint = normalize_name(part).empty() ? std::string() : did_you_mean(names.suggestions(part));
        return hint.empty() ? std::string() : " (" + hint + ")";
      }());
      continue;
    }
    // A name several nodes share counts as whichever of them answers the card.
    auto answer = std::find_if(found.begin(), found.end(), [&](NodeIndex n) { return contains(card.answers, n); });
    const NodeIndex n = answer != found.end() ? *answer : found.front();
    std::vector<NodeIndex>& into = answer != found.end() ? grade.right : grade.wrong;
    if (!contains(into, n)) into.push_back(n);
  }
  return grade;
}

std::vector<std::size_t> shuffled_order(std::size_t count, std::uint32_t seed) {
  std::mt19937 engine(seed);
  // Unbiased draw from [0, bound): reject the top sliver of the 32-bit range that would favour small values.
  auto below = [&engine](std::uint32_t bound) {
    const std::uint32_t limit = static_cast<std::uint32_t>(-bound) % bound; // 2^32 mod bound
    for (;;) {
      const std::uint32_t x = static_cast<std::uint32_t>(engine());
      if (x >= limit) return x % bound;
    }
  };
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  for (std::size_t i = count; i > 1; --i) {
    std::swap(order[i - 1], order[below(static_cast<std::uint32_t>(i))]);
  }
  return order;
}

} // namespace mlkg
