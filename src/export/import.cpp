// Reading a node-link export back: the graph folder it describes, and its problems reported in its own terms.
#include "export/node_link.hpp"
#include "load/json_text.hpp"
#include "mlkg/error.hpp"
#include "mlkg/export.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"
#include "output/common.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>

namespace mlkg {

namespace {

using detail::json;

// Reads what a node-link file holds, locating each problem in it. Structural problems end the reading;
// unknown members and header values are all collected first.
class NodeLinkReader {
public:
  NodeLinkReader(const std::string& name, const std::string& text) : name_(name), locator_(text) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) {
    problems_.push_back(at(pointer, message, "expected a node-link export written by `mlkg export --format json`"));
    throw Error(std::move(problems_));
  }
  void problem(const std::string& pointer, const std::string& message, const std::string& suggestion = {}) {
    problems_.push_back(at(pointer, message, suggestion));
  }
  // Throws the problems collected, if any.
  void done() {
    if (!problems_.empty()) throw Error(std::move(problems_));
  }

  const json& member(const json& object, const char* key, const std::string& pointer) {
    if (!object.is_object()) fail(pointer, "expected an object");
    const auto it = object.find(key);
    if (it == object.end()) fail(pointer, std::string("missing \"") + key + "\"");
    return *it;
  }
  const json& array_member(const json& object, const char* key, const std::string& pointer) {
    const json& value = member(object, key, pointer);
    if (!value.is_array()) fail(pointer + "/" + key, "expected an array");
    return value;
  }
  // Members the import would drop are refused, as a graph file's are: their data would be lost.
  void only(const json& object, const std::string& pointer, const std::vector<std::string>& known) {
    if (!object.is_object()) return;
    for (const auto& [key, value] : object.items())
      if (std::find(known.begin(), known.end(), key) == known.end())
        problem(pointer + "/" + detail::pointer_token(key), "unknown member '" + clipped(key) + "'",
                did_you_mean(closest_names(key, known)));
  }

private:
  Diagnostic at(const std::string& pointer, const std::string& message, const std::string& suggestion) {
    Diagnostic d;
    d.kind = ErrorKind::invalid_graph;
    d.message = message;
    d.where.file = name_;
    d.where.pointer = pointer;
    const detail::TextPosition position = locator_.locate(pointer);
    d.where.line = position.line;
    d.where.column = position.column;
    d.suggestion = suggestion;
    return d;
  }

  const std::string& name_;
  detail::TextLocator locator_;
  std::vector<Diagnostic> problems_;
};

// Member names in the node-link file, by member name in the graph file made from it.
const std::unordered_map<std::string, std::string>& node_members() {
  static const std::unordered_map<std::string, std::string> names{{"source", "lines"}};
  return names;
}
const std::unordered_map<std::string, std::string>& edge_members() {
  static const std::unordered_map<std::string, std::string> names{
      {"from", "source"}, {"to", "target"}, {"rel", "relation"}, {"source", "lines"}};
  return names;
}

// The node-link pointer of what the graph files' `pointer` in `file` was made from.
// `links`: what the node-link file calls its links ("links"; networkx 3.6 and later write "edges").
std::optional<std::string> node_link_pointer(const std::string& file, const std::string& pointer,
                                             const std::string& links) {
  if (file == "schema.json") return "/graph/schema" + pointer;
  if (file != "graph.json") return std::nullopt;
  // "/nodes/7/source/0" -> "/nodes/7/lines/0"; "/edges/3/to" -> "/links/3/target".
  const bool node = pointer.rfind("/nodes/", 0) == 0;
  if (pointer == "/edges") return "/" + links;
  if (!node && pointer.rfind("/edges/", 0) != 0) return pointer;
  const std::size_t member_at = std::min(pointer.find('/', 7), pointer.size());
  std::string result = (node ? std::string("/nodes") : "/" + links) + pointer.substr(6, member_at - 6);
  if (member_at == pointer.size()) return result;
  const std::size_t member_end = std::min(pointer.find('/', member_at + 1), pointer.size());
  const std::string member = pointer.substr(member_at + 1, member_end - member_at - 1);
  const auto& names = node ? node_members() : edge_members();
  const auto renamed = names.find(member);
  return result + "/" + (renamed == names.end() ? member : renamed->second) + pointer.substr(member_end);
}

// Moves problems found in the graph files made from a node-link file to where they stand in that file.
class NodeLinkPlaces {
public:
  NodeLinkPlaces(const std::string& name, const std::string& text, const std::vector<SourceText>& files)
      : name_(name), input_(text), files_(files),
        links_(input_.locate("/links").line == 0 && input_.locate("/edges").line != 0 ? "edges" : "links") {}

  void move(Diagnostic& d) {
    if (const auto pointer = node_link_pointer(d.where.file, d.where.pointer, links_)) {
      rename_member(d.where.pointer, *pointer, d.message);
      d.where.pointer = *pointer;
      const detail::TextPosition at = input_.locate(*pointer);
      d.where.line = at.line;
      d.where.column = at.column;
    } else {
      d.where.line = d.where.column = 0;
    }
    d.where.file = name_;
    move_second_place(d.suggestion);
  }

private:
  // "to contains a control character" at /links/3/target: a message that starts with the member's name says
  // it as the node-link file does.
  static void rename_member(const std::string& graph_pointer, const std::string& pointer, std::string& message) {
    const auto member_of = [](const std::string& p) {
      const std::size_t first = p.find('/', 1), at = first == std::string::npos ? first : p.find('/', first + 1);
      if (at == std::string::npos) return std::string();
      return p.substr(at + 1, p.find('/', at + 1) - at - 1);
    };
    const std::string was = member_of(graph_pointer), is = member_of(pointer);
    if (!was.empty() && was != is && message.rfind(was + " ", 0) == 0) message.replace(0, was.size(), is);
  }

  // "first defined at graph.json:812" names the line of a node or edge of graph.json.
  void move_second_place(std::string& suggestion) {
    static const std::string file = "graph.json:";
    const std::size_t at = suggestion.rfind(file);
    if (at == std::string::npos) return;
    const std::string digits = suggestion.substr(at + file.size());
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return;
    const auto element = element_at_line(std::stoi(digits));
    if (!element) return;
    const detail::TextPosition place = input_.locate(*node_link_pointer("graph.json", *element, links_));
    suggestion.replace(at, std::string::npos, name_ + ":" + std::to_string(place.line));
  }

  // The node or edge of graph.json that starts on `line`: every element's line is found once, in one pass.
  std::optional<std::string> element_at_line(int line) {
    if (!elements_) {
      elements_.emplace();
      const SourceText* graph = nullptr;
      for (const SourceText& f : files_)
        if (f.name == "graph.json") graph = &f;
      if (!graph) return std::nullopt;
      detail::TextLocator locator(graph->text);
      for (const std::string array : {"/nodes/", "/edges/"})
        for (std::size_t i = 0;; ++i) {
          std::string pointer = array + std::to_string(i);
          const int start = locator.locate(pointer).line;
          if (start == 0) break; // past the last
          elements_->emplace(start, std::move(pointer));
        }
    }
    const auto found = elements_->find(line);
    if (found == elements_->end()) return std::nullopt;
    return found->second;
  }

  const std::string& name_;
  detail::TextLocator input_;
  const std::vector<SourceText>& files_;
  const std::string links_;
  std::optional<std::unordered_map<int, std::string>> elements_;
};

} // namespace

std::vector<SourceText> graph_files_from_node_link(const std::string& name, const std::string& text) {
  // The careful parser graph files go through: a duplicate key, which a plain parse would settle silently by
  // keeping the last, is refused with its line, as in a graph file.
  std::vector<Diagnostic> errors;
  const std::optional<json> parsed = detail::parse_json_file({name, text}, LoadLimits{}, errors);
  if (!parsed) throw Error(std::move(errors));
  const json& doc = *parsed;
  NodeLinkReader in(name, text);
  const json& graph = in.member(doc, "graph", "");
  const json& format = in.member(graph, "format", "/graph");
  if (format != node_link_format) in.fail("/graph/format", "format is not \"mlkg-node-link\"");
  const json& schema = in.member(graph, "schema", "/graph");
  in.only(doc, "", {"directed", "multigraph", "graph", "nodes", "links", "edges"});
  in.only(graph, "/graph", {"format", "version", "schema"});
  if (graph.contains("version") && graph["version"] != 1)
    in.problem("/graph/version", "unsupported version " + clipped(graph["version"].dump()),
               "this mlkg reads version 1");
  for (const char* flag : {"directed", "multigraph"})
    if (doc.contains(flag) && !doc[flag].is_boolean())
      in.problem(std::string("/") + flag, std::string(flag) + " is not true or false");
  if (doc.contains("directed") && doc["directed"] == false)
    in.problem("/directed", "an undirected graph: mlkg's relations run one way",
               "export a directed graph: a networkx MultiDiGraph");

  // Nodes keep their own section; the loader's field names are the graph format's.
  json nodes = json::array();
  const json& in_nodes = in.array_member(doc, "nodes", "");
  for (std::size_t i = 0; i < in_nodes.size(); ++i) {
    const json& n = in_nodes[i];
    const std::string at = "/nodes/" + std::to_string(i);
    if (!n.is_object()) in.fail(at, "expected an object");
    in.only(n, at, {"id", "label", "type", "category", "section", "aliases", "summary", "facts", "lines"});
    json node = json::object();
    for (const char* key : {"id", "label", "type", "category", "section", "aliases", "summary", "facts"})
      if (n.contains(key)) node[key] = n[key];
    if (node.contains("category") && node["category"] == "") node.erase("category");
    if (n.contains("lines")) node["source"] = n["lines"]; // a node added in networkx may have none
    nodes.push_back(std::move(node));
  }
  json edges = json::array();
  // networkx 3.6 and later call the links "edges" unless told edges="links".
  if (doc.contains("links") && doc.contains("edges"))
    in.fail("/edges", "both \"links\" and \"edges\": a node-link file has one list of links");
  const char* const links = doc.contains("edges") ? "edges" : "links";
  const json& in_links = in.array_member(doc, links, "");
  for (std::size_t i = 0; i < in_links.size(); ++i) {
    const json& l = in_links[i];
    const std::string at = std::string("/") + links + "/" + std::to_string(i);
    in.only(l, at, {"source", "target", "relation", "note", "lines", "key"}); // networkx adds a multigraph's "key"
    json edge = {{"from", in.member(l, "source", at)},
                 {"rel", in.member(l, "relation", at)},
                 {"to", in.member(l, "target", at)}};
    if (l.contains("note") && l["note"] != "") edge["note"] = l["note"];
    if (l.contains("lines")) edge["source"] = l["lines"];
    edges.push_back(std::move(edge));
  }
  in.done();
  return {{"schema.json", detail::dump(schema)},
          {"graph.json", detail::dump(json{{"nodes", std::move(nodes)}, {"edges", std::move(edges)}})}};
}

NodeLinkImport import_node_link(const std::string& name, const std::string& text) {
  NodeLinkImport result;
  // The quick reading answers for a plain file; anything else gets the careful one, which says what is wrong.
  std::optional<std::vector<SourceText>> quick = detail::node_link_files_quickly(text);
  result.files = quick ? std::move(*quick) : graph_files_from_node_link(name, text);
  // The graph files made from it may be larger than the node-link file (indented, one value a line); the
  // node-link file was held to the size limit.
  LoadLimits limits;
  for (const SourceText& f : result.files) limits.max_file_bytes = std::max(limits.max_file_bytes, f.text.size());
  try {
    result.loaded = load_graph(result.files, limits);
  } catch (const Error& e) {
    NodeLinkPlaces places(name, text, result.files);
    std::vector<Diagnostic> moved = e.diagnostics();
    for (Diagnostic& d : moved) places.move(d);
    throw Error(std::move(moved));
  }
  return result;
}

} // namespace mlkg
