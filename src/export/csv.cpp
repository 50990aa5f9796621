#include "export/text.hpp"
#include "mlkg/export.hpp"

namespace mlkg {

namespace {

bool space_or_tab(char c) { return c == ' ' || c == '\t'; }

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. So is one that starts
// or ends with a space or tab: Neptune's bulk loader trims those from a field that is not quoted.
std::string field(std::string_view text) {
  const bool padded = !text.empty() && (space_or_tab(text.front()) || space_or_tab(text.back()));
  if (!padded && text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void row(std::string& out, std::initializer_list<std::string> fields) {
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) out += ',';
    out += field(f);
    first = false;
  }
  out += '\n';
}

// Node plus one label per type, as the Cypher export creates them: the queries `--emit cypher` prints
// match (n:Node {id: ...}), so every loaded node needs that label and an `id` property.
std::string node_labels(const Graph& graph, NodeIndex n) { return "Node;" + detail::pascal_case(graph.type_name(n)); }

std::string edge_id(const Graph& graph, EdgeIndex e) {
  const Edge& edge = graph.edge(e);
  return graph.node(edge.from).id + ":" + graph.relation(e).name + ":" + graph.node(edge.to).id;
}

} // namespace

// Neptune's Gremlin load format: system columns ~id, ~label (~from, ~to) and typed property columns. ~id is
// Neptune's own id, not a property called id, so the id is written again as `id`: the property the emitted
// queries match on, on Neptune as on Neo4j.
std::vector<ExportFile> export_neptune_csv(const Graph& graph, const Slice& slice) {
  std::string nodes = "~id,~label,id:String,label:String,type:String,category:String,section:String,aliases:String,"
                      "summary:String,facts:String,lines:String\n";
  for (NodeIndex n : slice.nodes) {
    const Node& node = graph.node(n);
    row(nodes,
        {node.id, node_labels(graph, n), node.id, node.label, graph.type_name(n), node.category, node.section,
         detail::json_list(node.aliases), node.summary, detail::json_list(node.facts), format_lines(node.source)});
  }
  std::string edges = "~id,~from,~to,~label,note:String,lines:String\n";
  for (EdgeIndex e : slice.edges) {
    const Edge& edge = graph.edge(e);
    row(edges,
        {edge_id(graph, e), graph.node(edge.from).id, graph.node(edge.to).id,
         detail::upper_snake(graph.relation(e).name), std::string(graph.note(e)), format_lines(graph.source(e))});
  }
  return {{"nodes.csv", std::move(nodes)}, {"edges.csv", std::move(edges)}};
}

// neo4j-admin database import: nodes.csv (:ID, :LABEL) and relationships.csv (:START_ID, :END_ID, :TYPE).
std::vector<ExportFile> export_neo4j_csv(const Graph& graph, const Slice& slice) {
  std::string nodes = "id:ID,:LABEL,label,type,category,section,aliases,summary,facts,lines\n";
  for (NodeIndex n : slice.nodes) {
    const Node& node = graph.node(n);
    row(nodes,
        {node.id, node_labels(graph, n), node.label, graph.type_name(n), node.category, node.section,
         detail::json_list(node.aliases), node.summary, detail::json_list(node.facts), format_lines(node.source)});
  }
  std::string edges = ":START_ID,:END_ID,:TYPE,note,lines\n";
  for (EdgeIndex e : slice.edges) {
    const Edge& edge = graph.edge(e);
    row(edges, {graph.node(edge.from).id, graph.node(edge.to).id, detail::upper_snake(graph.relation(e).name),
                std::string(graph.note(e)), format_lines(graph.source(e))});
  }
  return {{"nodes.csv", std::move(nodes)}, {"relationships.csv", std::move(edges)}};
}

} // namespace mlkg
