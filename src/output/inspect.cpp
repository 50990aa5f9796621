#include "mlkg/inspect_output.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"
#include "output/common.hpp"

#include <algorithm>
#include <sstream>

namespace mlkg {

using detail::json;
using detail::lines_json;
using detail::pad;
using detail::printed_json;
using detail::wrap;

std::string show_text(const Graph& graph, const NodeReport& report) {
  const Node& node = graph.node(report.node);
  std::ostringstream out;
  out << node.label << " [" << node.id << "]\n";
  out << "  type:     " << graph.type_name(report.node) << "\n";
  if (const Category* category = graph.schema().find_category(node.category))
    out << "  category: " << category->label << "\n";
  if (!node.section.empty()) out << "  section:  " << node.section << "\n";
  if (!node.aliases.empty()) out << "  aliases:  " << join(node.aliases) << "\n";
  if (!node.source.empty()) out << "  notes:    " << cited_lines(node.source) << "\n";
  if (!node.summary.empty()) out << "\n" << wrap(node.summary, 2, 2);
  if (!node.facts.empty()) {
    out << "\nFacts:\n";
    for (const std::string& fact : node.facts) out << wrap("- " + fact, 2, 4);
  }
  if (!report.edges.empty()) {
    std::size_t width = 0;
    for (const NodeEdge& e : report.edges) width = std::max(width, e.reading.size());
    out << "\nRelations:\n";
    const std::string* previous = nullptr;
    for (const NodeEdge& e : report.edges) {
      const Node& other = graph.node(e.other);
      const bool same = previous && *previous == e.reading;
      out << "  " << pad(same ? std::string{} : e.reading, width + 1) << other.label << " [" << other.id << "]";
      const std::string_view note = graph.note(e.edge);
      if (!note.empty()) out << "  (" << one_line(note) << ")";
      out << "\n";
      previous = &e.reading;
    }
  }
  return out.str();
}

std::string show_json(const Graph& graph, const NodeReport& report) {
  const Node& node = graph.node(report.node);
  json edges = json::array();
  for (const NodeEdge& e : report.edges) {
    json edge = {{"dir", e.outgoing ? "out" : "in"},
                 {"rel", graph.relation(e.edge).name},
                 {"node", detail::node_json(graph, e.other)}};
    if (!e.outgoing) edge["reading"] = e.reading;
    const std::string_view note = graph.note(e.edge);
    if (!note.empty()) edge["note"] = std::string(note);
    edge["source"] = lines_json(graph.source(e.edge));
    edges.push_back(std::move(edge));
  }
  return printed_json({{"id", node.id},
                       {"label", node.label},
                       {"type", graph.type_name(report.node)},
                       {"category", node.category.empty() ? json(nullptr) : json(node.category)},
                       {"aliases", node.aliases},
                       {"summary", node.summary},
                       {"section", node.section},
                       {"source", lines_json(node.source)},
                       {"facts", node.facts},
                       {"edges", std::move(edges)}});
}

std::string search_text(const Graph& graph, std::string_view query, const std::vector<SearchHit>& hits) {
  std::ostringstream out;
  if (hits.empty()) {
    out << "No match for '" << clipped(query) << "'.\n";
    return out.str();
  }
  std::size_t width = 0;
  for (const SearchHit& h : hits) width = std::max(width, graph.node(h.node).id.size());
  for (const SearchHit& h : hits) {
    const Node& node = graph.node(h.node);
    out << pad(node.id, width + 1) << pad(graph.type_name(h.node), 14) << node.label << "  (" << h.matched << ")\n";
  }
  return out.str();
}

std::string search_json(const Graph& graph, std::string_view query, const std::vector<SearchHit>& hits) {
  json results = json::array();
  for (const SearchHit& h : hits) {
    json hit = detail::node_json(graph, h.node);
    hit["score"] = h.score;
    hit["matched"] = h.matched;
    results.push_back(std::move(hit));
  }
  return printed_json({{"query", std::string(query)}, {"results", std::move(results)}});
}

std::string list_text(const Graph& graph, const std::vector<NodeIndex>& nodes) {
  std::size_t width = 0;
  for (NodeIndex n : nodes) width = std::max(width, graph.node(n).id.size());
  std::ostringstream out;
  for (NodeIndex n : nodes)
    out << pad(graph.node(n).id, width + 1) << pad(graph.type_name(n), 14) << graph.node(n).label << "\n";
  out << nodes.size() << (nodes.size() == 1 ? " node\n" : " nodes\n");
  return out.str();
}

std::string list_json(const Graph& graph, const std::vector<NodeIndex>& nodes) {
  json array = json::array();
  for (NodeIndex n : nodes) {
    json item = detail::node_json(graph, n);
    item["section"] = graph.node(n).section;
    array.push_back(std::move(item));
  }
  return printed_json({{"nodes", std::move(array)}});
}

std::string stats_text(const GraphStats& stats) {
  std::ostringstream out;
  out << counted(stats.nodes, "node") << ", " << counted(stats.edges, "edge") << "\n";
  auto table = [&](const char* title, const std::vector<std::pair<std::string, std::size_t>>& rows) {
    std::size_t width = 0;
    for (const auto& [name, count] : rows) width = std::max(width, name.size());
    out << "\n" << title << ":\n";
    for (const auto& [name, count] : rows) out << "  " << pad(name, width + 1) << count << "\n";
  };
  table("Nodes by type", stats.by_type);
  table("Edges by relation", stats.by_relation);
  table("Nodes by section", stats.by_section);
  return out.str();
}

std::string stats_json(const GraphStats& stats) {
  auto object = [](const std::vector<std::pair<std::string, std::size_t>>& rows) {
    json o = json::object();
    for (const auto& [name, count] : rows) o[name] = count;
    return o;
  };
  return printed_json({{"nodes", stats.nodes},
                       {"edges", stats.edges},
                       {"types", object(stats.by_type)},
                       {"relations", object(stats.by_relation)},
                       {"sections", object(stats.by_section)}});
}

namespace {
json diagnostics_json(const std::vector<Diagnostic>& all) {
  json list = json::array();
  for (const Diagnostic& d : all)
    list.push_back({{"kind", to_string(d.kind)},
                    {"file", d.where.file},
                    {"line", d.where.line},
                    {"column", d.where.column},
                    {"pointer", d.where.pointer},
                    {"message", d.message},
                    {"suggestion", d.suggestion}});
  return list;
}
} // namespace

std::string check_json(const Graph* graph, const std::vector<Diagnostic>& errors,
                       const std::vector<Diagnostic>& warnings) {
  json out = {{"ok", errors.empty() && warnings.empty()},
              {"nodes", graph ? json(graph->node_count()) : json(nullptr)},
              {"edges", graph ? json(graph->edge_count()) : json(nullptr)},
              {"errors", diagnostics_json(errors)},
              {"warnings", diagnostics_json(warnings)}};
  return printed_json(out);
}

} // namespace mlkg
