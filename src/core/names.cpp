#include "mlkg/names.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace mlkg {

namespace {
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
} // namespace

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

std::vector<std::string> name_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (is_alnum(c)) {
      word += lower(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string normalize_name(std::string_view name) {
  std::vector<std::string> words = name_words(name);
  if (words.size() > 1 && (words.front() == "amazon" || words.front() == "aws")) words.erase(words.begin());
  return std::accumulate(words.begin(), words.end(), std::string{});
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> closest_names(std::string_view query, const std::vector<std::string>& candidates,
                                       std::size_t count) {
  const std::string key = normalize_name(query);
  const std::size_t limit = std::max<std::size_t>(2, (key.size() + 1) / 2);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const std::string& candidate : candidates) {
    const std::string candidate_key = normalize_name(candidate);
    std::size_t d = edit_distance(key, candidate_key);
    // A query that is the start of a long name ("kinesis") is close to it whatever the length.
    if (key.size() >= 3 && candidate_key.compare(0, key.size(), key) == 0) d = std::min<std::size_t>(d, 1);
    if (d <= limit) scored.emplace_back(d, candidate);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> result;
  for (auto& [distance, name] : scored) {
    if (result.size() == count) break;
    if (std::find(result.begin(), result.end(), name) == result.end()) result.push_back(std::move(name));
  }
  return result;
}

std::string did_you_mean(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  std::string s = "did you mean ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) s += i + 1 == names.size() ? " or " : ", ";
    s += '\'' + names[i] + '\'';
  }
  return s + '?';
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string s;
  for (const std::string& item : items) {
    if (!s.empty()) s += separator;
    s += item;
  }
  return s;
}

} // namespace mlkg
