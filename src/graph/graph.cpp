#include "mlkg/graph.hpp"

#include "graph/store.hpp"

#include <string>
#include <unordered_map>

namespace mlkg {

struct IdIndex {
  std::unordered_map<std::string, NodeIndex> by_id;
};

namespace {
constexpr std::uint32_t no_detail = 0xffffffffu;
const std::vector<LineRange> no_lines;
} // namespace

Graph::Graph(Schema schema)
    : schema_(std::move(schema)), store_(std::make_unique<detail::GraphStore>()), ids_(std::make_unique<IdIndex>()) {}

Graph::~Graph() = default;
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;

void Graph::reserve(std::size_t nodes, std::size_t edges) {
  nodes_.reserve(nodes);
  edges_.reserve(edges);
  detail_of_.reserve(edges);
  ids_->by_id.reserve(nodes);
  store_->g.m_vertices.reserve(nodes);
}

NodeIndex Graph::add_node(Node node) {
  const auto index = static_cast<NodeIndex>(nodes_.size());
  ids_->by_id.emplace(node.id, index);
  nodes_.push_back(std::move(node));
  boost::add_vertex(store_->g);
  return index;
}

EdgeIndex Graph::add_edge(Edge edge, std::string note, std::vector<LineRange> source) {
  const auto index = static_cast<EdgeIndex>(edges_.size());
  edges_.push_back(edge);
  if (note.empty() && source.empty()) {
    detail_of_.push_back(no_detail);
  } else {
    detail_of_.push_back(static_cast<std::uint32_t>(details_.size()));
    details_.push_back({std::move(note), std::move(source)});
  }
  boost::add_edge(edge.from, edge.to, index, store_->g);
  return index;
}

std::string_view Graph::note(EdgeIndex e) const {
  const std::uint32_t d = detail_of_[e];
  return d == no_detail ? std::string_view{} : std::string_view{details_[d].note};
}

const std::vector<LineRange>& Graph::source(EdgeIndex e) const {
  const std::uint32_t d = detail_of_[e];
  return d == no_detail ? no_lines : details_[d].source;
}

std::optional<NodeIndex> Graph::find(std::string_view id) const {
  auto it = ids_->by_id.find(std::string(id));
  if (it == ids_->by_id.end()) return std::nullopt;
  return it->second;
}

std::vector<EdgeIndex> Graph::out_edges(NodeIndex n) const {
  std::vector<EdgeIndex> result;
  for (auto [it, end] = boost::out_edges(n, store_->g); it != end; ++it) result.push_back(store_->g[*it]);
  return result;
}

std::vector<EdgeIndex> Graph::in_edges(NodeIndex n) const {
  std::vector<EdgeIndex> result;
  for (auto [it, end] = boost::in_edges(n, store_->g); it != end; ++it) result.push_back(store_->g[*it]);
  return result;
}

std::size_t Graph::degree(NodeIndex n) const {
  return boost::out_degree(n, store_->g) + boost::in_degree(n, store_->g);
}

} // namespace mlkg
