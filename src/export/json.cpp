#include "mlkg/error.hpp"
#include "export/text.hpp"
#include "mlkg/export.hpp"
#include "output/common.hpp"

#include <string>

namespace mlkg {

namespace {

using detail::json;

constexpr const char* node_link_format = "mlkg-node-link";

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
    const std::string text = value.dump(2);
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
  if (slice.nodes.empty()) out += "[]";
  else out += '[';
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
  if (slice.edges.empty()) out += "[]";
  else out += '[';
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

namespace {

[[noreturn]] void not_node_link(const std::string& name, const std::string& pointer, const std::string& message) {
  Diagnostic d;
  d.kind = ErrorKind::invalid_graph;
  d.message = message;
  d.where.file = name;
  d.where.pointer = pointer;
  d.suggestion = "expected a node-link export written by `mlkg export --format json`";
  throw Error(std::move(d));
}

const json& member(const json& object, const char* key, const std::string& name, const std::string& pointer) {
  if (!object.is_object()) not_node_link(name, pointer, "expected an object");
  const auto it = object.find(key);
  if (it == object.end()) not_node_link(name, pointer, std::string("missing \"") + key + "\"");
  return *it;
}

const json& array_member(const json& object, const char* key, const std::string& name, const std::string& pointer) {
  const json& value = member(object, key, name, pointer);
  if (!value.is_array()) not_node_link(name, pointer + "/" + key, "expected an array");
  return value;
}

} // namespace

std::vector<SourceText> graph_files_from_node_link(const std::string& name, const std::string& text) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann reports a byte offset; turn it into the line and column people look for.
    Diagnostic d;
    d.kind = ErrorKind::invalid_graph;
    d.message = "not valid JSON";
    d.where.file = name;
    d.where.line = 1;
    d.where.column = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++d.where.line;
        d.where.column = 1;
      } else {
        ++d.where.column;
      }
    }
    throw Error(std::move(d));
  }
  const json& graph = member(doc, "graph", name, "");
  const json& format = member(graph, "format", name, "/graph");
  if (format != node_link_format) not_node_link(name, "/graph/format", "format is not \"mlkg-node-link\"");
  const json& schema = member(graph, "schema", name, "/graph");

  // Nodes keep their own section; the loader's field names are the graph format's.
  json nodes = json::array();
  const json& in_nodes = array_member(doc, "nodes", name, "");
  for (std::size_t i = 0; i < in_nodes.size(); ++i) {
    const json& n = in_nodes[i];
    const std::string at = "/nodes/" + std::to_string(i);
    json node = json::object();
    for (const char* key : {"id", "label", "type", "category", "section", "aliases", "summary", "facts"})
      if (n.is_object() && n.contains(key)) node[key] = n[key];
    if (node.contains("category") && node["category"] == "") node.erase("category");
    node["source"] = member(n, "lines", name, at);
    nodes.push_back(std::move(node));
  }
  json edges = json::array();
  const json& in_links = array_member(doc, "links", name, "");
  for (std::size_t i = 0; i < in_links.size(); ++i) {
    const json& l = in_links[i];
    const std::string at = "/links/" + std::to_string(i);
    json edge = {{"from", member(l, "source", name, at)},
                 {"rel", member(l, "relation", name, at)},
                 {"to", member(l, "target", name, at)}};
    if (l.contains("note") && l["note"] != "") edge["note"] = l["note"];
    edge["source"] = member(l, "lines", name, at);
    edges.push_back(std::move(edge));
  }
  return {{"schema.json", detail::dump(schema)},
          {"graph.json", detail::dump(json{{"nodes", std::move(nodes)}, {"edges", std::move(edges)}})}};
}

} // namespace mlkg
