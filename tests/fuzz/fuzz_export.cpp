// Fuzz target: the export writers. A graph file (beside the mini schema) that loads is exported whole in
// every file and folder format, and each output is read back by a strict reader of its own syntax:
//   json         imports (graph_files_from_node_link + load_graph) and re-exports to the same bytes;
//   CSV          parses as RFC 4180 with unquoted fields trimmed (as Neptune's loader reads them), one row per
//                node or edge, ids, labels, summaries and notes intact;
//   turtle       every string literal closes, and labels, aliases, summaries, facts come back unescaped;
//   cypher       every string and name closes; ids, labels, summaries and sections come back unescaped;
//   graphml      every <data> element's text unescapes, labels among them; one <node> per node;
//   mermaid      every quoted label decodes (entity codes, <br>) to a node label (its start and "…" past 160 bytes) or
//   relation name; anki         six tab-separated fields a row, unique GUIDs; obsidian     front matter opens and
//   closes, file names unique and inside the folder.
// No output carries a control character other than newline (and tab where the syntax allows it).
#include "fuzz_graph.hpp"
#include "mlkg/export.hpp"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace mlkg;
using fuzz::fail;

void no_controls(const std::string& text, bool tab_ok, const char* what) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && !(tab_ok && c == '\t')) || u == 0x7f) {
      std::fprintf(stderr, "%s: byte 0x%02x\n", what, u);
      fail("a raw control character in an export");
    }
  }
}

// ---- CSV (RFC 4180, strict: a quote only opens a field, and a closing quote ends it; an unquoted field
// loses its leading and trailing spaces and tabs, as Neptune's bulk loader reads it) ----
std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::size_t i = 0;
  while (i < text.size()) {
    std::string field;
    if (text[i] == '"') {
      for (++i;; ++i) {
        if (i >= text.size()) fail("CSV: a quoted field never closes");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            ++i;
            break;
          }
        } else {
          field += text[i];
        }
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\n') {
        if (text[i] == '"' || text[i] == '\r') fail("CSV: a quote or CR in an unquoted field");
        field += text[i++];
      }
      field = trimmed(field);
    }
    row.push_back(std::move(field));
    if (i >= text.size()) fail("CSV: the last row has no line end");
    if (text[i] == '\n') {
      rows.push_back(std::move(row));
      row.clear();
    } else if (text[i] != ',') {
      fail("CSV: text after a quoted field");
    }
    ++i;
  }
  return rows;
}

const std::string& file_named(const std::vector<ExportFile>& files, const std::string& path) {
  for (const ExportFile& f : files)
    if (f.path == path) return f.text;
  fail("a folder export lacks a file");
}

// Rows after the header, each of the header's width.
std::vector<std::vector<std::string>> csv_rows(const std::string& text, std::size_t expected_rows) {
  auto rows = read_csv(text);
  if (rows.empty()) fail("CSV: no header");
  for (const auto& row : rows)
    if (row.size() != rows.front().size()) fail("CSV: a row of another width than the header");
  rows.erase(rows.begin());
  if (rows.size() != expected_rows) fail("CSV: not one row per node or edge");
  return rows;
}

void check_csv(const Graph& graph, const Slice& slice, const std::vector<ExportFile>& files, bool neptune) {
  const auto nodes = csv_rows(file_named(files, "nodes.csv"), slice.nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& node = graph.node(slice.nodes[i]);
    if (nodes[i][0] != node.id || nodes[i][neptune ? 3 : 2] != node.label || nodes[i][neptune ? 8 : 7] != node.summary)
      fail("CSV: a node's id, label or summary changed");
    if (neptune && nodes[i][2] != node.id) fail("CSV: a Neptune node's id property is not its ~id");
  }
  const auto edges = csv_rows(file_named(files, neptune ? "edges.csv" : "relationships.csv"), slice.edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const Edge& edge = graph.edge(slice.edges[i]);
    const std::size_t from = neptune ? 1 : 0;
    if (edges[i][from] != graph.node(edge.from).id || edges[i][from + 1] != graph.node(edge.to).id ||
        edges[i][neptune ? 4 : 3] != graph.note(slice.edges[i]))
      fail("CSV: an edge's ends or note changed");
  }
}

// ---- backslash-escaped string literals (Turtle "...", Cypher '...') ----
void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Every literal quoted by `quote`, unescaped. Outside literals: `#` (Turtle) or `//` (Cypher) comments,
// <IRI>s (Turtle) and `names` (Cypher) are skipped and must close on their line.
std::set<std::string> literals(const std::string& text, char quote) {
  std::set<std::string> found;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if ((quote == '"' && c == '#') || (quote == '\'' && text.compare(i, 2, "//") == 0)) {
      i = text.find('\n', i);
      if (i == std::string::npos) break;
    } else if ((quote == '"' && c == '<') || (quote == '\'' && c == '`')) {
      const std::size_t end = text.find(c == '<' ? '>' : '`', i + 1);
      if (end == std::string::npos || text.find('\n', i) < end) fail("an IRI or name does not close on its line");
      i = end + 1;
    } else if (c == quote) {
      std::string value;
      for (++i;; ++i) {
        if (i >= text.size() || text[i] == '\n') fail("a string literal does not close on its line");
        if (text[i] == quote) break;
        if (text[i] != '\\') {
          value += text[i];
          continue;
        }
        if (++i >= text.size()) fail("a string literal ends in a backslash");
        switch (text[i]) {
        case 'n': value += '\n'; break;
        case 'r': value += '\r'; break;
        case 't': value += '\t'; break;
        case '\\':
        case '"':
        case '\'': value += text[i]; break;
        case 'u': {
          if (i + 4 >= text.size()) fail("a short \\u escape");
          const std::string hex = text.substr(i + 1, 4);
          if (hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) fail("a bad \\u escape");
          append_utf8(value, static_cast<unsigned>(std::stoul(hex, nullptr, 16)));
          i += 4;
          break;
        }
        default: fail("an unknown escape in a string literal");
        }
      }
      found.insert(std::move(value));
      ++i;
    } else {
      ++i;
    }
  }
  return found;
}

void expect(const std::set<std::string>& found, const std::string& text, const char* what) {
  if (!found.count(text)) {
    std::fprintf(stderr, "%s: missing \"%s\"\n", what, text.c_str());
    fail("a text did not come back from an export");
  }
}

// ---- XML element text and Mermaid labels ----
std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
    text.replace(at, from.size(), to);
  return text;
}

struct Entity {
  const char* code;
  char text;
};

// Decodes `start`code`;` entities from `table`; `raw` characters must not appear unescaped.
std::string decode(const std::string& text, char start, std::initializer_list<Entity> table, const char* raw,
                   const char* what) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\0' && std::strchr(raw, text[i])) fail(what); // raw markup
    if (text[i] != start) {
      out += text[i];
      continue;
    }
    const std::size_t end = text.find(';', i);
    if (end == std::string::npos) fail(what); // an entity that does not close
    const std::string code = text.substr(i + 1, end - i - 1);
    const Entity* found = std::find_if(table.begin(), table.end(), [&](const Entity& e) { return code == e.code; });
    if (found == table.end()) fail(what); // an unknown entity
    out += found->text;
    i = end;
  }
  return out;
}

std::string xml_unescape(const std::string& text) {
  return decode(text, '&',
                {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"#39", '\''}, {"#13", '\r'}},
                "<>", "GraphML: element text that does not unescape");
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

void check_graphml(const Graph& graph, const Slice& slice, const std::string& xml) {
  no_controls(xml, true, "graphml");
  std::set<std::string> labels;
  static const std::string open = "<data key=\"label\">", close = "</data>";
  for (std::size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at + 1)) {
    const std::size_t end = xml.find(close, at);
    if (end == std::string::npos) fail("GraphML: a <data> element does not close");
    labels.insert(xml_unescape(xml.substr(at + open.size(), end - at - open.size())));
  }
  for (NodeIndex n : slice.nodes) expect(labels, graph.node(n).label, "graphml");
  if (count(xml, "<node ") != slice.nodes.size() || count(xml, "<edge ") != slice.edges.size())
    fail("GraphML: not one element per node and edge");
  if (count(xml, "<data ") != count(xml, "</data>")) fail("GraphML: unbalanced <data>");
}

void check_mermaid(const Graph& graph, const Slice& slice, const std::string& text) {
  no_controls(text, false, "mermaid");
  std::set<std::string> labels;
  for (std::size_t at = text.find('"'); at != std::string::npos; at = text.find('"', at + 1)) {
    const std::size_t end = text.find('"', at + 1);
    if (end == std::string::npos || text.find('\n', at) < end) fail("Mermaid: a label does not close on its line");
    const std::string decoded =
        decode(replace_all(text.substr(at + 1, end - at - 1), "<br>", "\n"), '#',
               {{"quot", '"'}, {"35", '#'}, {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"96", '`'}}, "<>`",
               "Mermaid: a label that does not decode");
    labels.insert(decoded);
    at = end;
  }
  // A drawing shows a label of over 160 bytes cut, ending in "…": its start must come back.
  constexpr std::string_view ellipsis = "\u2026";
  for (NodeIndex n : slice.nodes) {
    const std::string& label = graph.node(n).label;
    if (label.size() <= 160) {
      expect(labels, label, "mermaid");
      continue;
    }
    const bool cut_found = std::any_of(labels.begin(), labels.end(), [&](const std::string& shown) {
      return shown.size() > ellipsis.size() && shown.size() - ellipsis.size() <= 160 &&
             shown.compare(shown.size() - ellipsis.size(), ellipsis.size(), ellipsis) == 0 &&
             label.compare(0, shown.size() - ellipsis.size(), shown, 0, shown.size() - ellipsis.size()) == 0;
    });
    if (!cut_found) fail("Mermaid: a long label's start did not come back");
  }
  for (EdgeIndex e : slice.edges) expect(labels, graph.relation(e).name, "mermaid");
}

void check_anki(const std::string& text) {
  no_controls(text, true, "anki");
  std::set<std::string> guids;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) fail("Anki: the last row has no line end");
    const std::string row = text.substr(start, end - start);
    start = end + 1;
    if (row.rfind("#", 0) == 0) continue;
    if (count(row, "\t") != 5) fail("Anki: a row without six fields");
    if (!guids.insert(row.substr(0, row.find('\t'))).second) fail("Anki: a GUID twice");
  }
}

void check_obsidian(const std::vector<ExportFile>& files) {
  std::set<std::string> paths;
  for (const ExportFile& f : files) {
    no_controls(f.text, true, "obsidian");
    no_controls(f.path, false, "obsidian path");
    if (!paths.insert(f.path).second) fail("Obsidian: a file name twice");
    if (f.path.empty() || f.path[0] == '/' || f.path.find("..") != std::string::npos)
      fail("Obsidian: a path outside the vault");
    if (f.path.size() > 3 && f.path.compare(f.path.size() - 3, 3, ".md") == 0 &&
        f.path.find('/') == std::string::npos && f.path != "_index.md") {
      if (f.text.rfind("---\n", 0) != 0 || f.text.find("\n---\n", 3) == std::string::npos)
        fail("Obsidian: a note's front matter does not open and close");
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto loaded = fuzz::load_fuzz_graph(fuzz::bytes(data, size));
  if (!loaded) return 0;
  const Graph& graph = loaded->graph;
  const Slice slice = whole_graph(graph);
  if (slice.nodes.empty()) return 0;

  const std::string json = export_json(graph, slice);
  no_controls(json, false, "json");
  try {
    const LoadResult again = load_graph(graph_files_from_node_link("export.json", json));
    if (export_json(again.graph, whole_graph(again.graph)) != json) fail("JSON: import + re-export differs");
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    fail("JSON: the export does not import");
  }

  check_csv(graph, slice, export_neptune_csv(graph, slice), true);
  check_csv(graph, slice, export_neo4j_csv(graph, slice), false);

  const std::string turtle = export_turtle(graph, slice);
  no_controls(turtle, false, "turtle");
  const auto turtle_literals = literals(turtle, '"');
  for (NodeIndex n : slice.nodes) {
    const Node& node = graph.node(n);
    expect(turtle_literals, node.label, "turtle");
    for (const std::string& alias : node.aliases) expect(turtle_literals, alias, "turtle");
    for (const std::string& fact : node.facts) expect(turtle_literals, fact, "turtle");
    if (!node.summary.empty()) expect(turtle_literals, node.summary, "turtle");
  }
  for (EdgeIndex e : slice.edges)
    if (!graph.note(e).empty()) expect(turtle_literals, std::string(graph.note(e)), "turtle");

  const std::string cypher = export_cypher(graph, slice);
  no_controls(cypher, false, "cypher");
  const auto cypher_literals = literals(cypher, '\'');
  for (NodeIndex n : slice.nodes) {
    const Node& node = graph.node(n);
    for (const std::string* text : {&node.id, &node.label, &node.summary, &node.section})
      expect(cypher_literals, *text, "cypher");
  }

  check_graphml(graph, slice, export_graphml(graph, slice));
  check_mermaid(graph, slice, export_mermaid(graph, slice));
  check_anki(export_anki(graph, slice));
  check_obsidian(export_obsidian(graph, slice));
  return 0;
}
