#pragma once
// Private to the query module: Yen's k shortest loopless paths, produced one at a time.

#include "query/search.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace mlkg::detail {

// Loopless paths from `from` to `to` in order of length, equal lengths by node ids hop by hop.
// Because every spur search returns the smallest-id shortest spur, that order is exact, not just
// deterministic: the paths come out as a sort of all loopless paths would list them.
class LooplessPaths {
public:
  LooplessPaths(PathSearch& search, NodeIndex from, NodeIndex to, std::vector<NodeIndex> avoid, std::size_t max_length);

  // The next path; nothing when there are no more, or when the step budget ran out (then the
  // paths already returned are still exact, but later ones might be missed).
  std::optional<std::vector<NodeIndex>> next();

private:
  struct Found {
    std::vector<NodeIndex> nodes;
    std::size_t deviation = 0; // index of the node where it left the path it branched from
  };

  // The paths found, as a tree of their prefixes: the nodes that found paths take after a prefix are read in
  // one walk down it. (Comparing the prefix with every path found made many paths cost their square.)
  class Prefixes {
  public:
    static constexpr std::uint32_t root = 0;
    void insert(const std::vector<NodeIndex>& path);
    // The tree node of `prefix` + `next`; `prefix` must be a prefix of a path inserted.
    std::uint32_t child(std::uint32_t prefix, NodeIndex next) const;
    // The nodes that paths inserted take next after `prefix`.
    std::vector<NodeIndex> next_nodes(std::uint32_t prefix) const;

  private:
    std::vector<std::vector<std::pair<NodeIndex, std::uint32_t>>> children_{1}; // by tree node
  };

  void add_candidate(std::vector<NodeIndex> nodes, std::size_t deviation);
  void branch_from(const Found& path);

  PathSearch& search_;
  NodeIndex from_, to_;
  std::vector<NodeIndex> avoid_;
  std::size_t max_length_;
  bool started_ = false;
  std::vector<Found> found_;
  Prefixes prefixes_; // of found_
  // Keyed by length, then the ranks (id order) of the nodes: the first entry is the next path.
  std::map<std::vector<std::uint32_t>, Found> candidates_;
};

} // namespace mlkg::detail
