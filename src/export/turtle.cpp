#include "export/text.hpp"
#include "mlkg/export.hpp"

#include <cstdio>

namespace mlkg {

namespace {

bool plain_local_name(std::string_view name) {
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9'))) return false;
  for (const char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return name.back() != '-';
}

// prefix:name when `name` is a safe local name, else the full IRI with the name percent-encoded.
void append_term(std::string& out, std::string_view prefix, std::string_view base, std::string_view name) {
  if (plain_local_name(name)) {
    out += prefix;
    out += ':';
    out += name;
    return;
  }
  out += '<';
  out += base;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    }
  }
  out += '>';
}

std::string term(std::string_view prefix, std::string_view base, std::string_view name) {
  std::string out;
  append_term(out, prefix, base, name);
  return out;
}

std::string vocab(std::string_view name) { return term("mlkg", rdf_vocab, name); }

void literal(std::string& out, const char* predicate, std::string_view value) {
  out += " ;\n  ";
  out += predicate;
  out += ' ';
  detail::append_quoted(out, value);
}

} // namespace

std::string detail::turtle_relation_term(std::string_view relation) { return vocab(relation); }
std::string detail::turtle_node_term(std::string_view id) { return term("node", rdf_node, id); }

std::string export_turtle(const Graph& graph, const Slice& slice) {
  const Schema& schema = graph.schema();
  std::string out;
  out += "@prefix mlkg: <" + std::string(rdf_vocab) + "> .\n";
  out += "@prefix node: <" + std::string(rdf_node) + "> .\n";
  out += "@prefix type: <" + std::string(rdf_type) + "> .\n";
  out += "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
         "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
         "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
         "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n";

  out += "# Vocabulary: node types are classes, relations object properties.\n";
  for (const char* p : {"section", "category", "fact", "lines", "note"})
    out += vocab(p) + " a owl:DatatypeProperty .\n";
  for (const NodeType& t : schema.node_types) {
    out += term("type", rdf_type, t.name) + " a owl:Class";
    literal(out, "rdfs:label", t.name);
    literal(out, "rdfs:comment", t.description);
    out += " .\n";
  }
  for (const Relation& r : schema.relations) {
    out += vocab(r.name) + " a owl:ObjectProperty";
    if (r.symmetric) out += ", owl:SymmetricProperty";
    literal(out, "rdfs:label", r.name);
    literal(out, "rdfs:comment", r.description);
    if (!r.symmetric && !r.inverse.empty() && r.inverse != r.name) {
      out += " ;\n  owl:inverseOf " + vocab(r.inverse) + " .\n";
      out += vocab(r.inverse) + " a owl:ObjectProperty";
      literal(out, "rdfs:label", r.inverse);
    }
    out += " .\n";
  }

  out.reserve(out.size() + 400 * slice.nodes.size() + 200 * slice.edges.size());
  out += "\n# Nodes.\n";
  for (NodeIndex n : slice.nodes) {
    const Node& node = graph.node(n);
    append_term(out, "node", rdf_node, node.id);
    out += " a ";
    append_term(out, "type", rdf_type, graph.type_name(n));
    literal(out, "rdfs:label", node.label);
    for (const std::string& alias : node.aliases) literal(out, "skos:altLabel", alias);
    if (!node.summary.empty()) literal(out, "rdfs:comment", node.summary);
    if (!node.section.empty()) literal(out, "mlkg:section", node.section);
    if (!node.category.empty()) literal(out, "mlkg:category", node.category);
    for (const std::string& fact : node.facts) literal(out, "mlkg:fact", fact);
    if (!node.source.empty()) {
      out += " ;\n  mlkg:lines \"";
      detail::append_lines(out, node.source);
      out += '"';
    }
    out += " .\n";
  }

  out += "\n# Edges, and what the notes say about each.\n";
  std::string triple; // "s p o", reused: the statement about an edge repeats its terms
  for (EdgeIndex e : slice.edges) {
    const Edge& edge = graph.edge(e);
    triple.clear();
    append_term(triple, "node", rdf_node, graph.node_id(edge.from));
    const std::size_t p_at = triple.size();
    triple += ' ';
    append_term(triple, "mlkg", rdf_vocab, graph.relation(e).name);
    const std::size_t o_at = triple.size();
    triple += ' ';
    append_term(triple, "node", rdf_node, graph.node_id(edge.to));
    out += triple;
    out += " .\n";
    const std::string_view note = graph.note(e);
    const auto& lines = graph.source(e);
    if (note.empty() && lines.empty()) continue;
    const std::string_view t(triple);
    out += "[] a rdf:Statement ; rdf:subject ";
    out += t.substr(0, p_at);
    out += " ; rdf:predicate ";
    out += t.substr(p_at + 1, o_at - p_at - 1);
    out += " ; rdf:object ";
    out += t.substr(o_at + 1);
    if (!note.empty()) {
      out += " ;\n  mlkg:note ";
      detail::append_quoted(out, note);
    }
    if (!lines.empty()) {
      out += " ;\n  mlkg:lines \"";
      detail::append_lines(out, lines); // digits, commas and dashes: nothing to escape
      out += '"';
    }
    out += " .\n";
  }
  return out;
}

} // namespace mlkg
