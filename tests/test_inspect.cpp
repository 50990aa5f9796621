#include "mlkg/inspect.hpp"
#include "mlkg/load.hpp"
#include "support.hpp"

using namespace mlkg;

namespace {
const Graph& mini() {
  static const LoadResult loaded = load_graph(read_graph_dir((test::source_dir() / "tests/data/mini").string()));
  return loaded.graph;
}
std::vector<std::string> ids(const std::vector<NodeIndex>& nodes) {
  std::vector<std::string> out;
  for (NodeIndex n : nodes) out.push_back(mini().node(n).id);
  return out;
}
} // namespace

TEST_CASE("describe lists edges both ways with inverse readings, symmetric ones as outgoing") {
  const Graph& g = mini();
  const NodeReport r = describe(g, *g.find("athena"));
  REQUIRE(r.edges.size() == 3);
  CHECK(r.edges[0].reading == "alternative-to");
  CHECK(g.node(r.edges[0].other).id == "redshift");
  CHECK(r.edges[1].reading == "fed-by");
  CHECK_FALSE(r.edges[1].outgoing);
  CHECK(r.edges[2].reading == "feeds");
  const NodeReport redshift = describe(g, *g.find("redshift"));
  REQUIRE(redshift.edges.size() == 1);
  CHECK(redshift.edges[0].outgoing); // symmetric: "out" from both ends
  CHECK(redshift.edges[0].reading == "alternative-to");
}

TEST_CASE("search ranks exact names first and needs every word") {
  const Graph& g = mini();
  const auto hits = search(g, "glue");
  REQUIRE(hits.size() == 2);
  CHECK(g.node(hits[0].node).id == "glue");
  CHECK(g.node(hits[1].node).id == "glue-crawler");
  CHECK(hits[0].score > hits[1].score);
  const auto by_summary = search(g, "schema s3");
  REQUIRE(by_summary.size() == 1);
  CHECK(g.node(by_summary[0].node).id == "glue-crawler");
  CHECK(by_summary[0].matched == "summary");
  CHECK(search(g, "validation loss")[0].matched == "summary");
  // Where the best word matched, in either order of the words.
  for (const char* text : {"schema crawler", "crawler schema"}) {
    const auto found = search(g, text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].matched == "name");
  }
  CHECK(search(g, "nothing-like-this").empty());
  CHECK(search(g, "   ").empty());
  CHECK(search(g, "a", 2).size() == 2);
}

TEST_CASE("search reads the query's words run together against runs of a name's words, in time linear in the name") {
  Schema schema;
  schema.node_types = {{"concept", ""}};
  Graph g(schema);
  std::string many; // 100,000 one-letter words: trying each word as a start would take minutes
  for (int i = 0; i < 100'000; ++i) many += "a ";
  for (const auto& [id, label] :
       std::vector<std::pair<std::string, std::string>>{{"kafka-connector", "Apache Kafka connector"},
                                                        {"knn", "KNN"},
                                                        {"knn-imputation", "KNN imputation"},
                                                        {"k-means", "k-means"},
                                                        {"many", many}})
    g.add_node({id, label, 0, {}, {}, {}, {}, {}, {}});
  const auto knn = search(g, "k-NN");
  REQUIRE(knn.size() == 3); // k and nn, each somewhere in "apache kafka connector" too
  CHECK(g.node(knn[0].node).id == "knn");
  CHECK(g.node(knn[1].node).id == "knn-imputation");
  CHECK(g.node(knn[2].node).id == "kafka-connector");
  CHECK(knn[1].score > knn[2].score);
  CHECK(g.node(search(g, "kmeans").at(0).node).id == "k-means");
  const auto long_run = search(g, std::string(50'000, 'a'));
  REQUIRE(long_run.size() == 1);
  CHECK(g.node(long_run[0].node).id == "many");
}

TEST_CASE("list filters by type and section, sorted by id") {
  const Graph& g = mini();
  CHECK(ids(list_nodes(g, {})).size() == 9);
  CHECK(ids(list_nodes(g, {g.schema().find_type("technique"), std::nullopt})) ==
        std::vector<std::string>{"dropout", "early-stopping"});
  CHECK(ids(list_nodes(g, {std::nullopt, std::string("machine LEARNING")})) ==
        std::vector<std::string>{"dropout", "early-stopping", "overfitting"});
  CHECK(sections(g) == std::vector<std::string>{"Data Engineering", "Machine learning"});
}

TEST_CASE("stats count by type, relation and section") {
  const GraphStats s = stats(mini());
  CHECK(s.nodes == 9);
  CHECK(s.edges == 7);
  CHECK(s.by_type[0] == std::pair<std::string, std::size_t>{"service", 5});
  CHECK(s.by_relation[0] == std::pair<std::string, std::size_t>{"feeds", 3});
  CHECK(s.by_section[1] == std::pair<std::string, std::size_t>{"Machine learning", 3});
}
