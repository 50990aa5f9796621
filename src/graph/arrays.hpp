#pragma once
// Private to libmlkg: the flat arrays inside mlkg::Graph, for the snapshot writer, which copies them
// out in bulk, and the reader, which points a graph at arrays inside a mapped snapshot.

#include "graph/node_table.hpp"
#include "graph/store.hpp"
#include "mlkg/graph.hpp"

#include <memory>
#include <vector>

namespace mlkg::detail {

struct GraphArrays {
  static const Column<Edge>& edges(const Graph& g) { return g.edges_; }
  static const Column<char>& notes(const Graph& g) { return g.notes_; }
  static const Column<std::uint32_t>& note_end(const Graph& g) { return g.note_end_; }
  static const Column<LineRange>& sources(const Graph& g) { return g.sources_; }
  static const Column<std::uint32_t>& source_end(const Graph& g) { return g.source_end_; }
  static std::string_view id(const Graph& g, NodeIndex n) { return g.id_of(n); }

  // What a graph opened in place reads; every array lives as long as `mapping` and has been checked
  // against the others (sizes, bounds).
  struct InPlace {
    std::shared_ptr<const void> mapping;
    std::unique_ptr<MappedNodes> nodes;
    const std::uint32_t* id_slots = nullptr;
    std::size_t id_capacity = 0;
    const Edge* edges = nullptr;
    std::size_t edge_count = 0;
    const char* notes = nullptr;
    std::size_t note_bytes = 0;
    const std::uint32_t* note_end = nullptr;
    const LineRange* sources = nullptr;
    std::size_t source_count = 0;
    const std::uint32_t* source_end = nullptr;
  };
  static void open_in_place(Graph& g, InPlace in) {
    g.nodes_.clear();
    g.mapped_nodes_ = in.nodes->count;
    g.store_->ids.view(in.id_slots, in.id_capacity, in.nodes->count);
    g.store_->mapped = std::move(in.nodes);
    g.store_->mapping = std::move(in.mapping);
    g.edges_.view(in.edges, in.edge_count);
    g.notes_.view(in.notes, in.note_bytes);
    g.note_end_.view(in.note_end, in.edge_count);
    g.sources_.view(in.sources, in.source_count);
    g.source_end_.view(in.source_end, in.edge_count);
  }
  // Nodes the loader read into a table, read in place from now on; the graph has no nodes yet.
  static void adopt_nodes(Graph& g, std::shared_ptr<const NodeTable> table) {
    g.nodes_.clear();
    g.store_->mapped = table->view();
    g.mapped_nodes_ = table->size();
    const MappedNodes& m = *g.store_->mapped;
    g.store_->ids.assign(static_cast<std::uint32_t>(m.count), [&m](std::uint32_t i) { return m.id(i); });
    g.store_->mapping = std::move(table);
  }
  static const GraphStore& store(const Graph& g) { return *g.store_; }
  static void install_query_index(Graph& g, std::shared_ptr<QueryIndex> index) {
    g.store_->query_index = std::move(index);
  }
};

} // namespace mlkg::detail
