#pragma once
// Private to the query module: the graph as flat arrays for fast walks, cached per Graph.

#include "mlkg/graph.hpp"
#include "mlkg/query.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace mlkg::detail {

// One step a walk can take from a node: along `edge` to `node`.
struct Arc {
  NodeIndex node = 0;
  EdgeIndex edge = 0;
  RelIndex rel = 0;
  bool forward = true; // the edge leaves the node the walk stands on
};

// Where a node's arcs are: [first, symmetric) its out-edges, [symmetric, in) its edges of symmetric
// relations, [in, last) its in-edges. 32-bit offsets keep the spans of a 100k-node graph in half the
// cache lines.
struct ArcSpan {
  std::uint32_t first = 0, symmetric = 0, in = 0, last = 0;
};

struct ArcRange {
  const Arc* first = nullptr;
  const Arc* last = nullptr;
  const Arc* begin() const { return first; }
  const Arc* end() const { return last; }
};

// Per-node scratch for one search at a time. Every node marked is remembered, so clearing costs
// what the search cost rather than the size of the graph. The arrays are small (a million nodes in
// 4 MB each) because a search on a big graph is bound by the cache misses of reading them.
struct Scratch {
  static constexpr std::uint32_t blocked = 0xffffffffu; // in forward and backward: never to be entered

  explicit Scratch(std::size_t nodes) : forward(nodes), backward(nodes), flag(nodes) {}

  // Sets a mark; a mark is 0 until set.
  void set(std::vector<std::uint32_t>& marks, NodeIndex v, std::uint32_t value) {
    marks[v] = value;
    touched.push_back(v);
  }
  void set_flag(NodeIndex v) {
    flag[v] = 1;
    touched.push_back(v);
  }
  // Unsets every mark set since the last clear.
  void clear();

  std::vector<std::uint32_t> forward;  // hops from the source + 1
  std::vector<std::uint32_t> backward; // hops to the target + 1
  std::vector<std::uint8_t> flag;      // free for the search: on a chosen path, in a subgraph
  std::vector<NodeIndex> touched;
};

class QueryIndex {
public:
  explicit QueryIndex(const Graph& graph);

  // The index as stored in a snapshot, read in place: `spans` and `rank` hold one entry per node,
  // `arcs` two per edge; the caller has checked every offset and index in them, and `mapping` keeps
  // them alive.
  struct InPlace {
    std::shared_ptr<const void> mapping;
    const ArcSpan* spans = nullptr;
    const Arc* arcs = nullptr;
    const std::uint32_t* rank = nullptr;
  };
  QueryIndex(const Graph& graph, const InPlace& in);

  // For the snapshot writer.
  const ArcSpan* spans() const { return spans_; }
  const Arc* all_arcs() const { return arcs_; }
  std::size_t arc_count() const { return 2 * edge_count_; }
  const std::uint32_t* ranks() const { return rank_; }

  // The arcs from `n`: its out-edges, its in-edges, or both, each in insertion order. Edges of a
  // symmetric relation have no real direction, so they count as both out- and in-edges.
  ArcRange arcs(NodeIndex n, Direction d) const {
    const Arc* base = arcs_;
    const ArcSpan& span = spans_[n];
    if (d == Direction::out) return {base + span.first, base + span.in};
    if (d == Direction::in) return {base + span.symmetric, base + span.last};
    return {base + span.first, base + span.last};
  }
  // Asks the CPU to start loading the arcs of `n`: a search on a big graph waits mostly on memory.
  void prefetch(NodeIndex n) const {
    const ArcSpan& span = spans_[n];
    const Arc* first = arcs_ + span.first;
    for (const Arc* a = first; a < arcs_ + span.last && a < first + 16; a += 5) __builtin_prefetch(a);
  }
  void prefetch_span(NodeIndex n) const { __builtin_prefetch(&spans_[n]); }
  // The node's position when all nodes are sorted by id: comparing ranks compares ids.
  std::uint32_t rank(NodeIndex n) const { return rank_[n]; }
  // The relation's position when relations are sorted by name.
  std::uint32_t relation_rank(RelIndex r) const { return relation_rank_[r]; }
  std::size_t node_count() const { return node_count_; }
  bool built_for(const Graph& graph) const;

  std::unique_ptr<Scratch> borrow_scratch();
  void return_scratch(std::unique_ptr<Scratch> scratch);

private:
  void rank_relations(const Graph& graph);

  std::size_t node_count_ = 0;
  std::size_t edge_count_ = 0;
  // Built here (the vectors), or read in place from a snapshot (`mapping_`); the pointers read either.
  BigVector<ArcSpan> owned_spans_;
  BigVector<Arc> owned_arcs_;
  BigVector<std::uint32_t> owned_rank_;
  std::shared_ptr<const void> mapping_;
  const ArcSpan* spans_ = nullptr;
  const Arc* arcs_ = nullptr;
  const std::uint32_t* rank_ = nullptr;
  std::vector<std::uint32_t> relation_rank_;
  std::mutex scratch_mutex_;
  std::vector<std::unique_ptr<Scratch>> spare_scratch_;
};

// The index of `graph`, built on first use and rebuilt if the graph has grown since.
std::shared_ptr<QueryIndex> query_index(const Graph& graph);

// Scratch borrowed from an index for the length of one query; kept for the next query afterwards,
// so that repeated queries on a big graph do not fault in fresh pages each time.
class ScratchLease {
public:
  explicit ScratchLease(std::shared_ptr<QueryIndex> index);
  ~ScratchLease();
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;

  Scratch& operator*() const { return *scratch_; }
  Scratch* operator->() const { return scratch_.get(); }

private:
  std::shared_ptr<QueryIndex> index_;
  std::unique_ptr<Scratch> scratch_;
};

} // namespace mlkg::detail
