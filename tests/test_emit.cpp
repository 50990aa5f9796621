// --emit sparql|cypher: the printed query, run where the graph was exported to, gives mlkg's answer.
#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

using mlkg::test::read_file;
using mlkg::test::run_cli;
using mlkg::test::run_shell;
using mlkg::test::TempDir;
using nlohmann::json;

namespace {

std::string tool(const char* path) { return (mlkg::test::source_dir() / "tests" / path).string(); }

// mlkg's answer as JSON; null when the query is a usage error (a random pipeline through one node twice).
json answer(std::vector<std::string> args) {
  args.push_back("--json");
  const auto r = run_cli(args);
  return r.code == 2 ? json() : json::parse(r.out);
}

std::string emitted(std::vector<std::string> args, const char* language) {
  args.push_back("--emit");
  args.push_back(language);
  const auto r = run_cli(args);
  INFO(r.err);
  REQUIRE(r.code == 0);
  return r.out;
}

std::string name_of(const std::vector<std::string>& args) {
  std::string s;
  for (const auto& a : args) s += (s.empty() ? "" : " ") + a;
  return s;
}

// A case for sparql_check.py or cypher_check.py, with mlkg's own answer; false when mlkg's answer is not
// comparable.
bool make_case(const std::vector<std::string>& args, const json& mlkg, const char* language, json& out) {
  const std::string& command = args[0];
  if (mlkg.is_null() || mlkg.value("truncated", false)) return false;
  out = {{"name", name_of(args)}, {"query", emitted(args, language)}};
  if (command == "pipeline") {
    out["kind"] = "links";
    out["expected"] = json::array();
    for (const auto& link : mlkg["links"])
      if (link["ok"]) out["expected"].push_back({link["from"], link["to"]});
  } else if (command == "path") {
    if (mlkg["paths"].empty()) return false;
    out["kind"] = "path";
    out["from"] = mlkg["paths"][0]["nodes"].front()["id"];
    out["to"] = mlkg["paths"][0]["nodes"].back()["id"];
    out["expected"] = json::array();
    for (const auto& p : mlkg["paths"]) {
      json ids = json::array();
      for (const auto& n : p["nodes"]) ids.push_back(n["id"]);
      out["expected"].push_back(ids);
    }
  } else {
    out["kind"] = "nodes";
    out["expected"] = json::array();
    for (const auto& n : mlkg["nodes"])
      if (n.value("answer", false)) out["expected"].push_back(n["id"]);
  }
  return true;
}

std::vector<std::vector<std::string>> gallery() {
  return {
      {"what", "mitigates", "overfitting"},
      {"what", "feeds", "s3"},
      {"related", "s3", "--rel", "feeds"},
      {"related", "glue", "--rel", "part-of", "--in"},
      {"related", "athena", "--rel", "alternative-to,contrasts-with"},
      {"neighbours", "glue"},
      {"neighbours", "overfitting", "--depth", "2"},
      {"neighbours", "kinesis-data-streams", "--depth", "2", "--out", "--type", "service"},
      {"pipeline", "s3", "athena", "quicksight"},
      {"pipeline", "glue", "athena", "quicksight"},
      {"pipeline", "kinesis-data-streams", "kinesis-data-firehose", "s3", "athena"},
      {"path", "kinesis-data-streams", "s3", "--any", "--k", "2"},
      {"path", "glue", "quicksight", "--any"},
      {"path", "overfitting", "dropout", "--any", "--directed"},
      // path's tiers: flow chains first, then walks over linking relations, then any walk.
      {"path", "kinesis-data-streams", "s3", "--k", "4"},
      {"path", "glue", "quicksight", "--k", "3"},
      {"path", "s3", "sagemaker-endpoint", "--k", "2"},
      {"path", "dropout", "overfitting", "--k", "3"},
      {"path", "athena", "redshift", "--k", "3", "--directed"},
      // --directed walks symmetric relations (alternative-to, contrasts-with) either way, however each edge is
      // stored: kinesis-data-firehose -alternative-to-> kinesis-data-streams is walked from streams to firehose.
      {"path", "kinesis-data-streams", "s3", "--directed", "--k", "5"},
      {"path", "knn", "unsupervised-learning", "--directed"},
      {"path", "glue", "batch-computing", "--directed"},
      {"path", "direct-connect", "internet-exposure", "--directed", "--any", "--k", "3"},
      {"path", "kinesis-data-streams", "s3", "--directed", "--rel", "feeds,alternative-to", "--k", "3"},
      {"path", "kinesis-data-streams", "s3", "--directed", "--via", "kinesis-data-firehose", "--k", "3"},
      {"path", "kinesis-data-streams", "s3", "--directed", "--avoid", "kinesis-data-analytics", "--k", "3"},
  };
}

// Random queries over the shipped graph, the same every run.
std::vector<std::vector<std::string>> random_queries(std::size_t count) {
  const json nodes = answer({"list"});
  const json schema = json::parse(read_file(mlkg::test::source_dir() / "graph/schema.json"));
  std::vector<std::string> ids, relations;
  for (const auto& n : nodes["nodes"]) ids.push_back(n["id"]);
  for (const auto& [name, spec] : schema["relations"].items()) relations.push_back(name);
  std::mt19937 rng(20261202);
  const auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
  };
  const auto coin = [&] { return std::uniform_int_distribution<int>(0, 1)(rng) == 1; };
  std::vector<std::vector<std::string>> queries;
  while (queries.size() < count) {
    switch (queries.size() % 5) {
    case 0: {
      std::vector<std::string> q = {"neighbours", pick(ids), "--depth", coin() ? "1" : "2"};
      if (coin()) q.insert(q.end(), {"--rel", pick(relations) + "," + pick(relations)});
      if (coin()) q.push_back(coin() ? "--in" : "--out");
      queries.push_back(q);
      break;
    }
    case 1: queries.push_back({"what", pick(relations), pick(ids)}); break;
    case 2: {
      std::vector<std::string> q = {"related", pick(ids), "--rel", pick(relations)};
      if (coin()) q.push_back(coin() ? "--in" : "--out");
      queries.push_back(q);
      break;
    }
    case 3: queries.push_back({"pipeline", pick(ids), pick(ids), pick(ids)}); break;
    case 4: {
      std::vector<std::string> q = {"path", pick(ids), pick(ids), "--max-hops", "3", "--k", "3"};
      if (coin()) q.push_back("--any"); // else path's tiers
      queries.push_back(q);
      break;
    }
    }
  }
  return queries;
}

// A path query asked again with --max-hops set to the longest of mlkg's paths: mlkg's answer stays the same,
// and the emitted query, which rdflib and cypher_check.py run by walking every chain up to --max-hops, walks
// no longer ones. False when mlkg finds no path.
bool ask_up_to_longest(std::vector<std::string>& q, json& mlkg) {
  if (mlkg["paths"].empty()) return false;
  std::size_t longest = 0;
  for (const auto& p : mlkg["paths"]) longest = std::max(longest, p["length"].get<std::size_t>());
  const auto at = std::find(q.begin(), q.end(), "--max-hops");
  if (at != q.end())
    *(at + 1) = std::to_string(longest);
  else
    q.insert(q.end(), {"--max-hops", std::to_string(longest)});
  const json again = answer(q);
  CHECK(again["paths"] == mlkg["paths"]);
  mlkg = again;
  return true;
}

// mlkg's answers to the gallery and `random` random queries, as cases for the checker of `language`, one per
// line of `file`; how many were written.
std::size_t write_cases(const std::filesystem::path& file, const char* language, std::size_t random) {
  auto queries = gallery();
  for (auto& q : random_queries(random)) queries.push_back(q);
  std::ofstream cases(file);
  std::size_t written = 0;
  for (auto q : queries) {
    CAPTURE(name_of(q));
    json mlkg = answer(q);
    json c;
    if (q[0] == "path" && !mlkg.is_null() && !ask_up_to_longest(q, mlkg)) continue;
    if (!make_case(q, mlkg, language, c)) continue;
    cases << c.dump() << "\n";
    ++written;
  }
  return written;
}

} // namespace

TEST_CASE("emit: rdflib runs each emitted SPARQL query on the Turtle export and gets mlkg's answer") {
  TempDir dir;
  REQUIRE(run_cli({"export", "--format", "turtle", "-o", (dir / "graph.ttl").string()}).code == 0);
  const std::size_t written = write_cases(dir / "cases.jsonl", "sparql", 250);
  CHECK(written > 200);
  const auto r = run_shell("/usr/bin/python3 " + tool("readers/sparql_check.py") + " " + (dir / "graph.ttl").string() +
                           " " + (dir / "cases.jsonl").string());
  CHECK_MESSAGE(r.code == 0, r.out);
  CHECK(r.out == "ok: " + std::to_string(written) + " queries\n");
}

TEST_CASE("emit: every emitted Cypher query passes Neo4j's parser") {
  TempDir dir;
  std::string gallery_text, random_text;
  for (const auto& q : gallery()) gallery_text += emitted(q, "cypher");
  for (auto q : random_queries(150)) {
    q.insert(q.end(), {"--emit", "cypher"});
    const auto r = run_cli(q);
    if (r.code != 2) random_text += r.out; // usage errors: a random pipeline through one node twice
  }
  mlkg::test::write_file(dir / "gallery.cypher", gallery_text);
  mlkg::test::write_file(dir / "random.cypher", random_text);
  const std::string lint = "node " + tool("js/cypher_lint.cjs");
  auto r = run_shell(lint + " " + (dir / "gallery.cypher").string());
  CHECK_MESSAGE(r.code == 0, r.out);
  r = run_shell(lint + " --syntax-only " + (dir / "random.cypher").string());
  CHECK_MESSAGE(r.code == 0, r.out);
}

TEST_CASE("emit: each emitted Cypher query finds what it names in the Neptune, Neo4j and Cypher exports as loaded, "
          "and gets mlkg's answer") {
  TempDir dir;
  const std::pair<const char*, std::string> exports[] = {{"neptune-csv", (dir / "neptune").string()},
                                                         {"neo4j-csv", (dir / "neo4j").string()},
                                                         {"cypher", (dir / "graph.cypher").string()}};
  for (const auto& [format, path] : exports) REQUIRE(run_cli({"export", "--format", format, "-o", path}).code == 0);
  const std::size_t written = write_cases(dir / "cases.jsonl", "cypher", 150);
  CHECK(written > 120);
  for (const auto& [format, path] : exports) {
    const std::string loaded = format;
    CAPTURE(loaded);
    const auto r =
        run_shell("/usr/bin/python3 " + tool("readers/cypher_check.py") + " " + format + " " + path + " " +
                  (mlkg::test::source_dir() / "graph/schema.json").string() + " " + (dir / "cases.jsonl").string());
    CHECK_MESSAGE(r.code == 0, r.out);
    const std::string ok = "ok: " + std::to_string(written) + " queries (";
    REQUIRE(r.out.rfind(ok, 0) == 0);
    CHECK(r.out == ok + std::to_string(written) + " evaluated)\n"); // paths too
  }
}

TEST_CASE("emit: bad --emit values and queries are usage errors") {
  auto r = run_cli({"what", "mitigates", "overfitting", "--emit", "sparkql"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: usage error: --emit takes sparql or cypher, not 'sparkql' (did you mean 'sparql'?)\n");
  r = run_cli({"neighbours", "glue", "--depth", "99", "--emit", "sparql"});
  CHECK(r.code == 2);
  r = run_cli({"path", "glue", "glue", "--emit", "cypher"});
  CHECK(r.code == 2);
}
