#pragma once
// Looking at the graph as it is: one node with its relations, search, listing, statistics.

#include "mlkg/graph.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

// One relation of a node, read from that node's side.
struct NodeEdge {
  EdgeIndex edge = 0;
  NodeIndex other = 0;
  bool outgoing = true; // symmetric relations count as outgoing from both ends
  std::string reading;  // the relation's name, or its inverse name for an incoming edge
};

struct NodeReport {
  NodeIndex node = 0;
  std::vector<NodeEdge> edges; // sorted by reading, then the other node's label and id
};

NodeReport describe(const Graph& graph, NodeIndex node);

struct SearchHit {
  NodeIndex node = 0;
  int score = 0;
  std::string matched; // where the best match was: "name", "alias", "summary" or "fact"
};

// Ranked matches over names, aliases, summaries and facts; every word of `text` must occur somewhere.
std::vector<SearchHit> search(const Graph& graph, std::string_view text, std::size_t limit = 20);

struct ListFilter {
  std::optional<TypeIndex> type;
  std::optional<std::string> section; // compared case-insensitively
};

// Nodes passing the filter, sorted by id.
std::vector<NodeIndex> list_nodes(const Graph& graph, const ListFilter& filter);

// Every section name used by the graph's nodes, sorted.
std::vector<std::string> sections(const Graph& graph);

struct GraphStats {
  std::size_t nodes = 0;
  std::size_t edges = 0;
  std::vector<std::pair<std::string, std::size_t>> by_type;     // schema order, zero counts included
  std::vector<std::pair<std::string, std::size_t>> by_relation; // schema order, zero counts included
  std::vector<std::pair<std::string, std::size_t>> by_section;  // sorted by name
};

GraphStats stats(const Graph& graph);

} // namespace mlkg
