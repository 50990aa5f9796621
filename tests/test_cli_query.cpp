// The query commands end to end through cli::run. Goldens on tests/data/query, a fixture graph that
// does not change when the shipped graph does; a few checks on the shipped graph itself.
#include "support.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

using mlkg::test::check_golden;
using mlkg::test::CliResult;
using mlkg::test::run_cli;

namespace {

CliResult fixture(std::vector<std::string> args) {
  args.insert(args.begin(), {"--graph", (mlkg::test::source_dir() / "tests/data/query").string()});
  return run_cli(args);
}

struct GoldenCase {
  std::vector<std::string> args;
  int code;
  const char* golden;
};

void check_cases(const std::vector<GoldenCase>& cases) {
  for (const GoldenCase& c : cases) {
    CAPTURE(c.golden);
    const CliResult r = fixture(c.args);
    CHECK(r.code == c.code);
    CHECK(r.err == "");
    check_golden(std::string("query/") + c.golden, r.out);
  }
}

} // namespace

TEST_CASE("cli query: path text and JSON") {
  check_cases({
      {{"path", "kinesis-data-streams", "s3", "--k", "3"}, 0, "path-kinesis-s3-k3.txt"},
      {{"path", "kinesis-data-streams", "s3", "--k", "3", "--json"}, 0, "path-kinesis-s3-k3.json"},
      {{"path", "Amazon Kinesis Data Streams", "quicksight", "--k", "5", "--directed"}, 0, "path-directed-k5.txt"},
      {{"path", "kinesis-data-streams", "quicksight", "--rel", "feeds", "--avoid", "redshift", "--k", "3"},
       0,
       "path-rel-avoid.txt"},
      {{"path", "s3", "quicksight", "--via", "redshift", "--k", "2", "--json"}, 0, "path-via.json"},
      {{"path", "s3", "island-a"}, 3, "path-none.txt"},
      {{"path", "s3", "island-a", "--json"}, 3, "path-none.json"},
      {{"path", "s3", "quicksight", "--max-hops", "2", "--directed"}, 3, "path-none-max-hops.txt"},
  });
}

TEST_CASE("cli query: path --json follows the documented contract") {
  const CliResult r = fixture({"path", "kinesis-data-streams", "s3", "--k", "2", "--json"});
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["query"]["from"] == "kinesis-data-streams");
  CHECK(j["query"]["k"] == 2);
  REQUIRE(j["paths"].size() == 2);
  for (const auto& path : j["paths"]) {
    const std::size_t length = path["length"];
    REQUIRE(path["nodes"].size() == length + 1);
    REQUIRE(path["edges"].size() == length);
    for (const auto& node : path["nodes"])
      CHECK((node.contains("id") && node.contains("label") && node.contains("type")));
    for (const auto& edge : path["edges"])
      CHECK((edge.contains("from") && edge.contains("rel") && edge.contains("to")));
  }
  CHECK(j["paths"][0]["length"] <= j["paths"][1]["length"]);
}

TEST_CASE("cli query: neighbours, related and what") {
  check_cases({
      {{"neighbours", "glue", "--depth", "2"}, 0, "neighbours-glue-2.txt"},
      {{"ego", "glue", "--depth", "2", "--json"}, 0, "neighbours-glue-2.json"},
      {{"neighbours", "overfitting", "--depth", "2", "--type", "technique", "--rel", "mitigates,is-a"},
       0,
       "neighbours-typed.txt"},
      {{"neighbours", "athena", "--out"}, 0, "neighbours-out.txt"},
      {{"related", "athena", "--rel", "alternative-to,feeds"}, 0, "related-athena.txt"},
      {{"what", "mitigates", "overfitting"}, 0, "what-mitigates-overfitting.txt"},
      {{"what", "mitigates", "overfitting", "--json"}, 0, "what-mitigates-overfitting.json"},
      {{"what", "is-a", "regularization"}, 0, "what-is-a-regularization.txt"},
      {{"what", "mitigates", "Amazon", "S3"}, 3, "what-nothing.txt"},
  });
}

TEST_CASE("cli query: `what R X` is `related X --rel R --in`") {
  const CliResult what = fixture({"what", "mitigates", "overfitting"});
  const CliResult related = fixture({"related", "overfitting", "--rel", "mitigates", "--in"});
  CHECK(what.code == 0);
  CHECK(what.out == related.out);
  // The inverse reading turns the direction round.
  CHECK(fixture({"related", "overfitting", "--rel", "mitigated-by", "--out"}).out == what.out);
  CHECK(fixture({"what", "mitigated-by", "dropout"}).out ==
        "dropout mitigates:\n  overfitting (Overfitting, problem)\n");
}

TEST_CASE("cli query: --json with a drawing on standard output is refused, not dropped") {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"path", "kinesis-data-streams", "s3", "--json", "--format", "dot"},
                                             {"neighbours", "glue", "--json", "--format", "svg"},
                                             {"pipeline", "glue", "athena", "--json", "-o", "-", "--format", "dot"}}) {
    CAPTURE(args.front());
    const CliResult r = run_cli(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--json and the drawing would both go to standard output") != std::string::npos);
  }
  mlkg::test::TempDir dir;
  const std::string file = (dir.path() / "p.dot").string();
  const CliResult both = run_cli({"path", "kinesis-data-streams", "s3", "--json", "-o", file});
  CHECK(both.code == 0);
  CHECK(nlohmann::json::parse(both.out, nullptr, false).is_object()); // the drawing to the file, JSON here
}

TEST_CASE("cli query: a name of several words needs no quotes, for every command that takes one name") {
  const auto same = [](const std::vector<std::string>& unquoted, const std::vector<std::string>& quoted) {
    const CliResult a = run_cli(unquoted), b = run_cli(quoted);
    CHECK(a.code == 0);
    CHECK(a.out == b.out);
    CHECK(a.err == b.err);
  };
  same({"show", "AWS", "Glue"}, {"show", "AWS Glue"});
  same({"neighbours", "Amazon", "S3"}, {"neighbours", "Amazon S3"});
  same({"related", "class", "imbalance", "--rel", "mitigated-by"},
       {"related", "class imbalance", "--rel", "mitigated-by"});
}

TEST_CASE("cli query: pipeline") {
  check_cases({
      {{"pipeline", "s3", "glue-crawler", "glue-data-catalog", "athena", "quicksight"}, 0, "pipeline-ok.txt"},
      {{"pipeline", "s3", "glue-crawler", "glue-data-catalog", "athena", "quicksight", "--json"},
       0,
       "pipeline-ok.json"},
      {{"pipeline", "kinesis-data-streams", "s3", "athena", "redshift"}, 1, "pipeline-broken.txt"},
      {{"pipeline", "kinesis-data-streams", "s3", "athena", "redshift", "--json"}, 1, "pipeline-broken.json"},
      {{"pipeline", "quicksight", "island-a"}, 1, "pipeline-unconnected.txt"},
  });
}

TEST_CASE("cli query: compare and explain") {
  check_cases({
      {{"compare", "k-means", "knn"}, 0, "compare-kmeans-knn.txt"},
      {{"compare", "k-means", "knn", "--json"}, 0, "compare-kmeans-knn.json"},
      {{"explain", "KNN", "k-means"}, 0, "explain-knn-kmeans.txt"},
      {{"explain", "athena", "redshift", "--json"}, 0, "explain-athena-redshift.json"},
      {{"explain", "clustering", "island-a"}, 3, "explain-nothing.txt"},
  });
}

TEST_CASE("cli query: bad input is a usage error with a clear message") {
  struct Case {
    std::vector<std::string> args;
    const char* err;
  };
  const Case cases[] = {
      {{"path", "s3", "athena", "--k", "0"}, "mlkg: usage error: --k must be at least 1, not 0\n"},
      {{"path", "s3", "athena", "--k", "-2"}, "mlkg: usage error: --k must be at least 1, not -2\n"},
      {{"path", "s3", "athena", "--k", "5000"}, "mlkg: usage error: --k must be at most 1000, not 5000\n"},
      {{"path", "s3", "Amazon S3"}, "mlkg: usage error: a path needs two different nodes, but both ends are 's3'\n"},
      {{"path", "s3", "athena", "--via", "glue", "--avoid", "glue,redshift"},
       "mlkg: usage error: --via 'glue' is also in --avoid\n"},
      {{"path", "s3", "athena", "--avoid", "athena"},
       "mlkg: usage error: cannot --avoid 'athena': it is an end of the path\n"},
      {{"path", "s3", "athena", "--max-hops", "0"}, "mlkg: usage error: --max-hops must be at least 1, not 0\n"},
      {{"neighbours", "s3", "--depth", "-1"}, "mlkg: usage error: --depth must be at least 1, not -1\n"},
      {{"neighbours", "s3", "--depth", "99"}, "mlkg: usage error: --depth must be at most 10, not 99\n"},
      {{"pipeline", "s3"}, "mlkg: usage error: a pipeline needs at least two stages\n"},
      {{"pipeline", "s3", "athena", "--rel", "part-of"},
       "mlkg: usage error: 'part-of' is not a flow relation; flow relations: feeds\n"},
      {{"compare", "knn", "KNN"}, "mlkg: usage error: compare needs two different nodes, but both are 'knn'\n"},
      {{"path", "s3", "athina"}, "mlkg: unknown name: 'athina' names no node (did you mean 'athena'?)\n"},
      {{"what", "mitigate", "overfitting"},
       "mlkg: unknown name: 'mitigate' is not a relation (did you mean 'mitigated-by' or 'mitigates'? Valid relations, "
       "also by inverse name: alternative-to, contrasts-with, feeds, is-a, mitigates, part-of, queries, used-for)\n"},
      {{"neighbours", "s3", "--type", "servce"},
       "mlkg: unknown name: 'servce' is not a node type (did you mean 'service'?)\n"},
  };
  for (const Case& c : cases) {
    std::string command;
    for (const std::string& a : c.args) command += a + " ";
    CAPTURE(command);
    const CliResult r = fixture(c.args);
    CHECK(r.code == 2);
    CHECK(r.out == "");
    CHECK(r.err == c.err);
  }
  // Mutually exclusive flags are caught by the parser, also with exit 2.
  CHECK(fixture({"neighbours", "s3", "--in", "--out"}).code == 2);
}

// The examples on the shipped graph. The goldens change when the data does (regenerate with
// MLKG_UPDATE_GOLDEN=1 and review the diff); the checks below them hold whatever the data says.
TEST_CASE("cli query (shipped graph): the issue's examples") {
  const std::vector<GoldenCase> cases{
      {{"path", "kinesis-data-streams", "s3"}, 0, "shipped/path-kinesis-s3.txt"},
      {{"path", "kinesis-data-streams", "s3", "--rel", "feeds", "--k", "3"}, 0, "shipped/path-kinesis-s3-feeds.txt"},
      {{"path", "kinesis-data-streams", "s3", "--rel", "feeds", "--json"}, 0, "shipped/path-kinesis-s3-feeds.json"},
      {{"what", "mitigates", "overfitting"}, 0, "shipped/what-mitigates-overfitting.txt"},
      {{"pipeline", "glue-crawler", "glue-data-catalog", "athena", "quicksight"}, 0, "shipped/pipeline-glue.txt"},
      {{"pipeline", "glue-crawler", "glue-data-catalog", "athena", "quicksight", "--json"},
       0,
       "shipped/pipeline-glue.json"},
      {{"compare", "k-means", "knn"}, 0, "shipped/compare-kmeans-knn.txt"},
      {{"pipeline", "glue", "athena", "quicksight"}, 0, "shipped/pipeline-glue-athena-quicksight.txt"},
      {{"pipeline", "glue", "athena", "quicksight", "--json"}, 0, "shipped/pipeline-glue-athena-quicksight.json"},
      {{"pipeline", "sagemaker-endpoint", "model-monitor", "cloudwatch", "sns"}, 0, "shipped/pipeline-monitoring.txt"},
      {{"pipeline", "s3", "sagemaker"}, 0, "shipped/pipeline-s3-sagemaker.txt"},
  };
  for (const GoldenCase& c : cases) {
    CAPTURE(c.golden);
    const CliResult r = run_cli(c.args);
    CHECK(r.code == c.code);
    CHECK(r.err == "");
    check_golden(std::string("query/") + c.golden, r.out);
  }
}

TEST_CASE("cli query (shipped graph): answers an exam would expect") {
  // Data flows from Kinesis Data Streams to S3 along feeds edges only.
  auto j = nlohmann::json::parse(run_cli({"path", "kinesis-data-streams", "s3", "--rel", "feeds", "--json"}).out);
  REQUIRE(j["paths"].size() == 1);
  CHECK(j["paths"][0]["nodes"].back()["id"] == "s3");
  for (const auto& edge : j["paths"][0]["edges"]) CHECK(edge["rel"] == "feeds");

  // Dropout, early stopping and regularization all mitigate overfitting.
  j = nlohmann::json::parse(run_cli({"what", "mitigates", "overfitting", "--json"}).out);
  std::vector<std::string> answers;
  for (const auto& node : j["nodes"])
    if (node["answer"] == true) answers.push_back(node["id"]);
  for (const char* id : {"dropout", "early-stopping", "regularization"})
    CHECK_MESSAGE(std::find(answers.begin(), answers.end(), id) != answers.end(), id);

  // Crawler -> Data Catalog -> Athena -> QuickSight is a valid pipeline; skipping the catalog is not.
  CHECK(run_cli({"pipeline", "glue-crawler", "glue-data-catalog", "athena", "quicksight"}).code == 0);
  const CliResult broken = run_cli({"pipeline", "s3", "athena", "quicksight"});
  CHECK(broken.code == 1);
  CHECK(broken.out.find("broken  s3 -> athena") != std::string::npos);

  // K-means and KNN are a contrasted pair.
  j = nlohmann::json::parse(run_cli({"compare", "k-means", "knn", "--json"}).out);
  bool contrasted = false;
  for (const auto& edge : j["between"]) contrasted = contrasted || edge["rel"] == "contrasts-with";
  CHECK(contrasted);
}

TEST_CASE("cli query (shipped graph): a relation named by its inverse reading keeps its direction") {
  // "glue has-part X" edges are stored as "X part-of glue": --out along has-part walks them in.
  const CliResult parts = run_cli({"neighbours", "glue", "--rel", "has-part", "--out"});
  CHECK(parts.code == 0);
  CHECK(parts.out == run_cli({"neighbours", "glue", "--rel", "part-of", "--in"}).out);
  CHECK(parts.out.find("glue has-part glue-crawler") != std::string::npos);
  CHECK(run_cli({"neighbours", "glue-crawler", "--rel", "has-part", "--in"}).out.find("glue-crawler part-of glue") !=
        std::string::npos);
  // A walk one way cannot read some relations forwards and others backwards.
  CliResult r = run_cli({"neighbours", "glue", "--rel", "has-part", "--rel", "feeds", "--out"});
  CHECK(r.code == 2);
  CHECK(r.err.find("'has-part' reads part-of edges backwards") != std::string::npos);
  CHECK(run_cli({"neighbours", "glue", "--rel", "has-part", "--rel", "feeds"}).code == 0); // both ways: fine
  // path --directed and pipeline follow edges as stored: an inverse reading says what to type instead.
  r = run_cli({"path", "glue", "glue-crawler", "--rel", "has-part", "--directed"});
  CHECK(r.code == 2);
  CHECK(r.err.find("mlkg path glue-crawler glue --rel part-of --directed") != std::string::npos);
  CHECK(run_cli({"path", "glue-crawler", "glue", "--rel", "part-of", "--directed"}).code == 0);
  r = run_cli({"pipeline", "quicksight", "athena", "--rel", "fed-by"});
  CHECK(r.code == 2);
  CHECK(r.err.find("'fed-by' reads feeds edges backwards, and a pipeline follows flow edges forward") !=
        std::string::npos);
}

TEST_CASE("cli query (shipped graph): an empty answer says it the way the question was asked") {
  CHECK(run_cli({"related", "overfitting", "--rel", "mitigates", "--out"}).out == "overfitting mitigates nothing.\n");
  CHECK(run_cli({"related", "glue", "--rel", "mitigates", "--in"}).out == "Nothing mitigates glue.\n");
  CHECK(run_cli({"related", "glue", "--rel", "mitigates"}).out ==
        "No node is linked to glue by mitigates, either way.\n");
  CHECK(run_cli({"neighbours", "glue", "--limit", "1"}).out.find("stopped at 1 node, 1 hop out") != std::string::npos);
}

TEST_CASE("cli query (shipped graph): neighbours --limit counts the nodes listed, not those walked through") {
  // Within two hops of XGBoost, nine algorithms lie beyond nodes of other types, which --type leaves out.
  const CliResult five = run_cli({"neighbours", "xgboost", "--depth", "2", "--type", "algorithm", "--limit", "5"});
  CHECK(five.code == 0);
  CHECK(five.out == "xgboost (XGBoost, algorithm): 5 nodes within 2 hops\n"
                    "2 hops:\n"
                    "  boosting has-kind adaboost                         (AdaBoost, algorithm)\n"
                    "  built-in-algorithm has-kind blazingtext            (BlazingText, algorithm)\n"
                    "  built-in-algorithm has-kind factorization-machines (Factorization Machines, algorithm)\n"
                    "  built-in-algorithm has-kind ip-insights            (IP Insights, algorithm)\n"
                    "  built-in-algorithm has-kind k-means                (K-means, algorithm)\n"
                    "Note: the answer may be incomplete: stopped at 5 nodes, 2 hops out.\n");
  const CliResult all = run_cli({"neighbours", "xgboost", "--depth", "2", "--type", "algorithm", "--limit", "9"});
  CHECK(all.code == 0);
  CHECK(all.out.find("9 nodes within 2 hops") != std::string::npos);
  CHECK(all.out.find("incomplete") == std::string::npos);
  CHECK(run_cli({"neighbours", "--help"}).out.find("List at most this many nodes, nearest first") != std::string::npos);
}

TEST_CASE("cli query: options that would be ignored are usage errors") {
  const auto usage = [](const std::vector<std::string>& args, const std::string& says) {
    CAPTURE(args.back());
    const CliResult r = run_cli(args);
    CHECK(r.code == 2);
    CHECK(r.err.find(says) != std::string::npos);
  };
  usage({"path", "glue", "quicksight", "--cluster", "foo"}, "unknown --cluster 'foo'");
  usage({"path", "glue", "quicksight", "--engine", "neato"}, "unknown layout engine 'neato'");
  usage({"path", "glue", "quicksight", "--engine", "sfdp"}, "shape a drawing, and none was asked for");
  usage({"neighbours", "glue", "--no-legend"}, "shape a drawing, and none was asked for");
  usage({"path", "glue", "quicksight", "--emit", "cypher", "-o", "e.svg"}, "--emit excludes --output");
  usage({"path", "glue", "quicksight", "--emit", "cypher", "--json"}, "excludes");
  usage({"neighbours", "glue", "--emit", "sparql", "--limit", "3"}, "excludes");
  usage({"render", "--all", "--section", "modelling", "--format", "dot"}, "--all excludes --section");
  CHECK(run_cli({"path", "glue", "quicksight", "--emit", "cypher"}).code == 0);
  CHECK(run_cli({"path", "glue", "quicksight", "--format", "dot", "--engine", "sfdp", "--cluster", "section"}).code ==
        0);
}

TEST_CASE("cli query (shipped graph): types and relations may be typed in any case, with spaces") {
  CHECK(run_cli({"list", "--type", "Service"}).out == run_cli({"list", "--type", "service"}).out);
  CHECK(run_cli({"list", "--type", "data format"}).out == run_cli({"list", "--type", "data-format"}).out);
  CHECK(run_cli({"what", "Mitigates", "overfitting"}).out == run_cli({"what", "mitigates", "overfitting"}).out);
  CHECK(run_cli({"related", "overfitting", "--rel", "MITIGATED BY"}).out ==
        run_cli({"related", "overfitting", "--rel", "mitigated-by"}).out);
  const CliResult unknown = run_cli({"list", "--type", "nosuch"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("(node types: service, feature,") != std::string::npos);
}
