#include "export/text.hpp"
#include "graph/hash.hpp"
#include "mlkg/export.hpp"
#include "mlkg/query.hpp"
#include "mlkg/text.hpp"

#include <cstdio>
#include <map>

namespace mlkg {

namespace {

constexpr const char* index_note = "_index"; // '_' is never in a node id, so no note can clash

// A YAML double-quoted scalar: quoted() plus escapes for the C1 controls YAML may not carry raw.
std::string yaml_string(std::string_view text) {
  std::string out = detail::quoted(text);
  std::string safe;
  safe.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    const auto next = i + 1 < out.size() ? static_cast<unsigned char>(out[i + 1]) : 0;
    if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {
      static const char hex[] = "0123456789ABCDEF";
      safe += "\\u00";
      safe += hex[next >> 4];
      safe += hex[next & 15];
      ++i;
    } else {
      safe += out[i];
    }
  }
  return safe;
}

// Markdown body text: characters Obsidian reads as links, tags, comments, markup or math are
// backslash-escaped, so a fact containing "[[x]]" or "#tag" stays text.
std::string body(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '\\':
    case '[':
    case ']':
    case '#':
    case '|':
    case '*':
    case '_':
    case '`':
    case '~':
    case '%':
    case '$':
    case '=':
    case '^':
      out += '\\';
      out += c;
      break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '&': out += "&amp;"; break;
    case '\n': out += "<br>"; break;
    case '\r': break;
    default: out += c;
    }
  }
  return out;
}

// A node's note: its id, unless that is too long for a file name (255 bytes on most file systems; ids have
// no length limit), then its first 180 characters and a hash of the whole, still one note per id.
std::string note_name(const std::string& id) {
  constexpr std::size_t longest = 200, kept = 180;
  if (id.size() <= longest) return id;
  char hash[24];
  std::snprintf(hash, sizeof hash, "-%016llx", static_cast<unsigned long long>(detail::hash_text(id)));
  return id.substr(0, kept) + hash;
}

// [[note|label]] with the label made safe for a link's display text.
std::string wikilink(const Node& node) {
  std::string shown;
  for (const char c : node.label) {
    switch (c) {
    case '[': shown += '('; break;
    case ']': shown += ')'; break;
    case '|': shown += '/'; break;
    case '#':
    case '^':
    case '\n':
    case '\r':
    case '\t': shown += ' '; break;
    default: shown += c;
    }
  }
  return "[[" + note_name(node.id) + "|" + shown + "]]";
}

std::string front_matter(const Graph& graph, NodeIndex n) {
  const Node& node = graph.node(n);
  std::string out = "---\n";
  out += "id: " + yaml_string(node.id) + "\n";
  out += "label: " + yaml_string(node.label) + "\n";
  out += "type: " + yaml_string(graph.type_name(n)) + "\n";
  out += "section: " + yaml_string(node.section) + "\n";
  if (!node.category.empty()) out += "category: " + yaml_string(node.category) + "\n";
  // The label and every alias, so Obsidian's link search finds the note by old AWS names too.
  out += "aliases:\n  - " + yaml_string(node.label) + "\n";
  for (const std::string& alias : node.aliases) out += "  - " + yaml_string(alias) + "\n";
  out += "source: " + yaml_string(format_lines(node.source)) + "\n";
  out += "---\n";
  return out;
}

std::string note(const Graph& graph, NodeIndex n, const std::vector<EdgeIndex>& edges) {
  const Node& node = graph.node(n);
  std::string out = front_matter(graph, n);
  out += "# " + body(one_line(node.label)) + "\n\n";
  if (!node.summary.empty()) out += body(node.summary) + "\n\n";
  if (!node.facts.empty()) {
    out += "## Facts\n\n";
    for (const std::string& fact : node.facts) out += "- " + body(fact) + "\n";
    out += "\n";
  }
  if (!edges.empty()) {
    out += "## Relations\n\n";
    for (EdgeIndex e : edges) {
      const Edge& edge = graph.edge(e);
      const NodeIndex other = edge.from == n ? edge.to : edge.from;
      out += "- " + body(reading(graph, e, n)) + " " + wikilink(graph.node(other));
      if (!graph.note(e).empty()) out += " — " + body(graph.note(e));
      if (!graph.source(e).empty()) out += " (notes: " + cited_lines(graph.source(e)) + ")";
      out += "\n";
    }
    out += "\n";
  }
  out += "Notes: " + cited_lines(node.source) + " · [[" + std::string(index_note) + "|Index]]\n";
  return out;
}

std::string index(const Graph& graph, const Slice& slice) {
  std::map<std::string, Slice> sections;
  std::vector<const std::string*> section_of(graph.node_count(), nullptr);
  for (NodeIndex n : slice.nodes) {
    auto& s = sections[graph.node(n).section];
    s.nodes.push_back(n);
    section_of[n] = &graph.node(n).section;
  }
  for (EdgeIndex e : slice.edges) {
    const Edge& edge = graph.edge(e);
    if (*section_of[edge.from] == *section_of[edge.to]) sections[*section_of[edge.from]].edges.push_back(e);
  }
  std::string out = "---\naliases:\n  - \"Index\"\n---\n# Index\n\n" + std::to_string(slice.nodes.size()) + " notes, " +
                    std::to_string(slice.edges.size()) + " relations.\n\n";
  for (const auto& [name, part] : sections) {
    out += "## " + body(name.empty() ? "(no section)" : name) + "\n\n```mermaid\n" + export_mermaid(graph, part) +
           "```\n\n";
    for (NodeIndex n : part.nodes) out += "- " + wikilink(graph.node(n)) + "\n";
    out += "\n";
  }
  return out;
}

} // namespace

std::vector<ExportFile> export_obsidian(const Graph& graph, const Slice& slice) {
  std::vector<std::vector<EdgeIndex>> edges_of(graph.node_count());
  for (EdgeIndex e : slice.edges) {
    edges_of[graph.edge(e).from].push_back(e);
    edges_of[graph.edge(e).to].push_back(e);
  }
  std::vector<ExportFile> files;
  files.reserve(slice.nodes.size() + 1);
  files.push_back({std::string(index_note) + ".md", index(graph, slice)});
  for (NodeIndex n : slice.nodes) files.push_back({note_name(graph.node(n).id) + ".md", note(graph, n, edges_of[n])});
  return files;
}

} // namespace mlkg
