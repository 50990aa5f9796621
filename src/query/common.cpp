#include "query/common.hpp"

#include "mlkg/error.hpp"
#include "query/index.hpp"

#include <algorithm>
#include <tuple>

namespace mlkg {

bool Subgraph::is_answer(NodeIndex n) const { return std::find(answers.begin(), answers.end(), n) != answers.end(); }

bool PipelineResult::valid() const {
  return std::all_of(links.begin(), links.end(), [](const PipelineLink& link) { return link.ok(); });
}

const std::string& reading(const Graph& graph, EdgeIndex e, NodeIndex from) {
  const Relation& relation = graph.relation(e);
  const bool backwards = graph.edge(e).from != from && !relation.symmetric && !relation.inverse.empty();
  return backwards ? relation.inverse : relation.name;
}

namespace detail {

void sort_by_id(const Graph& graph, std::vector<NodeIndex>& nodes) {
  const auto index = query_index(graph);
  std::sort(nodes.begin(), nodes.end(), [&](NodeIndex a, NodeIndex b) { return index->rank(a) < index->rank(b); });
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
}

Subgraph make_subgraph(const Graph& graph, std::vector<NodeIndex> nodes, std::vector<EdgeIndex> edges,
                       std::vector<NodeIndex> asked, std::vector<NodeIndex> answers, std::string caption) {
  for (EdgeIndex e : edges) {
    nodes.push_back(graph.edge(e).from);
    nodes.push_back(graph.edge(e).to);
  }
  nodes.insert(nodes.end(), asked.begin(), asked.end());
  nodes.insert(nodes.end(), answers.begin(), answers.end());
  sort_by_id(graph, nodes);
  sort_by_id(graph, answers);
  // Ranks order as ids and relation names do, without comparing strings.
  const auto index = query_index(graph);
  const auto key = [&](EdgeIndex e) {
    const Edge& edge = graph.edge(e);
    return std::make_tuple(index->rank(edge.from), index->relation_rank(edge.rel), index->rank(edge.to), e);
  };
  std::sort(edges.begin(), edges.end(), [&](EdgeIndex a, EdgeIndex b) { return key(a) < key(b); });
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  return {std::move(nodes), std::move(edges), std::move(asked), std::move(answers), std::move(caption)};
}

std::string id_list(const Graph& graph, const std::vector<NodeIndex>& nodes) {
  std::string s;
  for (NodeIndex n : nodes) s += (s.empty() ? "" : ",") + graph.node(n).id;
  return s;
}

std::string relation_list(const Graph& graph, const std::vector<RelIndex>& relations) {
  std::string s;
  for (RelIndex r : relations) s += (s.empty() ? "" : ",") + graph.schema().relations[r].name;
  return s;
}

void require(bool ok, const std::string& message) {
  if (!ok) throw Error(ErrorKind::usage, message);
}

} // namespace detail
} // namespace mlkg
