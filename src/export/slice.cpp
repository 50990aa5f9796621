#include "mlkg/error.hpp"
#include "mlkg/export.hpp"
#include "mlkg/names.hpp"
#include "query/common.hpp"
#include "query/index.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

namespace mlkg {

Slice whole_graph(const Graph& graph) {
  // The order make_subgraph() gives, reached directly: nodes by id rank, edges by (from, relation, to,
  // index) packed into integer keys and sorted once.
  const auto index = detail::query_index(graph);
  Slice slice;
  slice.nodes.resize(graph.node_count());
  for (NodeIndex n = 0; n < graph.node_count(); ++n) slice.nodes[index->rank(n)] = n;
  struct Key {
    std::uint64_t from_relation, to_edge;
    bool operator<(const Key& o) const {
      return from_relation != o.from_relation ? from_relation < o.from_relation : to_edge < o.to_edge;
    }
  };
  std::vector<Key> keys(graph.edge_count());
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) {
    const Edge& edge = graph.edge(e);
    keys[e] = {std::uint64_t{index->rank(edge.from)} << 32 | index->relation_rank(edge.rel),
               std::uint64_t{index->rank(edge.to)} << 32 | e};
  }
  std::sort(keys.begin(), keys.end());
  slice.edges.resize(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) slice.edges[i] = static_cast<EdgeIndex>(keys[i].to_edge & 0xffffffffu);
  return slice;
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
  if (sections.empty() && types.empty()) return slice;
  std::set<std::string> known;
  if (!sections.empty())
    for (NodeIndex n = 0; n < graph.node_count(); ++n) known.emplace(graph.node_section(n));
  std::vector<std::string> wanted; // as the graph spells them, so "data engineering" works too
  for (const std::string& asked : sections) {
    const auto match = std::find_if(known.begin(), known.end(),
                                    [&](const std::string& s) { return normalize_name(s) == normalize_name(asked); });
    if (match == known.end()) {
      std::vector<std::string> names(known.begin(), known.end());
      throw Error(ErrorKind::unknown_name, "'" + asked + "' is not a section; sections: " + join(names),
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
