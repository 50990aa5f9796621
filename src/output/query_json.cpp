#include "mlkg/query_output.hpp"
#include "output/common.hpp"

#include <functional>
#include <nlohmann/json.hpp>

namespace mlkg {

using detail::json;
using detail::lines_json;
using detail::node_json;
using detail::printed_json;

namespace {

json edge_json(const Graph& graph, EdgeIndex e) {
  const Edge& edge = graph.edge(e);
  return {{"from", graph.node(edge.from).id}, {"rel", graph.relation(e).name}, {"to", graph.node(edge.to).id}};
}

// An edge with its note and the lines of the notes it came from.
json sourced_edge_json(const Graph& graph, EdgeIndex e) {
  json edge = edge_json(graph, e);
  const std::string_view note = graph.note(e);
  if (!note.empty()) edge["note"] = std::string(note);
  edge["source"] = lines_json(graph.source(e));
  return edge;
}

json ids_json(const Graph& graph, const std::vector<NodeIndex>& nodes) {
  json array = json::array();
  for (NodeIndex n : nodes) array.push_back(graph.node(n).id);
  return array;
}

json relations_json(const Graph& graph, const std::vector<RelIndex>& relations) {
  json array = json::array();
  for (RelIndex r : relations) array.push_back(graph.schema().relations[r].name);
  return array;
}

json edges_json(const Graph& graph, const std::vector<EdgeIndex>& edges) {
  json array = json::array();
  for (EdgeIndex e : edges) array.push_back(edge_json(graph, e));
  return array;
}

json path_json_of(const Graph& graph, const Path& path) {
  json nodes = json::array();
  for (NodeIndex n : path.nodes) nodes.push_back(node_json(graph, n));
  return {{"length", path.length()},
          {"flow", follows_flow(graph, path)},
          {"nodes", std::move(nodes)},
          {"edges", edges_json(graph, path.edges)}};
}

const char* direction_name(Direction d) {
  switch (d) {
  case Direction::in: return "in";
  case Direction::out: return "out";
  case Direction::both: break;
  }
  return "both";
}

// "nodes" (each marked whether it answers the query), "edges" and "truncated", after `head`.
json with_subgraph(const Graph& graph, json head, const QueryResult& result,
                   const std::function<void(NodeIndex, json&)>& annotate = {}) {
  json nodes = json::array();
  for (NodeIndex n : result.subgraph.nodes) {
    json node = node_json(graph, n);
    node["answer"] = result.subgraph.is_answer(n);
    if (annotate) annotate(n, node);
    nodes.push_back(std::move(node));
  }
  head["nodes"] = std::move(nodes);
  head["edges"] = edges_json(graph, result.subgraph.edges);
  head["truncated"] = result.truncated;
  if (result.truncated) head["truncation"] = result.truncation;
  return head;
}

json facts_json(const Graph& graph, const std::vector<NodeFact>& facts) {
  json array = json::array();
  for (const NodeFact& f : facts) array.push_back({{"node", graph.node(f.node).id}, {"fact", f.text}});
  return array;
}

} // namespace

std::string path_json(const Graph& graph, const PathResult& result) {
  const PathQuery& q = result.query;
  json query = {{"command", "path"},
                {"from", graph.node(q.from).id},
                {"to", graph.node(q.to).id},
                {"k", q.k},
                {"rel", relations_json(graph, q.relations)},
                {"via", q.via ? json(graph.node(*q.via).id) : json()},
                {"avoid", ids_json(graph, q.avoid)},
                {"directed", q.directed},
                {"max_hops", q.max_hops ? json(*q.max_hops) : json()},
                {"prefer_flow", q.prefer_flow}};
  json paths = json::array();
  for (const Path& p : result.paths) paths.push_back(path_json_of(graph, p));
  json out = {{"query", std::move(query)}, {"paths", std::move(paths)}, {"truncated", result.truncated}};
  if (result.truncated) out["truncation"] = result.truncation;
  return printed_json(out);
}

std::string neighbours_json(const Graph& graph, const NeighbourResult& result) {
  const NeighbourQuery& q = result.query;
  json types = json::array();
  for (TypeIndex t : q.types) types.push_back(graph.schema().node_types[t].name);
  json query = {{"command", "neighbours"},  {"node", graph.node(q.center).id},
                {"depth", q.depth},         {"rel", relations_json(graph, q.relations)},
                {"type", std::move(types)}, {"direction", direction_name(q.direction)}};
  return printed_json(with_subgraph(graph, {{"query", std::move(query)}}, result, [&](NodeIndex n, json& node) {
    for (const Neighbour& x : result.neighbours) {
      if (x.node != n) continue;
      node["distance"] = x.distance;
      node["via"] = graph.node(x.parent).id;
    }
  }));
}

std::string related_json(const Graph& graph, const RelatedResult& result) {
  const RelatedQuery& q = result.query;
  json readings = json::array();
  for (const RelationReading& r : q.relations) {
    const Relation& relation = graph.schema().relations[r.rel];
    readings.push_back(r.inverse ? relation.inverse : relation.name);
  }
  json query = q.asked_as_what ? json{{"command", "what"}, {"rel", readings.front()}, {"node", graph.node(q.node).id}}
                               : json{{"command", "related"},
                                      {"node", graph.node(q.node).id},
                                      {"rel", std::move(readings)},
                                      {"direction", direction_name(q.direction)}};
  return printed_json(with_subgraph(graph, {{"query", std::move(query)}}, result, [&](NodeIndex n, json& node) {
    json seen_as = json::array();
    for (const RelatedNode& x : result.related)
      if (x.node == n) seen_as.push_back(reading(graph, x.edge, q.node));
    if (!seen_as.empty()) node["readings"] = std::move(seen_as);
  }));
}

std::string pipeline_json(const Graph& graph, const PipelineResult& result) {
  json query = {{"command", "pipeline"},
                {"stages", ids_json(graph, result.query.stages)},
                {"rel", relations_json(graph, result.query.relations)}};
  json links = json::array();
  for (const PipelineLink& link : result.links) {
    json item = {{"from", graph.node(link.from).id},
                 {"to", graph.node(link.to).id},
                 {"ok", link.ok()},
                 {"through", link.through ? json(graph.node(*link.through).id) : json(nullptr)},
                 {"edges", edges_json(graph, link.edges)}};
    if (link.bridge) {
      item["bridge"] = path_json_of(graph, *link.bridge); // its "flow" says whether it follows flow edges forward
    } else if (!link.ok()) {
      item["bridge"] = nullptr;
    }
    links.push_back(std::move(item));
  }
  return printed_json(with_subgraph(
      graph, {{"query", std::move(query)}, {"valid", result.valid()}, {"links", std::move(links)}}, result));
}

std::string compare_json(const Graph& graph, const CompareResult& result) {
  const auto side = [&](NodeIndex n) {
    json node = node_json(graph, n);
    node["summary"] = graph.node(n).summary;
    return node;
  };
  const auto readings = [&](const std::vector<EdgeIndex>& edges, NodeIndex from) {
    json array = json::array();
    for (EdgeIndex e : edges) array.push_back(reading(graph, e, from));
    return array;
  };
  const auto only = [&](const std::vector<EdgeIndex>& edges, NodeIndex from) {
    json array = json::array();
    for (EdgeIndex e : edges) {
      const Edge& edge = graph.edge(e);
      json item = {{"reading", reading(graph, e, from)}};
      item.update(node_json(graph, edge.from == from ? edge.to : edge.from));
      array.push_back(std::move(item));
    }
    return array;
  };
  json between = json::array();
  for (EdgeIndex e : result.between) between.push_back(sourced_edge_json(graph, e));
  json shared = json::array();
  for (const SharedNeighbour& s : result.shared) {
    json item = node_json(graph, s.node);
    item["a"] = readings(s.a_edges, result.a);
    item["b"] = readings(s.b_edges, result.b);
    shared.push_back(std::move(item));
  }
  json head = {{"query", {{"command", "compare"}, {"a", graph.node(result.a).id}, {"b", graph.node(result.b).id}}},
               {"a", side(result.a)},
               {"b", side(result.b)},
               {"between", std::move(between)},
               {"facts", facts_json(graph, result.facts)},
               {"shared", std::move(shared)},
               {"only_a", only(result.only_a, result.a)},
               {"only_b", only(result.only_b, result.b)}};
  return printed_json(with_subgraph(graph, std::move(head), result));
}

std::string explain_json(const Graph& graph, const ExplainResult& result) {
  json edges = json::array();
  for (EdgeIndex e : result.edges) edges.push_back(sourced_edge_json(graph, e));
  json facts = json::array();
  for (const NodeFact& f : result.facts)
    facts.push_back(
        {{"node", graph.node(f.node).id}, {"fact", f.text}, {"source", lines_json(graph.node(f.node).source)}});
  json nodes = json::array();
  for (NodeIndex n : {result.a, result.b}) {
    json node = node_json(graph, n);
    node["answer"] = result.subgraph.is_answer(n); // both, when anything links them
    nodes.push_back(std::move(node));
  }
  json out = {{"query", {{"command", "explain"}, {"a", graph.node(result.a).id}, {"b", graph.node(result.b).id}}},
              {"nodes", std::move(nodes)},
              {"edges", std::move(edges)},
              {"facts", std::move(facts)},
              {"truncated", result.truncated}};
  return printed_json(out);
}

} // namespace mlkg
