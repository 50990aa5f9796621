#include "mlkg/names.hpp"

#include "core/latin_folds.hpp"
#include "core/words.hpp"
#include "mlkg/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <utility>

namespace mlkg {

namespace {
// ASCII letters and digits, as the "C" locale the program runs in has them, without a library call per
// character (the loader normalizes every name of a big graph); in text spelled by key_text(), a byte past
// ASCII is part of a letter or digit too.
bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80;
}
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

static_assert(
    [] {
      for (std::string_view fold : detail::latin_folds)
        if (fold.size() > 2) return false;
      return true;
    }(),
    "a Latin letter takes two bytes: its key spelling may not take more");

void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

bool between(char32_t code, char32_t first, char32_t last) { return code >= first && code <= last; }

// Punctuation, symbols, spaces and emoji past ASCII: they part words, as ASCII punctuation does.
bool is_separator(char32_t code) {
  return code < 0xC0 || code == 0xD7 || code == 0xF7 || between(code, 0x2B0, 0x2FF) || between(code, 0x2000, 0x2BFF) ||
         between(code, 0x2E00, 0x2E7F) || between(code, 0x3000, 0x303F) || between(code, 0xFE10, 0xFE6F) ||
         between(code, 0xFF00, 0xFF0F) || between(code, 0xFF1A, 0xFF20) || between(code, 0xFF3B, 0xFF40) ||
         between(code, 0xFF5B, 0xFF65) || between(code, 0xFFF0, 0xFFFF) || between(code, 0x1F000, 0x1FAFF);
}

// Combining accents, variation selectors and tags: nothing of their own, and they part no word.
bool is_mark(char32_t code) {
  return between(code, 0x300, 0x36F) || between(code, 0xFE00, 0xFE0F) || between(code, 0xE0000, 0xE007F);
}

// `name` spelled in the letters its key is made of (only for a name that is not all ASCII): a Latin letter
// as its base letters (é as e, Æ as ae, ß as ss), full-width ASCII as ASCII, Greek and Cyrillic capitals in
// lower case, punctuation and symbols as a space, combining marks as nothing; any other letter or digit
// stays as it is. Never longer than `name`. src/explorer/explorer.js spells names the same way.
std::string key_text(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size();) {
    if (static_cast<unsigned char>(name[i]) < 0x80) {
      out += name[i++];
      continue;
    }
    const auto [code, length] = utf8_code_point(name, i);
    i += length;
    if (is_mark(code)) continue;
    if (is_separator(code)) {
      out += ' ';
    } else if (between(code, detail::latin_folds_first,
                       detail::latin_folds_first + static_cast<char32_t>(detail::latin_folds.size()) - 1) &&
               !detail::latin_folds[code - detail::latin_folds_first].empty()) {
      out += detail::latin_folds[code - detail::latin_folds_first];
    } else if (between(code, 0xFF10, 0xFF19) || between(code, 0xFF21, 0xFF3A) || between(code, 0xFF41, 0xFF5A)) {
      out += lower(static_cast<char>(code - 0xFF00 + 0x20));
    } else if (between(code, 0x391, 0x3A9) || between(code, 0x410, 0x42F)) {
      append_utf8(out, code + 0x20);
    } else if (between(code, 0x400, 0x40F)) {
      append_utf8(out, code + 0x50);
    } else {
      append_utf8(out, code);
    }
  }
  return out;
}

// A block at a time (core/words.hpp): the loader asks it of every name of a big graph.
bool is_ascii(std::string_view text) { return detail::is_ascii_text(text); }
} // namespace

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

std::vector<std::string> name_words(std::string_view text) {
  std::string spelled;
  if (!is_ascii(text)) text = spelled = key_text(text);
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

namespace {
// The last word of `text`, from `start` on, made singular and US-spelled in place (loose_name_words()). Words
// of three letters or fewer keep a final s: they are mostly abbreviations (RDS, EFS, SNS).
class LooseWord {
public:
  LooseWord(std::string& text, std::size_t start) : text_(text), start_(start) {}

  void make_loose() {
    make_singular();
    static constexpr std::pair<std::string_view, std::string_view> spellings[] = {
        {"isation", "ization"}, {"ise", "ize"},      {"ised", "ized"},  {"iser", "izer"},
        {"ising", "izing"},     {"elling", "eling"}, {"elled", "eled"}, {"bour", "bor"}};
    for (auto [british, us] : spellings)
      if (ends_with(british) && size() > british.size() + 2)
        text_.replace(text_.size() - british.size(), british.size(), us);
  }

private:
  std::size_t size() const { return text_.size() - start_; }
  bool ends_with(std::string_view tail) const {
    return size() >= tail.size() && text_.compare(text_.size() - tail.size(), tail.size(), tail) == 0;
  }
  void drop(std::size_t n) { text_.resize(text_.size() - n); }

  void make_singular() {
    if (size() <= 3 || text_.back() != 's' || text_.compare(start_, std::string::npos, "series") == 0) return;
    if (ends_with("ies")) {
      drop(3);
      text_ += 'y';
      return;
    }
    for (std::string_view tail : {"sses", "shes", "ches", "xes"})
      if (ends_with(tail)) return drop(2);
    if (ends_with("ss") || ends_with("us") || ends_with("is")) return;
    drop(1);
  }

  std::string& text_;
  std::size_t start_;
};
} // namespace

void loose_words_into(std::string_view name, std::string& out) {
  out.clear();
  std::string spelled;
  if (!is_ascii(name)) name = spelled = key_text(name);
  // The words as compared: lower case; an underscore inside a word is kept, so a code name written
  // RANDOM_CUT_FOREST stays apart from the prose name "Random Cut Forest".
  std::size_t words = 0, start = 0;
  bool in_word = false, prefix_word = false;
  const auto end_word = [&] {
    if (!in_word) return;
    in_word = false;
    const std::string_view word = std::string_view(out).substr(start);
    if (words++ == 0) prefix_word = word == "amazon" || word == "aws";
    LooseWord(out, start).make_loose();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool joins = c == '_' && in_word && i + 1 < name.size() && is_alnum(name[i + 1]);
    if (is_alnum(c) || joins) {
      if (!in_word) {
        if (words) out += ' ';
        start = out.size();
        in_word = true;
      }
      out += lower(c);
    } else {
      end_word();
    }
  }
  end_word();
  if (prefix_word && words > 1) out.erase(0, out.find(' ') + 1);
}

std::string normalize_name(std::string_view name) {
  std::string out;
  normalize_name_into(name, out);
  return out;
}

namespace {
// Each byte as a key keeps it: a letter in lower case, a digit or a byte past ASCII (of a letter, in text
// spelled by key_text) as it is; an underscore stays '_' here (it is kept only inside a word); anything else
// is 0.
constexpr std::array<char, 256> key_chars = [] {
  std::array<char, 256> table{};
  for (int c = 0x80; c < 0x100; ++c) table[static_cast<std::size_t>(c)] = static_cast<char>(c);
  for (char c = '0'; c <= '9'; ++c) table[static_cast<unsigned char>(c)] = c;
  for (char c = 'a'; c <= 'z'; ++c) table[static_cast<unsigned char>(c)] = c;
  for (char c = 'A'; c <= 'Z'; ++c) table[static_cast<unsigned char>(c)] = static_cast<char>(c - 'A' + 'a');
  table['_'] = '_';
  return table;
}();

bool is_key_alnum(unsigned char c) { return key_chars[c] != 0 && key_chars[c] != '_'; }

// Whether the name's first word is `prefix` (lower case, letters only) and another word follows.
bool starts_with_word(const unsigned char* in, std::size_t n, std::string_view prefix, std::size_t key_size) {
  if (key_size <= prefix.size()) return false; // no other word
  std::size_t at = 0;
  while (!is_key_alnum(in[at])) ++at; // the key is not empty: a letter or digit comes
  if (n - at <= prefix.size()) return false;
  for (char p : prefix)
    if (key_chars[in[at++]] != p) return false;
  const bool joins = in[at] == '_' && at + 1 < n && is_key_alnum(in[at + 1]);
  return !is_key_alnum(in[at]) && !joins;
}
} // namespace

namespace {
// The words of a name as compared (lower case, an underscore inside a word kept) joined, without building the
// words, into `buffer` (room for name.size() bytes), for a name in ASCII (one spelled in key letters is):
// through a table, with no test per character but the underscore's.
std::string_view key_of_ascii(std::string_view name, char* buffer) {
  const auto* in = reinterpret_cast<const unsigned char*>(name.data());
  const std::size_t n = name.size();
  char* at = buffer;
  bool in_word = false;
  for (std::size_t i = 0; i < n; ++i) {
    char c = key_chars[in[i]];
    if (c == '_' && !(in_word && i + 1 < n && is_key_alnum(in[i + 1]))) c = 0;
    *at = c;
    at += c != 0;
    in_word = c != 0;
  }
  const std::string_view key(buffer, static_cast<std::size_t>(at - buffer));
  if (!key.empty() && key[0] == 'a') {
    for (std::string_view prefix : {std::string_view("amazon"), std::string_view("aws")})
      if (starts_with_word(in, n, prefix, key.size())) return key.substr(prefix.size());
  }
  return key;
}
} // namespace

// The loader normalizes every name of a big graph: into `out`'s own buffer, which is a key's room for any name.
void normalize_name_into(std::string_view name, std::string& out) {
  std::string spelled;
  if (!is_ascii(name)) name = spelled = key_text(name);
  if (out.size() < name.size()) out.resize(name.size()); // a key is never longer than its name
  const std::string_view key = key_of_ascii(name, out.data());
  if (key.data() != out.data()) out.erase(0, static_cast<std::size_t>(key.data() - out.data()));
  out.resize(key.size());
}

std::string_view normalize_name_in(std::string_view name, char* buffer) {
  if (!is_ascii(name)) return {};
  return key_of_ascii(name, buffer);
}

std::vector<std::string> loose_name_words(std::string_view name) {
  std::string spaced;
  loose_words_into(name, spaced);
  std::vector<std::string> words;
  for (std::size_t at = 0; at < spaced.size();) {
    const std::size_t end = std::min(spaced.find(' ', at), spaced.size());
    words.emplace_back(spaced, at, end - at);
    at = end + 1;
  }
  return words;
}

std::string loose_name(std::string_view name) {
  std::string spaced;
  loose_words_into(name, spaced);
  spaced.erase(std::remove(spaced.begin(), spaced.end(), ' '), spaced.end());
  return spaced;
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

std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  // Only cells within `limit` of the diagonal can stay within `limit`: a band of 2 * limit + 1 per row.
  const std::size_t over = limit + 1;
  std::vector<std::size_t> row(b.size() + 1, over);
  for (std::size_t j = 0; j <= std::min(b.size(), limit); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t first = i > limit ? i - limit : 1;
    const std::size_t last = std::min(b.size(), i + limit);
    std::size_t diagonal = row[first - 1];
    row[first - 1] = first == 1 && i <= limit ? i : over;
    std::size_t best = row[first - 1];
    for (std::size_t j = first; j <= last; ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1), over});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (last < b.size()) row[last + 1] = over;
    if (best > limit) return over;
  }
  return std::min(row[b.size()], over);
}

namespace {
// How many times each byte occurs in a name. Insertions, deletions and substitutions change at most one count
// up and one down each, so the larger of the two sums of differences bounds the edit distance from below.
class LetterCounts {
public:
  explicit LetterCounts(std::string_view name) : name_(name) {
    for (const char c : name) ++counts_[byte(c)];
    left_ = counts_;
  }
  // In time linear in the two names' lengths: only their letters' counts are read and restored.
  std::size_t differences(std::string_view other) {
    std::size_t more = 0, fewer = 0; // letters `other` has beyond this name's, and lacks
    for (const char c : other) {
      int& n = left_[byte(c)];
      if (n > 0)
        --n;
      else
        ++more;
    }
    for (const char c : name_) {
      fewer += static_cast<std::size_t>(left_[byte(c)]);
      left_[byte(c)] = 0;
    }
    for (const char c : other) left_[byte(c)] = counts_[byte(c)];
    for (const char c : name_) left_[byte(c)] = counts_[byte(c)];
    return std::max(more, fewer);
  }

private:
  static unsigned char byte(char c) { return static_cast<unsigned char>(c); }
  std::string_view name_;
  std::array<int, 256> counts_{}, left_{};
};
} // namespace

std::vector<std::string> closest_names(std::string_view query, const std::vector<std::string>& candidates,
                                       std::size_t count) {
  std::vector<std::string> keys(candidates.size());
  std::vector<NameKey> keyed(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    normalize_name_into(candidates[i], keys[i]);
    keyed[i] = {candidates[i], keys[i]};
  }
  return closest_keys(query, keyed, count);
}

std::vector<std::string> closest_keys(std::string_view query, const std::vector<NameKey>& candidates,
                                      std::size_t count) {
  NearestNames nearest(query, count);
  for (const NameKey& candidate : candidates) nearest.offer(candidate);
  return nearest.nearest();
}

struct NearestNames::State {
  State(std::string_view query, std::size_t wanted) : key(normalize_name(query)), count(wanted), letters(key) {}
  std::string key;
  std::size_t count;
  LetterCounts letters;
  // The nearest so far, distinct, in order. Once there are `count` of them, a candidate further than the last
  // cannot enter; nor can one more than 2 further than the first. So the limit tightens as near names are
  // found: most of a long list is then dismissed by length or letter counts, and the rest cost a narrow band
  // of the edit distance.
  std::vector<std::pair<std::size_t, std::string>> best;
};

NearestNames::NearestNames(std::string_view query, std::size_t count) {
  // Nobody mistypes a 100-character name; longer queries get no suggestions, so one costs little whatever is typed.
  constexpr std::size_t max_suggested_length = 100;
  if (query.size() > 4 * max_suggested_length || count == 0) return;
  state_ = std::make_unique<State>(query, count);
  if (state_->key.size() > max_suggested_length) state_.reset();
}

NearestNames::~NearestNames() = default;

void NearestNames::offer(NameKey candidate) {
  if (!state_) return;
  const std::string& key = state_->key;
  auto& best = state_->best;
  const std::size_t limit = std::max<std::size_t>(2, (key.size() + 1) / 2);
  std::size_t within = best.empty() ? limit : std::min(limit, best.front().first + 2);
  if (best.size() == state_->count) within = std::min(within, best.back().first);
  // A query that is the start of a long name ("kinesis") is close to it whatever the length.
  const bool starts = key.size() >= 3 && candidate.key.compare(0, key.size(), key) == 0;
  std::size_t d = 0;
  if (starts) {
    d = candidate.key.size() == key.size() ? 0 : 1;
  } else {
    const std::size_t lengths_differ =
        std::max(key.size(), candidate.key.size()) - std::min(key.size(), candidate.key.size());
    if (lengths_differ > within || state_->letters.differences(candidate.key) > within) return;
    d = bounded_edit_distance(key, candidate.key, within);
  }
  if (d > within) return;
  if (best.size() == state_->count &&
      !(std::make_pair(d, candidate.name) < std::make_pair(best.back().first, std::string_view(best.back().second))))
    return;
  if (std::any_of(best.begin(), best.end(), [&](const auto& b) { return b.second == candidate.name; })) return;
  std::pair<std::size_t, std::string> entry(d, std::string(candidate.name));
  best.insert(std::upper_bound(best.begin(), best.end(), entry), std::move(entry));
  if (best.size() > state_->count) best.pop_back();
}

std::vector<std::string> NearestNames::nearest() const {
  std::vector<std::string> result;
  if (!state_) return result;
  for (const auto& [distance, name] : state_->best)
    if (distance <= state_->best.front().first + 2) result.push_back(name);
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
