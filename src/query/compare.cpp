#include "mlkg/names.hpp"
#include "mlkg/query.hpp"
#include "query/common.hpp"
#include "query/index.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

namespace mlkg {

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// The ways a fact may name a node: id, label and aliases, with and without "Amazon"/"AWS".
std::vector<std::string> spoken_names(const Node& node) {
  std::vector<std::string> names{node.id, node.label};
  names.insert(names.end(), node.aliases.begin(), node.aliases.end());
  for (std::size_t i = 0, n = names.size(); i < n; ++i) {
    for (const char* prefix : {"amazon ", "aws "}) {
      const std::string l = lowercase(names[i]);
      if (l.rfind(prefix, 0) == 0) names.push_back(names[i].substr(std::char_traits<char>::length(prefix)));
    }
  }
  for (std::string& name : names) name = lowercase(name);
  return names;
}

// Whether `text` names `node` as a whole word.
bool mentions(const std::string& text, const Node& node) {
  const std::string haystack = lowercase(text);
  for (const std::string& name : spoken_names(node)) {
    if (name.size() < 2) continue;
    for (std::size_t at = haystack.find(name); at != std::string::npos; at = haystack.find(name, at + 1)) {
      const bool starts = at == 0 || !is_word_char(haystack[at - 1]);
      const std::size_t end = at + name.size();
      const bool ends = end == haystack.size() || !is_word_char(haystack[end]);
      if (starts && ends) return true;
    }
  }
  return false;
}

std::vector<NodeFact> facts_between(const Graph& graph, NodeIndex a, NodeIndex b) {
  std::vector<NodeFact> facts;
  for (auto [self, other] : {std::pair{a, b}, std::pair{b, a}})
    for (const std::string& fact : graph.node(self).facts)
      if (mentions(fact, graph.node(other))) facts.push_back({self, fact});
  return facts;
}

// A node's links to other nodes, by neighbour.
std::map<NodeIndex, std::vector<EdgeIndex>> links_of(const detail::QueryIndex& index, NodeIndex n) {
  std::map<NodeIndex, std::vector<EdgeIndex>> links;
  for (const detail::Arc& arc : index.arcs(n, Direction::both))
    if (arc.node != n) links[arc.node].push_back(arc.edge);
  return links;
}

void sort_from(const Graph& graph, const detail::QueryIndex& index, NodeIndex from, std::vector<EdgeIndex>& edges) {
  const auto key = [&](EdgeIndex e) {
    const Edge& edge = graph.edge(e);
    return std::make_tuple(std::cref(reading(graph, e, from)), index.rank(edge.from == from ? edge.to : edge.from), e);
  };
  std::sort(edges.begin(), edges.end(), [&](EdgeIndex x, EdgeIndex y) { return key(x) < key(y); });
}

void require_two(const Graph& graph, NodeIndex a, NodeIndex b, const char* command) {
  detail::require(a != b, std::string(command) + " needs two different nodes, but both are '" + graph.node(a).id + "'");
}

} // namespace

CompareResult compare_nodes(const Graph& graph, NodeIndex a, NodeIndex b) {
  require_two(graph, a, b, "compare");
  ExplainResult link = explain_link(graph, a, b); // the edges and facts between the two
  auto index = detail::query_index(graph);
  CompareResult result;
  result.a = a;
  result.b = b;
  result.between = std::move(link.edges);
  result.facts = std::move(link.facts);
  auto links_a = links_of(*index, a), links_b = links_of(*index, b);

  std::vector<NodeIndex> nodes{a, b}, shared_nodes;
  std::vector<EdgeIndex> edges = result.between;
  for (auto& [other, edges_a] : links_a) {
    if (other == b) continue;
    auto it = links_b.find(other);
    if (it == links_b.end()) {
      result.only_a.insert(result.only_a.end(), edges_a.begin(), edges_a.end());
      continue;
    }
    sort_from(graph, *index, a, edges_a);
    sort_from(graph, *index, b, it->second);
    result.shared.push_back({other, edges_a, it->second});
    shared_nodes.push_back(other);
    edges.insert(edges.end(), edges_a.begin(), edges_a.end());
    edges.insert(edges.end(), it->second.begin(), it->second.end());
  }
  for (auto& [other, edges_b] : links_b)
    if (other != a && !links_a.count(other)) result.only_b.insert(result.only_b.end(), edges_b.begin(), edges_b.end());
  sort_from(graph, *index, a, result.only_a);
  sort_from(graph, *index, b, result.only_b);
  std::sort(result.shared.begin(), result.shared.end(), [&](const SharedNeighbour& x, const SharedNeighbour& y) {
    return index->rank(x.node) < index->rank(y.node);
  });
  edges.insert(edges.end(), result.only_a.begin(), result.only_a.end());
  edges.insert(edges.end(), result.only_b.begin(), result.only_b.end());
  // The answers are what the two have in common.
  result.subgraph = detail::make_subgraph(graph, std::move(nodes), std::move(edges), {a, b}, std::move(shared_nodes),
                                          "compare " + graph.node(a).id + " " + graph.node(b).id);
  return result;
}

ExplainResult explain_link(const Graph& graph, NodeIndex a, NodeIndex b) {
  require_two(graph, a, b, "explain");
  auto index = detail::query_index(graph);
  ExplainResult result;
  result.a = a;
  result.b = b;
  for (const detail::Arc& arc : index->arcs(a, Direction::both))
    if (arc.node == b) result.edges.push_back(arc.edge);
  sort_from(graph, *index, a, result.edges);
  result.facts = facts_between(graph, a, b);
  std::vector<NodeIndex> answers;
  if (!result.edges.empty() || !result.facts.empty()) answers = {a, b};
  result.subgraph = detail::make_subgraph(graph, {a, b}, result.edges, {a, b}, std::move(answers),
                                          "explain " + graph.node(a).id + " " + graph.node(b).id);
  return result;
}

} // namespace mlkg
