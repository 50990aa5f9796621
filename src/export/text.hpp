#pragma once
// Private to the export module: escaping and naming shared by the writers.

#include "mlkg/graph.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mlkg::detail {

// Text for XML element content and attribute values: & < > " ' escaped; CR as &#13; (parsers would
// turn a raw one into LF); other control characters XML 1.0 cannot carry become U+FFFD.
std::string xml_escape(std::string_view text);
void append_xml_escaped(std::string& out, std::string_view text);

// A string list as one JSON array text, for formats whose properties hold a single string.
std::string json_list(const std::vector<std::string>& items);

// "data-format" -> "DataFormat" (node labels of graph databases).
std::string pascal_case(std::string_view name);
// "alternative-to" -> "ALTERNATIVE_TO" (relationship types of graph databases).
std::string upper_snake(std::string_view name);

// A string between `quote`s with \<quote> \\ \n \r \t and \uXXXX for other control characters: with '"'
// the common subset of JSON, Turtle, SPARQL and YAML string syntax, with '\'' a Cypher string. Non-ASCII
// stays raw UTF-8.
std::string quoted(std::string_view text, char quote = '"');
void append_quoted(std::string& out, std::string_view text, char quote = '"');

// A JSON string exactly as nlohmann's dump() writes it (ensure_ascii off: \b \f \n \r \t, other
// control characters as lowercase \u00xx, UTF-8 raw), for writers that stream JSON.
void append_json_string(std::string& out, std::string_view text);

// format_lines() appended to `out`, without a temporary per call.
void append_lines(std::string& out, LineSpan lines);

} // namespace mlkg::detail

namespace mlkg::detail {

// The Turtle export's terms, for SPARQL made to run against it: "mlkg:feeds", "node:glue" (full
// IRIs when a name is not a plain local name).
std::string turtle_relation_term(std::string_view relation);
std::string turtle_node_term(std::string_view id);

// Cypher's pieces: a backtick-quoted name (labels, relationship types) and a single-quoted string.
std::string cypher_name(std::string_view name);
inline std::string cypher_string(std::string_view text) { return quoted(text, '\''); }

} // namespace mlkg::detail
