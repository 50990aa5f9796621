// The interactive HTML explorer of a slice: the diagrams' drawing (dot.hpp, render.hpp) and styles
// (style.hpp) in the explorer page (explorer.hpp).
#include "mlkg/dot.hpp"
#include "mlkg/explorer.hpp"
#include "mlkg/export.hpp"
#include "mlkg/render.hpp"
#include "mlkg/style.hpp"

#include <algorithm>
#include <map>

namespace mlkg {

namespace {

// What a node is called in the legend: its type, or "<category> service".
std::string kind_of(const Graph& graph, NodeIndex n) {
  if (const Category* category = graph.schema().find_category(graph.node(n).category)) {
    return category->label + " " + graph.type_name(n);
  }
  return graph.type_name(n);
}

} // namespace

std::string export_html(const Graph& graph, const Slice& slice) {
  DotOptions options;
  options.legend = false; // the page has its own, next to the filters
  ExplorerPage page;
  page.nodes = slice.nodes;
  page.edges = slice.edges;
  page.svg = render(to_dot(graph, drawing_of(slice), options), Format::svg, choose_engine(slice.nodes.size()));

  std::map<std::string, NodeSwatch> kinds;
  for (NodeIndex n : slice.nodes) {
    const std::string name = kind_of(graph, n);
    auto [it, fresh] = kinds.try_emplace(name);
    if (fresh) {
      const NodeStyle style = node_style(graph, n);
      it->second = {name, style.fill, style.stroke, 0};
    }
    ++it->second.count;
  }
  for (auto& [name, swatch] : kinds) page.node_legend.push_back(std::move(swatch));

  std::vector<RelIndex> relations;
  for (EdgeIndex e : slice.edges) relations.push_back(graph.edge(e).rel);
  std::sort(relations.begin(), relations.end());
  relations.erase(std::unique(relations.begin(), relations.end()), relations.end());
  for (RelIndex r : relations) {
    const Relation& relation = graph.schema().relations[r];
    const EdgeStyle style = relation_style(relation);
    page.edge_legend.push_back({relation.name, style.colour, std::string(graphviz_line(style.line))});
  }
  std::sort(page.edge_legend.begin(), page.edge_legend.end(),
            [](const EdgeSwatch& a, const EdgeSwatch& b) { return a.relation < b.relation; });
  return explorer_html(graph, page);
}

} // namespace mlkg
