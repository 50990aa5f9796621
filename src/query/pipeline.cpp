#include "mlkg/query.hpp"
#include "query/common.hpp"
#include "query/search.hpp"

#include <algorithm>
#include <limits>

namespace mlkg {

namespace {

using detail::require;

std::vector<RelIndex> flow_relations(const Graph& graph, const std::vector<RelIndex>& asked) {
  const auto& relations = graph.schema().relations;
  std::vector<RelIndex> flows;
  for (std::size_t r = 0; r < relations.size(); ++r)
    if (relations[r].flow) flows.push_back(static_cast<RelIndex>(r));
  require(!flows.empty(), "the schema has no flow relations, so no pipeline can be checked");
  for (RelIndex r : asked) {
    require(relations[r].flow, "'" + relations[r].name +
                                   "' is not a flow relation; flow relations: " + detail::relation_list(graph, flows));
  }
  return asked.empty() ? flows : asked;
}

std::string caption(const Graph& graph, const PipelineQuery& q) {
  std::string s = "pipeline";
  for (NodeIndex n : q.stages) s += " " + graph.node(n).id;
  if (!q.relations.empty()) s += " --rel " + detail::relation_list(graph, q.relations);
  return s;
}

// The relation that makes a node part of a service; links lift through it.
constexpr const char* part_relation = "part-of";

struct Lift {
  NodeIndex part;
  EdgeIndex flow_edge, part_edge;
};

bool flows_between(const detail::QueryIndex& index, const detail::WalkRules& flow_rules, NodeIndex a, NodeIndex b) {
  for (const detail::Arc& arc : index.arcs(a, Direction::out))
    if (arc.node == b && flow_rules.allows(arc.rel)) return true;
  return false;
}

// A part P with P part-of `from` and P -flow-> `to`, or `from` -flow-> P and P part-of `to`. Of several,
// the one that hands over: a part feeding another candidate (glue-crawler feeds glue-data-catalog, both
// feed athena) is passed over; then the smallest id.
std::optional<Lift> lift_through_part(const Graph& graph, const detail::QueryIndex& index,
                                      const detail::WalkRules& flow_rules, NodeIndex from, NodeIndex to) {
  const auto part_of = graph.schema().find_relation(part_relation);
  if (!part_of) return std::nullopt;
  const auto candidates = [&](NodeIndex whole, Direction flow_side, NodeIndex other) {
    std::vector<Lift> found;
    for (const detail::Arc& part : index.arcs(whole, Direction::in)) {
      if (part.rel != *part_of) continue;
      for (const detail::Arc& arc : index.arcs(part.node, flow_side))
        if (arc.node == other && flow_rules.allows(arc.rel)) found.push_back({part.node, arc.edge, part.edge});
    }
    return found;
  };
  const auto choose = [&](const std::vector<Lift>& found, bool downstream) -> std::optional<Lift> {
    std::optional<Lift> best;
    for (const Lift& lift : found) {
      const bool passed_over = std::any_of(found.begin(), found.end(), [&](const Lift& other) {
        return other.part != lift.part && (downstream ? flows_between(index, flow_rules, lift.part, other.part)
                                                      : flows_between(index, flow_rules, other.part, lift.part));
      });
      if (!passed_over && (!best || index.rank(lift.part) < index.rank(best->part))) best = lift;
    }
    if (!best && !found.empty()) best = found.front(); // parts feeding each other in a cycle
    return best;
  };
  if (auto lift = choose(candidates(from, Direction::out, to), true)) return lift;
  return choose(candidates(to, Direction::in, from), false);
}

std::vector<RelIndex> linking_relations(const Graph& graph) {
  std::vector<RelIndex> linking;
  for (std::size_t r = 0; r < graph.schema().relations.size(); ++r)
    if (graph.schema().relations[r].in_paths) linking.push_back(static_cast<RelIndex>(r));
  return linking;
}

} // namespace

PipelineResult check_pipeline(const Graph& graph, const PipelineQuery& query) {
  require(query.stages.size() >= 2, "a pipeline needs at least two stages");
  for (std::size_t i = 1; i < query.stages.size(); ++i) {
    require(query.stages[i] != query.stages[i - 1], "stage " + std::to_string(i + 1) +
                                                        " repeats the stage before it ('" +
                                                        graph.node(query.stages[i]).id + "')");
  }
  PipelineResult result;
  result.query = query;
  auto index = detail::query_index(graph);
  detail::ScratchLease scratch(index);
  detail::StepBudget budget{query.limits.max_steps};
  result.query.relations = flow_relations(graph, query.relations); // echo what was actually walked
  const detail::WalkRules flow_rules = detail::walk_rules(graph, result.query.relations, Direction::out);
  // Bridges follow path's tiers, minus the last: a walk over shared traits links nothing.
  const detail::WalkRules any_rules = detail::walk_rules(graph, linking_relations(graph), Direction::both);
  detail::PathSearch flow(*index, *scratch, flow_rules, budget);
  detail::PathSearch any(*index, *scratch, any_rules, budget);
  constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

  std::vector<NodeIndex> nodes = query.stages, answers;
  std::vector<EdgeIndex> edges;
  for (std::size_t i = 1; i < query.stages.size(); ++i) {
    PipelineLink link{query.stages[i - 1], query.stages[i], {}, std::nullopt, std::nullopt, false};
    for (const detail::Arc& arc : index->arcs(link.from, Direction::out))
      if (arc.node == link.to && flow_rules.allows(arc.rel)) link.edges.push_back(arc.edge);
    std::sort(link.edges.begin(), link.edges.end(), [&](EdgeIndex a, EdgeIndex b) {
      const RelIndex ra = graph.edge(a).rel, rb = graph.edge(b).rel;
      return ra != rb ? index->relation_rank(ra) < index->relation_rank(rb) : a < b;
    });
    if (!link.ok()) {
      if (auto lift = lift_through_part(graph, *index, flow_rules, link.from, link.to)) {
        link.through = lift->part;
        link.edges = {lift->flow_edge, lift->part_edge};
      }
    }
    if (!link.ok()) {
      if (auto bridge = flow.shortest(link.from, link.to, {}, unbounded)) {
        link.bridge = flow.to_path(*bridge);
        link.bridge_is_flow = true;
      } else if (auto linked = any.shortest(link.from, link.to, {}, unbounded)) {
        link.bridge = any.to_path(*linked);
      }
    }
    edges.insert(edges.end(), link.edges.begin(), link.edges.end());
    if (link.bridge) {
      edges.insert(edges.end(), link.bridge->edges.begin(), link.bridge->edges.end());
      for (NodeIndex n : link.bridge->nodes)
        if (std::find(query.stages.begin(), query.stages.end(), n) == query.stages.end()) answers.push_back(n);
    }
    result.links.push_back(std::move(link));
  }
  if (budget.exhausted) {
    result.truncated = true;
    result.truncation =
        "stopped looking for bridges after examining " + std::to_string(query.limits.max_steps) + " edges";
  }
  // The answers are the nodes a broken pipeline would need: those on the suggested bridges.
  result.subgraph = detail::make_subgraph(graph, std::move(nodes), std::move(edges), query.stages, std::move(answers),
                                          caption(graph, query));
  return result;
}

} // namespace mlkg
