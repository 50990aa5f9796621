#include "graph/id_table.hpp"
#include "mlkg/graph.hpp"

#include <doctest/doctest.h>
#include <initializer_list>
#include <string>
#include <vector>

using namespace mlkg;

namespace {
Schema tiny_schema() {
  Schema s;
  s.node_types = {{"service", ""}, {"problem", ""}};
  s.relations = {{"feeds", "", "fed-by", false, true, {}, {}},
                 {"alternative-to", "", "alternative-to", true, false, {}, {}}};
  return s;
}
Node node(const std::string& id) { return Node{id, id, 0, {}, {}, {}, {}, {}, {}}; }
} // namespace

TEST_CASE("Graph keeps ids, typed edges and both adjacency directions") {
  Graph g(tiny_schema());
  const NodeIndex a = g.add_node(node("a"));
  const NodeIndex b = g.add_node(node("b"));
  const NodeIndex c = g.add_node(node("c"));
  const EdgeIndex ab = g.add_edge({a, b, 0}, "note", std::vector<LineRange>{{3, 4}});
  const EdgeIndex cb = g.add_edge({c, b, 1});
  CHECK(g.node_count() == 3);
  CHECK(g.edge_count() == 2);
  CHECK(g.find("b") == b);
  CHECK_FALSE(g.find("zz").has_value());
  CHECK(g.out_edges(a) == std::vector<EdgeIndex>{ab});
  CHECK(g.in_edges(b) == std::vector<EdgeIndex>{ab, cb});
  CHECK(g.out_edges(b).empty());
  CHECK(g.degree(b) == 2);
  CHECK(g.note(ab) == "note");
  CHECK(g.note(cb).empty());
  CHECK(g.source(cb).empty());
  CHECK(g.source(ab).to_vector() == std::vector<LineRange>{{3, 4}});
  CHECK(g.relation(cb).symmetric);
  CHECK(g.type_name(c) == "service");
}

TEST_CASE("a node's first edge questions, answered by scanning the edges, agree with the adjacency built later") {
  Graph g(tiny_schema());
  for (int i = 0; i < 6; ++i) g.add_node(node("n" + std::to_string(i)));
  std::uint32_t seed = 99;
  const auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) % 6; };
  for (int e = 0; e < 40; ++e) g.add_edge({next(), next(), static_cast<RelIndex>(e % 2)}); // loops and repeats too
  struct Asked {
    std::vector<EdgeIndex> out, in;
    std::size_t degree;
  };
  std::vector<Asked> first; // the first eight questions are scans, the ninth builds the adjacency
  for (NodeIndex n = 0; n < 3; ++n) first.push_back({g.out_edges(n), g.in_edges(n), g.degree(n)});
  for (NodeIndex n = 0; n < 3; ++n) {
    CAPTURE(n);
    CHECK(g.out_edges(n) == first[n].out);
    CHECK(g.in_edges(n) == first[n].in);
    CHECK(g.degree(n) == first[n].degree);
    CHECK(first[n].degree == first[n].out.size() + first[n].in.size());
    std::vector<EdgeIndex> out;
    for (EdgeIndex e = 0; e < g.edge_count(); ++e)
      if (g.edge(e).from == n) out.push_back(e);
    CHECK(first[n].out == out);
  }
}

TEST_CASE("Graph moves without losing its index") {
  Graph g(tiny_schema());
  g.add_node(node("a"));
  Graph moved = std::move(g);
  CHECK(moved.find("a") == NodeIndex{0});
}

TEST_CASE("Schema finds relations by name or inverse name") {
  const Schema s = tiny_schema();
  bool inverse = true;
  CHECK(s.find_relation_or_inverse("feeds", inverse) == RelIndex{0});
  CHECK_FALSE(inverse);
  CHECK(s.find_relation_or_inverse("fed-by", inverse) == RelIndex{0});
  CHECK(inverse);
  CHECK(s.find_relation_or_inverse("alternative-to", inverse) == RelIndex{1});
  CHECK_FALSE(inverse);
  CHECK_FALSE(s.find_relation_or_inverse("nope", inverse).has_value());
  CHECK(s.find_type("problem") == TypeIndex{1});
}

TEST_CASE("the id table built in bulk lays its slots out as inserting the ids one by one does") {
  // Snapshots store the slots as they are, so the bulk build (in chunks, fetching ahead) must not move any.
  for (const std::uint32_t count : {0u, 1u, 255u, 256u, 257u, 5000u}) {
    std::vector<std::string> ids;
    for (std::uint32_t i = 0; i < count; ++i) ids.push_back("n-" + std::to_string(i * 7919 % 100003));
    const auto id_of = [&ids](std::uint32_t i) { return std::string_view(ids[i]); };
    detail::IdTable bulk, one_by_one;
    bulk.assign(count, id_of);
    one_by_one.reserve(count, id_of);
    for (std::uint32_t i = 0; i < count; ++i) one_by_one.insert(ids[i], i, id_of);
    REQUIRE(bulk.capacity() == one_by_one.capacity());
    CHECK(bulk.size() == count);
    CHECK(std::vector<std::uint32_t>(bulk.slots(), bulk.slots() + bulk.capacity()) ==
          std::vector<std::uint32_t>(one_by_one.slots(), one_by_one.slots() + one_by_one.capacity()));
    for (std::uint32_t i = 0; i < count; ++i) CHECK(bulk.find(ids[i], id_of) == i);
  }
}
