#include "query/search.hpp"

#include "mlkg/error.hpp"

#include <algorithm>

namespace mlkg::detail {

WalkRules walk_rules(const Graph& graph, const std::vector<RelIndex>& relations, Direction direction) {
  WalkRules rules;
  rules.direction = direction;
  if (!relations.empty()) {
    rules.allowed.assign(graph.schema().relations.size(), 0);
    for (RelIndex r : relations) rules.allowed.at(r) = 1;
  }
  return rules;
}

Direction reverse(Direction d) {
  switch (d) {
  case Direction::out: return Direction::in;
  case Direction::in: return Direction::out;
  case Direction::both: break;
  }
  return Direction::both;
}

bool StepBudget::spend(std::size_t steps) {
  if (steps > left) {
    left = 0;
    exhausted = true;
    return false;
  }
  left -= steps;
  return true;
}

PathSearch::PathSearch(const QueryIndex& index, Scratch& scratch, const WalkRules& rules, StepBudget& budget)
    : index_(index), scratch_(scratch), rules_(rules), budget_(budget) {}

// Whether the walk may take the hop u -> v along an edge of relation `rel` (blocked nodes aside).
bool PathSearch::may_step(NodeIndex u, NodeIndex v, RelIndex rel) const {
  if (!rules_.allows(rel)) return false;
  return u != source_ || !forbidden_first_ ||
         std::find(forbidden_first_->begin(), forbidden_first_->end(), v) == forbidden_first_->end();
}

std::optional<std::vector<NodeIndex>> PathSearch::shortest(NodeIndex s, NodeIndex t, const Exclusions& exclusions,
                                                           std::size_t max_length) {
  if (budget_.exhausted) return std::nullopt;
  scratch_.clear();
  for (NodeIndex v : exclusions.blocked) {
    scratch_.set(scratch_.forward, v, Scratch::blocked);
    scratch_.backward[v] = Scratch::blocked;
  }
  if (scratch_.forward[s] == Scratch::blocked || scratch_.forward[t] == Scratch::blocked) return std::nullopt;
  if (s == t) return std::vector<NodeIndex>{s};
  source_ = s;
  forbidden_first_ = &exclusions.forbidden_first;

  forward_.order.assign(1, s);
  forward_.starts.assign({0, 1});
  backward_.order.assign(1, t);
  backward_.starts.assign({0, 1});
  scratch_.set(scratch_.forward, s, 1);
  scratch_.set(scratch_.backward, t, 1);

  std::size_t rf = 0, rb = 0; // levels completed on each side
  for (;;) {
    if (rf + rb >= max_length) return std::nullopt;
    const std::size_t forward_size = forward_.frontier_size(), backward_size = backward_.frontier_size();
    if (forward_size == 0 || backward_size == 0) return std::nullopt;
    const bool go_forward = forward_size <= backward_size;
    // The first meeting already fixes the length at rf + rb + 1. Which levels extract() then needs
    // complete decides whether the level being grown may stop there.
    const bool stop_at_meeting = go_forward || rf == 0;
    const bool met = expand(go_forward, go_forward ? rf : rb, stop_at_meeting);
    if (budget_.exhausted) return std::nullopt;
    if (met) return stop_at_meeting ? extract(s, rf, rb) : extract(s, rf - 1, rb + 1);
    ++(go_forward ? rf : rb);
  }
}

// Labels the next level of one side; says whether it touched the other side.
bool PathSearch::expand(bool forward, std::size_t level, bool stop_at_meeting) {
  Side& side = forward ? forward_ : backward_;
  std::vector<std::uint32_t>& mine = forward ? scratch_.forward : scratch_.backward;
  const std::vector<std::uint32_t>& theirs = forward ? scratch_.backward : scratch_.forward;
  const Direction direction = forward ? rules_.direction : reverse(rules_.direction);
  const auto label = static_cast<std::uint32_t>(level + 2); // hops + 1

  bool met = false;
  const std::size_t end = side.starts[level + 1];
  for (std::size_t i = side.starts[level]; i < end; ++i) {
    // Loads of a node's span, its arcs and their marks would otherwise stall one after the other.
    if (i + 8 < end) index_.prefetch_span(side.order[i + 8]);
    if (i + 4 < end) index_.prefetch(side.order[i + 4]);
    if (i + 2 < end)
      for (const Arc& arc : index_.arcs(side.order[i + 2], direction)) __builtin_prefetch(&mine[arc.node]);
    const NodeIndex u = side.order[i];
    const ArcRange arcs = index_.arcs(u, direction);
    if (!budget_.spend(static_cast<std::size_t>(arcs.end() - arcs.begin()))) return false;
    for (const Arc& arc : arcs) {
      const NodeIndex v = arc.node;
      if (mine[v] != 0) continue; // reached already, or blocked
      // The backward side finds hops v -> u, walked against the grain.
      if (!(forward ? may_step(u, v, arc.rel) : may_step(v, u, arc.rel))) continue;
      scratch_.set(mine, v, label);
      side.order.push_back(v);
      if (theirs[v] != 0) {
        met = true;
        if (stop_at_meeting) return true;
      }
    }
  }
  side.starts.push_back(side.order.size());
  return met;
}

// The children of `u` one forward level further on, not known to be dead ends, in id order.
PathSearch::Frame PathSearch::open(NodeIndex u, std::size_t level) {
  const std::size_t begin = children_.size();
  const ArcRange arcs = index_.arcs(u, rules_.direction);
  budget_.spend(static_cast<std::size_t>(arcs.end() - arcs.begin()));
  for (const Arc& arc : arcs) {
    const NodeIndex v = arc.node;
    if (scratch_.forward[v] == level + 2 && scratch_.flag[v] == 0 && may_step(u, v, arc.rel)) children_.push_back(v);
  }
  const auto first = children_.begin() + static_cast<std::ptrdiff_t>(begin);
  std::sort(first, children_.end(), [&](NodeIndex a, NodeIndex b) { return index_.rank(a) < index_.rank(b); });
  children_.erase(std::unique(first, children_.end()), children_.end());
  return {u, begin, begin, children_.size()};
}

// The smallest-id node one hop from `u` whose mark is `label`.
std::optional<NodeIndex> PathSearch::smallest_step(NodeIndex u, const std::vector<std::uint32_t>& marks,
                                                   std::uint32_t label) {
  std::optional<NodeIndex> best;
  const ArcRange arcs = index_.arcs(u, rules_.direction);
  budget_.spend(static_cast<std::size_t>(arcs.end() - arcs.begin()));
  for (const Arc& arc : arcs) {
    if (marks[arc.node] == label && (!best || index_.rank(arc.node) < index_.rank(*best)) &&
        may_step(u, arc.node, arc.rel))
      best = arc.node;
  }
  return best;
}

// The shortest path whose node ids are smallest hop by hop, given complete forward levels up to
// `last_forward` and complete backward levels up to `first_backward`, the length being the sum + 1.
// Depth first from s, children in id order, the first node of level last_forward with an edge into
// backward level first_backward fixes the start; exact backward distances then lead on to t. Dead
// ends are flagged so that no node is opened twice. Checking against the larger of the two meeting
// levels (the caller's choice) makes the first hit come early.
std::optional<std::vector<NodeIndex>> PathSearch::extract(NodeIndex s, std::size_t last_forward,
                                                          std::size_t first_backward) {
  const auto link_label = static_cast<std::uint32_t>(first_backward + 1);
  std::vector<NodeIndex> path;
  std::optional<NodeIndex> link;
  if (last_forward == 0) {
    path.push_back(s);
    link = smallest_step(s, scratch_.backward, link_label);
  } else {
    children_.clear();
    std::vector<Frame> stack{open(s, 0)};
    while (!stack.empty() && !link && !budget_.exhausted) {
      Frame& frame = stack.back();
      if (frame.next == frame.end) {
        scratch_.set_flag(frame.node); // a dead end
        children_.resize(frame.begin);
        stack.pop_back();
        continue;
      }
      const NodeIndex v = children_[frame.next++];
      if (scratch_.flag[v] != 0) continue;
      if (stack.size() < last_forward) {
        stack.push_back(open(v, stack.size()));
      } else if ((link = smallest_step(v, scratch_.backward, link_label))) {
        for (const Frame& f : stack) path.push_back(f.node);
        path.push_back(v);
      } else {
        scratch_.set_flag(v);
      }
    }
  }
  if (!link || budget_.exhausted) return std::nullopt;
  path.push_back(*link);
  for (auto label = link_label - 1; label > 0; --label) {
    const auto next = smallest_step(path.back(), scratch_.backward, label);
    if (!next) return std::nullopt; // cannot happen: backward levels are exact
    path.push_back(*next);
  }
  return path;
}

EdgeIndex PathSearch::edge_between(NodeIndex u, NodeIndex v) const {
  const Arc* best = nullptr;
  const auto better = [&](const Arc& a, const Arc& b) {
    if (a.forward != b.forward) return a.forward;
    if (a.rel != b.rel) return index_.relation_rank(a.rel) < index_.relation_rank(b.rel);
    return a.edge < b.edge;
  };
  for (const Arc& arc : index_.arcs(u, rules_.direction))
    if (arc.node == v && rules_.allows(arc.rel) && (!best || better(arc, *best))) best = &arc;
  if (!best) throw Error(ErrorKind::invalid_graph, "internal: no edge for a hop of a found path");
  return best->edge;
}

Path PathSearch::to_path(const std::vector<NodeIndex>& nodes) const {
  Path path{nodes, {}};
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i) path.edges.push_back(edge_between(nodes[i], nodes[i + 1]));
  return path;
}

} // namespace mlkg::detail
