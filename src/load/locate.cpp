// Lines and columns for problems: every pointer asked of a file is found in one scan of its text,
// descending only into the members and elements some pointer names, so a file with a hundred
// thousand problems costs one pass, not a pass each.
#include "load/records.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace mlkg::detail {

namespace {

std::vector<std::string> split_pointer(std::string_view pointer) {
  std::vector<std::string> parts;
  if (pointer.empty()) return parts;
  std::string part;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      parts.push_back(std::move(part));
      part.clear();
    } else if (pointer[i] == '~' && i + 1 < pointer.size()) {
      part += pointer[++i] == '1' ? '/' : '~';
    } else {
      part += pointer[i];
    }
  }
  return parts;
}

constexpr std::size_t not_found = std::string::npos;

class PointerScan {
public:
  explicit PointerScan(std::string_view text) : text_(text), trie_(1) {}

  std::size_t add(std::string_view pointer) {
    std::size_t at = 0;
    for (std::string& part : split_pointer(pointer)) {
      auto it = trie_[at].children.find(part);
      if (it == trie_[at].children.end()) {
        trie_.emplace_back();
        it = trie_[at].children.emplace(std::move(part), trie_.size() - 1).first;
      }
      at = it->second;
    }
    trie_[at].requests.push_back(offsets_.size());
    offsets_.push_back(not_found);
    return offsets_.size() - 1;
  }

  // Byte offset of each added pointer's value, or not_found.
  const std::vector<std::size_t>& run() {
    pos_ = 0;
    remaining_ = offsets_.size();
    scan(0);
    return offsets_;
  }

private:
  struct Node {
    std::unordered_map<std::string, std::size_t> children;
    std::vector<std::size_t> requests;
  };

  void scan(std::size_t node) {
    skip_space();
    for (std::size_t r : trie_[node].requests) {
      offsets_[r] = pos_;
      --remaining_;
    }
    const auto& children = trie_[node].children;
    if (children.empty() || remaining_ == 0) {
      skip_value();
      return;
    }
    if (at('{')) {
      ++pos_;
      while (skip_space(), pos_ < text_.size() && !at('}')) {
        const std::string key = read_string();
        skip_space();
        if (at(':')) ++pos_;
        auto it = children.find(key);
        if (it != children.end() && remaining_ > 0)
          scan(it->second);
        else
          skip_value();
        skip_space();
        if (at(',')) ++pos_;
        if (remaining_ == 0) return;
      }
      ++pos_;
    } else if (at('[')) {
      ++pos_;
      for (std::size_t index = 0; skip_space(), pos_ < text_.size() && !at(']'); ++index) {
        auto it = children.find(std::to_string(index));
        if (it != children.end() && remaining_ > 0)
          scan(it->second);
        else
          skip_value();
        skip_space();
        if (at(',')) ++pos_;
        if (remaining_ == 0) return;
      }
      ++pos_;
    } else {
      skip_value();
    }
  }

  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  std::string read_string() {
    std::string s;
    if (!at('"')) return s;
    for (++pos_; pos_ < text_.size() && text_[pos_] != '"'; ++pos_) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      s += text_[pos_];
    }
    ++pos_;
    return s;
  }

  void skip_string() {
    for (++pos_; pos_ < text_.size() && text_[pos_] != '"'; ++pos_)
      if (text_[pos_] == '\\') ++pos_;
    ++pos_;
  }

  void skip_value() {
    skip_space();
    if (at('"')) {
      skip_string();
      return;
    }
    if (at('{') || at('[')) {
      int depth = 0;
      while (pos_ < text_.size()) {
        const char c = text_[pos_];
        if (c == '"') {
          skip_string();
          continue;
        }
        ++pos_;
        if (c == '{' || c == '[') ++depth;
        if ((c == '}' || c == ']') && --depth == 0) return;
      }
      return;
    }
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) && !at(',') && !at(']') &&
           !at('}'))
      ++pos_;
  }

  std::string_view text_;
  std::vector<Node> trie_;
  std::vector<std::size_t> offsets_;
  std::size_t pos_ = 0;
  std::size_t remaining_ = 0;
};

// Line and column (1-based, columns in characters) of each offset, in one sweep.
std::vector<std::pair<int, int>> positions_of(std::string_view text, const std::vector<std::size_t>& offsets) {
  std::vector<std::size_t> order(offsets.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return offsets[a] < offsets[b]; });
  std::vector<std::pair<int, int>> result(offsets.size(), {0, 0});
  int line = 1, column = 1;
  std::size_t pos = 0;
  for (std::size_t i : order) {
    if (offsets[i] == not_found) continue;
    const std::size_t target = std::min(offsets[i], text.size());
    for (; pos < target; ++pos) {
      if (text[pos] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    result[i] = {line, column};
  }
  return result;
}

} // namespace

std::vector<Diagnostic> locate_problems(const std::vector<Problem>& problems,
                                        const std::vector<const SourceText*>& files) {
  // Per file: the pointers to find, and which problem (and which of its two places) each is for.
  struct Want {
    std::size_t problem;
    bool also;
    std::size_t request;
  };
  std::vector<std::vector<Want>> wants(files.size());
  std::vector<std::unique_ptr<PointerScan>> scans(files.size());
  const auto want = [&](std::uint32_t file, const std::string& pointer, std::size_t problem, bool also) {
    if (!scans[file]) scans[file] = std::make_unique<PointerScan>(files[file]->text);
    wants[file].push_back({problem, also, scans[file]->add(pointer)});
  };
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const Problem& p = problems[i];
    if (!p.file_level) want(p.file, p.pointer, i, false);
    if (p.also_file != none) want(p.also_file, p.also_pointer, i, true);
  }

  std::vector<Diagnostic> result(problems.size());
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const Problem& p = problems[i];
    Diagnostic& d = result[i];
    d.message = p.message;
    d.suggestion = p.suggestion;
    if (p.file_level) {
      d.where = p.where;
    } else {
      d.where.file = files[p.file]->name;
      d.where.pointer = p.pointer;
    }
  }
  for (std::size_t f = 0; f < files.size(); ++f) {
    if (!scans[f]) continue;
    const auto positions = positions_of(files[f]->text, scans[f]->run());
    for (const Want& w : wants[f]) {
      const auto [line, column] = positions[w.request];
      Diagnostic& d = result[w.problem];
      if (w.also) {
        d.suggestion += files[f]->name + ":" + std::to_string(line);
      } else {
        d.where.line = line;
        d.where.column = column;
      }
    }
  }
  return result;
}

} // namespace mlkg::detail
