#include "query/yen.hpp"

#include <algorithm>

namespace mlkg::detail {

LooplessPaths::LooplessPaths(PathSearch& search, NodeIndex from, NodeIndex to, std::vector<NodeIndex> avoid,
                             std::size_t max_length)
    : search_(search), from_(from), to_(to), avoid_(std::move(avoid)), max_length_(max_length) {}

std::optional<std::vector<NodeIndex>> LooplessPaths::next() {
  if (!started_) {
    started_ = true;
    if (auto path = search_.shortest(from_, to_, {avoid_, {}}, max_length_)) add_candidate(std::move(*path), 0);
  } else if (!found_.empty()) {
    branch_from(found_.back());
  }
  if (search_.budget().exhausted || candidates_.empty()) return std::nullopt;
  found_.push_back(std::move(candidates_.begin()->second));
  candidates_.erase(candidates_.begin());
  return found_.back().nodes;
}

void LooplessPaths::add_candidate(std::vector<NodeIndex> nodes, std::size_t deviation) {
  std::vector<std::uint32_t> key{static_cast<std::uint32_t>(nodes.size())};
  for (NodeIndex n : nodes) key.push_back(search_.index().rank(n));
  candidates_.emplace(std::move(key), Found{std::move(nodes), deviation});
}

// Yen's step: for each node of the newest path, the shortest way on that leaves the shared root
// by an edge no earlier path with the same root has taken, without revisiting the root. Nodes
// before the path's own deviation are skipped (Lawler): the path it branched from covered them.
void LooplessPaths::branch_from(const Found& found) {
  const std::vector<NodeIndex>& path = found.nodes;
  const auto prefix_end = [&](std::size_t i) { return path.begin() + static_cast<std::ptrdiff_t>(i); };
  Exclusions exclusions;
  for (std::size_t i = found.deviation; i + 1 < path.size() && i < max_length_; ++i) {
    exclusions.blocked = avoid_;
    exclusions.blocked.insert(exclusions.blocked.end(), path.begin(), prefix_end(i));
    exclusions.forbidden_first.clear();
    for (const Found& earlier : found_) {
      if (earlier.nodes.size() > i + 1 && std::equal(path.begin(), prefix_end(i + 1), earlier.nodes.begin()))
        exclusions.forbidden_first.push_back(earlier.nodes[i + 1]);
    }
    auto spur = search_.shortest(path[i], to_, exclusions, max_length_ - i);
    if (search_.budget().exhausted) return;
    if (!spur) continue;
    std::vector<NodeIndex> candidate(path.begin(), prefix_end(i));
    candidate.insert(candidate.end(), spur->begin(), spur->end());
    add_candidate(std::move(candidate), i);
  }
}

} // namespace mlkg::detail
