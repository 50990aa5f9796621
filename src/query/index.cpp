#include "query/index.hpp"

#include "graph/store.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace mlkg::detail {

void Scratch::clear() {
  for (NodeIndex v : touched) {
    forward[v] = backward[v] = 0;
    flag[v] = 0;
  }
  touched.clear();
}

QueryIndex::QueryIndex(const Graph& graph) : edge_count_(graph.edge_count()) {
  const std::size_t n = graph.node_count();
  const auto& relations = graph.schema().relations;
  const auto symmetric = [&](const Edge& edge) { return relations[edge.rel].symmetric; };
  if (graph.edge_count() > std::numeric_limits<std::uint32_t>::max() / 2)
    throw std::length_error("the query index holds at most 2^31 edges");
  std::vector<std::uint32_t> out_degree(n), symmetric_degree(n), in_degree(n);
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) {
    const Edge& edge = graph.edge(e);
    ++(symmetric(edge) ? symmetric_degree[edge.from] : out_degree[edge.from]);
    ++(symmetric(edge) ? symmetric_degree[edge.to] : in_degree[edge.to]);
  }
  spans_.resize(n);
  std::uint32_t at = 0;
  for (std::size_t v = 0; v < n; ++v) {
    Span& span = spans_[v];
    span.first = at;
    span.symmetric = span.first + out_degree[v];
    span.in = span.symmetric + symmetric_degree[v];
    span.last = span.in + in_degree[v];
    at = span.last;
  }
  arcs_.resize(at);
  std::vector<std::uint32_t> next_out(n), next_symmetric(n), next_in(n);
  for (std::size_t v = 0; v < n; ++v) {
    next_out[v] = spans_[v].first;
    next_symmetric[v] = spans_[v].symmetric;
    next_in[v] = spans_[v].in;
  }
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) {
    const Edge& edge = graph.edge(e);
    arcs_[symmetric(edge) ? next_symmetric[edge.from]++ : next_out[edge.from]++] = {edge.to, e, edge.rel, true};
    arcs_[symmetric(edge) ? next_symmetric[edge.to]++ : next_in[edge.to]++] = {edge.from, e, edge.rel, false};
  }

  std::vector<NodeIndex> by_id(n);
  std::iota(by_id.begin(), by_id.end(), NodeIndex{0});
  std::sort(by_id.begin(), by_id.end(), [&](NodeIndex a, NodeIndex b) { return graph.node(a).id < graph.node(b).id; });
  rank_.resize(n);
  for (std::size_t i = 0; i < n; ++i) rank_[by_id[i]] = static_cast<std::uint32_t>(i);

  std::vector<RelIndex> by_name(relations.size());
  std::iota(by_name.begin(), by_name.end(), RelIndex{0});
  std::sort(by_name.begin(), by_name.end(),
            [&](RelIndex a, RelIndex b) { return relations[a].name < relations[b].name; });
  relation_rank_.resize(relations.size());
  for (std::size_t i = 0; i < by_name.size(); ++i) relation_rank_[by_name[i]] = static_cast<std::uint32_t>(i);
}

bool QueryIndex::built_for(const Graph& graph) const {
  // A Graph only ever grows, so its sizes identify its state.
  return rank_.size() == graph.node_count() && edge_count_ == graph.edge_count() &&
         relation_rank_.size() == graph.schema().relations.size();
}

std::unique_ptr<Scratch> QueryIndex::borrow_scratch() {
  std::lock_guard<std::mutex> lock(scratch_mutex_);
  if (spare_scratch_.empty()) return std::make_unique<Scratch>(node_count());
  std::unique_ptr<Scratch> scratch = std::move(spare_scratch_.back());
  spare_scratch_.pop_back();
  return scratch;
}

void QueryIndex::return_scratch(std::unique_ptr<Scratch> scratch) {
  std::lock_guard<std::mutex> lock(scratch_mutex_);
  spare_scratch_.push_back(std::move(scratch));
}

std::shared_ptr<QueryIndex> query_index(const Graph& graph) {
  const GraphStore& store = graph.store();
  std::lock_guard<std::mutex> lock(store.query_index_mutex);
  if (!store.query_index || !store.query_index->built_for(graph))
    store.query_index = std::make_shared<QueryIndex>(graph);
  return store.query_index;
}

ScratchLease::ScratchLease(std::shared_ptr<QueryIndex> index)
    : index_(std::move(index)), scratch_(index_->borrow_scratch()) {}

ScratchLease::~ScratchLease() {
  scratch_->clear();
  index_->return_scratch(std::move(scratch_));
}

} // namespace mlkg::detail
