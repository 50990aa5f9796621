#include "export/text.hpp"
#include "mlkg/error.hpp"
#include "mlkg/export.hpp"
#include "output/common.hpp"

#include <string>

namespace mlkg {

namespace {

using detail::json;

// The schema in graph/schema.json's own shape, so the import can hand it to the loader unchanged.
json schema_json(const Schema& schema) {
  json types = json::object();
  for (const NodeType& t : schema.node_types) types[t.name] = {{"description", t.description}};
  json relations = json::object();
  for (const Relation& r : schema.relations) {
    json spec = {{"description", r.description}, {"inverse", r.inverse}};
    if (r.symmetric) spec["symmetric"] = true;
    if (r.flow) spec["flow"] = true;
    if (!r.in_paths) spec["paths"] = false;
    if (!r.from_types.empty()) spec["from"] = r.from_types;
    if (!r.to_types.empty()) spec["to"] = r.to_types;
    relations[r.name] = std::move(spec);
  }
  json doc = {{"version", 1}, {"node_types", std::move(types)}, {"relations", std::move(relations)}};
  if (!schema.categories.empty()) {
    json categories = json::object();
    for (const Category& c : schema.categories) categories[c.name] = {{"label", c.label}, {"color", c.color}};
    doc["categories"] = std::move(categories);
  }
  return doc;
}

} // namespace

namespace {

// Streams the document nlohmann's dump(2) would write for {"directed", "multigraph", "graph", "nodes",
// "links"}, byte for byte, without building a JSON tree of a million edges first.
class NodeLinkWriter {
public:
  explicit NodeLinkWriter(std::string& out) : out_(out) {}

  void key(int indent, const char* name) {
    newline(indent);
    out_ += '"';
    out_ += name;
    out_ += "\": ";
  }
  void string_member(int indent, const char* name, std::string_view value, bool last = false) {
    key(indent, name);
    detail::append_json_string(out_, value);
    if (!last) out_ += ',';
  }
  void list_member(int indent, const char* name, const std::vector<std::string>& items) {
    key(indent, name);
    if (items.empty()) {
      out_ += "[],";
      return;
    }
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      newline(indent + 2);
      detail::append_json_string(out_, items[i]);
      if (i + 1 < items.size()) out_ += ',';
    }
    newline(indent);
    out_ += "],";
  }
  // lines_json(): numbers, ranges as "first-last".
  void lines_member(int indent, LineSpan lines, bool last) {
    key(indent, "lines");
    if (lines.empty()) {
      out_ += "[]";
    } else {
      out_ += '[';
      bool first = true;
      for (const LineRange& r : lines) {
        if (!first) out_ += ',';
        first = false;
        newline(indent + 2);
        if (r.first == r.last) {
          out_ += std::to_string(r.first);
        } else {
          out_ += '"';
          out_ += std::to_string(r.first);
          out_ += '-';
          out_ += std::to_string(r.last);
          out_ += '"';
        }
      }
      newline(indent);
      out_ += ']';
    }
    if (!last) out_ += ',';
  }
  void newline(int indent) {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(indent), ' ');
  }
  // An already dumped value placed at `indent`: its inner lines shifted to match.
  void nested(const json& value, int indent) {
    const std::string text = value.dump(2, ' ', false, json::error_handler_t::replace);
    for (const char c : text) {
      out_ += c;
      if (c == '\n') out_.append(static_cast<std::size_t>(indent), ' ');
    }
  }

private:
  std::string& out_;
};

} // namespace

std::string export_json(const Graph& graph, const Slice& slice) {
  std::string out;
  out.reserve(256 * slice.nodes.size() + 160 * slice.edges.size() + 4096);
  NodeLinkWriter w(out);
  out += "{";
  w.key(2, "directed");
  out += "true,";
  w.key(2, "multigraph");
  out += "true,";
  w.key(2, "graph");
  w.nested({{"format", node_link_format}, {"version", 1}, {"schema", schema_json(graph.schema())}}, 2);
  out += ',';
  w.key(2, "nodes");
  if (slice.nodes.empty())
    out += "[]";
  else
    out += '[';
  for (std::size_t i = 0; i < slice.nodes.size(); ++i) {
    const NodeIndex n = slice.nodes[i];
    const Node& node = graph.node(n);
    w.newline(4);
    out += '{';
    w.string_member(6, "id", node.id);
    w.string_member(6, "label", node.label);
    w.string_member(6, "type", graph.type_name(n));
    w.string_member(6, "category", node.category);
    w.string_member(6, "section", node.section);
    w.list_member(6, "aliases", node.aliases);
    w.string_member(6, "summary", node.summary);
    w.list_member(6, "facts", node.facts);
    w.lines_member(6, node.source, true);
    w.newline(4);
    out += i + 1 < slice.nodes.size() ? "}," : "}";
  }
  if (!slice.nodes.empty()) {
    w.newline(2);
    out += ']';
  }
  out += ',';
  w.key(2, "links");
  if (slice.edges.empty())
    out += "[]";
  else
    out += '[';
  for (std::size_t i = 0; i < slice.edges.size(); ++i) {
    const EdgeIndex e = slice.edges[i];
    const Edge& edge = graph.edge(e);
    w.newline(4);
    out += '{';
    w.string_member(6, "source", graph.node(edge.from).id);
    w.string_member(6, "target", graph.node(edge.to).id);
    w.string_member(6, "relation", graph.relation(e).name);
    w.string_member(6, "note", graph.note(e));
    w.lines_member(6, graph.source(e), true);
    w.newline(4);
    out += i + 1 < slice.edges.size() ? "}," : "}";
  }
  if (!slice.edges.empty()) {
    w.newline(2);
    out += ']';
  }
  out += "\n}\n";
  return out;
}

} // namespace mlkg
