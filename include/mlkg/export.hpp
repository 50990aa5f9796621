#pragma once
// Interchange: the graph, or a slice of it, written in the formats other tools read (node-link JSON,
// GraphML, Turtle, Cypher, bulk-load CSV, Mermaid, DOT, an Obsidian vault, Anki, an HTML explorer), and
// node-link JSON read back.
// Every writer is deterministic: the same graph and slice give byte-identical output.

#include "mlkg/graph.hpp"
#include "mlkg/load.hpp"
#include "mlkg/query.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

// What gets exported: nodes sorted by id; edges sorted by (from id, relation, to id), both ends among
// the nodes.
struct Slice {
  std::vector<NodeIndex> nodes;
  std::vector<EdgeIndex> edges;
};

Slice whole_graph(const Graph& graph);
// The nodes and edges a query touched.
Slice slice_of(const Graph& graph, const Subgraph& subgraph);
// Keeps the nodes in one of `sections` (when given) and of one of `types` (when given), and the
// edges between kept nodes. Throws Error(unknown_name) with did-you-mean for a section the graph lacks.
Slice filter_slice(const Graph& graph, const Slice& slice, const std::vector<std::string>& sections,
                   const std::vector<TypeIndex>& types);
// The slice as a Subgraph to draw (dot.hpp): no node asked or answered, so all are drawn alike.
Subgraph drawing_of(const Slice& slice);

// One file of a folder export, its path relative to the folder.
struct ExportFile {
  std::string path;
  std::string text;
};

// A format: either one file (`file`) or a folder of files (`folder`). To add one, add a row to the
// table in src/export/formats.cpp.
struct ExportFormat {
  std::string name;
  std::string description;
  std::string (*file)(const Graph&, const Slice&) = nullptr;
  std::vector<ExportFile> (*folder)(const Graph&, const Slice&) = nullptr;
};

const std::vector<ExportFormat>& export_formats();
// Throws Error(unknown_name) listing every format, with did-you-mean.
const ExportFormat& find_export_format(std::string_view name);

// ---- the writers ----

// {"directed", "multigraph", "graph": {"format", "version", "schema"}, "nodes": [...], "links": [...]}:
// networkx's node-link layout; nodes carry every field, links "source", "target", "relation", "note",
// "lines" (note lines as in the graph format).
std::string export_json(const Graph& graph, const Slice& slice);
std::string export_graphml(const Graph& graph, const Slice& slice);
std::string export_turtle(const Graph& graph, const Slice& slice);
std::string export_cypher(const Graph& graph, const Slice& slice);
std::vector<ExportFile> export_neptune_csv(const Graph& graph, const Slice& slice);
std::vector<ExportFile> export_neo4j_csv(const Graph& graph, const Slice& slice);
std::string export_mermaid(const Graph& graph, const Slice& slice);
std::vector<ExportFile> export_obsidian(const Graph& graph, const Slice& slice);
// Anki's text import: the flashcards about the slice's nodes (cards.hpp), asked of the whole graph, one
// tab-separated row each, GUIDs derived from each card's identity so re-importing updates cards instead of
// duplicating them.
std::string export_anki(const Graph& graph, const Slice& slice);
// Graphviz DOT: the diagrams' drawing of the slice (dot.hpp), as `mlkg render` draws it, legend included.
std::string export_dot(const Graph& graph, const Slice& slice);
// One self-contained HTML page (explorer.hpp): the slice drawn by Graphviz in the diagrams' styles, with
// search, a node panel, shortest paths, filters, a legend, pan and zoom; nothing fetched at view time.
std::string export_html(const Graph& graph, const Slice& slice);

// The namespaces of the Turtle export, shared with the SPARQL that --emit prints.
inline constexpr std::string_view rdf_vocab = "https://mlkg.example/vocab#";
inline constexpr std::string_view rdf_node = "https://mlkg.example/node/";
inline constexpr std::string_view rdf_type = "https://mlkg.example/type/";

// ---- reading node-link JSON back ----

// The node-link export's "graph"/"format": what an import checks it reads.
inline constexpr const char* node_link_format = "mlkg-node-link";

// The graph folder (schema.json and graph.json) that a node-link export describes; load_graph()
// validates it like any graph. Throws Error(invalid_graph) with file, line, column and JSON pointer
// when the text is not a node-link export.
std::vector<SourceText> graph_files_from_node_link(const std::string& name, const std::string& text);

// The graph folder and the graph it holds, validated as `mlkg check` validates a folder. The problems it
// finds are reported where they stand in the node-link file (its name, lines, columns and pointers, such
// as /links/3/target), not in the graph files made from it, which nobody has seen.
struct NodeLinkImport {
  std::vector<SourceText> files;
  LoadResult loaded;
};
NodeLinkImport import_node_link(const std::string& name, const std::string& text);

} // namespace mlkg
