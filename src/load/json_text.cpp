#include "load/json_text.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace mlkg::detail {

using json = nlohmann::ordered_json;

TextPosition position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  TextPosition p{1, 1};
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++p.column; // count characters, not UTF-8 continuation bytes
    }
  }
  return p;
}

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

// A forgiving scanner over text that already parsed as JSON: it only has to find positions.
class Locator {
public:
  explicit Locator(std::string_view text) : text_(text) {}

  std::optional<std::size_t> find(const std::vector<std::string>& path) {
    pos_ = 0;
    return seek(path, 0);
  }

private:
  std::optional<std::size_t> seek(const std::vector<std::string>& path, std::size_t level) {
    skip_space();
    if (level == path.size()) return pos_;
    if (at('{')) {
      ++pos_;
      while (skip_space(), pos_ < text_.size() && !at('}')) {
        const std::string key = read_string();
        skip_space();
        if (at(':')) ++pos_;
        if (key == path[level]) return seek(path, level + 1);
        skip_value();
        skip_space();
        if (at(',')) ++pos_;
      }
    } else if (at('[')) {
      ++pos_;
      for (std::size_t index = 0; skip_space(), pos_ < text_.size() && !at(']'); ++index) {
        if (std::to_string(index) == path[level]) return seek(path, level + 1);
        skip_value();
        skip_space();
        if (at(',')) ++pos_;
      }
    }
    return std::nullopt;
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

  void skip_value() {
    skip_space();
    if (at('"')) {
      read_string();
      return;
    }
    int depth = 0;
    for (; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (c == '"') {
        read_string();
        --pos_;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return;
        if (--depth == 0) {
          ++pos_;
          return;
        }
      } else if (c == ',' && depth == 0) {
        return;
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3, column 5: what";
// we print our own location, so keep only "what".
std::string parse_error_reason(const std::string& what) {
  const std::string marker = "column ";
  std::size_t at = what.find(marker);
  if (at != std::string::npos) {
    at = what.find(": ", at);
    if (at != std::string::npos) return what.substr(at + 2);
  }
  at = what.find("] ");
  return at == std::string::npos ? what : what.substr(at + 2);
}

struct TooDeep {};
struct TooLong {
  std::size_t bytes;
};

// nlohmann's DOM builder with limits on nesting and string length. (Its callback parser can do the same but runs
// several times slower on large files.)
class LimitedDomBuilder {
public:
  LimitedDomBuilder(json& result, const LoadLimits& limits) : dom_(result, true), limits_(limits) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) { return dom_.number_float(v, s); }
  bool string(json::string_t& v) { return short_enough(v) && dom_.string(v); }
  bool binary(json::binary_t& v) { return dom_.binary(v); }
  bool key(json::string_t& v) { return short_enough(v) && dom_.key(v); }
  bool start_object(std::size_t n) { return enter() && dom_.start_object(n); }
  bool end_object() { return leave() && dom_.end_object(); }
  bool start_array(std::size_t n) { return enter() && dom_.start_array(n); }
  bool end_array() { return leave() && dom_.end_array(); }
  template <class Exception> bool parse_error(std::size_t position, const std::string& token, const Exception& e) {
    return dom_.parse_error(position, token, e);
  }

private:
  bool enter() {
    if (++depth_ > limits_.max_depth) throw TooDeep{};
    return true;
  }
  bool leave() {
    --depth_;
    return true;
  }
  bool short_enough(const json::string_t& v) const {
    if (v.size() > limits_.max_string_bytes) throw TooLong{v.size()};
    return true;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  const LoadLimits& limits_;
  int depth_ = 0;
};

} // namespace

TextPosition locate(std::string_view text, std::string_view pointer) {
  Locator locator(text);
  if (auto offset = locator.find(split_pointer(pointer))) return position_of(text, *offset);
  return {};
}

std::optional<json> parse_json_file(const SourceText& file, const LoadLimits& limits, std::vector<Diagnostic>& errors) {
  auto fail = [&](std::string message, TextPosition at = {}) {
    Diagnostic d;
    d.message = std::move(message);
    d.where.file = file.name;
    d.where.line = at.line;
    d.where.column = at.column;
    errors.push_back(std::move(d));
    return std::nullopt;
  };
  if (file.text.size() > limits.max_file_bytes) {
    return fail("file is " + std::to_string(file.text.size() >> 20) + " MiB; the limit is " +
                std::to_string(limits.max_file_bytes >> 20) + " MiB");
  }
  if (std::all_of(file.text.begin(), file.text.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)); }))
    return fail("file is empty: expected a JSON object");

  try {
    json document;
    LimitedDomBuilder builder(document, limits);
    json::sax_parse(file.text, &builder);
    if (!document.is_object())
      return fail(std::string("expected a JSON object at the top, found ") + document.type_name(), {1, 1});
    return document;
  } catch (const json::parse_error& e) {
    return fail(parse_error_reason(e.what()), position_of(file.text, e.byte == 0 ? 0 : e.byte - 1));
  } catch (const TooLong& e) {
    return fail("a JSON string is " + std::to_string(e.bytes >> 10) + " KiB long; the limit is " +
                std::to_string(limits.max_string_bytes >> 10) + " KiB");
  } catch (const TooDeep&) {
    return fail("JSON nests deeper than " + std::to_string(limits.max_depth) + " levels");
  }
}

} // namespace mlkg::detail
