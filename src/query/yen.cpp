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
  prefixes_.insert(found_.back().nodes);
  return found_.back().nodes;
}

void LooplessPaths::Prefixes::insert(const std::vector<NodeIndex>& path) {
  std::uint32_t at = root;
  for (NodeIndex n : path) {
    auto& links = children_[at];
    auto it = std::find_if(links.begin(), links.end(), [n](const auto& link) { return link.first == n; });
    if (it != links.end()) {
      at = it->second;
      continue;
    }
    const auto added = static_cast<std::uint32_t>(children_.size());
    links.emplace_back(n, added);
    children_.emplace_back(); // after the last use of `links`, which this may move
    at = added;
  }
}

std::uint32_t LooplessPaths::Prefixes::child(std::uint32_t prefix, NodeIndex next) const {
  for (const auto& [n, at] : children_[prefix])
    if (n == next) return at;
  return root; // not reached for a prefix of an inserted path
}

std::vector<NodeIndex> LooplessPaths::Prefixes::next_nodes(std::uint32_t prefix) const {
  std::vector<NodeIndex> nodes;
  for (const auto& link : children_[prefix]) nodes.push_back(link.first);
  return nodes;
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
  std::uint32_t prefix = Prefixes::root; // the tree node of path[0, i]
  for (std::size_t k = 0; k <= found.deviation && k < path.size(); ++k) prefix = prefixes_.child(prefix, path[k]);
  for (std::size_t i = found.deviation; i + 1 < path.size() && i < max_length_; ++i) {
    if (i > found.deviation) prefix = prefixes_.child(prefix, path[i]);
    exclusions.blocked = avoid_;
    exclusions.blocked.insert(exclusions.blocked.end(), path.begin(), prefix_end(i));
    // The next nodes of every earlier path sharing path[0, i], this one's included.
    exclusions.forbidden_first = prefixes_.next_nodes(prefix);
    auto spur = search_.shortest(path[i], to_, exclusions, max_length_ - i);
    if (search_.budget().exhausted) return;
    if (!spur) continue;
    std::vector<NodeIndex> candidate(path.begin(), prefix_end(i));
    candidate.insert(candidate.end(), spur->begin(), spur->end());
    add_candidate(std::move(candidate), i);
  }
}

} // namespace mlkg::detail
