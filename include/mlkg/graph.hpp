#pragma once

#include "mlkg/model.hpp"

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace mlkg {

namespace detail {
struct GraphStore; // the Boost.Graph adjacency list; see src/graph/store.hpp
}

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

  // Ids must be unique; the loader validates before it adds.
  NodeIndex add_node(Node node);
  EdgeIndex add_edge(Edge edge, std::string note = {}, std::vector<LineRange> source = {});
  void reserve(std::size_t nodes, std::size_t edges);

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t edge_count() const { return edges_.size(); }

  const Node& node(NodeIndex n) const { return nodes_[n]; }
  const Edge& edge(EdgeIndex e) const { return edges_[e]; }
  std::string_view note(EdgeIndex e) const;
  const std::vector<LineRange>& source(EdgeIndex e) const;
  const std::string& type_name(NodeIndex n) const { return schema_.node_types[nodes_[n].type].name; }
  const Relation& relation(EdgeIndex e) const { return schema_.relations[edges_[e].rel]; }

  std::optional<NodeIndex> find(std::string_view id) const;

  // Edge indices leaving / entering a node, in insertion order.
  std::vector<EdgeIndex> out_edges(NodeIndex n) const;
  std::vector<EdgeIndex> in_edges(NodeIndex n) const;
  std::size_t degree(NodeIndex n) const;

  // For algorithm modules inside the library (query); not for callers.
  const detail::GraphStore& store() const { return *store_; }

private:
  struct EdgeDetail {
    std::string note;
    std::vector<LineRange> source;
  };

  Schema schema_;
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<std::uint32_t> detail_of_; // per edge: index into details_, or none
  std::vector<EdgeDetail> details_;
  std::unique_ptr<detail::GraphStore> store_;
  std::unique_ptr<struct IdIndex> ids_;
};

} // namespace mlkg
