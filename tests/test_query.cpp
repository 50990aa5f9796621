// Query algorithms on small hand-built graphs with known answers.
#include "mlkg/error.hpp"
#include "mlkg/query.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <functional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using namespace mlkg;

namespace {

Schema test_schema() {
  Schema s;
  s.node_types = {{"thing", ""}, {"problem", ""}};
  s.relations = {
      {"feeds", "", "fed-by", false, true, {}, {}},
      {"alternative-to", "", "alternative-to", true, false, {}, {}},
      {"mitigates", "", "mitigated-by", false, false, {}, {}},
      {"part-of", "", "has-part", false, false, {}, {}},
  };
  return s;
}

constexpr RelIndex feeds = 0, alternative = 1, mitigates = 2, part_of = 3;

struct EdgeSpec {
  std::string from;
  RelIndex rel;
  std::string to;
};

// Nodes named by `ids` (type "thing" unless listed in `problems`), then the edges.
Graph make_graph(const std::vector<std::string>& ids, const std::vector<EdgeSpec>& edges,
                 const std::vector<std::string>& problems = {}) {
  Graph g(test_schema());
  for (const std::string& id : ids) {
    Node n;
    n.id = id;
    n.label = id;
    n.type = std::find(problems.begin(), problems.end(), id) != problems.end() ? 1 : 0;
    g.add_node(std::move(n));
  }
  for (const EdgeSpec& e : edges) g.add_edge({*g.find(e.from), *g.find(e.to), e.rel});
  return g;
}

NodeIndex at(const Graph& g, const std::string& id) { return *g.find(id); }

std::string ids(const Graph& g, const std::vector<NodeIndex>& nodes) {
  std::string s;
  for (NodeIndex n : nodes) s += (s.empty() ? "" : " ") + g.node(n).id;
  return s;
}

std::vector<std::string> path_ids(const Graph& g, const PathResult& r) {
  std::vector<std::string> out;
  for (const Path& p : r.paths) out.push_back(ids(g, p.nodes));
  return out;
}

// Plain shortest paths: these tests are about Yen, not the preference for flow edges.
PathQuery path_query(const Graph& g, const std::string& from, const std::string& to, int k = 1) {
  PathQuery q;
  q.prefer_flow = false;
  q.from = at(g, from);
  q.to = at(g, to);
  q.k = k;
  return q;
}

ErrorKind error_kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("no error thrown");
  return ErrorKind::io;
}

} // namespace

TEST_CASE("query: shortest path walks both ways but reports true directions") {
  // a -> b <- c : reaching c from a walks b's incoming edge backwards.
  Graph g = make_graph({"a", "b", "c"}, {{"a", feeds, "b"}, {"c", feeds, "b"}});
  PathResult r = find_paths(g, path_query(g, "a", "c"));
  REQUIRE(r.paths.size() == 1);
  CHECK(ids(g, r.paths[0].nodes) == "a b c");
  REQUIRE(r.paths[0].edges.size() == 2);
  CHECK(g.edge(r.paths[0].edges[1]).from == at(g, "c")); // stored c -> b, walked b -> c
  CHECK(reading(g, r.paths[0].edges[1], at(g, "b")) == "fed-by");
  CHECK(reading(g, r.paths[0].edges[0], at(g, "a")) == "feeds");

  PathQuery directed = path_query(g, "a", "c");
  directed.directed = true;
  CHECK(find_paths(g, directed).paths.empty());
}

TEST_CASE("query: --directed walks symmetric relations either way") {
  // Symmetric relations are written one way only; "b alternative-to a" holds as much as the reverse.
  Graph g = make_graph({"a", "b", "c"}, {{"a", alternative, "b"}, {"c", feeds, "b"}});
  PathQuery q = path_query(g, "b", "a");
  q.directed = true;
  REQUIRE(find_paths(g, q).paths.size() == 1);
  q = path_query(g, "b", "c");
  q.directed = true;
  CHECK(find_paths(g, q).paths.empty()); // feeds is not symmetric
}

TEST_CASE("query: equal-length paths come out in id order") {
  // Four two-hop routes s -> {m1..m4} -> t, inserted in scrambled order.
  Graph g = make_graph({"t", "m3", "s", "m1", "m4", "m2"}, {{"s", feeds, "m3"},
                                                            {"m3", feeds, "t"},
                                                            {"s", feeds, "m1"},
                                                            {"m1", feeds, "t"},
                                                            {"m4", feeds, "t"},
                                                            {"s", feeds, "m4"},
                                                            {"s", feeds, "m2"},
                                                            {"m2", feeds, "t"}});
  CHECK(path_ids(g, find_paths(g, path_query(g, "s", "t", 1))) == std::vector<std::string>{"s m1 t"});
  CHECK(path_ids(g, find_paths(g, path_query(g, "s", "t", 3))) ==
        std::vector<std::string>{"s m1 t", "s m2 t", "s m3 t"});
  // Ten asked, only four exist (walking both ways adds no loopless ones).
  CHECK(find_paths(g, path_query(g, "s", "t", 10)).paths.size() == 4);
}

TEST_CASE("query: cycles, self-loops and parallel edges do not make extra paths") {
  Graph g = make_graph({"a", "b", "c"}, {{"a", feeds, "b"},
                                         {"b", feeds, "a"},
                                         {"b", feeds, "b"},
                                         {"b", part_of, "c"},
                                         {"b", feeds, "c"},
                                         {"c", feeds, "c"}});
  PathResult r = find_paths(g, path_query(g, "a", "c", 5));
  CHECK(path_ids(g, r) == std::vector<std::string>{"a b c"});
  // The reported hop prefers the walking direction, then the relation name: feeds before part-of.
  CHECK(g.schema().relations[g.edge(r.paths[0].edges[1]).rel].name == "feeds");
}

TEST_CASE("query: disconnected parts have no path") {
  Graph g = make_graph({"a", "b", "c", "d"}, {{"a", feeds, "b"}, {"c", feeds, "d"}});
  PathResult r = find_paths(g, path_query(g, "a", "d", 3));
  CHECK(r.paths.empty());
  CHECK_FALSE(r.truncated);
}

TEST_CASE("query: --rel, --avoid, --via and --max-hops constrain paths") {
  //   a - b - c - f
  //   |       |
  //   d ----- e        (d-e is part-of, the rest feeds)
  Graph g = make_graph({"a", "b", "c", "d", "e", "f"}, {{"a", feeds, "b"},
                                                        {"b", feeds, "c"},
                                                        {"c", feeds, "f"},
                                                        {"a", feeds, "d"},
                                                        {"d", part_of, "e"},
                                                        {"e", feeds, "c"}});
  PathQuery q = path_query(g, "a", "f", 5);
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a b c f", "a d e c f"});

  q.relations = {feeds};
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a b c f"});
  q.relations.clear();

  q.avoid = {at(g, "b")};
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a d e c f"});
  q.avoid.clear();

  q.via = at(g, "e");
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a d e c f"});
  q.via.reset();

  q.max_hops = 3;
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a b c f"});
  q.max_hops = 2;
  CHECK(find_paths(g, q).paths.empty());
}

TEST_CASE("query: --via a node no loopless path can pass is a certain no, found at once") {
  //   a - b - c      l hangs off b by two edges; r is entered by feeds only, d left by part-of only
  //       |
  //       l
  Graph g =
      make_graph({"a", "b", "c", "l", "r"},
                 {{"a", feeds, "b"}, {"b", feeds, "c"}, {"b", feeds, "l"}, {"l", part_of, "b"}, {"a", feeds, "r"}});
  PathQuery q = path_query(g, "a", "c", 10);
  q.limits.max_steps = 3; // a walk of the half-paths would run out of this at once and call the answer cut short
  for (const char* through : {"l", "r"}) {
    CAPTURE(through);
    q.via = at(g, through);
    const PathResult r = find_paths(g, q);
    CHECK(r.paths.empty());
    CHECK_FALSE(r.truncated);
  }
  q.via = at(g, "b");
  q.limits.max_steps = 1000;
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a b c"});
}

TEST_CASE("query: bad path queries are usage errors") {
  Graph g = make_graph({"a", "b", "c"}, {{"a", feeds, "b"}, {"b", feeds, "c"}});
  const auto kind = [&](auto edit) {
    PathQuery q = path_query(g, "a", "c");
    edit(q);
    return error_kind_of([&] { find_paths(g, q); });
  };
  CHECK(kind([](PathQuery& q) { q.k = 0; }) == ErrorKind::usage);
  CHECK(kind([](PathQuery& q) { q.k = -3; }) == ErrorKind::usage);
  CHECK(kind([](PathQuery& q) { q.k = max_k + 1; }) == ErrorKind::usage);
  CHECK(kind([](PathQuery& q) { q.to = q.from; }) == ErrorKind::usage);
  CHECK(kind([](PathQuery& q) { q.max_hops = 0; }) == ErrorKind::usage);
  CHECK(kind([&](PathQuery& q) { q.avoid = {at(g, "c")}; }) == ErrorKind::usage);
  CHECK(kind([&](PathQuery& q) {
          q.via = at(g, "b");
          q.avoid = {at(g, "b")};
        }) == ErrorKind::usage);
  CHECK(kind([&](PathQuery& q) { q.via = at(g, "a"); }) == ErrorKind::usage);
}

TEST_CASE("query: a step budget cuts Yen short and says so") {
  // A ladder has many loopless paths; a tiny budget must stop the search, not hang or lie.
  std::vector<std::string> names;
  std::vector<EdgeSpec> edges;
  for (int i = 0; i < 30; ++i) {
    names.push_back("u" + std::to_string(i));
    names.push_back("l" + std::to_string(i));
    edges.push_back({"u" + std::to_string(i), feeds, "l" + std::to_string(i)});
    if (i > 0) {
      edges.push_back({"u" + std::to_string(i - 1), feeds, "u" + std::to_string(i)});
      edges.push_back({"l" + std::to_string(i - 1), feeds, "l" + std::to_string(i)});
    }
  }
  Graph g = make_graph(names, edges);
  PathQuery q = path_query(g, "u0", "l29", 50);
  q.limits.max_steps = 2000;
  PathResult r = find_paths(g, q);
  CHECK(r.truncated);
  CHECK_FALSE(r.truncation.empty());
  CHECK(r.paths.size() < 50);
  q.limits = {};
  CHECK(find_paths(g, q).paths.size() == 50);
}

namespace {

// Every loopless path from `from` to `to` under the query's rules, sorted like find_paths promises.
std::vector<std::vector<NodeIndex>> brute_force_paths(const Graph& g, const PathQuery& q) {
  std::vector<std::vector<NodeIndex>> all;
  std::vector<NodeIndex> path{q.from};
  std::vector<char> on(g.node_count());
  on[q.from] = 1;
  const auto allowed = [&](EdgeIndex e) {
    return q.relations.empty() || std::find(q.relations.begin(), q.relations.end(), g.edge(e).rel) != q.relations.end();
  };
  std::function<void(NodeIndex)> walk = [&](NodeIndex u) {
    if (u == q.to) {
      const bool through = !q.via || std::find(path.begin(), path.end(), *q.via) != path.end();
      if (through && (!q.max_hops || path.size() - 1 <= static_cast<std::size_t>(*q.max_hops))) all.push_back(path);
      return;
    }
    std::vector<NodeIndex> next;
    for (EdgeIndex e : g.out_edges(u))
      if (allowed(e)) next.push_back(g.edge(e).to);
    for (EdgeIndex e : g.in_edges(u))
      if (allowed(e) && (!q.directed || g.relation(e).symmetric)) next.push_back(g.edge(e).from);
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    for (NodeIndex v : next) {
      if (on[v] || std::find(q.avoid.begin(), q.avoid.end(), v) != q.avoid.end()) continue;
      on[v] = 1;
      path.push_back(v);
      walk(v);
      path.pop_back();
      on[v] = 0;
    }
  };
  walk(q.from);
  std::sort(all.begin(), all.end(), [&](const auto& a, const auto& b) {
    if (a.size() != b.size()) return a.size() < b.size();
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [&](NodeIndex x, NodeIndex y) { return g.node(x).id < g.node(y).id; });
  });
  return all;
}

} // namespace

TEST_CASE("query: Yen's paths equal a brute-force enumeration on random graphs") {
  std::mt19937 rng(20240501);
  int compared = 0;
  for (int round = 0; round < 600; ++round) {
    const int n = 4 + static_cast<int>(rng() % 9);
    const int m = n + static_cast<int>(rng() % static_cast<unsigned>(2 * n));
    std::vector<std::string> names;
    for (int i = 0; i < n; ++i) names.push_back("n" + std::to_string((i * 7) % n)); // ids not in insertion order
    std::vector<EdgeSpec> edges;
    for (int i = 0; i < m; ++i) {
      // Self-loops and parallel edges allowed on purpose.
      edges.push_back({names[rng() % n], static_cast<RelIndex>(rng() % 4), names[rng() % n]});
    }
    Graph g = make_graph(names, edges);
    PathQuery q;
    q.prefer_flow = false;
    q.from = static_cast<NodeIndex>(rng() % n);
    q.to = static_cast<NodeIndex>(rng() % n);
    if (q.from == q.to) continue;
    q.k = 1 + static_cast<int>(rng() % 12);
    q.directed = rng() % 3 == 0;
    if (rng() % 4 == 0) q.relations = {feeds, part_of};
    if (rng() % 4 == 0) q.max_hops = 1 + static_cast<int>(rng() % 4);
    const auto other = static_cast<NodeIndex>(rng() % n);
    if (other != q.from && other != q.to) {
      if (rng() % 3 == 0)
        q.avoid = {other};
      else if (rng() % 3 == 0)
        q.via = other;
    }
    auto expected = brute_force_paths(g, q);
    if (expected.size() > static_cast<std::size_t>(q.k)) expected.resize(static_cast<std::size_t>(q.k));
    const PathResult r = find_paths(g, q);
    std::vector<std::vector<NodeIndex>> got;
    for (const Path& p : r.paths) {
      got.push_back(p.nodes);
      REQUIRE(p.edges.size() + 1 == p.nodes.size());
      for (std::size_t i = 0; i < p.edges.size(); ++i) {
        const Edge& e = g.edge(p.edges[i]);
        const bool forward = e.from == p.nodes[i] && e.to == p.nodes[i + 1];
        const bool backward = e.to == p.nodes[i] && e.from == p.nodes[i + 1];
        CHECK((forward || (backward && (!q.directed || g.relation(p.edges[i]).symmetric))));
      }
    }
    INFO("round " << round << ": " << r.subgraph.caption);
    CHECK(got == expected);
    CHECK_FALSE(r.truncated);
    ++compared;
  }
  CHECK(compared > 400);
}

TEST_CASE("query: neighbours by depth, relation, type and direction") {
  //      x <-part-of- a -feeds-> b -feeds-> c -feeds-> d
  //                   a -mitigates-> p (problem)
  Graph g = make_graph(
      {"a", "b", "c", "d", "x", "p"},
      {{"a", feeds, "b"}, {"b", feeds, "c"}, {"c", feeds, "d"}, {"x", part_of, "a"}, {"a", mitigates, "p"}}, {"p"});
  NeighbourQuery q;
  q.center = at(g, "a");
  NeighbourResult r = find_neighbours(g, q);
  REQUIRE(r.neighbours.size() == 3);
  CHECK(ids(g, {r.neighbours[0].node, r.neighbours[1].node, r.neighbours[2].node}) == "b p x");

  q.depth = 2;
  r = find_neighbours(g, q);
  REQUIRE(r.neighbours.size() == 4);
  CHECK(g.node(r.neighbours.back().node).id == "c");
  CHECK(r.neighbours.back().distance == 2);
  CHECK(r.neighbours.back().parent == at(g, "b"));

  q.direction = Direction::in;
  r = find_neighbours(g, q);
  REQUIRE(r.neighbours.size() == 1);
  CHECK(g.node(r.neighbours[0].node).id == "x");

  q.direction = Direction::both;
  q.depth = 3;
  q.relations = {feeds};
  q.types = {0};
  r = find_neighbours(g, q);
  CHECK(r.neighbours.size() == 3);

  // Listing only problems still walks through things; the subgraph keeps the linking nodes.
  q.relations.clear();
  q.types = {1};
  r = find_neighbours(g, q);
  REQUIRE(r.neighbours.size() == 1);
  CHECK(r.subgraph.answers == std::vector<NodeIndex>{at(g, "p")});

  q.depth = 0;
  CHECK(error_kind_of([&] { find_neighbours(g, q); }) == ErrorKind::usage);
  q.depth = max_depth + 1;
  CHECK(error_kind_of([&] { find_neighbours(g, q); }) == ErrorKind::usage);
}

TEST_CASE("query: neighbourhoods stop at the node limit and say so") {
  std::vector<std::string> names{"hub"};
  std::vector<EdgeSpec> edges;
  for (int i = 0; i < 50; ++i) {
    names.push_back("s" + std::to_string(100 + i));
    edges.push_back({"hub", feeds, names.back()});
  }
  edges.push_back({"hub", feeds, "hub"}); // a self-loop is not a neighbour
  Graph g = make_graph(names, edges);
  NeighbourQuery q;
  q.center = at(g, "hub");
  CHECK(find_neighbours(g, q).neighbours.size() == 50);
  q.limits.max_nodes = 10;
  NeighbourResult r = find_neighbours(g, q);
  CHECK(r.truncated);
  REQUIRE(r.neighbours.size() == 10);
  CHECK(g.node(r.neighbours.front().node).id == "s100"); // the cut keeps the smallest ids
  CHECK(g.node(r.neighbours.back().node).id == "s109");
}

TEST_CASE("query: related reads relations both ways and --in follows the reading") {
  Graph g = make_graph({"overfitting", "dropout", "early-stopping", "lasso", "ridge"},
                       {{"dropout", mitigates, "overfitting"},
                        {"early-stopping", mitigates, "overfitting"},
                        {"lasso", alternative, "ridge"}},
                       {"overfitting"});
  RelatedQuery q;
  q.node = at(g, "overfitting");
  q.relations = {{mitigates, false}};
  q.direction = Direction::in;
  RelatedResult r = find_related(g, q);
  REQUIRE(r.related.size() == 2);
  CHECK(ids(g, {r.related[0].node, r.related[1].node}) == "dropout early-stopping");

  q.direction = Direction::out; // nothing: overfitting mitigates nothing
  CHECK(find_related(g, q).related.empty());

  q.relations = {{mitigates, true}}; // "mitigated-by", outgoing in that reading = incoming mitigates
  CHECK(find_related(g, q).related.size() == 2);

  q.node = at(g, "ridge");
  q.relations = {{alternative, false}};
  q.direction = Direction::out; // symmetric: direction does not matter
  r = find_related(g, q);
  REQUIRE(r.related.size() == 1);
  CHECK(g.node(r.related[0].node).id == "lasso");
}

TEST_CASE("query: pipelines name the broken link and a bridge") {
  Graph g = make_graph({"s3", "crawler", "catalog", "athena", "quicksight", "redshift"},
                       {{"s3", feeds, "crawler"},
                        {"crawler", feeds, "catalog"},
                        {"catalog", feeds, "athena"},
                        {"athena", feeds, "quicksight"},
                        {"redshift", alternative, "athena"}});
  PipelineQuery q;
  q.stages = {at(g, "crawler"), at(g, "catalog"), at(g, "athena"), at(g, "quicksight")};
  PipelineResult r = check_pipeline(g, q);
  CHECK(r.valid());
  CHECK(r.links.size() == 3);

  q.stages = {at(g, "s3"), at(g, "athena"), at(g, "redshift")};
  r = check_pipeline(g, q);
  CHECK_FALSE(r.valid());
  REQUIRE(r.links.size() == 2);
  REQUIRE(r.links[0].bridge);
  CHECK(r.links[0].bridge_is_flow);
  CHECK(ids(g, r.links[0].bridge->nodes) == "s3 crawler catalog athena");
  REQUIRE(r.links[1].bridge);
  CHECK_FALSE(r.links[1].bridge_is_flow); // linked, but not by a flow
  CHECK(ids(g, r.links[1].bridge->nodes) == "athena redshift");

  q.stages = {at(g, "quicksight"), at(g, "athena")}; // against the flow
  r = check_pipeline(g, q);
  CHECK_FALSE(r.valid());

  q.relations = {part_of};
  CHECK(error_kind_of([&] { check_pipeline(g, q); }) == ErrorKind::usage);
  q.relations.clear();
  q.stages = {at(g, "s3")};
  CHECK(error_kind_of([&] { check_pipeline(g, q); }) == ErrorKind::usage);
  q.stages = {at(g, "s3"), at(g, "s3")};
  CHECK(error_kind_of([&] { check_pipeline(g, q); }) == ErrorKind::usage);
}

TEST_CASE("query: a pipeline link lifts through a part of either end") {
  Graph g = make_graph({"glue", "data-catalog", "crawler", "athena", "quicksight", "sagemaker", "training", "s3"},
                       {{"data-catalog", part_of, "glue"},
                        {"crawler", part_of, "glue"},
                        {"data-catalog", feeds, "athena"},
                        {"crawler", feeds, "athena"},
                        {"crawler", feeds, "data-catalog"},
                        {"athena", feeds, "quicksight"},
                        {"training", part_of, "sagemaker"},
                        {"s3", feeds, "training"}});
  PipelineQuery q;
  q.stages = {at(g, "glue"), at(g, "athena"), at(g, "quicksight")};
  PipelineResult r = check_pipeline(g, q);
  CHECK(r.valid());
  REQUIRE(r.links[0].through);
  CHECK(g.node(*r.links[0].through).id == "data-catalog"); // the crawler feeds athena too, but hands over to it
  REQUIRE(r.links[0].edges.size() == 2);
  CHECK(g.edge(r.links[0].edges[0]).rel == feeds);
  CHECK(g.edge(r.links[0].edges[1]).rel == part_of);
  CHECK_FALSE(r.links[1].through); // a direct edge needs no part
  CHECK(ids(g, r.subgraph.nodes) == "athena data-catalog glue quicksight");

  q.stages = {at(g, "s3"), at(g, "sagemaker")}; // feeds a part of the next stage
  r = check_pipeline(g, q);
  CHECK(r.valid());
  REQUIRE(r.links[0].through);
  CHECK(g.node(*r.links[0].through).id == "training");

  q.stages = {at(g, "athena"), at(g, "glue")}; // lifting keeps the flow's direction
  CHECK_FALSE(check_pipeline(g, q).valid());
}

TEST_CASE("query: a bridge made only of shared traits is no connection") {
  Schema schema = test_schema();
  schema.relations[mitigates].in_paths = false; // stands in for has-property
  Graph g(schema);
  for (const char* id : {"glue", "athena", "managed", "redshift"}) {
    Node n;
    n.id = n.label = id;
    g.add_node(std::move(n));
  }
  g.add_edge({at(g, "glue"), at(g, "managed"), mitigates});
  g.add_edge({at(g, "athena"), at(g, "managed"), mitigates});
  g.add_edge({at(g, "athena"), at(g, "redshift"), alternative});
  PipelineQuery q;
  q.stages = {at(g, "glue"), at(g, "athena")};
  PipelineResult r = check_pipeline(g, q);
  CHECK_FALSE(r.valid());
  CHECK_FALSE(r.links[0].bridge);
  q.stages = {at(g, "redshift"), at(g, "athena")};
  r = check_pipeline(g, q);
  REQUIRE(r.links[0].bridge); // a real relation is still suggested
  CHECK_FALSE(r.links[0].bridge_is_flow);
}

TEST_CASE("query: compare and explain") {
  Graph h(test_schema());
  for (const char* id : {"kmeans", "knn", "clustering", "classification", "distance"}) {
    Node n;
    n.id = id;
    n.label = id;
    if (n.id == "kmeans") n.facts = {"Unlike KNN it needs no labels.", "Picks k by the elbow method."};
    h.add_node(std::move(n));
  }
  const auto edge = [&](const char* a, RelIndex r, const char* b) { h.add_edge({*h.find(a), *h.find(b), r}); };
  edge("kmeans", alternative, "knn");
  edge("kmeans", feeds, "clustering");
  edge("knn", feeds, "classification");
  edge("kmeans", part_of, "distance");
  edge("knn", part_of, "distance");

  CompareResult c = compare_nodes(h, at(h, "kmeans"), at(h, "knn"));
  REQUIRE(c.between.size() == 1);
  REQUIRE(c.shared.size() == 1);
  CHECK(h.node(c.shared[0].node).id == "distance");
  REQUIRE(c.only_a.size() == 1);
  CHECK(h.node(h.edge(c.only_a[0]).to).id == "clustering");
  REQUIRE(c.only_b.size() == 1);
  REQUIRE(c.facts.size() == 1); // "knn" as a whole word; "k" alone would not count
  CHECK(c.facts[0].text == "Unlike KNN it needs no labels.");

  ExplainResult e = explain_link(h, at(h, "knn"), at(h, "kmeans"));
  CHECK(e.edges.size() == 1);
  CHECK(e.facts.size() == 1);
  CHECK(explain_link(h, at(h, "clustering"), at(h, "classification")).edges.empty());
  CHECK(error_kind_of([&] { compare_nodes(h, at(h, "knn"), at(h, "knn")); }) == ErrorKind::usage);
}

TEST_CASE("query: chains of flow edges walked forward come first unless prefer_flow is off") {
  // a feeds b feeds c feeds d; a is an alternative to x, which feeds d; d feeds back to a.
  const Graph g = make_graph({"a", "b", "c", "d", "x"}, {{"a", feeds, "b"},
                                                         {"b", feeds, "c"},
                                                         {"c", feeds, "d"},
                                                         {"a", alternative, "x"},
                                                         {"x", feeds, "d"},
                                                         {"d", feeds, "a"}});
  PathQuery q = path_query(g, "a", "d", 3);
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a d", "a x d", "a b c d"});
  q.prefer_flow = true;
  const PathResult flow_first = find_paths(g, q);
  CHECK(path_ids(g, flow_first) == std::vector<std::string>{"a b c d", "a d", "a x d"});
  CHECK(follows_flow(g, flow_first.paths[0]));
  CHECK_FALSE(follows_flow(g, flow_first.paths[1])); // d feeds a: walked against its direction
  CHECK_FALSE(follows_flow(g, flow_first.paths[2]));
  q.k = 1;
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a b c d"});
  q.relations = {alternative, feeds}; // naming relations turns the preference off
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a d"});
}

TEST_CASE("query: relations marked \"paths\": false are walked only when nothing else joins the ends") {
  Schema schema = test_schema();
  schema.relations[part_of].in_paths = false; // stands in for has-property: a shared trait, not a link
  Graph g(schema);
  for (const char* id : {"a", "b", "c", "d", "trait", "lonely"}) {
    Node n;
    n.id = n.label = id;
    g.add_node(std::move(n));
  }
  const auto add = [&](const char* from, RelIndex rel, const char* to) { g.add_edge({at(g, from), at(g, to), rel}); };
  add("a", part_of, "trait");
  add("c", part_of, "trait");
  add("a", mitigates, "b");
  add("b", mitigates, "d");
  add("d", mitigates, "c");
  add("lonely", part_of, "trait");

  PathQuery q = path_query(g, "a", "c", 2);
  q.prefer_flow = true;
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a b d c", "a trait c"});
  q.prefer_flow = false; // --any: plain shortest paths
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a trait c", "a b d c"});
  q = path_query(g, "a", "lonely");
  q.prefer_flow = true; // only the trait joins them: still found
  CHECK(path_ids(g, find_paths(g, q)) == std::vector<std::string>{"a trait lonely"});
}
