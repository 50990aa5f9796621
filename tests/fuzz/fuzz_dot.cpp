// Fuzz target: the DOT writer. A graph file (beside the mini schema) that loads is drawn whole, in the
// options the bytes pick; Graphviz's own parser (cgraph's agmemread) must read the DOT back with every
// node named by its id (plus the legend's) and every edge between the right ends.
#include "fuzz_graph.hpp"
#include "mlkg/dot.hpp"

#include <algorithm>
#include <graphviz/cgraph.h>
#include <set>
#include <string>
#include <utility>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mlkg;
  const auto loaded = fuzz::load_fuzz_graph(fuzz::bytes(data, size));
  if (!loaded) return 0;
  const Graph& graph = loaded->graph;
  Subgraph sub;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) sub.nodes.push_back(n);
  std::sort(sub.nodes.begin(), sub.nodes.end(),
            [&](NodeIndex a, NodeIndex b) { return graph.node(a).id < graph.node(b).id; });
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) sub.edges.push_back(e);
  if (sub.nodes.empty()) return 0;
  sub.asked = {sub.nodes.front()};
  sub.answers = {sub.nodes.back()};
  sub.caption = graph.node(sub.nodes.front()).label; // any text the loader lets through
  DotOptions options;
  options.cluster = static_cast<Cluster>(size % 3);
  options.engine = size % 2 ? Engine::dot : Engine::sfdp;
  options.legend = size % 5 != 0;
  const std::string dot = to_dot(graph, sub, options);

  Agraph_t* parsed = agmemread(dot.c_str());
  if (!parsed) fuzz::fail("cgraph cannot parse the DOT");
  std::set<std::string> names;
  std::set<std::pair<std::string, std::string>> ends;
  for (Agnode_t* n = agfstnode(parsed); n; n = agnxtnode(parsed, n)) {
    names.insert(agnameof(n));
    for (Agedge_t* e = agfstout(parsed, n); e; e = agnxtout(parsed, e))
      ends.emplace(agnameof(agtail(e)), agnameof(aghead(e)));
  }
  const int node_count = agnnodes(parsed), edge_count = agnedges(parsed);
  agclose(parsed);

  // Every id is a node; the others are the legend's (no id starts with '_'): with dot, samples numbered from 0 (one
  // for each kind of node, so at least one and at most one a node) and the relations' rows when there are edges;
  // with sfdp, one table.
  std::set<std::string> ids;
  for (NodeIndex n : sub.nodes) ids.insert(graph.node(n).id);
  std::set<std::string> legend;
  for (const std::string& name : names)
    if (!ids.count(name)) legend.insert(name);
  bool legend_ok = !options.legend && legend.empty();
  if (options.legend && options.engine == Engine::sfdp) legend_ok = legend == std::set<std::string>{"_legend"};
  if (options.legend && options.engine == Engine::dot) {
    const bool relations = legend.erase("_legend_relations") == 1;
    std::size_t samples = 0;
    while (legend.erase("_legend_" + std::to_string(samples)) == 1) ++samples;
    legend_ok = legend.empty() && samples >= 1 && samples <= sub.nodes.size() && relations == !sub.edges.empty();
  }
  if (!legend_ok || !std::includes(names.begin(), names.end(), ids.begin(), ids.end()) ||
      node_count != static_cast<int>(names.size()))
    fuzz::fail("the DOT's nodes are not the subgraph's ids and the legend's");
  if (edge_count != static_cast<int>(sub.edges.size())) fuzz::fail("the DOT has another number of edges");
  for (EdgeIndex e : sub.edges)
    if (!ends.count({graph.node(graph.edge(e).from).id, graph.node(graph.edge(e).to).id}))
      fuzz::fail("an edge lost its ends");
  return 0;
}
