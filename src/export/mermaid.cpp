#include "export/text.hpp"
#include "mlkg/export.hpp"
#include "mlkg/names.hpp"
#include "mlkg/style.hpp"

#include <map>
#include <set>

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

// Mermaid wraps a label into a box about 200 pixels wide, so a label of thousands of characters becomes
// a column taller than the rest of the drawing put together (and a flag or hexagon around it a huge
// wedge). Drawings show the first `label_limit` bytes, cut at a space (or a whole UTF-8 character) and
// ending in an ellipsis; every data format keeps the whole label.
constexpr std::size_t label_limit = 160;

std::string shown(std::string_view text) {
  if (text.size() <= label_limit) return std::string(text);
  std::size_t cut = text.rfind(' ', label_limit);
  if (cut == std::string_view::npos || cut < label_limit / 2) {
    cut = label_limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut; // not inside a character
  }
  return std::string(text.substr(0, cut)) + "\u2026";
}

// A class name Mermaid accepts for any name: letters, digits and underscores, "k_" first.
std::string class_name(std::string_view name) {
  std::string out = "k_";
  for (const char c : name)
    out += ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_';
  return out;
}

// What a node is drawn as (style.hpp): its type, and a service's AWS category.
std::string kind_of(const Graph& graph, NodeIndex n) {
  const Node& node = graph.node(n);
  return node.category.empty() ? graph.type_name(n) : graph.type_name(n) + "-" + node.category;
}

} // namespace

// Nodes take the diagrams' shapes and colours (style.hpp) through one class per kind; links take their
// relation's line and colour through one linkStyle per relation.
std::string export_mermaid(const Graph& graph, const Slice& slice) {
  std::string out = "flowchart LR\n";
  std::vector<std::uint32_t> local(graph.node_count(), 0); // n<i>: Mermaid ids never clash with keywords
  std::map<std::string, std::pair<NodeIndex, std::vector<std::string>>> kinds; // kind: a member, the ids
  for (std::size_t i = 0; i < slice.nodes.size(); ++i) {
    const NodeIndex n = slice.nodes[i];
    local[n] = static_cast<std::uint32_t>(i);
    const std::string id = "n" + std::to_string(i);
    const MermaidBrackets shape = mermaid_shape(node_style(graph, n).shape);
    out += "  " + id + std::string(shape.open) + label(shown(graph.node(n).label)) + std::string(shape.close) + "\n";
    kinds.try_emplace(kind_of(graph, n), n, std::vector<std::string>()).first->second.second.push_back(id);
  }
  std::map<RelIndex, std::vector<std::string>> links; // relation: the indexes of its links
  for (std::size_t i = 0; i < slice.edges.size(); ++i) {
    const EdgeIndex e = slice.edges[i];
    const Edge& edge = graph.edge(e);
    out += "  n" + std::to_string(local[edge.from]) + " " +
           std::string(mermaid_link(relation_style(graph.relation(e)))) + "|" + label(graph.relation(e).name) + "| n" +
           std::to_string(local[edge.to]) + "\n";
    links[edge.rel].push_back(std::to_string(i));
  }
  std::set<std::string> taken;
  for (const auto& [kind, members] : kinds) {
    std::string name = class_name(kind);
    while (!taken.insert(name).second) name += "_"; // two kinds that spell alike once sanitised
    out += "  classDef " + name + " " + mermaid_node_css(node_style(graph, members.first)) + "\n";
    out += "  class " + join(members.second, ",") + " " + name + "\n";
  }
  for (const auto& [rel, indexes] : links)
    out += "  linkStyle " + join(indexes, ",") + " " + mermaid_link_css(relation_style(graph.schema().relations[rel])) +
           "\n";
  return out;
}

} // namespace mlkg
