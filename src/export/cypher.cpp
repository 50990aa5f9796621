#include "export/text.hpp"
#include "mlkg/export.hpp"

#include <algorithm>
#include <map>

namespace mlkg {

std::string detail::cypher_name(std::string_view name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (const char c : name)
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  if (plain) return std::string(name);
  std::string out = "`";
  for (const char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

namespace {

constexpr std::size_t batch_rows = 500; // rows per UNWIND statement: few statements, none huge

// Rows grouped by what the statement must spell out (a node label, a relationship type), then
// written as UNWIND [row, ...] AS row <tail> in batches.
void batches(std::string& out, const std::vector<std::string>& rows, const std::string& tail) {
  for (std::size_t begin = 0; begin < rows.size(); begin += batch_rows) {
    out += "UNWIND [\n";
    const std::size_t end = std::min(rows.size(), begin + batch_rows);
    for (std::size_t i = begin; i < end; ++i) out += "  " + rows[i] + (i + 1 < end ? ",\n" : "\n");
    out += "] AS row\n" + tail;
  }
}

} // namespace

// Every node has the label Node (for one id index) and one per type; list fields are JSON array
// strings, since Neptune's openCypher stores no list properties.
std::string export_cypher(const Graph& graph, const Slice& slice) {
  using detail::cypher_string;
  std::string out = "// mlkg graph for Neo4j and Amazon Neptune openCypher. On Neo4j, first:\n"
                    "//   CREATE CONSTRAINT mlkg_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;\n";
  std::map<TypeIndex, std::vector<std::string>> nodes;
  for (NodeIndex n : slice.nodes) {
    const Node& node = graph.node(n);
    nodes[node.type].push_back(
        "{id: " + cypher_string(node.id) + ", label: " + cypher_string(node.label) +
        ", category: " + cypher_string(node.category) + ", section: " + cypher_string(node.section) +
        ", aliases: " + cypher_string(detail::json_list(node.aliases)) + ", summary: " + cypher_string(node.summary) +
        ", facts: " + cypher_string(detail::json_list(node.facts)) +
        ", lines: " + cypher_string(format_lines(node.source)) + "}");
  }
  for (const auto& [type, rows] : nodes) {
    const std::string& name = graph.schema().node_types[type].name;
    batches(out, rows,
            "CREATE (:Node:" + detail::cypher_name(detail::pascal_case(name)) +
                " {id: row.id, label: row.label, type: " + cypher_string(name) +
                ", category: row.category, section: row.section, aliases: row.aliases, summary: row.summary, facts: "
                "row.facts, lines: "
                "row.lines});\n");
  }
  std::map<std::string, std::vector<std::string>> edges; // by relation name
  for (EdgeIndex e : slice.edges) {
    const Edge& edge = graph.edge(e);
    edges[graph.relation(e).name].push_back(
        "{from: " + cypher_string(graph.node(edge.from).id) + ", to: " + cypher_string(graph.node(edge.to).id) +
        ", note: " + cypher_string(graph.note(e)) + ", lines: " + cypher_string(format_lines(graph.source(e))) + "}");
  }
  for (const auto& [relation, rows] : edges)
    batches(out, rows,
            "MATCH (a:Node {id: row.from}), (b:Node {id: row.to})\nCREATE (a)-[:" +
                detail::cypher_name(detail::upper_snake(relation)) + " {note: row.note, lines: row.lines}]->(b);\n");
  return out;
}

} // namespace mlkg
