#pragma once
// Private to the loader: parsing one JSON text with limits, and finding where a JSON pointer points.

#include "mlkg/error.hpp"
#include "mlkg/load.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace mlkg::detail {

struct TextPosition {
  int line = 0;
  int column = 0;
};

// Line and column (1-based) of byte `offset` in `text`.
TextPosition position_of(std::string_view text, std::size_t offset);

// Where the value at JSON `pointer` ("/nodes/3/type") starts in `text`; {0,0} when it cannot be found.
TextPosition locate(std::string_view text, std::string_view pointer);

// Parses `file` as one JSON document, refusing oversized files and nesting deeper than the limit.
// On failure returns nothing and appends a diagnostic with line and column.
std::optional<nlohmann::ordered_json> parse_json_file(const SourceText& file, const LoadLimits& limits,
                                                      std::vector<Diagnostic>& errors);

} // namespace mlkg::detail
