#pragma once
// Private to the output modules: the pieces every text and JSON rendering shares.

#include "mlkg/graph.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mlkg::detail {

using json = nlohmann::ordered_json;

// Two-space indented JSON with a final newline, as files are written.
std::string dump(const json& value);
// The same as a command prints it: what the terminal's escaping would rewrite is escaped as JSON.
std::string printed_json(const json& value);
// {"id", "label", "type"}.
json node_json(const Graph& graph, NodeIndex n);
// Line numbers as numbers, ranges as "first-last".
json lines_json(LineSpan lines);

// `s` padded with spaces to `width`, and at least one space after it.
std::string pad(const std::string& s, std::size_t width);
// Prose wrapped at about 78 columns: the first line indented by `indent`, later ones by `hanging`.
std::string wrap(const std::string& text, std::size_t indent, std::size_t hanging);

} // namespace mlkg::detail
