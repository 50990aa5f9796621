#include "mlkg/explorer.hpp"

#include "core/latin_folds.hpp"
#include "mlkg/dot.hpp" // html_escaped

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace mlkg {

namespace detail {
extern const char* const explorer_js;
extern const char* const explorer_css;
} // namespace detail

namespace {

using json = nlohmann::ordered_json;

// JSON that can sit inside <script>: no "<" (so no "</script>" or "<!--"), no raw "&" or ">".
std::string script_safe(const json& value) {
  const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '<': out += "\\u003c"; break;
    case '>': out += "\\u003e"; break;
    case '&': out += "\\u0026"; break;
    default: out += c;
    }
  }
  return out;
}

// Graphviz's SVG from its <svg> element on: the XML prolog and doctype do not belong inside HTML.
std::string_view svg_element(std::string_view svg) {
  const auto at = svg.find("<svg");
  return at == std::string_view::npos ? std::string_view{} : svg.substr(at);
}

json page_data(const Graph& graph, const ExplorerPage& page) {
  std::map<NodeIndex, std::size_t> position;
  for (NodeIndex n : page.nodes) position.emplace(n, position.size());
  json nodes = json::array();
  std::set<std::string> types_present;
  std::vector<std::string> sections;
  for (NodeIndex n : page.nodes) {
    const Node& node = graph.node(n);
    nodes.push_back({{"id", node.id},
                     {"label", node.label},
                     {"type", graph.type_name(n)},
                     {"section", node.section},
                     {"aliases", node.aliases},
                     {"summary", node.summary},
                     {"facts", node.facts},
                     {"source", format_lines(node.source)}});
    types_present.insert(graph.type_name(n));
    sections.push_back(node.section);
  }
  std::sort(sections.begin(), sections.end());
  sections.erase(std::unique(sections.begin(), sections.end()), sections.end());

  json edges = json::array();
  for (EdgeIndex e : page.edges) {
    const Relation& rel = graph.relation(e);
    edges.push_back({{"from", position.at(graph.edge(e).from)},
                     {"to", position.at(graph.edge(e).to)},
                     {"rel", rel.name},
                     {"inverse", rel.inverse},
                     {"symmetric", rel.symmetric},
                     {"flow", rel.flow},
                     {"paths", rel.in_paths},
                     {"note", graph.note(e)},
                     {"source", format_lines(graph.source(e))}});
  }
  json kinds = json::array();
  for (const NodeSwatch& swatch : page.node_legend) {
    kinds.push_back({{"name", swatch.name},
                     {"fill", swatch.fill},
                     {"stroke", swatch.stroke},
                     {"count", swatch.count},
                     {"shape", swatch.shape}});
  }
  json relations = json::array();
  for (const EdgeSwatch& swatch : page.edge_legend) {
    relations.push_back(
        {{"name", swatch.relations}, {"colour", swatch.colour}, {"line", swatch.line}, {"head", swatch.head}});
  }
  const json types = types_present;
  // The explorer spells names as the CLI does, from the same table.
  json latin_folds = json::array();
  for (std::string_view fold : detail::latin_folds) latin_folds.push_back(fold);
  return {{"caption", page.caption}, {"nodes", nodes},  {"edges", edges},         {"types", types},
          {"sections", sections},    {"legend", kinds}, {"relations", relations}, {"latin_folds", latin_folds}};
}

} // namespace

std::string explorer_html(const Graph& graph, const ExplorerPage& page) {
  const json data = page_data(graph, page);
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing may be fetched: the page works from the file system, offline.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'; img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out +=
      "<title>mlkg explorer" + (page.caption.empty() ? "" : ": " + html_escaped(page.caption)) + "</title>\n<style>\n";
  out += detail::explorer_css;
  out += "</style>\n</head>\n<body>\n<header><h1>mlkg explorer</h1><span class=\"meta\">" +
         (page.caption.empty() ? "" : html_escaped(page.caption) + " · ") + std::to_string(page.nodes.size()) +
         " nodes · " + std::to_string(page.edges.size()) + " edges</span></header>\n";
  out += R"html(<aside id="controls">
<h3><label for="search">Search</label></h3>
<input type="search" id="search" placeholder="Name or alias: firehose, AWS Glue" autocomplete="off">
<ul id="matches"></ul>
<h3>Shortest path</h3>
<form id="path-form">
<input type="text" id="path-from" placeholder="From (e.g. kinesis data streams)" aria-label="From" autocomplete="off">
<input type="text" id="path-to" placeholder="To (e.g. S3)" aria-label="To" autocomplete="off">
<button type="submit">Find path</button>
</form>
<p id="path-result"></p>
<h3>Filter</h3>
<select id="filter-section" aria-label="Section"><option value="">All sections</option></select>
<select id="filter-type" aria-label="Type"><option value="">All types</option></select>
<h3>Legend</h3>
<ul id="legend-list"></ul>
<ul id="legend-relations"></ul>
</aside>
<main id="canvas">
<div id="zoom"><button id="zoom-in" title="Zoom in">+</button><button id="zoom-out" title="Zoom out">&minus;</button><button id="zoom-fit" title="Whole drawing">Fit</button></div>
)html";
  out += svg_element(page.svg);
  out += "\n</main>\n<aside id=\"panel\"><p id=\"panel-empty\">Click a node to see its summary, facts and relations; "
         "drag to pan, scroll to zoom.</p></aside>\n";
  out += "<script type=\"application/json\" id=\"mlkg-data\">" + script_safe(data) + "</script>\n<script>\n";
  out += detail::explorer_js;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

} // namespace mlkg
