#pragma once

#include "mlkg/model.hpp"

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace mlkg {

namespace detail {
struct GraphStore;  // the id table and the Boost.Graph adjacency, built on demand; see src/graph/store.hpp
struct GraphArrays; // the snapshot reader and writer's view of the flat arrays; see src/graph/arrays.hpp
} // namespace detail

// A typed, directed multigraph of knowledge: nodes carry their text, edges a relation from the schema.
// Boost.Graph sits behind this class; nothing of it leaks through this header.
class Graph {
public:
  explicit Graph(Schema schema = {});
  ~Graph();
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  const Schema& schema() const { return schema_; }

  // Ids must be unique; the loader validates before it adds. Edges are kept in flat arrays (their
  // notes and sources too), so adding one allocates nothing once reserve() has sized them.
  NodeIndex add_node(Node node);
  void add_nodes(std::vector<Node> nodes); // in bulk: takes the vector itself when the graph has none yet
  EdgeIndex add_edge(Edge edge, std::string_view note = {}, LineSpan source = {});
  void reserve(std::size_t nodes, std::size_t edges, std::size_t note_bytes = 0, std::size_t source_ranges = 0);

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t edge_count() const { return edges_.size(); }

  const Node& node(NodeIndex n) const { return nodes_[n]; }
  const Edge& edge(EdgeIndex e) const { return edges_[e]; }
  std::string_view note(EdgeIndex e) const {
    const std::uint32_t first = e ? note_end_[e - 1] : 0;
    return std::string_view(notes_).substr(first, note_end_[e] - first);
  }
  LineSpan source(EdgeIndex e) const {
    const std::uint32_t first = e ? source_end_[e - 1] : 0;
    return {sources_.data() + first, source_end_[e] - first};
  }
  const std::string& type_name(NodeIndex n) const { return schema_.node_types[nodes_[n].type].name; }
  const Relation& relation(EdgeIndex e) const { return schema_.relations[edges_[e].rel]; }

  std::optional<NodeIndex> find(std::string_view id) const;

  // Edge indices leaving / entering a node, in insertion order (an adjacency index is built on the
  // first call, in one pass over the edges).
  std::vector<EdgeIndex> out_edges(NodeIndex n) const;
  std::vector<EdgeIndex> in_edges(NodeIndex n) const;
  std::size_t degree(NodeIndex n) const;

  // For algorithm modules inside the library (query); not for callers.
  const detail::GraphStore& store() const { return *store_; }

private:
  friend struct detail::GraphArrays;

  Schema schema_;
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::string notes_;                     // every edge's note, end to end
  std::vector<std::uint32_t> note_end_;   // per edge: where its note ends in notes_ (starts: the previous end)
  std::vector<LineRange> sources_;        // every edge's source lines, end to end
  std::vector<std::uint32_t> source_end_; // per edge: where its lines end in sources_
  std::unique_ptr<detail::GraphStore> store_;
};

} // namespace mlkg
