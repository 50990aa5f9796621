#include "mlkg/query.hpp"
#include "mlkg/text.hpp"
#include "query/common.hpp"
#include "query/search.hpp"

#include <algorithm>
#include <unordered_map>

namespace mlkg {

namespace {

using detail::require;

std::string caption(const Graph& graph, const NeighbourQuery& q) {
  std::string s = "neighbours " + graph.node(q.center).id;
  if (q.depth != 1) s += " --depth " + std::to_string(q.depth);
  if (!q.relations.empty()) s += " --rel " + detail::relation_list(graph, q.relations);
  if (!q.types.empty()) {
    std::string types;
    for (TypeIndex t : q.types) types += (types.empty() ? "" : ",") + graph.schema().node_types[t].name;
    s += " --type " + types;
  }
  if (q.direction == Direction::in) s += " --in";
  if (q.direction == Direction::out) s += " --out";
  return s;
}

} // namespace

NeighbourResult find_neighbours(const Graph& graph, const NeighbourQuery& query) {
  require(query.depth >= 1, "--depth must be at least 1, not " + std::to_string(query.depth));
  require(query.depth <= max_depth,
          "--depth must be at most " + std::to_string(max_depth) + ", not " + std::to_string(query.depth));
  NeighbourResult result;
  result.query = query;
  auto index = detail::query_index(graph);
  detail::ScratchLease lease(index);
  detail::Scratch& scratch = *lease;
  const detail::WalkRules rules = detail::walk_rules(graph, query.relations, query.direction);
  detail::StepBudget budget{query.limits.max_steps};
  detail::PathSearch hops(*index, scratch, rules, budget); // for edge_between only
  const auto by_rank = [&](NodeIndex a, NodeIndex b) { return index->rank(a) < index->rank(b); };
  const auto is_listed = [&](NodeIndex v) {
    return query.types.empty() ||
           std::find(query.types.begin(), query.types.end(), graph.node_type(v)) != query.types.end();
  };

  // Breadth first, a level at a time; a node's parent is its smallest-id discoverer, because each
  // level is expanded in id order. The node limit counts the nodes listed: the walk passes through nodes of
  // other types without counting them, so `--type algorithm --limit 5` lists five algorithms, not those among
  // the first five nodes reached.
  std::vector<Neighbour> reached;
  std::size_t listed = 0;
  scratch.set(scratch.forward, query.center, 1);
  std::vector<NodeIndex> level{query.center};
  for (int distance = 1; distance <= query.depth && !level.empty() && !result.truncated; ++distance) {
    std::sort(level.begin(), level.end(), by_rank);
    std::vector<Neighbour> found;
    for (NodeIndex u : level) {
      const detail::ArcRange arcs = index->arcs(u, query.direction);
      if (!budget.spend(static_cast<std::size_t>(arcs.end() - arcs.begin()))) break;
      for (const detail::Arc& arc : arcs) {
        if (!rules.allows(arc.rel)) continue;
        if (scratch.forward[arc.node] != 0) continue;
        scratch.set(scratch.forward, arc.node, 1);
        found.push_back({arc.node, distance, u, 0});
      }
    }
    if (budget.exhausted) {
      result.truncated = true;
      result.truncation = "stopped after examining " + std::to_string(query.limits.max_steps) + " edges";
    }
    const auto found_listed = static_cast<std::size_t>(
        std::count_if(found.begin(), found.end(), [&](const Neighbour& n) { return is_listed(n.node); }));
    if (listed + found_listed > query.limits.max_nodes) {
      // No level is walked after this one, so its unlisted nodes lead nowhere: only the listed are cut.
      found.erase(std::remove_if(found.begin(), found.end(), [&](const Neighbour& n) { return !is_listed(n.node); }),
                  found.end());
      std::sort(found.begin(), found.end(),
                [&](const Neighbour& a, const Neighbour& b) { return by_rank(a.node, b.node); });
      found.resize(query.limits.max_nodes - listed);
      result.truncated = true;
      result.truncation = "stopped at " + counted(query.limits.max_nodes, "node") + ", " +
                          counted(static_cast<std::size_t>(distance), "hop") + " out";
    }
    level.clear();
    for (Neighbour& n : found) {
      // Only a listed node's edge is reported: finding one costs its parent's arcs.
      if (is_listed(n.node)) {
        n.edge = hops.edge_between(n.parent, n.node);
        ++listed;
      }
      level.push_back(n.node);
      reached.push_back(n);
    }
  }

  // The listed nodes, and the nodes linking them to the center.
  const auto in_subgraph = [&](NodeIndex v) { return scratch.flag[v] != 0; };
  scratch.set_flag(query.center);
  std::unordered_map<NodeIndex, NodeIndex> parent_of;
  for (const Neighbour& n : reached) parent_of.emplace(n.node, n.parent);
  std::vector<NodeIndex> nodes{query.center}, answers;
  for (const Neighbour& n : reached) {
    if (!is_listed(n.node)) continue;
    result.neighbours.push_back(n);
    answers.push_back(n.node);
    for (NodeIndex v = n.node; !in_subgraph(v); v = parent_of.at(v)) {
      scratch.set_flag(v);
      nodes.push_back(v);
    }
  }
  std::sort(result.neighbours.begin(), result.neighbours.end(), [&](const Neighbour& a, const Neighbour& b) {
    return a.distance != b.distance ? a.distance < b.distance : by_rank(a.node, b.node);
  });

  // Every walkable edge among them, so that a drawing shows how they hang together.
  std::vector<EdgeIndex> edges;
  for (NodeIndex n : nodes)
    for (const detail::Arc& arc : index->arcs(n, Direction::out))
      if (rules.allows(arc.rel) && in_subgraph(arc.node)) edges.push_back(arc.edge);
  result.subgraph =
      detail::make_subgraph(graph, nodes, std::move(edges), {query.center}, std::move(answers), caption(graph, query));
  return result;
}

} // namespace mlkg
