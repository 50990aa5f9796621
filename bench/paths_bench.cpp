// Times mlkg's path queries on a generated graph, for bench/run to set beside networkx.
//
//   mlkg_bench_paths --nodes N --edges M --seed S --pairs P --k-pairs Q --k K --baseline-pairs B --out DIR
//
// Writes DIR/edges.tsv and DIR/pairs.tsv (so that networkx loads the very same graph and queries),
// builds an mlkg::Graph of it, then prints one JSON object with the time of every query. Only the
// query call is timed: find_paths() on a graph already in memory, the same thing networkx is timed on.
#include "mlkg/graph.hpp"
#include "mlkg/query.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

using namespace mlkg;
using Clock = std::chrono::steady_clock;
using json = nlohmann::ordered_json;

namespace {

struct Options {
  std::uint32_t nodes = 100'000;
  std::uint32_t edges = 1'000'000;
  std::uint64_t seed = 42;
  int pairs = 100;
  int k_pairs = 20;
  int k = 10;
  int baseline_pairs = 20; // pairs timed with plain BGL Dijkstra
  int repeat = 5;          // each query runs this many times: the first run and the fastest are reported
  std::string out = ".";
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--nodes")
      o.nodes = static_cast<std::uint32_t>(std::stoul(value));
    else if (flag == "--edges")
      o.edges = static_cast<std::uint32_t>(std::stoul(value));
    else if (flag == "--seed")
      o.seed = std::stoull(value);
    else if (flag == "--pairs")
      o.pairs = std::stoi(value);
    else if (flag == "--k-pairs")
      o.k_pairs = std::stoi(value);
    else if (flag == "--k")
      o.k = std::stoi(value);
    else if (flag == "--repeat")
      o.repeat = std::max(1, std::stoi(value));
    else if (flag == "--baseline-pairs")
      o.baseline_pairs = std::stoi(value);
    else if (flag == "--out")
      o.out = value;
    else
      throw std::runtime_error("unknown option " + flag);
  }
  return o;
}

PathQuery between(NodeIndex from, NodeIndex to, bool directed, int k = 1) {
  PathQuery q;
  q.prefer_flow = false; // plain shortest paths, as networkx computes them
  q.from = from;
  q.to = to;
  q.directed = directed;
  q.k = k;
  return q;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A uniform random graph (G(n, m)): no self-loops, no two edges on the same pair of nodes in either
// direction, so that networkx's Graph and DiGraph hold exactly the edges mlkg does.
std::vector<std::pair<NodeIndex, NodeIndex>> generate(const Options& o, std::mt19937_64& rng) {
  std::uniform_int_distribution<NodeIndex> node(0, o.nodes - 1);
  std::unordered_set<std::uint64_t> used;
  used.reserve(o.edges * 2);
  std::vector<std::pair<NodeIndex, NodeIndex>> edges;
  edges.reserve(o.edges);
  while (edges.size() < o.edges) {
    const NodeIndex a = node(rng), b = node(rng);
    if (a == b) continue;
    const std::uint64_t key = (std::uint64_t{std::min(a, b)} << 32) | std::max(a, b);
    if (used.insert(key).second) edges.emplace_back(a, b);
  }
  return edges;
}

Schema bench_schema() {
  Schema s;
  s.node_types = {{"concept", ""}};
  for (const char* name : {"feeds", "part-of", "used-for", "is-a"})
    s.relations.push_back({name, "", "", false, false, {}, {}});
  return s;
}

// The textbook alternative: Boost.Graph's dijkstra_shortest_paths from the source, stopped when the
// target is settled. Timed only to show why mlkg searches from both ends instead.
struct StopAtTarget : boost::default_dijkstra_visitor {
  std::uint32_t target;
  template <class Graph> void examine_vertex(std::uint32_t v, const Graph&) const {
    if (v == target) throw this;
  }
};

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                               boost::no_property, std::uint32_t, std::uint32_t>;

double bgl_dijkstra_ms(const Csr& g, std::uint32_t s, std::uint32_t t, std::vector<std::uint32_t>& dist,
                       std::vector<std::uint32_t>& pred) {
  const auto start = Clock::now();
  StopAtTarget visitor;
  visitor.target = t;
  try {
    boost::dijkstra_shortest_paths(
        g, s,
        boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, g)))
            .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g)))
            .weight_map(boost::make_function_property_map<decltype(*boost::edges(g).first)>(
                [](const auto&) { return std::uint32_t{1}; }))
            .visitor(visitor));
  } catch (const StopAtTarget*) {
  }
  return ms_since(start);
}

} // namespace

struct Timed {
  double first_ms = 0; // the query's first run: caches hold whatever the previous query left
  double warm_ms = 0;  // the fastest of all runs of the same query (timeit's min())
  PathResult result;
};

Timed timed(int times, const std::function<PathResult()>& query) {
  Timed t;
  for (int i = 0; i < times; ++i) {
    const auto start = Clock::now();
    PathResult r = query();
    const double ms = ms_since(start);
    if (i == 0) t.first_ms = t.warm_ms = ms;
    t.warm_ms = std::min(t.warm_ms, ms);
    t.result = std::move(r);
  }
  return t;
}

int main(int argc, char** argv) try {
  const Options o = parse(argc, argv);
  std::mt19937_64 rng(o.seed);
  auto start = Clock::now();
  const auto edges = generate(o, rng);
  const double generate_ms = ms_since(start);

  std::uniform_int_distribution<NodeIndex> node(0, o.nodes - 1);
  std::vector<std::pair<NodeIndex, NodeIndex>> pairs;
  while (pairs.size() < static_cast<std::size_t>(std::max(o.pairs, o.k_pairs))) {
    const NodeIndex a = node(rng), b = node(rng);
    if (a != b) pairs.emplace_back(a, b);
  }
  {
    std::ofstream edge_file(o.out + "/edges.tsv"), pair_file(o.out + "/pairs.tsv");
    for (const auto& [a, b] : edges) edge_file << a << '\t' << b << '\n';
    for (const auto& [a, b] : pairs) pair_file << a << '\t' << b << '\n';
  }

  start = Clock::now();
  Graph graph(bench_schema());
  graph.reserve(o.nodes, o.edges);
  for (std::uint32_t i = 0; i < o.nodes; ++i) {
    Node n;
    n.id = "n" + std::to_string(i);
    n.label = n.id;
    graph.add_node(std::move(n));
  }
  std::uniform_int_distribution<RelIndex> relation(0, 3);
  for (const auto& [a, b] : edges) graph.add_edge({a, b, relation(rng)});
  const double build_ms = ms_since(start);

  // The first query also builds the query module's flat adjacency index; it is reported apart.
  start = Clock::now();
  find_paths(graph, between(pairs[0].first, pairs[0].second, false));
  const double first_query_ms = ms_since(start);

  json report = {{"nodes", o.nodes},
                 {"edges", o.edges},
                 {"generate_ms", generate_ms},
                 {"build_ms", build_ms},
                 {"first_query_ms", first_query_ms}};
  for (const bool directed : {false, true}) {
    json shortest = json::array(), k_shortest = json::array();
    for (int i = 0; i < o.pairs; ++i) {
      const PathQuery q = between(pairs[i].first, pairs[i].second, directed);
      const Timed t = timed(o.repeat, [&] { return find_paths(graph, q); });
      const PathResult& r = t.result;
      shortest.push_back({{"ms", t.first_ms},
                          {"warm_ms", t.warm_ms},
                          {"lengths", r.paths.empty() ? json::array() : json::array({r.paths[0].length()})}});
    }
    for (int i = 0; i < o.k_pairs; ++i) {
      const PathQuery q = between(pairs[i].first, pairs[i].second, directed, o.k);
      const Timed t = timed(o.repeat, [&] { return find_paths(graph, q); });
      json lengths = json::array();
      for (const Path& p : t.result.paths) lengths.push_back(p.length());
      k_shortest.push_back({{"ms", t.first_ms},
                            {"warm_ms", t.warm_ms},
                            {"lengths", std::move(lengths)},
                            {"truncated", t.result.truncated}});
    }
    report[directed ? "directed" : "undirected"] = {{"shortest", std::move(shortest)}, {"k", std::move(k_shortest)}};
  }

  // Baseline: one-directional BGL Dijkstra on an undirected (both ways) CSR copy of the graph.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> both_ways;
  both_ways.reserve(edges.size() * 2);
  for (const auto& [a, b] : edges) {
    both_ways.emplace_back(a, b);
    both_ways.emplace_back(b, a);
  }
  std::sort(both_ways.begin(), both_ways.end());
  const Csr csr(boost::edges_are_sorted, both_ways.begin(), both_ways.end(), o.nodes);
  std::vector<std::uint32_t> dist(o.nodes), pred(o.nodes);
  json baseline = json::array();
  for (int i = 0; i < o.baseline_pairs; ++i)
    baseline.push_back(bgl_dijkstra_ms(csr, pairs[i].first, pairs[i].second, dist, pred));
  report["bgl_dijkstra_undirected_ms"] = std::move(baseline);

  std::cout << report.dump() << '\n';
  return 0;
} catch (const std::exception& e) {
  std::cerr << "mlkg_bench_paths: " << e.what() << '\n';
  return 1;
}
