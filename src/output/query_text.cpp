#include "mlkg/query_output.hpp"
#include "mlkg/text.hpp"
#include "output/common.hpp"

#include <algorithm>
#include <map>
#include <sstream>

namespace mlkg {

using detail::pad;
using detail::wrap;

namespace {

const std::string& id(const Graph& graph, NodeIndex n) { return graph.node(n).id; }

NodeIndex other_end(const Graph& graph, EdgeIndex e, NodeIndex from) {
  const Edge& edge = graph.edge(e);
  return edge.from == from ? edge.to : edge.from;
}

// "(Label, type)"
std::string described(const Graph& graph, NodeIndex n) {
  return "(" + graph.node(n).label + ", " + graph.type_name(n) + ")";
}

// "a -feeds-> b -fed-by-> c", each hop read in the direction walked.
std::string chain(const Graph& graph, const Path& path) {
  std::string s = id(graph, path.nodes.front());
  for (std::size_t i = 0; i < path.edges.size(); ++i)
    s += " -" + reading(graph, path.edges[i], path.nodes[i]) + "-> " + id(graph, path.nodes[i + 1]);
  return s;
}

std::string hops(std::size_t n) { return std::to_string(n) + (n == 1 ? " hop" : " hops"); }

std::string truncation_note(const QueryResult& result) {
  return result.truncated ? "Note: the answer may be incomplete: " + result.truncation + ".\n" : std::string{};
}

std::string relation_names(const Graph& graph, const std::vector<RelIndex>& relations) {
  std::string s;
  for (std::size_t i = 0; i < relations.size(); ++i)
    s += (i == 0 ? "" : i + 1 == relations.size() ? " or " : ", ") + graph.schema().relations[relations[i]].name;
  return s;
}

// Lines "  <id>  (Label, type)" with the ids in one column.
std::string node_column(const Graph& graph, const std::vector<NodeIndex>& nodes, const std::string& indent) {
  std::size_t width = 0;
  for (NodeIndex n : nodes) width = std::max(width, id(graph, n).size());
  std::string out;
  for (NodeIndex n : nodes) out += indent + pad(id(graph, n), width + 1) + described(graph, n) + "\n";
  return out;
}

} // namespace

std::string path_text(const Graph& graph, const PathResult& result) {
  const PathQuery& q = result.query;
  std::ostringstream out;
  if (result.paths.empty()) {
    out << "No path from " << id(graph, q.from) << " to " << id(graph, q.to);
    if (!q.relations.empty()) out << " over " << relation_names(graph, q.relations) << " edges";
    if (q.directed) out << " following edges forward";
    if (q.via) out << " through " << id(graph, *q.via);
    if (q.max_hops) out << " within " << hops(static_cast<std::size_t>(*q.max_hops));
    out << ".\n" << truncation_note(result);
    return out.str();
  }
  const std::size_t n = result.paths.size();
  out << id(graph, q.from) << " to " << id(graph, q.to) << ": " << n << (n == 1 ? " path" : " paths");
  if (static_cast<std::size_t>(q.k) > n && !result.truncated) out << " (no more exist)";
  out << "\n";
  for (std::size_t i = 0; i < n; ++i)
    out << pad(std::to_string(i + 1) + ".", 4) << "(" << hops(result.paths[i].length())
        << (follows_flow(graph, result.paths[i]) ? ", data flow" : "") << ") " << chain(graph, result.paths[i]) << "\n";
  out << truncation_note(result);
  return out.str();
}

std::string neighbours_text(const Graph& graph, const NeighbourResult& result) {
  const NeighbourQuery& q = result.query;
  std::ostringstream out;
  const std::size_t n = result.neighbours.size();
  out << id(graph, q.center) << " " << described(graph, q.center) << ": " << n << (n == 1 ? " node" : " nodes")
      << " within " << hops(static_cast<std::size_t>(q.depth)) << "\n";
  // Each line reads as a fact, "parent relation node", from the node it was reached from.
  std::vector<std::string> facts;
  std::size_t width = 0;
  for (const Neighbour& x : result.neighbours) {
    facts.push_back(id(graph, x.parent) + " " + reading(graph, x.edge, x.parent) + " " + id(graph, x.node));
    width = std::max(width, facts.back().size());
  }
  int distance = 0;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const Neighbour& x = result.neighbours[i];
    if (x.distance != distance) {
      distance = x.distance;
      out << hops(static_cast<std::size_t>(distance)) << ":\n";
    }
    out << "  " << pad(facts[i], width + 1) << described(graph, x.node) << "\n";
  }
  out << truncation_note(result);
  return out.str();
}

std::string related_text(const Graph& graph, const RelatedResult& result) {
  const RelatedQuery& q = result.query;
  std::ostringstream out;
  if (result.related.empty()) {
    std::string names;
    for (const RelationReading& r : q.relations) {
      const Relation& relation = graph.schema().relations[r.rel];
      names += (names.empty() ? "" : " or ") + (r.inverse ? relation.inverse : relation.name);
    }
    // Said the way the query reads: --in asks what <reading> the node, --out what the node <reading>.
    if (q.asked_as_what || q.direction == Direction::in)
      out << "Nothing " << names << " " << id(graph, q.node) << ".\n";
    else if (q.direction == Direction::out)
      out << id(graph, q.node) << " " << names << " nothing.\n";
    else
      out << "No node is linked to " << id(graph, q.node) << " by " << names << ", either way.\n";
    return out.str();
  }
  // Grouped by how each reads from the queried node: "overfitting mitigated-by: dropout, ...".
  std::map<std::string, std::vector<NodeIndex>> groups;
  std::vector<std::string> order;
  for (const RelatedNode& x : result.related) {
    const std::string& r = reading(graph, x.edge, q.node);
    if (!groups.count(r)) order.push_back(r);
    groups[r].push_back(x.node);
  }
  for (const std::string& r : order)
    out << id(graph, q.node) << " " << r << ":\n" << node_column(graph, groups[r], "  ");
  return out.str();
}

std::string pipeline_text(const Graph& graph, const PipelineResult& result) {
  std::ostringstream out;
  std::size_t broken = 0;
  for (const PipelineLink& link : result.links) {
    if (link.ok() && link.through) {
      const EdgeIndex flow = link.edges.front();
      const NodeIndex part = *link.through;
      const NodeIndex whole = graph.edge(link.edges.back()).to;
      Path hop{{graph.edge(flow).from, graph.edge(flow).to}, {flow}};
      out << "ok      " << id(graph, link.from) << " -> " << id(graph, link.to) << " through " << id(graph, part)
          << ": " << chain(graph, hop) << " (" << id(graph, part) << " is part of " << id(graph, whole) << ")\n";
      continue;
    }
    if (link.ok()) {
      Path hop{{link.from, link.to}, {link.edges.front()}};
      out << "ok      " << chain(graph, hop) << "\n";
      continue;
    }
    ++broken;
    out << "broken  " << id(graph, link.from) << " -> " << id(graph, link.to) << ": no "
        << relation_names(graph, result.query.relations) << " edge\n";
    if (!link.bridge)
      out << "        no connection: no flow between them, and no walk that avoids shared traits\n";
    else if (link.bridge_is_flow)
      out << "        bridge: " << chain(graph, *link.bridge) << "\n";
    else
      out << "        no flow between them; they are related by: " << chain(graph, *link.bridge) << "\n";
  }
  const std::size_t n = result.links.size();
  if (broken == 0)
    out << "Valid pipeline: " << n << (n == 1 ? " link.\n" : " links.\n");
  else
    out << "Broken pipeline: " << broken << " of " << n << (n == 1 ? " link" : " links") << " missing.\n";
  out << truncation_note(result);
  return out.str();
}

std::string compare_text(const Graph& graph, const CompareResult& result) {
  const NodeIndex a = result.a, b = result.b;
  std::ostringstream out;
  const std::size_t column = std::max<std::size_t>(graph.node(a).label.size(), 24);
  const auto row = [&](const std::string& name, const std::string& x, const std::string& y) {
    out << "  " << pad(name, 9) << pad(x, column + 1) << y << "\n";
  };
  row("", graph.node(a).label, graph.node(b).label);
  row("id", id(graph, a), id(graph, b));
  row("type", graph.type_name(a), graph.type_name(b));
  row("section", graph.node(a).section, graph.node(b).section);
  row("links", std::to_string(graph.degree(a)), std::to_string(graph.degree(b)));
  for (NodeIndex n : {a, b}) {
    if (graph.node(n).summary.empty()) continue;
    out << "\n" << id(graph, n) << ":\n" << wrap(graph.node(n).summary, 2, 2);
  }

  if (!result.between.empty() || !result.facts.empty()) {
    out << "\nBetween them:\n";
    for (EdgeIndex e : result.between) {
      out << "  " << id(graph, a) << " " << reading(graph, e, a) << " " << id(graph, b);
      const std::string_view note = graph.note(e);
      if (!note.empty()) out << "  (" << one_line(note) << ")";
      out << "\n";
    }
    for (const NodeFact& f : result.facts) out << wrap("- " + id(graph, f.node) + ": " + f.text, 2, 4);
  }

  const auto readings = [&](const std::vector<EdgeIndex>& edges, NodeIndex from) {
    std::string r;
    for (EdgeIndex e : edges) r += (r.empty() ? "" : ", ") + reading(graph, e, from);
    return r;
  };
  std::size_t shared_width = 0;
  for (const SharedNeighbour& s : result.shared) shared_width = std::max(shared_width, id(graph, s.node).size());
  out << "\nShared neighbours (" << result.shared.size() << "):\n";
  for (const SharedNeighbour& s : result.shared) {
    out << "  " << pad(id(graph, s.node), shared_width + 1) << id(graph, a) << " " << readings(s.a_edges, a) << "; "
        << id(graph, b) << " " << readings(s.b_edges, b) << "\n";
  }
  for (auto [n, edges] : {std::pair{a, &result.only_a}, std::pair{b, &result.only_b}}) {
    std::vector<std::string> links;
    std::size_t width = 0;
    for (EdgeIndex e : *edges) {
      links.push_back(reading(graph, e, n) + " " + id(graph, other_end(graph, e, n)));
      width = std::max(width, links.back().size());
    }
    out << "\nOnly " << id(graph, n) << " (" << edges->size() << "):\n";
    for (std::size_t i = 0; i < links.size(); ++i)
      out << "  " << pad(links[i], width + 1) << described(graph, other_end(graph, (*edges)[i], n)) << "\n";
  }
  return out.str();
}

std::string explain_text(const Graph& graph, const ExplainResult& result) {
  const NodeIndex a = result.a, b = result.b;
  std::ostringstream out;
  if (result.edges.empty() && result.facts.empty()) {
    out << "No direct link between " << id(graph, a) << " and " << id(graph, b) << "; try: mlkg path " << id(graph, a)
        << " " << id(graph, b) << "\n";
    return out.str();
  }
  for (EdgeIndex e : result.edges) {
    out << id(graph, a) << " " << reading(graph, e, a) << " " << id(graph, b) << "\n";
    const std::string_view note = graph.note(e);
    if (!note.empty()) out << wrap("note: " + std::string(note), 2, 8);
    if (!graph.source(e).empty()) out << "  notes " << cited_lines(graph.source(e)) << "\n";
  }
  if (!result.facts.empty()) {
    out << (result.edges.empty() ? "" : "\n") << "Facts:\n";
    for (const NodeFact& f : result.facts) {
      std::string line = "- " + id(graph, f.node) + ": " + f.text;
      if (!graph.node(f.node).source.empty()) line += " (notes " + cited_lines(graph.node(f.node).source) + ")";
      out << wrap(line, 2, 4);
    }
  }
  return out.str();
}

} // namespace mlkg
