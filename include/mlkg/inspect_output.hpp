#pragma once
// Text and JSON renderings of inspect results. JSON shapes are the stable contract in README.md.

#include "mlkg/error.hpp"
#include "mlkg/inspect.hpp"

#include <string>

namespace mlkg {

std::string show_text(const Graph& graph, const NodeReport& report);
std::string show_json(const Graph& graph, const NodeReport& report);

std::string search_text(const Graph& graph, std::string_view query, const std::vector<SearchHit>& hits);
std::string search_json(const Graph& graph, std::string_view query, const std::vector<SearchHit>& hits);

std::string list_text(const Graph& graph, const std::vector<NodeIndex>& nodes);
std::string list_json(const Graph& graph, const std::vector<NodeIndex>& nodes);

std::string stats_text(const GraphStats& stats);
std::string stats_json(const GraphStats& stats);

// `check --json`: {"ok", "nodes", "edges", "errors": [...], "warnings": [...]}; each diagnostic as
// {"kind", "file", "line", "column", "pointer", "message", "suggestion"}. `graph` is null when it did not load.
std::string check_json(const Graph* graph, const std::vector<Diagnostic>& errors,
                       const std::vector<Diagnostic>& warnings);

} // namespace mlkg
