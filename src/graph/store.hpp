#pragma once
// Private to libmlkg: what mlkg::Graph keeps beside its flat arrays. Algorithm modules (query)
// include this; public headers never do.

#include "graph/id_table.hpp"
#include "graph/mapped.hpp"
#include "mlkg/graph.hpp"

#include <atomic>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <memory>
#include <mutex>

namespace mlkg::detail {

// Vertex i is node i; each edge's bundled property is its mlkg EdgeIndex. A compressed sparse row
// graph is built in one pass from the flat edge array (no per-edge allocation, 20 bytes an edge
// both ways), the first time someone asks for a node's edges.
using BoostGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeIndex,
                                                      boost::no_property, NodeIndex, EdgeIndex>;

class QueryIndex; // src/query/index.hpp

struct GraphStore {
  IdTable ids;

  // A graph opened from a snapshot: its nodes read in place, and what keeps the mapping alive.
  std::unique_ptr<MappedNodes> mapped;
  std::shared_ptr<const void> mapping;

  // The first few questions about one node's edges are answered by a scan of the edge array, and later ones
  // build the adjacency: `show` asks two, and on 5M edges building it took 0.35 s, some twenty scans.
  mutable std::atomic<int> scans_left{8};
  mutable std::mutex adjacency_mutex;
  mutable std::unique_ptr<BoostGraph> adjacency; // for the edges [0, adjacency_edges)
  mutable std::size_t adjacency_edges = 0;

  // Flat adjacency arrays and search scratch for the query module, built on the first query (or
  // read in place from a snapshot).
  mutable std::mutex query_index_mutex;
  mutable std::shared_ptr<QueryIndex> query_index;
};

// Whether this adjacency question is one of the first few, answered by a scan. The count stops at zero, so that
// a long-lived graph asked billions of questions never wraps back to scanning.
inline bool scan_instead(const GraphStore& store) {
  return store.scans_left.load(std::memory_order_relaxed) > 0 && store.scans_left.fetch_sub(1) > 0;
}

} // namespace mlkg::detail
