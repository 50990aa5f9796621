#include "mlkg/query.hpp"
#include "query/common.hpp"
#include "query/index.hpp"

namespace mlkg {

Subgraph induced_subgraph(const Graph& graph, std::vector<NodeIndex> nodes, std::string caption) {
  std::vector<char> chosen(graph.node_count(), 0);
  for (NodeIndex n : nodes) chosen[n] = 1;
  std::vector<EdgeIndex> edges;
  for (NodeIndex n : nodes)
    for (EdgeIndex e : graph.out_edges(n))
      if (chosen[graph.edge(e).to]) edges.push_back(e);
  std::vector<NodeIndex> none;
  return detail::make_subgraph(graph, std::move(nodes), std::move(edges), none, none, std::move(caption));
}

} // namespace mlkg
