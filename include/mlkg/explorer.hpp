#pragma once
// The interactive HTML explorer: one self-contained page (SVG, data, script and style inline, no
// network at view time) with search, a node panel, paths, filters, a legend, pan and zoom.

#include "mlkg/graph.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace mlkg {

// A legend entry: how the diagrams draw a kind of node ("technique", "Analytics service").
struct NodeSwatch {
  std::string name;
  std::string fill;   // "#RRGGBB"
  std::string stroke; // "#RRGGBB"
  std::size_t count = 0;
  std::string shape; // as the diagrams draw it: a Graphviz shape name, or "rounded" for a rounded box
};

// A legend entry: how the diagrams draw a relation (or relations drawn alike).
struct EdgeSwatch {
  std::string relations; // "part-of", or "a, b" for relations drawn alike
  std::string colour;    // "#RRGGBB"
  std::string line;      // "solid", "dashed" or "dotted"
  std::string head;      // the arrowhead as the diagrams' legend draws it ("▶", "●", ...), or empty
};

struct ExplorerPage {
  std::vector<NodeIndex> nodes; // the slice shown, sorted by id
  std::vector<EdgeIndex> edges; // its edges, both ends among `nodes`
  std::string svg;              // the slice drawn by Graphviz: node groups have id "node-<id>" or <title> id
  std::vector<NodeSwatch> node_legend;
  std::vector<EdgeSwatch> edge_legend;
  std::string caption; // what the slice is, for the title bar; may be empty
};

// Every string from the graph reaches the page as JSON data read through textContent, or as text
// Graphviz escaped in the SVG: a label such as `<img src=x onerror=alert(1)>` shows as text.
std::string explorer_html(const Graph& graph, const ExplorerPage& page);

} // namespace mlkg
