#include "support.hpp"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

using mlkg::test::check_golden;
using mlkg::test::mini;
using mlkg::test::mini_dir;
using mlkg::test::run_cli;

TEST_CASE("show, stats, list and search print golden text and JSON") {
  struct Case {
    std::vector<std::string> args;
    const char* golden;
  };
  const Case cases[] = {
      {{"show", "glue"}, "mini/show-glue.txt"},
      {{"show", "Amazon Athena"}, "mini/show-athena.txt"},
      {{"show", "glue", "--json"}, "mini/show-glue.json"},
      {{"show", "redshift", "--json"}, "mini/show-redshift.json"},
      {{"stats"}, "mini/stats.txt"},
      {{"stats", "--json"}, "mini/stats.json"},
      {{"list", "--type", "service"}, "mini/list-services.txt"},
      {{"list", "--json"}, "mini/list.json"},
      {{"search", "glue"}, "mini/search-glue.txt"},
      {{"search", "glue", "--json"}, "mini/search-glue.json"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.golden);
    const auto r = mini(c.args);
    CHECK(r.code == 0);
    CHECK(r.err == "");
    check_golden(c.golden, r.out);
  }
}

TEST_CASE("show --json follows the documented contract") {
  const auto r = mini({"show", "athena", "--json"});
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key :
       {"id", "label", "type", "category", "aliases", "summary", "section", "source", "facts", "edges"})
    CHECK_MESSAGE(j.contains(key), key);
  CHECK(j["category"].is_null());
  CHECK(nlohmann::json::parse(mini({"show", "glue", "--json"}).out)["category"] == "analytics");
  REQUIRE(j["edges"].size() == 3);
  for (const auto& e : j["edges"]) {
    CHECK((e["dir"] == "out" || e["dir"] == "in"));
    CHECK(e["node"].contains("id"));
  }
}

TEST_CASE("search: a name split at a hyphen, or written as one word, ranks the node it names first") {
  // The words of "k-NN" are k and NN, each in many names; written together they are KNN's name.
  auto r = run_cli({"search", "k-NN", "--limit", "3"});
  CHECK(r.code == 0);
  CHECK(r.out == "knn            algorithm     k-nearest neighbours (KNN)  (name)\n"
                 "knn-imputation technique     KNN imputation  (name)\n"
                 "direct-connect service       AWS Direct Connect  (name)\n");
  CHECK(run_cli({"search", "s-3", "--limit", "2"}).out ==
        "s3                      service       Amazon S3  (name)\n"
        "s3-glacier-deep-archive feature       S3 Glacier Deep Archive  (name)\n");
  CHECK(run_cli({"search", "f-1", "--limit", "2"}).out == "f1-score metric        F1 score  (alias)\n"
                                                          "inf1     instance-type Amazon EC2 Inf1 instances  (name)\n");
  // And the other way round: t-SNE written as one word.
  r = run_cli({"search", "tsne"});
  CHECK(r.code == 0);
  CHECK(r.out == "t-sne algorithm     t-SNE  (name)\n");
}

TEST_CASE("a word of node names suggests the nodes whose names hold it, in every command that takes a name") {
  const std::string expected =
      "mlkg: unknown name: 'tuning' names no node (did you mean 'bayesian-search', 'hyperparameter-tuning', "
      "'warm-start', 'limit-parallel-tuning-jobs' or 'transfer-learning'?)\n";
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"show", "tuning"},
                                             {"neighbours", "tuning"},
                                             {"path", "s3", "tuning"},
                                             {"related", "tuning", "--rel", "mitigates"},
                                             {"what", "mitigates", "tuning"},
                                             {"compare", "glue", "tuning"},
                                             {"explain", "tuning", "glue"}}) {
    CAPTURE(args.front());
    const auto r = run_cli(args);
    CHECK(r.code == 2);
    CHECK(r.out == "");
    CHECK(r.err == expected);
  }
  // Names holding the word first, then the names a few edits away.
  CHECK(run_cli({"show", "forest"}).err == "mlkg: unknown name: 'forest' names no node (did you mean 'random-forest', "
                                           "'random-cut-forest', 'kda-random-cut-forest-function' or 'forecast'?)\n");
}

TEST_CASE("unknown and ambiguous names fail with exit 2 and suggestions") {
  auto r = mini({"show", "athina"});
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "mlkg: unknown name: 'athina' names no node (did you mean 'athena'?)\n");
  r = run_cli({"show", "Amazon"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: unknown name: 'Amazon' names no node (Amazon and AWS begin most service names and are left "
                 "out when names are compared: name the service; `mlkg list --type service` lists them)\n");
  r = mini({"list", "--type", "servise"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: unknown name: 'servise' is not a node type (did you mean 'service'?)\n");
  r = mini({"list", "--section", "Data Engneering"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: unknown name: 'Data Engneering' is not a section (did you mean 'Data Engineering'?)\n");
  // Given empty (`--type "$T"` with T unset), a filter is refused, not dropped to list the whole graph.
  r = mini({"list", "--type", ""});
  CHECK(r.code == 2);
  CHECK(r.err.find("'' is not a node type") != std::string::npos);
  r = mini({"list", "--section", ""});
  CHECK(r.code == 2);
  CHECK(r.err.find("'' is not a section") != std::string::npos);
  // Nothing listed is "a valid query found nothing", as for every other query.
  r = mini({"list", "--type", "problem", "--section", "Data Engineering"});
  CHECK(r.code == 3);
  CHECK(r.out == "0 nodes\n");
}

TEST_CASE("usage errors exit 2; help exits 0 and documents exit codes") {
  auto r = run_cli({"show"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: usage error: node is required; mlkg show --help lists the options\n");
  r = run_cli({"import", "x.json"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: usage error: --output is required; mlkg import --help lists the options\n");
  r = run_cli({"--frobnicate"});
  CHECK(r.code == 2);
  CHECK(r.err.rfind("mlkg: usage error: ", 0) == 0);
  CHECK(r.err.find("; mlkg --help lists the options\n") != std::string::npos);
  r = run_cli({"frobnicate"});
  CHECK(r.code == 2);
  r = run_cli({"--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("Exit codes:") != std::string::npos);
  for (const char* command : {"show", "path", "render", "export", "import", "snapshot", "quiz"}) {
    CAPTURE(command);
    r = run_cli({command, "--help"});
    CHECK(r.code == 0);
    CHECK(r.out.find("Exit codes:") != std::string::npos);
    CHECK(r.out.find("{false}") == std::string::npos); // a flag's help shows no CLI11 default marks
  }
  CHECK(run_cli({"export", "--help"}).out.find("Formats:") != std::string::npos);
  r = run_cli({"search", "qqqqzzzz", "--graph", mini_dir()});
  CHECK(r.code == 3);
  CHECK(r.out == "No match for 'qqqqzzzz'.\n");
}

TEST_CASE("mlkg --help's exit codes say what the README's table says, row for row") {
  const std::string readme = mlkg::test::read_file(mlkg::test::source_dir() / "README.md");
  const std::string help = run_cli({"--help"}).out;
  std::istringstream table(readme.substr(readme.find("### Exit codes")));
  std::string line;
  int rows = 0;
  while (std::getline(table, line) && (rows == 0 || line.rfind("| ", 0) == 0)) {
    // "| 4 | a file could not be read ... |" is "  4  a file could not be read ..." in the help, code in plain text.
    if (line.size() < 6 || line.rfind("| ", 0) != 0 || line[2] < '0' || line[2] > '9') continue;
    std::string meaning = line.substr(6, line.size() - 6 - 2);
    meaning.erase(std::remove(meaning.begin(), meaning.end(), '`'), meaning.end());
    CAPTURE(line);
    CHECK(help.find("\n  " + line.substr(2, 1) + "  " + meaning + "\n") != std::string::npos);
    ++rows;
  }
  CHECK(rows == 5);
}

TEST_CASE("a run builds only the subcommand it names, and still finds it after global options") {
  // --help sees every subcommand; a named one works wherever --graph and --no-cache stand.
  const auto help = run_cli({"--help"});
  for (const char* command :
       {"show", "search", "list", "stats", "check", "coverage", "path", "neighbours", "related", "what", "pipeline",
        "compare", "explain", "render", "quiz", "snapshot", "export", "import"})
    CHECK(help.out.find(std::string("\n  ") + command) != std::string::npos);
  const auto expected = run_cli({"--graph", mini_dir(), "--no-cache", "show", "glue"});
  REQUIRE(expected.code == 0);
  CHECK(run_cli({"--graph=" + mini_dir(), "--no-cache", "show", "glue"}).out == expected.out);
  CHECK(run_cli({"show", "glue", "--graph", mini_dir(), "--no-cache"}).out == expected.out);
  CHECK(run_cli({"--graph", mini_dir(), "--no-cache", "ego", "glue"}).code == 0); // an alias
  const auto typo = run_cli({"shw", "glue"});
  CHECK(typo.code == 2);
  CHECK(typo.err.find("shw") != std::string::npos);
}

TEST_CASE("check: clean graph exits 0, broken graph exits 1 with every problem located") {
  auto r = mini({"check"});
  CHECK(r.code == 0);
  CHECK(r.out == "ok: 9 nodes, 7 edges, 4 node types, 4 relations\n");

  mlkg::test::TempDir dir;
  mlkg::test::write_file(dir / "schema.json",
                         mlkg::test::read_file(mlkg::test::source_dir() / "tests/data/mini/schema.json"));
  mlkg::test::write_file(dir / "bad.json", "{\"nodes\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"servise\"}],\n"
                                           " \"edges\": [{\"from\": \"a\", \"rel\": \"feeds\", \"to\": \"b\"}]}");
  r = run_cli({"--graph", dir.path().string(), "check"});
  CHECK(r.code == 1);
  const std::string file = (dir / "bad.json").string();
  CHECK(r.err == "mlkg: invalid graph: " + file +
                     ":1:46: /nodes/0/type: unknown node type 'servise' (did you mean 'service'?)\n"
                     "mlkg: invalid graph: " +
                     file +
                     ":2:48: /edges/0/to: unknown node 'b' (did you mean 'a'?)\n"
                     "mlkg: 2 problems\n"); // 'a' is still known: no cascade of errors
}

TEST_CASE("check prints the warnings found beside the errors, and does not echo the errors as orphans") {
  mlkg::test::TempDir dir;
  mlkg::test::write_file(dir / "schema.json",
                         mlkg::test::read_file(mlkg::test::source_dir() / "tests/data/mini/schema.json"));
  // a and b are named only by an edge with an unknown relation, c only by an edge with no "to": none is an orphan.
  mlkg::test::write_file(dir / "bad.json", R"({"nodes": [
    {"id": "a", "label": "A", "type": "service"}, {"id": "b", "label": "B", "type": "service"},
    {"id": "c", "label": "C", "type": "service", "facts": ["Fast.", "fast"]},
    {"id": "lonely", "label": "Lonely", "type": "service"}],
  "edges": [{"from": "a", "rel": "feedz", "to": "b"}, {"from": "c", "rel": "feeds"}]})");
  const std::string file = (dir / "bad.json").string();
  auto r = run_cli({"--graph", dir.path().string(), "check"});
  CHECK(r.code == 1);
  // Errors in the order the load meets them: an edge's shape as it is read, its relation as the graph is built.
  CHECK(r.err ==
        "mlkg: invalid graph: " + file + ":5:55: /edges/1: missing required member 'to'\n" +
            "mlkg: invalid graph: " + file + ":5:34: /edges/0/rel: unknown relation 'feedz' (did you mean 'feeds'?)\n" +
            "mlkg: warning: " + file + ":3:69: /nodes/2/facts/1: fact repeats fact 0\n" + "mlkg: warning: " + file +
            ":4:5: /nodes/3: node 'lonely' has no edges (orphan)\n" + "mlkg: 4 problems: 2 errors and 2 warnings\n");
  r = run_cli({"--graph", dir.path().string(), "check", "--json"});
  CHECK(r.code == 1);
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["errors"].size() == 2);
  REQUIRE(report["warnings"].size() == 2);
  CHECK(report["warnings"][1]["message"] == "node 'lonely' has no edges (orphan)");

  // A file that cannot be read leaves the graph partial: what it holds is unknown, so no warnings.
  mlkg::test::write_file(dir / "broken.json", "{\"nodes\": [");
  r = run_cli({"--graph", dir.path().string(), "check"});
  CHECK(r.code == 1);
  CHECK(r.err.find("warning") == std::string::npos);
}

TEST_CASE("warnings make check fail but not other commands") {
  mlkg::test::TempDir dir;
  mlkg::test::write_file(dir / "orphan.json", R"({"nodes": [{"id": "a", "label": "A", "type": "service"}]})");
  auto r = run_cli({"--graph", dir.path().string(), "check"});
  CHECK(r.code == 1);
  CHECK(r.err.find("node 'a' has no edges (orphan)") != std::string::npos);
  r = run_cli({"--graph", dir.path().string(), "show", "a"});
  CHECK(r.code == 0);
}

TEST_CASE("check reports two nodes whose names normalise alike, and resolving them is ambiguous") {
  mlkg::test::TempDir dir;
  mlkg::test::write_file(dir / "plots.json", R"({"nodes": [{"id": "box-plot", "label": "Box plot", "type": "service"},
    {"id": "plot-gallery", "label": "Box plots", "type": "service"}],
    "edges": [{"from": "box-plot", "rel": "part-of", "to": "plot-gallery"}]})");
  auto r = run_cli({"--graph", dir.path().string(), "check"});
  CHECK(r.code == 1);
  // Placed at the name of the later node, read again from its file.
  const std::string plots = (dir / "plots.json").string();
  CHECK(r.err ==
        "mlkg: warning: " + plots +
            ":2:37: /nodes/1/label: 'Box plot' (node box-plot) and 'Box plots' (node plot-gallery) normalise to "
            "the same name 'boxplot' (names must pick out one node; drop or reword one of them)\n"
            "mlkg: 1 problem\n");
  r = run_cli({"--graph", dir.path().string(), "show", "boxes plots"}); // only the loose form matches
  CHECK(r.code == 2);
  CHECK(r.err.find("names several nodes: box-plot (Box plot), plot-gallery (Box plots)") != std::string::npos);
  r = run_cli({"--graph", dir.path().string(), "show", "box plots"}); // the normalised form is one node
  CHECK(r.code == 0);
  CHECK(r.out.rfind("Box plots [plot-gallery]", 0) == 0);

  // An alias, in another file, after a byte-order mark; --json gives the same place.
  mlkg::test::write_file(dir / "scalers.json", "\xEF\xBB\xBF"
                                               R"({"nodes": [
  {"id": "min-max", "label": "Min-max scaler", "type": "technique"},
  {"id": "scaler", "label": "Scaler", "type": "technique", "aliases": ["Feature scaling", "Min-max scalers"]}],
  "edges": [{"from": "scaler", "rel": "part-of", "to": "min-max"}]})");
  r = run_cli({"--graph", dir.path().string(), "check", "--json"});
  CHECK(r.code == 1);
  const auto report = nlohmann::json::parse(r.out);
  REQUIRE(report["warnings"].size() == 2);
  const auto& alias = report["warnings"][1];
  CHECK(alias["file"] == (dir / "scalers.json").string());
  CHECK(alias["pointer"] == "/nodes/1/aliases/1");
  CHECK(alias["line"] == 3);
  CHECK(alias["column"] == 91);
}

TEST_CASE("a missing --graph folder is an i/o error (exit 4); MLKG_GRAPH is honoured") {
  auto r = run_cli({"--graph", "/nonexistent/graph", "stats"});
  CHECK(r.code == 4);
  CHECK(r.err.find("/nonexistent/graph: no such folder") != std::string::npos);
  ::setenv("MLKG_GRAPH", mini_dir().c_str(), 1);
  r = run_cli({"stats"});
  ::unsetenv("MLKG_GRAPH");
  CHECK(r.code == 0);
  CHECK(r.out.rfind("9 nodes, 7 edges\n", 0) == 0);
}

TEST_CASE("no arguments gives an overview of the built-in graph") {
  const auto r = run_cli({});
  CHECK(r.code == 0);
  CHECK(r.out.find("Graph: ") != std::string::npos);
}
