#pragma once
// Private to libmlkg: the flat arrays inside mlkg::Graph, for the snapshot writer and reader, which
// copy them out and back in bulk.

#include "mlkg/graph.hpp"

#include <string>
#include <vector>

namespace mlkg::detail {

struct GraphArrays {
  static const std::vector<Node>& nodes(const Graph& g) { return g.nodes_; }
  static const std::vector<Edge>& edges(const Graph& g) { return g.edges_; }
  static const std::string& notes(const Graph& g) { return g.notes_; }
  static const std::vector<std::uint32_t>& note_end(const Graph& g) { return g.note_end_; }
  static const std::vector<LineRange>& sources(const Graph& g) { return g.sources_; }
  static const std::vector<std::uint32_t>& source_end(const Graph& g) { return g.source_end_; }

  // Replaces every edge at once; the caller has checked that the arrays agree with each other.
  static void assign_edges(Graph& g, std::vector<Edge> edges, std::string notes, std::vector<std::uint32_t> note_end,
                           std::vector<LineRange> sources, std::vector<std::uint32_t> source_end) {
    g.edges_ = std::move(edges);
    g.notes_ = std::move(notes);
    g.note_end_ = std::move(note_end);
    g.sources_ = std::move(sources);
    g.source_end_ = std::move(source_end);
  }
};

} // namespace mlkg::detail
