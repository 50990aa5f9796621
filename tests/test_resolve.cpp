#include "mlkg/load.hpp"
#include "mlkg/resolve.hpp"
#include "support.hpp"

using namespace mlkg;

namespace {
const Graph& mini() {
  static const LoadResult loaded = load_graph(read_graph_dir((test::source_dir() / "tests/data/mini").string()));
  return loaded.graph;
}
std::string resolved_id(const std::string& name) {
  const NameIndex names(mini());
  return mini().node(names.resolve(name)).id;
}
} // namespace

TEST_CASE("names resolve by id, label or alias, ignoring case, punctuation and Amazon/AWS") {
  CHECK(resolved_id("glue") == "glue");
  CHECK(resolved_id("AWS Glue") == "glue");
  CHECK(resolved_id("aws-glue") == "glue");
  CHECK(resolved_id("GLUE") == "glue");
  CHECK(resolved_id("Glue ETL") == "glue");
  CHECK(resolved_id("amazon glue etl") == "glue");
  CHECK(resolved_id("glue crawler") == "glue-crawler");
  CHECK(resolved_id("Simple-Storage Service") == "s3");
  CHECK(resolved_id("Amazon S3") == "s3");
}

TEST_CASE("an unknown name suggests the three closest nodes") {
  const NameIndex names(mini());
  try {
    names.resolve("athina");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::unknown_name);
    CHECK(std::string(e.what()) == "unknown node 'athina' (did you mean 'athena'?)");
  }
  CHECK(names.closest("glu") == std::vector<std::string>{"glue", "glue-crawler"});
}

TEST_CASE("an ambiguous name lists its candidates") {
  Schema schema;
  schema.node_types = {{"service", ""}};
  Graph g(schema);
  g.add_node({"sagemaker-neo", "Neo", 0, {}, {}, {}, {}, {}, {}});
  g.add_node({"neo-db", "NEO", 0, {}, {}, {}, {}, {}, {}});
  const NameIndex names(g);
  try {
    names.resolve("neo");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::ambiguous_name);
    CHECK(std::string(e.what()) == "'neo' names several nodes: sagemaker-neo (Neo), neo-db (NEO) (use one of the ids)");
  }
  CHECK(g.node(names.resolve("neo-db")).label == "NEO"); // an exact id always wins
}

TEST_CASE("relations and types resolve with suggestions") {
  const Schema& schema = mini().schema();
  bool inverse = false;
  CHECK(schema.relations[resolve_relation(schema, "mitigated-by", inverse)].name == "mitigates");
  CHECK(inverse);
  CHECK_THROWS_WITH(resolve_relation(schema, "feed", inverse), "unknown relation 'feed' (did you mean 'feeds'?)");
  CHECK_THROWS_WITH(resolve_type(schema, "servise"), "unknown node type 'servise' (did you mean 'service'?)");
}
