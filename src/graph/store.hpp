#pragma once
// Private to libmlkg: the Boost.Graph representation behind mlkg::Graph.
// Algorithm modules (query) include this; public headers never do.

#include "mlkg/graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <memory>
#include <mutex>

namespace mlkg::detail {

// Vertex i is node i; each edge's bundled property is its mlkg EdgeIndex.
// vecS edge storage keeps a million edges in one allocation instead of a list node each.
using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeIndex,
                                         boost::no_property, boost::vecS>;

struct QueryIndex; // src/query_index.hpp

struct GraphStore {
  BoostGraph g;

  // Flat adjacency arrays and search scratch for the query module, built on the first query.
  mutable std::mutex query_index_mutex;
  mutable std::shared_ptr<QueryIndex> query_index;
};

} // namespace mlkg::detail
