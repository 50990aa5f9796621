#pragma once
// Private to the loader: parsing one JSON text with limits, and finding where a JSON pointer points.

#include "mlkg/error.hpp"
#include "mlkg/load.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mlkg::detail {

// A UTF-8 byte-order mark, which Windows editors put before the text: JSON readers may skip it (RFC 8259
// 8.1), and every reader of graph files does.
inline std::size_t byte_order_mark_size(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

struct TextPosition {
  int line = 0;
  int column = 0;
};

// "a/b~c" as one JSON pointer token: "a~1b~0c".
std::string pointer_token(std::string_view name);

// Finds where JSON pointers point in a text that parsed. It scans no further than the lookups need and
// remembers what it has scanned (containers' children, where lines start), so that any number of
// lookups costs at most about one pass over the text, not one each, and problems near the start of a
// big file (its nodes) never cost a pass over its end (its edges).
class TextLocator {
public:
  explicit TextLocator(std::string_view text)
      : text_(text), line_starts_{byte_order_mark_size(text)}, lines_scanned_(byte_order_mark_size(text)) {}

  // Line and column (1-based, in characters) of the value at `pointer`; {0,0} when it cannot be found.
  TextPosition locate(std::string_view pointer);
  // Where the `nth` (1-based) occurrence of `key` in the object at `object_pointer` starts.
  TextPosition locate_key(std::string_view object_pointer, std::string_view key, int nth);
  // Line and column of byte `offset`.
  TextPosition position(std::size_t offset);

private:
  // A container's children, found so far in order; scanning resumes at `next`.
  struct Children {
    std::vector<std::size_t> items;                       // array elements' offsets
    std::unordered_map<std::string, std::size_t> members; // object members' value offsets (the first of a key)
    std::size_t next = 0;
    bool done = false;
  };
  std::optional<std::size_t> offset_of(std::string_view pointer);
  Children* children_of(std::size_t offset);
  bool scan_next(Children& children, bool object);
  void find_lines_to(std::size_t offset);
  std::size_t characters_before(std::size_t offset);

  std::string_view text_;
  std::unordered_map<std::size_t, Children> scanned_;
  std::vector<std::size_t> line_starts_{0};
  std::size_t lines_scanned_ = 0; // bytes searched for line breaks
  std::vector<std::size_t> characters_before_block_{0};
};

// Parses `file` as one JSON document, refusing oversized files, NUL bytes, duplicate keys, and nesting or
// strings beyond the limits. On failure returns nothing and appends a diagnostic with line and column.
std::optional<nlohmann::ordered_json> parse_json_file(const SourceText& file, const LoadLimits& limits,
                                                      std::vector<Diagnostic>& errors);

} // namespace mlkg::detail
