#pragma once
// Private to the export module: the quick reading of a node-link file for `mlkg import`.

#include "mlkg/load.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mlkg::detail {

// The graph files (schema.json, graph.json) a plain node-link file describes, byte for byte what
// graph_files_from_node_link() makes of it, read in one pass with simdjson instead of through a JSON tree
// (a 1M-edge file: 12 s and 1.9 GB before). Nothing when the file is anything but plain: bad JSON, a
// missing or unknown member, a value of an unusual type or form. The careful reading then says what.
// `text` is copied once when it lacks room for simdjson's padding after its end.
std::optional<std::vector<SourceText>> node_link_files_quickly(const std::string& text);

} // namespace mlkg::detail
