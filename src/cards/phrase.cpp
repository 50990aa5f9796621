#include "phrase.hpp"

#include "mlkg/names.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>

namespace mlkg::detail {

namespace {

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::vector<std::string> split(std::string_view s, char by) {
  std::vector<std::string> parts(1);
  for (char c : s) {
    if (c == by) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

} // namespace

std::string relation_phrase(std::string_view relation) {
  std::vector<std::string> words = split(relation, '-');
  const std::string first = words.front();
  if (words.size() == 2 && first == "has") {
    words.insert(words.begin() + 1, "the");
  } else if (first != "is" && !ends_with(first, "s")) {
    // Not a verb: a participle reads "is used for", a noun "is an alternative to".
    if (!ends_with(first, "ed"))
      words.insert(words.begin(), std::string("aeiou").find(first[0]) == std::string::npos ? "a" : "an");
    words.insert(words.begin(), "is");
  }
  if (words.back() == "a") words.insert(words.end(), {"kind", "of"});
  return join(words, " ");
}

std::vector<std::string> names_of(const Node& node) {
  std::vector<std::string> names = node.aliases;
  names.push_back(node.label);
  for (std::string_view prefix : {"Amazon ", "AWS "}) {
    if (node.label.compare(0, prefix.size(), prefix) == 0) names.push_back(node.label.substr(prefix.size()));
  }
  // Very short names ("ML") would hide ordinary words.
  names.erase(std::remove_if(names.begin(), names.end(), [](const std::string& n) { return n.size() < 3; }),
              names.end());
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  return names;
}

std::string masked(std::string_view text, const std::vector<std::string>& names) {
  const std::string lower = lowercase(text);
  std::vector<bool> hidden(text.size(), false);
  for (const std::string& name : names) {
    const std::string needle = lowercase(name);
    if (needle.empty()) continue;
    for (std::size_t at = lower.find(needle); at != std::string::npos; at = lower.find(needle, at + 1)) {
      const std::size_t end = at + needle.size();
      const bool whole =
          (at == 0 || !is_word_char(lower[at - 1])) && (end == lower.size() || !is_word_char(lower[end]));
      const auto first = hidden.begin() + static_cast<std::ptrdiff_t>(at);
      const auto last = hidden.begin() + static_cast<std::ptrdiff_t>(end);
      if (whole && std::find(first, last, true) == last) {
        std::fill(first, last, true);
      }
    }
  }
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!hidden[i]) {
      out += text[i];
    } else if (i == 0 || !hidden[i - 1]) {
      out += "___";
    }
  }
  return out;
}

} // namespace mlkg::detail
