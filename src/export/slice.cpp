#include "mlkg/error.hpp"
#include "mlkg/export.hpp"
#include "mlkg/names.hpp"
#include "query/common.hpp"

#include <algorithm>
#include <numeric>
#include <set>

namespace mlkg {

Slice whole_graph(const Graph& graph) {
  std::vector<NodeIndex> nodes(graph.node_count());
  std::iota(nodes.begin(), nodes.end(), NodeIndex{0});
  std::vector<EdgeIndex> edges(graph.edge_count());
  std::iota(edges.begin(), edges.end(), EdgeIndex{0});
  Subgraph all = detail::make_subgraph(graph, std::move(nodes), std::move(edges), {}, {}, {});
  return {std::move(all.nodes), std::move(all.edges)};
}

Slice slice_of(const Graph& graph, const Subgraph& subgraph) {
  Subgraph sorted = detail::make_subgraph(graph, subgraph.nodes, subgraph.edges, {}, {}, {});
  return {std::move(sorted.nodes), std::move(sorted.edges)};
}

Subgraph drawing_of(const Slice& slice) {
  Subgraph drawn;
  drawn.nodes = slice.nodes;
  drawn.edges = slice.edges;
  return drawn;
}

Slice filter_slice(const Graph& graph, const Slice& slice, const std::vector<std::string>& sections,
                   const std::vector<TypeIndex>& types) {
  std::set<std::string> known;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) known.emplace(graph.node_section(n));
  std::vector<std::string> wanted; // as the graph spells them, so "data engineering" works too
  for (const std::string& asked : sections) {
    const auto match = std::find_if(known.begin(), known.end(),
                                    [&](const std::string& s) { return normalize_name(s) == normalize_name(asked); });
    if (match == known.end()) {
      std::vector<std::string> names(known.begin(), known.end());
      throw Error(ErrorKind::unknown_name, "no section '" + asked + "'; sections: " + join(names),
                  did_you_mean(closest_names(asked, names)));
    }
    wanted.push_back(*match);
  }
  std::vector<char> keep(graph.node_count(), 0);
  Slice result;
  for (NodeIndex n : slice.nodes) {
    const std::string_view section = graph.node_section(n);
    const bool section_ok = wanted.empty() || std::find(wanted.begin(), wanted.end(), section) != wanted.end();
    const bool type_ok = types.empty() || std::find(types.begin(), types.end(), graph.node_type(n)) != types.end();
    if (section_ok && type_ok) {
      keep[n] = 1;
      result.nodes.push_back(n);
    }
  }
  for (EdgeIndex e : slice.edges)
    if (keep[graph.edge(e).from] && keep[graph.edge(e).to]) result.edges.push_back(e);
  return result;
}

} // namespace mlkg
