#include "mlkg/error.hpp"
#include "mlkg/export.hpp"
#include "mlkg/names.hpp"

#include <algorithm>

namespace mlkg {

const std::vector<ExportFormat>& export_formats() {
  // One row per format, in the order `mlkg export --help` lists them.
  static const std::vector<ExportFormat> formats = {
      {"json", "node-link JSON with every field (mlkg import reads it back)", export_json, nullptr},
      {"graphml", "GraphML with typed keys (yEd, Gephi, Cytoscape, networkx)", export_graphml, nullptr},
      {"turtle", "RDF Turtle: vocabulary, labels, aliases, one predicate per relation", export_turtle, nullptr},
      {"cypher", "openCypher CREATE statements for Neo4j and Amazon Neptune", export_cypher, nullptr},
      {"neptune-csv", "folder: Neptune bulk-load CSV (nodes.csv, edges.csv)", nullptr, export_neptune_csv},
      {"neo4j-csv", "folder: neo4j-admin import CSV (nodes.csv, relationships.csv)", nullptr, export_neo4j_csv},
      {"mermaid", "Mermaid flowchart, classes per node type", export_mermaid, nullptr},
      {"dot", "Graphviz DOT: the diagrams' drawing, styled by type and relation, with a legend", export_dot, nullptr},
      {"obsidian", "folder: an Obsidian vault, one note per node and an index", nullptr, export_obsidian},
      {"anki", "Anki text import: flashcards with stable GUIDs, decks per section, tags", export_anki, nullptr},
      {"html", "interactive explorer: one offline HTML page with the drawing, search, paths, filters", export_html,
       nullptr},
  };
  return formats;
}

const ExportFormat& find_export_format(std::string_view name) {
  const auto& formats = export_formats();
  const auto found =
      std::find_if(formats.begin(), formats.end(), [&](const ExportFormat& f) { return f.name == lowercase(name); });
  if (found != formats.end()) return *found;
  std::vector<std::string> names;
  names.reserve(formats.size());
  for (const ExportFormat& f : formats) names.push_back(f.name);
  throw Error(ErrorKind::unknown_name, "'" + std::string(name) + "' is not an export format; formats: " + join(names),
              did_you_mean(closest_names(name, names)));
}

} // namespace mlkg
