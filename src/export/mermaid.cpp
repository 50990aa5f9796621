#include "export/text.hpp"
#include "mlkg/export.hpp"
#include "mlkg/names.hpp"

#include <map>

namespace mlkg {

namespace {

// Inside a quoted Mermaid label: quotes, '#' (entity start), markup and backticks (markdown strings)
// as Mermaid entity codes; line breaks as <br>.
std::string label(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
    case '"': out += "#quot;"; break;
    case '#': out += "#35;"; break;
    case '<': out += "#lt;"; break;
    case '>': out += "#gt;"; break;
    case '&': out += "#amp;"; break;
    case '`': out += "#96;"; break;
    case '\n': out += "<br>"; break;
    case '\r':
    case '\t': out += ' '; break;
    default: out += c;
    }
  }
  return out + "\"";
}

// A class name Mermaid accepts for any type name: "t_" then letters, digits and underscores.
std::string class_name(std::string_view type) {
  std::string out = "t_";
  for (const char c : type)
    out += ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_';
  return out;
}

// Until the diagrams' shared style table lands: one fill per node type, in schema order.
const char* fill_of(TypeIndex t) {
  static const char* fills[] = {"#FFE0B2", "#E1F5FE", "#F3E5F5", "#E8F5E9", "#FFF9C4", "#FCE4EC", "#FFEBEE",
                                "#E0F2F1", "#EDE7F6", "#F1F8E9", "#ECEFF1", "#FBE9E7", "#E8EAF6"};
  return fills[t % (sizeof fills / sizeof fills[0])];
}

} // namespace

std::string export_mermaid(const Graph& graph, const Slice& slice) {
  std::string out = "flowchart LR\n";
  std::vector<std::uint32_t> local(graph.node_count(), 0); // n<i>: Mermaid ids never clash with keywords
  std::map<TypeIndex, std::vector<std::string>> by_type;
  for (std::size_t i = 0; i < slice.nodes.size(); ++i) {
    const NodeIndex n = slice.nodes[i];
    local[n] = static_cast<std::uint32_t>(i);
    const std::string id = "n" + std::to_string(i);
    out += "  " + id + "[" + label(graph.node(n).label) + "]\n";
    by_type[graph.node(n).type].push_back(id);
  }
  for (EdgeIndex e : slice.edges) {
    const Edge& edge = graph.edge(e);
    out += "  n" + std::to_string(local[edge.from]) + " -->|" + label(graph.relation(e).name) + "| n" +
           std::to_string(local[edge.to]) + "\n";
  }
  for (const auto& [type, ids] : by_type) {
    const std::string name = class_name(graph.schema().node_types[type].name);
    out += "  classDef " + name + " fill:" + fill_of(type) + ",stroke:#455A64,color:#000\n";
    out += "  class " + join(ids, ",") + " " + name + "\n";
  }
  return out;
}

} // namespace mlkg
