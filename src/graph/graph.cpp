#include "mlkg/graph.hpp"

#include "graph/store.hpp"

#include <algorithm>
#include <boost/iterator/counting_iterator.hpp>
#include <limits>
#include <stdexcept>

namespace mlkg {

namespace {

std::uint32_t offset32(std::size_t offset, const char* what) {
  if (offset > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error(std::string("a graph holds at most 4 GiB of ") + what);
  return static_cast<std::uint32_t>(offset);
}

// The edges as (from, to) pairs, read in place for the CSR constructor.
class EdgePairs {
public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = std::pair<NodeIndex, NodeIndex>;
  using difference_type = std::ptrdiff_t;
  using pointer = const value_type*;
  using reference = value_type;

  explicit EdgePairs(const Edge* at) : at_(at) {}
  value_type operator*() const { return {at_->from, at_->to}; }
  EdgePairs& operator++() {
    ++at_;
    return *this;
  }
  EdgePairs operator++(int) {
    EdgePairs old = *this;
    ++at_;
    return old;
  }
  difference_type operator-(const EdgePairs& o) const { return at_ - o.at_; }
  bool operator==(const EdgePairs& o) const { return at_ == o.at_; }
  bool operator!=(const EdgePairs& o) const { return at_ != o.at_; }

private:
  const Edge* at_;
};

const detail::BoostGraph& adjacency(const detail::GraphStore& store, const detail::Column<Edge>& edges,
                                    std::size_t nodes) {
  std::lock_guard<std::mutex> lock(store.adjacency_mutex);
  if (!store.adjacency || store.adjacency_edges != edges.size() || boost::num_vertices(*store.adjacency) != nodes) {
    store.adjacency = std::make_unique<detail::BoostGraph>(
        boost::edges_are_unsorted_multi_pass, EdgePairs(edges.data()), EdgePairs(edges.data() + edges.size()),
        boost::counting_iterator<EdgeIndex>(0), static_cast<NodeIndex>(nodes));
    store.adjacency_edges = edges.size();
  }
  return *store.adjacency;
}

} // namespace

Graph::Graph(Schema schema) : schema_(std::move(schema)), store_(std::make_unique<detail::GraphStore>()) {}

Graph::~Graph() = default;
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;

const Node& Graph::mapped_node(NodeIndex n) const { return store_->mapped->node(n); }
TypeIndex Graph::mapped_type(NodeIndex n) const { return store_->mapped->type(n); }
std::string_view Graph::mapped_section(NodeIndex n) const { return store_->mapped->section(n); }

std::string_view Graph::id_of(NodeIndex n) const { return mapped_nodes_ ? store_->mapped->id(n) : nodes_[n].id; }

std::string_view Graph::node_label(NodeIndex n) const {
  return mapped_nodes_ ? store_->mapped->label(n) : nodes_[n].label;
}

std::size_t Graph::node_alias_count(NodeIndex n) const {
  return mapped_nodes_ ? store_->mapped->records[n].alias_count : nodes_[n].aliases.size();
}

std::string_view Graph::node_alias(NodeIndex n, std::size_t a) const {
  return mapped_nodes_ ? store_->mapped->alias(n, a) : nodes_[n].aliases[a];
}

void Graph::own_everything() {
  if (!mapped_nodes_) return;
  std::vector<Node> nodes;
  nodes.reserve(mapped_nodes_);
  for (NodeIndex n = 0; n < mapped_nodes_; ++n) nodes.push_back(store_->mapped->node(n));
  nodes_ = std::move(nodes);
  mapped_nodes_ = 0;
  // The id table is rebuilt over the owned nodes; the edge columns copy themselves on their first change.
  store_->ids.assign(static_cast<std::uint32_t>(nodes_.size()),
                     [this](std::uint32_t i) -> std::string_view { return nodes_[i].id; });
  store_->mapped.reset();
}

void Graph::reserve(std::size_t nodes, std::size_t edges, std::size_t note_bytes, std::size_t source_ranges) {
  own_everything();
  nodes_.reserve(nodes);
  edges_.reserve(edges);
  note_end_.reserve(edges);
  source_end_.reserve(edges);
  notes_.reserve(note_bytes);
  sources_.reserve(source_ranges);
  store_->ids.reserve(nodes, [this](std::uint32_t i) -> std::string_view { return nodes_[i].id; });
}

NodeIndex Graph::add_node(Node node) {
  own_everything();
  const auto index = static_cast<NodeIndex>(nodes_.size());
  nodes_.push_back(std::move(node));
  store_->ids.insert(nodes_.back().id, index, [this](std::uint32_t i) -> std::string_view { return nodes_[i].id; });
  return index;
}

void Graph::add_nodes(std::vector<Node> nodes) {
  own_everything();
  const auto key_of = [this](std::uint32_t i) -> std::string_view { return nodes_[i].id; };
  const std::size_t first = nodes_.size();
  if (nodes_.empty())
    nodes_ = std::move(nodes);
  else
    nodes_.insert(nodes_.end(), std::make_move_iterator(nodes.begin()), std::make_move_iterator(nodes.end()));
  store_->ids.reserve(nodes_.size(), key_of);
  for (std::size_t i = first; i < nodes_.size(); ++i)
    store_->ids.insert(nodes_[i].id, static_cast<NodeIndex>(i), key_of);
}

// Nodes may stay in place: the edge columns copy themselves on their first change, and the adjacency
// and query index are rebuilt for the new edge count.
EdgeIndex Graph::add_edge(Edge edge, std::string_view note, LineSpan source) {
  const auto index = static_cast<EdgeIndex>(edges_.size());
  edges_.push_back(edge);
  notes_.append(note.data(), note.size());
  note_end_.push_back(offset32(notes_.size(), "edge notes"));
  sources_.append(source.begin(), source.size());
  source_end_.push_back(offset32(sources_.size(), "edge sources"));
  return index;
}

std::optional<NodeIndex> Graph::find(std::string_view id) const {
  const std::uint32_t i = store_->ids.find(id, [this](std::uint32_t n) { return id_of(n); });
  if (i == detail::IdTable::empty) return std::nullopt;
  return i;
}
std::vector<EdgeIndex> Graph::out_edges(NodeIndex n) const {
  std::vector<EdgeIndex> result;
  if (detail::scan_instead(*store_)) {
    for (EdgeIndex e = 0; e < edges_.size(); ++e)
      if (edges_[e].from == n) result.push_back(e);
    return result;
  }
  const detail::BoostGraph& g = adjacency(*store_, edges_, node_count());
  for (auto [it, end] = boost::out_edges(n, g); it != end; ++it) result.push_back(g[*it]);
  std::sort(result.begin(), result.end()); // edge indices are insertion order
  return result;
}

std::vector<EdgeIndex> Graph::in_edges(NodeIndex n) const {
  std::vector<EdgeIndex> result;
  if (detail::scan_instead(*store_)) {
    for (EdgeIndex e = 0; e < edges_.size(); ++e)
      if (edges_[e].to == n) result.push_back(e);
    return result;
  }
  const detail::BoostGraph& g = adjacency(*store_, edges_, node_count());
  for (auto [it, end] = boost::in_edges(n, g); it != end; ++it) result.push_back(g[*it]);
  std::sort(result.begin(), result.end());
  return result;
}

std::size_t Graph::degree(NodeIndex n) const {
  if (detail::scan_instead(*store_)) {
    std::size_t ends = 0;
    for (EdgeIndex e = 0; e < edges_.size(); ++e) ends += (edges_[e].from == n) + (edges_[e].to == n);
    return ends;
  }
  const detail::BoostGraph& g = adjacency(*store_, edges_, node_count());
  return boost::out_degree(n, g) + boost::in_degree(n, g);
}

} // namespace mlkg
