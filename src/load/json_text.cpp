#include "load/json_text.hpp"

#include "mlkg/text.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_set>
#include <vector>

namespace mlkg::detail {

using json = nlohmann::ordered_json;

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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

// Scanning helpers over text that already parsed as JSON: they only have to find where things are.
std::size_t skip_space(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  return pos;
}

// Past the closing quote of the string starting at `pos`: the first quote after an even run of
// backslashes (memchr finds quotes many bytes at a time; most strings have no backslash).
std::size_t skip_string(std::string_view text, std::size_t pos) {
  const std::size_t first = ++pos;
  while (pos < text.size()) {
    const void* quote = std::memchr(text.data() + pos, '"', text.size() - pos);
    if (!quote) break;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(quote) - text.data());
    std::size_t backslashes = 0;
    while (at - backslashes > first && text[at - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return at + 1;
    pos = at + 1;
  }
  return text.size() + 1;
}

std::string read_key(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  pos = skip_string(text, pos);
  const std::string_view raw = text.substr(start, pos - start);
  if (raw.size() < 2) return {};
  if (raw.find('\\') == std::string_view::npos) return std::string(raw.substr(1, raw.size() - 2));
  // Escapes are rare in keys; let the parser decode them. After a duplicate key the text may be cut or malformed.
  const json decoded = json::parse(raw, nullptr, false);
  return decoded.is_string() ? decoded.get<std::string>() : std::string(raw.substr(1, raw.size() - 2));
}

// Past the value starting at `pos`.
std::size_t skip_value(std::string_view text, std::size_t pos) {
  int depth = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '"') {
      pos = skip_string(text, pos);
      if (depth == 0) return pos;
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return pos;
      if (--depth == 0) return pos + 1;
    } else if (depth == 0 && (c == ',' || is_space(c))) {
      return pos;
    }
    ++pos;
  }
  return pos;
}

} // namespace

std::string pointer_token(std::string_view name) {
  std::string token;
  token.reserve(name.size());
  for (char c : name) {
    if (c == '~')
      token += "~0";
    else if (c == '/')
      token += "~1";
    else
      token += c;
  }
  return token;
}

TextLocator::Children* TextLocator::children_of(std::size_t offset) {
  if (auto it = scanned_.find(offset); it != scanned_.end()) return &it->second;
  if (offset >= text_.size() || (text_[offset] != '{' && text_[offset] != '[')) return nullptr;
  Children children;
  children.next = offset + 1;
  return &scanned_.emplace(offset, std::move(children)).first->second;
}

// Finds one more child of a container; false when it has no more.
bool TextLocator::scan_next(Children& children, bool object) {
  if (children.done) return false;
  std::size_t pos = skip_space(text_, children.next);
  if (pos >= text_.size() || text_[pos] == (object ? '}' : ']')) {
    children.done = true;
    return false;
  }
  const std::size_t begin = pos;
  if (object) {
    std::string key = read_key(text_, pos);
    pos = skip_space(text_, pos) + 1; // the colon
    pos = skip_space(text_, pos);
    children.members.emplace(std::move(key), pos);
  } else {
    children.items.push_back(pos);
  }
  pos = skip_space(text_, skip_value(text_, pos));
  if (pos < text_.size() && text_[pos] == ',') ++pos;
  if (pos <= begin) children.done = true; // text the parser stopped in (after a duplicate key) need not be well formed
  children.next = pos;
  return true;
}

std::optional<std::size_t> TextLocator::offset_of(std::string_view pointer) {
  std::size_t at = skip_space(text_, byte_order_mark_size(text_));
  for (const std::string& token : split_pointer(pointer)) {
    Children* children = children_of(at);
    if (!children) return std::nullopt;
    if (text_[at] == '{') {
      auto it = children->members.find(token);
      while (it == children->members.end() && scan_next(*children, true)) it = children->members.find(token);
      if (it == children->members.end()) return std::nullopt;
      at = it->second;
    } else {
      if (token.empty() || token.size() > 18 || token.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
      const std::size_t index = std::stoull(token);
      while (index >= children->items.size() && scan_next(*children, false)) {
      }
      if (index >= children->items.size()) return std::nullopt;
      at = children->items[index];
    }
  }
  return at;
}

TextPosition TextLocator::locate(std::string_view pointer) {
  if (auto offset = offset_of(pointer)) return position(*offset);
  return {};
}

TextPosition TextLocator::locate_key(std::string_view object_pointer, std::string_view key, int nth) {
  const auto object = offset_of(object_pointer);
  if (!object || text_[*object] != '{') return {};
  std::size_t pos = *object + 1;
  while ((pos = skip_space(text_, pos)) < text_.size() && text_[pos] != '}') {
    const std::size_t key_start = pos;
    if (read_key(text_, pos) == key && --nth == 0) return position(key_start);
    if (pos <= key_start) break;
    pos = skip_space(text_, skip_space(text_, pos) + 1);
    pos = skip_space(text_, skip_value(text_, pos));
    if (pos < text_.size() && text_[pos] == ',') ++pos;
  }
  return {};
}

namespace {
constexpr std::size_t block_bytes = 256; // a character count per block: lookups within one long line stay cheap
bool starts_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
} // namespace

std::size_t TextLocator::characters_before(std::size_t offset) {
  const std::size_t block = offset / block_bytes;
  while (characters_before_block_.size() <= block) {
    const std::size_t first = (characters_before_block_.size() - 1) * block_bytes;
    std::size_t count = characters_before_block_.back();
    for (std::size_t i = first; i < first + block_bytes; ++i) count += starts_character(text_[i]);
    characters_before_block_.push_back(count);
  }
  std::size_t count = characters_before_block_[block];
  for (std::size_t i = block * block_bytes; i < offset; ++i) count += starts_character(text_[i]);
  return count;
}

// Line starts up to `offset`, found in steps of at least 64 KiB (lookups come in any order, mostly rising).
void TextLocator::find_lines_to(std::size_t offset) {
  if (offset <= lines_scanned_) return;
  const std::size_t end = std::min(text_.size(), std::max(offset, lines_scanned_ + (std::size_t{1} << 16)));
  const char* const begin = text_.data();
  const char* const from = begin + lines_scanned_;
  const auto bytes = static_cast<std::size_t>(end - lines_scanned_);
  if (!std::memchr(from, '\r', bytes)) {
    for (const char* at = from;
         (at = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(begin + end - at)))) != nullptr;)
      line_starts_.push_back(static_cast<std::size_t>(++at - begin));
  } else {
    // Lines end as editors end them: LF, CR LF, or a CR alone (old Mac files, which JSON reads as white space).
    const char* const text_end = begin + text_.size();
    for (const char* at = from; at < begin + end; ++at)
      if (*at == '\n' || (*at == '\r' && (at + 1 == text_end || at[1] != '\n')))
        line_starts_.push_back(static_cast<std::size_t>(at + 1 - begin));
  }
  lines_scanned_ = end;
}

TextPosition TextLocator::position(std::size_t offset) {
  offset = std::min(offset, text_.size());
  find_lines_to(offset);
  const auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
  // Columns count characters from the line's start; only a long line (minified JSON) needs the block counts.
  std::size_t characters = 0;
  if (offset - *line <= 4 * block_bytes) {
    for (std::size_t i = *line; i < offset; ++i) characters += starts_character(text_[i]);
  } else {
    characters = characters_before(offset) - characters_before(*line);
  }
  const std::size_t column = characters + 1;
  return {static_cast<int>(line - line_starts_.begin() + 1), static_cast<int>(column)};
}

namespace {

// nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3, column 5: what";
// we print our own location, so keep only "what".
std::string_view without_location(std::string_view what) {
  std::size_t at = what.find("column ");
  if (at != std::string_view::npos) {
    at = what.find(": ", at);
    if (at != std::string_view::npos) return what.substr(at + 2);
  }
  at = what.find("] ");
  return at == std::string_view::npos ? what : what.substr(at + 2);
}

// "what" quotes the text last read as it is: a byte that is not UTF-8 there ("last read: '"caf\xe9'") would
// make the message itself invalid UTF-8, which no JSON report could carry. Such bytes are shown as "\xe9".
std::string parse_error_reason(std::string_view what) { return escape_control(without_location(what)); }

// Where the comma is when the parser stopped at a ']' or '}' right after one: "[1, 2,]" has a trailing comma,
// which nlohmann reports only as an unexpected bracket.
std::optional<std::size_t> trailing_comma_before(std::string_view text, std::size_t offset, std::string_view reason) {
  if (offset >= text.size() || (text[offset] != ']' && text[offset] != '}')) return std::nullopt;
  if (reason.find(std::string("unexpected '") + text[offset] + "'") == std::string_view::npos) return std::nullopt;
  std::size_t before = offset;
  while (before > 0 && is_space(text[before - 1])) --before;
  if (before == 0 || text[before - 1] != ',') return std::nullopt;
  return before - 1;
}

// The wide encoding a file is in, if any: what Windows PowerShell's `>` writes (a UTF-16 byte-order mark, or
// ASCII with a NUL after or before each character), or UTF-32 (its mark, or three NULs to a character).
// Without this the first NUL would be reported, which says nothing of how to fix the file.
const char* wide_encoding(std::string_view text) {
  using namespace std::string_view_literals;
  const std::string_view mark4 = text.substr(0, 4);
  if (mark4 == "\xFF\xFE\0\0"sv || mark4 == "\0\0\xFE\xFF"sv) return "UTF-32";
  const std::string_view mark = text.substr(0, 2);
  if (mark == "\xFF\xFE" || mark == "\xFE\xFF") return "UTF-16";
  if (text.size() < 4) return nullptr;
  const auto nul = [&](std::size_t i) { return text[i] == '\0'; };
  if ((!nul(0) && nul(1) && nul(2) && nul(3)) || (nul(0) && nul(1) && nul(2) && !nul(3))) return "UTF-32";
  if ((!nul(0) && nul(1) && !nul(2) && nul(3)) || (nul(0) && !nul(1) && nul(2) && !nul(3))) return "UTF-16";
  return nullptr;
}

// The pointer of the value that would open one level too many.
struct TooDeep {
  std::string pointer;
};
// A problem found while building, at the JSON pointer of the value being built.
struct Refused {
  std::string pointer;
  std::string message;
};
struct DuplicateKey {
  std::string object_pointer;
  std::string key;
};
struct ParseFailure {
  std::size_t offset;
  std::string reason;
};

// Builds the document from nlohmann's SAX events, with limits on nesting and string length, refusing duplicate
// keys. Members are appended without ordered_map's linear search (a hash set per open object finds duplicates),
// so an object of n members costs n, not n squared. (nlohmann's callback parser could filter too, but runs
// several times slower on large files.)
class CheckedDomBuilder {
public:
  CheckedDomBuilder(json& result, const LoadLimits& limits) : root_(result), limits_(limits) {}

  bool null() { return put(nullptr); }
  bool boolean(bool v) { return put(v); }
  bool number_integer(json::number_integer_t v) { return put(v); }
  bool number_unsigned(json::number_unsigned_t v) { return put(v); }
  bool number_float(json::number_float_t v, const json::string_t&) { return put(v); }
  bool string(json::string_t& v) {
    check_length(v, pointer());
    return put(std::move(v));
  }
  bool binary(json::binary_t& v) { return put(json::binary(std::move(v))); }
  bool key(json::string_t& k) {
    Frame& frame = open_.back();
    check_length(k, pointer(true));
    if (!frame.keys.insert(k).second) throw DuplicateKey{pointer(true), k};
    auto& members =
        static_cast<std::vector<std::pair<const std::string, json>>&>(frame.value->get_ref<json::object_t&>());
    members.emplace_back(k, nullptr);
    frame.key = std::move(k);
    return true;
  }
  bool start_object(std::size_t) { return enter(json::object()); }
  bool end_object() { return leave(); }
  bool start_array(std::size_t) { return enter(json::array()); }
  bool end_array() { return leave(); }
  bool parse_error(std::size_t position, const std::string&, const json::parse_error& e) {
    throw ParseFailure{position == 0 ? 0 : position - 1, e.what()};
  }
  // "number overflow" (1e400): `position` is past the number; point at its start.
  template <class Exception> bool parse_error(std::size_t position, const std::string& token, const Exception& e) {
    throw ParseFailure{position - std::min(position, token.size()), e.what()};
  }

private:
  struct Frame {
    json* value;
    std::string key; // objects: the member being read
    std::unordered_set<std::string> keys;
  };

  // Where the value being built goes: the top, the end of an array, or the member whose key was just read.
  json* slot() {
    if (open_.empty()) return &root_;
    json& container = *open_.back().value;
    if (container.is_array()) return &container.emplace_back();
    return &container.get_ref<json::object_t&>().back().second;
  }
  bool put(json value) {
    *slot() = std::move(value);
    return true;
  }
  bool enter(json empty) {
    if (static_cast<int>(open_.size()) >= limits_.max_depth) throw TooDeep{pointer()};
    json* value = slot();
    *value = std::move(empty);
    open_.push_back({value, {}, {}});
    return true;
  }
  bool leave() {
    open_.pop_back();
    return true;
  }
  // The JSON pointer of the value about to be built (in an array, its next element), or with `container_only` of
  // the object or array it goes in.
  std::string pointer(bool container_only = false) const {
    std::string p;
    for (std::size_t i = 0; i < open_.size(); ++i) {
      const bool innermost = i + 1 == open_.size();
      if (innermost && container_only) break;
      const json& value = *open_[i].value;
      p += '/';
      p += value.is_array() ? std::to_string(value.size() - (innermost ? 0 : 1)) : pointer_token(open_[i].key);
    }
    return p;
  }
  void check_length(const json::string_t& v, std::string at) const {
    if (v.size() <= limits_.max_string_bytes) return;
    throw Refused{std::move(at), "a JSON string of " + grouped(v.size()) + " bytes, " +
                                     grouped(v.size() - limits_.max_string_bytes) + " bytes over the limit of " +
                                     grouped(limits_.max_string_bytes) + " bytes"};
  }

  json& root_;
  const LoadLimits& limits_;
  std::vector<Frame> open_;
};

} // namespace

std::optional<json> parse_json_file(const SourceText& file, const LoadLimits& limits, std::vector<Diagnostic>& errors) {
  TextLocator locator(file.text);
  auto fail = [&](std::string message, TextPosition at = {}, std::string pointer = {}, std::string suggestion = {}) {
    Diagnostic d;
    d.message = std::move(message);
    d.where.file = file.name;
    d.where.line = at.line;
    d.where.column = at.column;
    d.where.pointer = std::move(pointer);
    d.suggestion = std::move(suggestion);
    errors.push_back(std::move(d));
    return std::nullopt;
  };
  if (file.text.size() > limits.max_file_bytes) {
    return fail(over_size_limit(file.text.size(), limits.max_file_bytes));
  }
  if (const char* wide = wide_encoding(file.text))
    return fail(std::string("the file is ") + wide + "; save it as UTF-8");
  if (std::all_of(file.text.begin() + static_cast<std::ptrdiff_t>(byte_order_mark_size(file.text)), file.text.end(),
                  [](char c) { return is_space(c); }))
    return fail("file is empty: expected a JSON object");
  // nlohmann's lexer takes a NUL for the end of the input, which would let anything after it through.
  if (const std::size_t nul = file.text.find('\0'); nul != std::string::npos)
    return fail("a NUL byte, which JSON text cannot contain", locator.position(nul));

  try {
    json document;
    CheckedDomBuilder builder(document, limits);
    json::sax_parse(file.text, &builder);
    if (!document.is_object())
      return fail(std::string("expected a JSON object at the top, found ") + document.type_name(), {1, 1});
    return document;
  } catch (const ParseFailure& e) {
    const std::string reason = parse_error_reason(e.reason);
    if (const auto comma = trailing_comma_before(file.text, e.offset, reason))
      return fail(std::string("a comma before '") + file.text[e.offset] + "': JSON allows no trailing comma",
                  locator.position(*comma));
    return fail(clipped(reason, 200), locator.position(e.offset));
  } catch (const Refused& e) {
    return fail(e.message, locator.locate(e.pointer), e.pointer);
  } catch (const DuplicateKey& e) {
    const TextPosition first = locator.locate_key(e.object_pointer, e.key, 1);
    return fail("duplicate key '" + e.key + "'", locator.locate_key(e.object_pointer, e.key, 2),
                e.object_pointer + "/" + pointer_token(e.key),
                "first at line " + std::to_string(first.line) + ", column " + std::to_string(first.column));
  } catch (const TooDeep& e) {
    return fail("JSON nests deeper than " + std::to_string(limits.max_depth) + " levels", locator.locate(e.pointer),
                e.pointer);
  }
}

} // namespace mlkg::detail
