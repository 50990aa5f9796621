#pragma once
// Private to the query module: shortest paths between two nodes, the building block of every path query.

#include "query/index.hpp"

#include <optional>
#include <vector>

namespace mlkg::detail {

// Which edges a walk may use.
struct WalkRules {
  Direction direction = Direction::both; // both, or out for a directed walk
  std::vector<char> allowed;             // per relation: may be walked; empty: every relation

  bool allows(RelIndex r) const { return allowed.empty() || allowed[r] != 0; }
};

WalkRules walk_rules(const Graph& graph, const std::vector<RelIndex>& relations, Direction direction);

Direction reverse(Direction d);

// An allowance of edges to examine, shared by all searches of one query.
struct StepBudget {
  std::size_t left = 0;
  bool exhausted = false;

  bool spend(std::size_t steps);
};

// Nodes and first hops a search must keep away from (Yen's root path and the edges already used).
struct Exclusions {
  std::vector<NodeIndex> blocked;         // never entered
  std::vector<NodeIndex> forbidden_first; // nodes the first hop from the source may not go to
};

// Unweighted shortest paths by bidirectional breadth-first search: each side grows a level at a time,
// the smaller frontier first, until the two meet. On a graph of a million edges it touches a few
// thousand edges instead of all of them. (Boost's dijkstra_shortest_paths, one-sided and initialising
// every vertex, is hundreds of times slower there; see bench/README.md.)
class PathSearch {
public:
  PathSearch(const QueryIndex& index, Scratch& scratch, const WalkRules& rules, StepBudget& budget);

  // Of the shortest paths from `s` to `t` with at most `max_length` hops, the one whose node ids are
  // smallest hop by hop from `s`. Nothing when there is none or the budget ran out.
  std::optional<std::vector<NodeIndex>> shortest(NodeIndex s, NodeIndex t, const Exclusions& exclusions,
                                                 std::size_t max_length);

  // The edge to report for the hop u -> v: one in the walking direction if any, then by relation name.
  EdgeIndex edge_between(NodeIndex u, NodeIndex v) const;
  Path to_path(const std::vector<NodeIndex>& nodes) const;

  const QueryIndex& index() const { return index_; }
  const StepBudget& budget() const { return budget_; }

private:
  struct Side {
    std::vector<NodeIndex> order;    // nodes in the order labelled, level by level
    std::vector<std::size_t> starts; // level r is order[starts[r], starts[r + 1])
    std::size_t frontier_size() const { return starts.back() - starts[starts.size() - 2]; }
  };

  // A search frame of extract(): a node and its unexplored children, a slice of children_.
  struct Frame {
    NodeIndex node;
    std::size_t begin, next, end;
  };

  bool may_step(NodeIndex u, NodeIndex v, RelIndex rel) const;
  bool expand(bool forward, std::size_t level, bool stop_at_meeting);
  std::optional<std::vector<NodeIndex>> extract(NodeIndex s, std::size_t last_forward, std::size_t first_backward);
  Frame open(NodeIndex u, std::size_t level);
  std::optional<NodeIndex> smallest_step(NodeIndex u, const std::vector<std::uint32_t>& marks, std::uint32_t label);

  const QueryIndex& index_;
  Scratch& scratch_;
  const WalkRules& rules_;
  StepBudget& budget_;
  NodeIndex source_ = 0;
  const std::vector<NodeIndex>* forbidden_first_ = nullptr;
  Side forward_, backward_;
  std::vector<NodeIndex> children_;
};

} // namespace mlkg::detail
