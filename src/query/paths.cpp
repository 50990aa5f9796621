#include "mlkg/query.hpp"
#include "query/common.hpp"
#include "query/yen.hpp"

#include <algorithm>
#include <limits>
#include <queue>
#include <set>
#include <tuple>

namespace mlkg {

namespace {

using detail::require;
using NodeList = std::vector<NodeIndex>;

bool contains(const NodeList& nodes, NodeIndex n) { return std::find(nodes.begin(), nodes.end(), n) != nodes.end(); }

void validate(const Graph& graph, const PathQuery& q) {
  const auto id = [&](NodeIndex n) { return "'" + graph.node(n).id + "'"; };
  require(q.k >= 1, "--k must be at least 1, not " + std::to_string(q.k));
  require(q.k <= max_k, "--k must be at most " + std::to_string(max_k) + ", not " + std::to_string(q.k));
  require(q.from != q.to, "a path needs two different nodes, but both ends are " + id(q.from));
  require(!q.max_hops || *q.max_hops >= 1,
          "--max-hops must be at least 1, not " + std::to_string(q.max_hops.value_or(0)));
  for (NodeIndex n : q.avoid)
    require(n != q.from && n != q.to, "cannot --avoid " + id(n) + ": it is an end of the path");
  if (q.via) {
    require(*q.via != q.from && *q.via != q.to, "--via " + id(*q.via) + " is an end of the path already");
    require(!contains(q.avoid, *q.via), "--via " + id(*q.via) + " is also in --avoid");
  }
}

std::string caption(const Graph& graph, const PathQuery& q) {
  std::string s = "path " + graph.node(q.from).id + " " + graph.node(q.to).id;
  if (q.k != 1) s += " --k " + std::to_string(q.k);
  if (!q.relations.empty()) s += " --rel " + detail::relation_list(graph, q.relations);
  if (q.via) s += " --via " + graph.node(*q.via).id;
  if (!q.avoid.empty()) s += " --avoid " + detail::id_list(graph, q.avoid);
  if (q.directed) s += " --directed";
  if (!q.prefer_flow) s += " --any";
  if (q.max_hops) s += " --max-hops " + std::to_string(*q.max_hops);
  return s;
}

// Orders paths by length, then by node ids hop by hop.
struct PathOrder {
  const detail::QueryIndex& index;
  bool operator()(const NodeList& a, const NodeList& b) const {
    if (a.size() != b.size()) return a.size() < b.size();
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [&](NodeIndex x, NodeIndex y) { return index.rank(x) < index.rank(y); });
  }
};

// A loopless path through `via`, as a path to it followed by a path from it sharing no other node.
// Pairs of the two halves' k-shortest sequences are visited in order of total length (the classic
// sorted-matrix walk), fetching more of each half only when needed.
class PathsVia {
public:
  PathsVia(detail::PathSearch& search, const PathQuery& q, std::size_t max_length)
      : first_(search, q.from, q.via.value(), with(q.avoid, q.to), max_length - 1),
        second_(search, q.via.value(), q.to, with(q.avoid, q.from), max_length - 1), max_length_(max_length) {}

  // The k shortest; `cut` is set when the pair budget ran out first.
  std::vector<NodeList> shortest(std::size_t k, const detail::QueryIndex& index, bool& cut) {
    using Entry = std::tuple<std::size_t, std::size_t, std::size_t>; // total length, i, j
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    std::set<std::pair<std::size_t, std::size_t>> queued;
    const auto push = [&](std::size_t i, std::size_t j) {
      const NodeList* a = first_.at(i);
      const NodeList* b = second_.at(j);
      if (a && b && queued.insert({i, j}).second) queue.emplace(a->size() + b->size() - 2, i, j);
    };
    std::vector<NodeList> found;
    std::size_t kth_length = std::numeric_limits<std::size_t>::max();
    std::size_t pairs_left = max_pairs;
    push(0, 0);
    while (!queue.empty()) {
      const auto [length, i, j] = queue.top();
      queue.pop();
      if (length > max_length_ || (found.size() >= k && length > kth_length)) break;
      if (pairs_left-- == 0) {
        cut = true;
        break;
      }
      if (auto joined = join(*first_.at(i), *second_.at(j))) {
        found.push_back(std::move(*joined));
        if (found.size() == k) kth_length = length;
      }
      push(i + 1, j);
      push(i, j + 1);
    }
    std::sort(found.begin(), found.end(), PathOrder{index});
    if (found.size() > k) found.resize(k);
    return found;
  }

private:
  static constexpr std::size_t max_pairs = 100'000;

  // One half's paths, generated as far as asked for.
  struct Half {
    Half(detail::PathSearch& search, NodeIndex from, NodeIndex to, NodeList avoid, std::size_t max_length)
        : paths(search, from, to, std::move(avoid), max_length) {}
    const NodeList* at(std::size_t i) {
      while (got.size() <= i && !done) {
        if (auto p = paths.next())
          got.push_back(std::move(*p));
        else
          done = true;
      }
      return i < got.size() ? &got[i] : nullptr;
    }
    detail::LooplessPaths paths;
    std::vector<NodeList> got;
    bool done = false;
  };

  static NodeList with(NodeList nodes, NodeIndex n) {
    nodes.push_back(n);
    return nodes;
  }

  static std::optional<NodeList> join(const NodeList& a, const NodeList& b) {
    NodeList x(a.begin(), a.end() - 1), y(b.begin() + 1, b.end());
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    NodeList common;
    std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(common));
    if (!common.empty()) return std::nullopt;
    NodeList joined = a;
    joined.insert(joined.end(), b.begin() + 1, b.end());
    return joined;
  }

  Half first_, second_;
  std::size_t max_length_;
};

} // namespace

namespace {

struct Search {
  std::vector<NodeList> found;
  std::string truncation;
};

// Whether a loopless path may pass through `via` at all: it comes in from one neighbour and leaves to
// another, so `via` needs a neighbour it may be entered from and a different one it may leave to. Without
// them "no path" is certain, and found at once: pairing half-paths that can never join took seconds, and
// then only said the answer might be incomplete.
bool may_pass_through(const detail::QueryIndex& index, const detail::WalkRules& rules, NodeIndex via,
                      const NodeList& avoid) {
  // Up to two distinct neighbours on each side are all the question needs, however many a hub has.
  const auto neighbours = [&](Direction d) {
    NodeList found;
    for (const detail::Arc& arc : index.arcs(via, d)) {
      if (!rules.allows(arc.rel) || arc.node == via || contains(avoid, arc.node) || contains(found, arc.node)) continue;
      found.push_back(arc.node);
      if (found.size() == 2) break;
    }
    return found;
  };
  const NodeList in = neighbours(detail::reverse(rules.direction)), out = neighbours(rules.direction);
  if (in.empty() || out.empty()) return false;
  return in.size() > 1 || out.size() > 1 || in.front() != out.front();
}

// The k shortest loopless paths under one set of walking rules.
Search shortest_paths(const detail::QueryIndex& index, detail::PathSearch& search, const detail::WalkRules& rules,
                      const PathQuery& query) {
  const auto k = static_cast<std::size_t>(query.k);
  const std::size_t max_length =
      query.max_hops ? static_cast<std::size_t>(*query.max_hops) : std::numeric_limits<std::size_t>::max();
  Search result;
  if (query.via && !may_pass_through(index, rules, *query.via, query.avoid)) return result;
  if (query.via) {
    bool cut = false;
    result.found = PathsVia(search, query, max_length).shortest(k, index, cut);
    if (cut) result.truncation = "stopped after trying 100000 pairs of half-paths through the --via node";
  } else {
    detail::LooplessPaths paths(search, query.from, query.to, query.avoid, max_length);
    while (result.found.size() < k) {
      auto path = paths.next();
      if (!path) break;
      result.found.push_back(std::move(*path));
    }
  }
  if (search.budget().exhausted)
    result.truncation = "stopped after examining " + std::to_string(query.limits.max_steps) + " edges";
  return result;
}

// Relations of the schema passing `keep`, in schema order.
template <class Keep> std::vector<RelIndex> relations_where(const Graph& graph, Keep keep) {
  std::vector<RelIndex> chosen;
  for (std::size_t r = 0; r < graph.schema().relations.size(); ++r)
    if (keep(graph.schema().relations[r])) chosen.push_back(static_cast<RelIndex>(r));
  return chosen;
}

} // namespace

std::vector<PathTier> path_tiers(const Graph& graph, const PathQuery& query) {
  const Direction walk = query.directed ? Direction::out : Direction::both;
  if (!query.prefer_flow || !query.relations.empty()) return {{query.relations, walk}};
  // "How does data get from A to B": chains of flow edges walked forward answer it best. Next come
  // walks that skip relations marked "paths": false (shared properties such as "serverless", which
  // join unrelated nodes), and last any walk, so that no path --any would find is missed.
  std::vector<PathTier> result;
  const auto flow = relations_where(graph, [](const Relation& r) { return r.flow; });
  if (!flow.empty()) result.push_back({flow, Direction::out});
  const auto linking = relations_where(graph, [](const Relation& r) { return r.in_paths; });
  if (linking.size() < graph.schema().relations.size()) result.push_back({linking, walk});
  result.push_back({{}, walk});
  return result;
}

bool follows_flow(const Graph& graph, const Path& path) {
  for (std::size_t i = 0; i < path.edges.size(); ++i) {
    const Edge& e = graph.edge(path.edges[i]);
    if (!graph.relation(path.edges[i]).flow || e.from != path.nodes[i]) return false;
  }
  return !path.edges.empty();
}

PathResult find_paths(const Graph& graph, const PathQuery& query) {
  validate(graph, query);
  PathResult result;
  result.query = query;
  auto index = detail::query_index(graph);
  detail::ScratchLease scratch(index);
  detail::StepBudget budget{query.limits.max_steps};
  const auto k = static_cast<std::size_t>(query.k);

  std::vector<NodeList> found;
  for (const PathTier& tier : path_tiers(graph, query)) {
    if (found.size() == k) break;
    const detail::WalkRules rules = detail::walk_rules(graph, tier.relations, tier.direction);
    detail::PathSearch search(*index, *scratch, rules, budget);
    Search more = shortest_paths(*index, search, rules, query);
    for (NodeList& path : more.found) {
      if (found.size() == k) break;
      if (std::find(found.begin(), found.end(), path) != found.end()) continue;
      result.paths.push_back(search.to_path(path)); // edges chosen by this walk's rules
      found.push_back(std::move(path));
    }
    if (result.truncation.empty()) result.truncation = more.truncation;
  }
  result.truncated = !result.truncation.empty();

  NodeList nodes;
  std::vector<EdgeIndex> edges;
  for (const Path& path : result.paths) {
    nodes.insert(nodes.end(), path.nodes.begin(), path.nodes.end());
    edges.insert(edges.end(), path.edges.begin(), path.edges.end());
  }
  NodeList asked{query.from, query.to};
  if (query.via) asked.push_back(*query.via);
  result.subgraph =
      detail::make_subgraph(graph, nodes, std::move(edges), std::move(asked), nodes, caption(graph, query));
  return result;
}

} // namespace mlkg
