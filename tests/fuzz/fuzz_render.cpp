// Fuzz target: the render path on small graphs. A graph file (beside the mini schema) of at most 12
// nodes and 20 edges is drawn and laid out to SVG by Graphviz in-process; the SVG must be whole, carry a
// group per node (`id="node-<id>"`, the hook the explorer uses) and balance its groups.
#include "fuzz_graph.hpp"
#include "mlkg/dot.hpp"
#include "mlkg/render.hpp"

#include <algorithm>
#include <string>

namespace {
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mlkg;
  const auto loaded = fuzz::load_fuzz_graph(fuzz::bytes(data, size));
  if (!loaded) return 0;
  const Graph& graph = loaded->graph;
  if (graph.node_count() == 0 || graph.node_count() > 12 || graph.edge_count() > 20) return 0;
  Subgraph sub;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) sub.nodes.push_back(n);
  std::sort(sub.nodes.begin(), sub.nodes.end(),
            [&](NodeIndex a, NodeIndex b) { return graph.node(a).id < graph.node(b).id; });
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) sub.edges.push_back(e);
  sub.asked = {sub.nodes.front()};
  sub.answers = {sub.nodes.back()};
  sub.caption = graph.node(sub.nodes.back()).label;
  DotOptions options;
  options.cluster = static_cast<Cluster>(size % 3);
  options.engine = size % 4 ? Engine::dot : Engine::sfdp;
  std::string svg;
  try {
    svg = render(to_dot(graph, sub, options), Format::svg, *options.engine);
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    fuzz::fail("Graphviz refused a drawing of a graph that loads");
  }
  if (svg.rfind("<?xml", 0) != 0 || svg.size() < 7 || svg.compare(svg.size() - 7, 7, "</svg>\n") != 0)
    fuzz::fail("the SVG is not whole");
  for (NodeIndex n : sub.nodes)
    if (svg.find("<g id=\"node-" + graph.node(n).id + "\"") == std::string::npos) fuzz::fail("a node has no group");
  if (count(svg, "<g ") + count(svg, "<g>") != count(svg, "</g>")) fuzz::fail("unbalanced groups");
  return 0;
}
