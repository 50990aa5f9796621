#include "query/index.hpp"

#include "graph/arrays.hpp"
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

QueryIndex::QueryIndex(const Graph& graph, const InPlace& in)
    : node_count_(graph.node_count()), edge_count_(graph.edge_count()), mapping_(in.mapping), spans_(in.spans),
      arcs_(in.arcs), rank_(in.rank) {
  rank_relations(graph);
}

QueryIndex::QueryIndex(const Graph& graph) : node_count_(graph.node_count()), edge_count_(graph.edge_count()) {
  const std::size_t n = graph.node_count();
  const auto& relations = graph.schema().relations;
  const auto symmetric = [&](const Edge& edge) { return relations[edge.rel].symmetric; };
  if (graph.edge_count() > std::numeric_limits<std::uint32_t>::max() / 2)
    throw std::length_error("the query index holds at most 2^31 edges");
  BigVector<std::uint32_t> out_degree(n), symmetric_degree(n), in_degree(n);
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) {
    const Edge& edge = graph.edge(e);
    ++(symmetric(edge) ? symmetric_degree[edge.from] : out_degree[edge.from]);
    ++(symmetric(edge) ? symmetric_degree[edge.to] : in_degree[edge.to]);
  }
  BigVector<ArcSpan>& spans = owned_spans_;
  spans.resize(n);
  std::uint32_t at = 0;
  for (std::size_t v = 0; v < n; ++v) {
    ArcSpan& span = spans[v];
    span.first = at;
    span.symmetric = span.first + out_degree[v];
    span.in = span.symmetric + symmetric_degree[v];
    span.last = span.in + in_degree[v];
    at = span.last;
  }
  BigVector<Arc>& arcs = owned_arcs_;
  arcs.resize(at);
  BigVector<std::uint32_t> next_out(n), next_symmetric(n), next_in(n);
  for (std::size_t v = 0; v < n; ++v) {
    next_out[v] = spans[v].first;
    next_symmetric[v] = spans[v].symmetric;
    next_in[v] = spans[v].in;
  }
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) {
    const Edge& edge = graph.edge(e);
    arcs[symmetric(edge) ? next_symmetric[edge.from]++ : next_out[edge.from]++] = {edge.to, e, edge.rel, true};
    arcs[symmetric(edge) ? next_symmetric[edge.to]++ : next_in[edge.to]++] = {edge.from, e, edge.rel, false};
  }

  // Nodes in id order, sorted through each id's first eight bytes read as one big-endian number (zeros
  // after a shorter id, so a prefix still sorts first): most comparisons read no string (on a million
  // nodes, each string read is a cache miss).
  const auto id = [&](NodeIndex v) { return GraphArrays::id(graph, v); }; // without making a mapped graph's nodes
  struct Keyed {
    std::uint64_t prefix;
    NodeIndex node;
  };
  BigVector<Keyed> by_id(n);
  for (std::size_t v = 0; v < n; ++v) {
    const std::string_view text = id(static_cast<NodeIndex>(v));
    std::uint64_t prefix = 0;
    for (std::size_t i = 0; i < 8; ++i)
      prefix = prefix << 8 | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
    by_id[v] = {prefix, static_cast<NodeIndex>(v)};
  }
  std::sort(by_id.begin(), by_id.end(), [&](const Keyed& a, const Keyed& b) {
    return a.prefix != b.prefix ? a.prefix < b.prefix : id(a.node) < id(b.node);
  });
  owned_rank_.resize(n);
  for (std::size_t i = 0; i < n; ++i) owned_rank_[by_id[i].node] = static_cast<std::uint32_t>(i);
  spans_ = owned_spans_.data();
  arcs_ = owned_arcs_.data();
  rank_ = owned_rank_.data();
  rank_relations(graph);
}

void QueryIndex::rank_relations(const Graph& graph) {
  const auto& relations = graph.schema().relations;
  std::vector<RelIndex> by_name(relations.size());
  std::iota(by_name.begin(), by_name.end(), RelIndex{0});
  std::sort(by_name.begin(), by_name.end(),
            [&](RelIndex a, RelIndex b) { return relations[a].name < relations[b].name; });
  relation_rank_.resize(relations.size());
  for (std::size_t i = 0; i < by_name.size(); ++i) relation_rank_[by_name[i]] = static_cast<std::uint32_t>(i);
}

bool QueryIndex::built_for(const Graph& graph) const {
  // A Graph only ever grows, so its sizes identify its state.
  return node_count_ == graph.node_count() && edge_count_ == graph.edge_count() &&
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
