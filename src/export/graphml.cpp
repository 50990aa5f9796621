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

void data(std::string& out, const char* key, const std::string& value) {
  out += "      <data key=\"";
  out += key;
  out += "\">";
  out += detail::xml_escape(value);
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
  out += "  <graph id=\"mlkg\" edgedefault=\"directed\">\n";
  std::vector<std::size_t> degree(graph.node_count(), 0);
  for (EdgeIndex e : slice.edges) {
    ++degree[graph.edge(e).from];
    ++degree[graph.edge(e).to];
  }
  for (NodeIndex n : slice.nodes) {
    const Node& node = graph.node(n);
    out += "    <node id=\"" + detail::xml_escape(node.id) + "\">\n";
    data(out, "label", node.label);
    data(out, "type", graph.type_name(n));
    data(out, "category", node.category);
    data(out, "section", node.section);
    data(out, "aliases", detail::json_list(node.aliases));
    data(out, "summary", node.summary);
    data(out, "facts", detail::json_list(node.facts));
    data(out, "lines", format_lines(node.source));
    data(out, "degree", std::to_string(degree[n]));
    out += "    </node>\n";
  }
  for (EdgeIndex e : slice.edges) {
    const Edge& edge = graph.edge(e);
    const Relation& relation = graph.relation(e);
    out += "    <edge source=\"" + detail::xml_escape(graph.node(edge.from).id) + "\" target=\"" +
           detail::xml_escape(graph.node(edge.to).id) + "\">\n";
    data(out, "relation", relation.name);
    data(out, "flow", relation.flow ? "true" : "false");
    data(out, "note", std::string(graph.note(e)));
    data(out, "edge_lines", format_lines(graph.source(e)));
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

} // namespace mlkg
