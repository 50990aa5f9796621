// The interactive HTML explorer of a slice: the diagrams' drawing (dot.hpp, render.hpp) and styles
// (style.hpp) in the explorer page (explorer.hpp).
#include "mlkg/dot.hpp"
#include "mlkg/explorer.hpp"
#include "mlkg/export.hpp"
#include "mlkg/render.hpp"
#include "mlkg/style.hpp"

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
      const std::string shape =
          style.shape == Shape::rounded_box ? "rounded" : std::string(graphviz_shape(style.shape));
      it->second = {name, style.fill, style.stroke, 0, shape};
    }
    ++it->second.count;
  }
  for (auto& [name, swatch] : kinds) page.node_legend.push_back(std::move(swatch));

  std::vector<RelIndex> drawn_relations;
  for (EdgeIndex e : slice.edges) drawn_relations.push_back(graph.edge(e).rel);
  std::vector<RelationLegendRow> rows = relation_legend(graph.schema(), std::move(drawn_relations));
  for (RelationLegendRow& row : rows)
    page.edge_legend.push_back({std::move(row.names), row.style.colour, std::string(graphviz_line(row.style.line)),
                                std::string(legend_head(row.style.head))});
  return explorer_html(graph, page);
}

} // namespace mlkg
