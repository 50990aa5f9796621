#include "export/text.hpp"
#include "mlkg/export.hpp"

namespace mlkg {

namespace {

struct Key {
  const char* id;
  const char* for_what;
  const char* name;
  const char* type;
};

// List-valued fields (aliases, facts) are JSON arrays in a string: GraphML has no list type.
constexpr Key keys[] = {
    {"label", "node", "label", "string"},       {"type", "node", "type", "string"},
    {"category", "node", "category", "string"}, {"section", "node", "section", "string"},
    {"aliases", "node", "aliases", "string"},   {"summary", "node", "summary", "string"},
    {"facts", "node", "facts", "string"},       {"lines", "node", "lines", "string"},
    {"degree", "node", "degree", "int"},        {"relation", "edge", "relation", "string"},
    {"flow", "edge", "flow", "boolean"},        {"note", "edge", "note", "string"},
    {"edge_lines", "edge", "lines", "string"},
};

void open_data(std::string& out, const char* key) {
  out += "      <data key=\"";
  out += key;
  out += "\">";
}

void data(std::string& out, const char* key, std::string_view value) {
  open_data(out, key);
  detail::append_xml_escaped(out, value);
  out += "</data>\n";
}

void lines_data(std::string& out, const char* key, LineSpan lines) {
  open_data(out, key); // line numbers need no escaping
  detail::append_lines(out, lines);
  out += "</data>\n";
}

} // namespace

std::string export_graphml(const Graph& graph, const Slice& slice) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                    "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const Key& k : keys) {
    out += "  <key id=\"";
    out += k.id;
    out += "\" for=\"";
    out += k.for_what;
    out += "\" attr.name=\"";
    out += k.name;
    out += "\" attr.type=\"";
    out += k.type;
    out += "\"/>\n";
  }
  out.reserve(out.size() + 600 * slice.nodes.size() + 250 * slice.edges.size());
  out += "  <graph id=\"mlkg\" edgedefault=\"directed\">\n";
  std::vector<std::size_t> degree(graph.node_count(), 0);
  for (EdgeIndex e : slice.edges) {
    ++degree[graph.edge(e).from];
    ++degree[graph.edge(e).to];
  }
  for (NodeIndex n : slice.nodes) {
    const Node& node = graph.node(n);
    out += "    <node id=\"";
    detail::append_xml_escaped(out, node.id);
    out += "\">\n";
    data(out, "label", node.label);
    data(out, "type", graph.type_name(n));
    data(out, "category", node.category);
    data(out, "section", node.section);
    data(out, "aliases", detail::json_list(node.aliases));
    data(out, "summary", node.summary);
    data(out, "facts", detail::json_list(node.facts));
    lines_data(out, "lines", node.source);
    data(out, "degree", std::to_string(degree[n]));
    out += "    </node>\n";
  }
  for (EdgeIndex e : slice.edges) {
    const Edge& edge = graph.edge(e);
    const Relation& relation = graph.relation(e);
    out += "    <edge source=\"";
    detail::append_xml_escaped(out, graph.node(edge.from).id);
    out += "\" target=\"";
    detail::append_xml_escaped(out, graph.node(edge.to).id);
    out += "\">\n";
    data(out, "relation", relation.name);
    data(out, "flow", relation.flow ? "true" : "false");
    data(out, "note", graph.note(e));
    lines_data(out, "edge_lines", graph.source(e));
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

} // namespace mlkg
