#include "mlkg/query.hpp"
#include "query/common.hpp"
#include "query/search.hpp"

#include <algorithm>
#include <tuple>

namespace mlkg {

namespace {

std::string caption(const Graph& graph, const RelatedQuery& q) {
  const auto name = [&](const RelationReading& r) -> const std::string& {
    const Relation& relation = graph.schema().relations[r.rel];
    return r.inverse ? relation.inverse : relation.name;
  };
  if (q.asked_as_what) return "what " + name(q.relations.front()) + " " + graph.node(q.node).id;
  std::string s = "related " + graph.node(q.node).id + " --rel ";
  for (std::size_t i = 0; i < q.relations.size(); ++i) s += (i ? "," : "") + name(q.relations[i]);
  if (q.direction == Direction::in) s += " --in";
  if (q.direction == Direction::out) s += " --out";
  return s;
}

} // namespace

RelatedResult find_related(const Graph& graph, const RelatedQuery& query) {
  detail::require(!query.relations.empty(), "name at least one relation with --rel");
  RelatedResult result;
  result.query = query;
  auto index = detail::query_index(graph);
  for (const RelationReading& r : query.relations) {
    const Relation& relation = graph.schema().relations[r.rel];
    // --in and --out are relative to the reading: incoming "mitigated-by" edges are outgoing "mitigates" ones.
    const Direction d =
        relation.symmetric ? Direction::both : (r.inverse ? detail::reverse(query.direction) : query.direction);
    for (const detail::Arc& arc : index->arcs(query.node, d))
      if (arc.rel == r.rel) result.related.push_back({arc.node, arc.edge});
  }
  const auto key = [&](const RelatedNode& x) {
    return std::make_tuple(std::cref(reading(graph, x.edge, query.node)), index->rank(x.node), x.edge);
  };
  std::sort(result.related.begin(), result.related.end(),
            [&](const RelatedNode& x, const RelatedNode& y) { return key(x) < key(y); });
  result.related.erase(std::unique(result.related.begin(), result.related.end(),
                                   [](const RelatedNode& x, const RelatedNode& y) { return x.edge == y.edge; }),
                       result.related.end());

  std::vector<NodeIndex> answers;
  std::vector<EdgeIndex> edges;
  for (const RelatedNode& x : result.related) {
    answers.push_back(x.node);
    edges.push_back(x.edge);
  }
  result.subgraph =
      detail::make_subgraph(graph, {}, std::move(edges), {query.node}, std::move(answers), caption(graph, query));
  return result;
}

} // namespace mlkg
