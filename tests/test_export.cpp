// mlkg export: every format read back by the program that really consumes it.
#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sys/stat.h>

using mlkg::test::check_golden;
using mlkg::test::read_file;
using mlkg::test::run_cli;
using mlkg::test::run_shell;
using mlkg::test::TempDir;

namespace fs = std::filesystem;

namespace {

std::string data_dir(const char* name) { return (mlkg::test::source_dir() / "tests/data" / name).string(); }
std::string reader(const char* script) { return (mlkg::test::source_dir() / "tests" / script).string(); }

// `mlkg [--graph DIR] export args...`, expecting success.
void export_ok(const std::vector<std::string>& graph, std::vector<std::string> args) {
  args.insert(args.begin(), "export");
  args.insert(args.begin(), graph.begin(), graph.end());
  const auto r = run_cli(args);
  INFO(r.err);
  REQUIRE(r.code == 0);
}

struct Graphs {
  const char* name;
  std::vector<std::string> graph_args; // empty: the built-in graph
  std::vector<std::string> slice;      // extra export arguments
};

const Graphs all_graphs[] = {
    {"built-in", {}, {}},
    {"hostile", {"--graph", data_dir("export-hostile")}, {}},
    {"query slice", {}, {"--", "pipeline", "kinesis-data-streams", "kinesis-data-firehose", "s3", "athena"}},
    {"section slice", {}, {"--section", "modelling", "--type", "algorithm,metric"}},
};

} // namespace

TEST_CASE("export: an unknown format lists the formats with did-you-mean") {
  const auto r = run_cli({"export", "--format", "turtel"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: unknown name: 'turtel' is not an export format; formats: json, graphml, turtle, cypher, "
                 "neptune-csv, neo4j-csv, mermaid, dot, obsidian, anki, html (did you mean 'turtle'?)\n");
  CHECK(run_cli({"export", "--help"}).out.find("neptune-csv") != std::string::npos);
}

TEST_CASE("export: the mini graph in every format matches the golden files") {
  const std::vector<std::string> mini = {"--graph", data_dir("mini")};
  for (const char* format : {"json", "graphml", "turtle", "cypher", "mermaid", "dot"}) {
    CAPTURE(format);
    const auto r = run_cli({"--graph", data_dir("mini"), "export", "--format", format});
    REQUIRE(r.code == 0);
    check_golden(std::string("export/mini.") + format, r.out);
  }
  for (const char* format : {"neptune-csv", "neo4j-csv", "obsidian"}) {
    CAPTURE(format);
    TempDir dir;
    export_ok(mini, {"--format", format, "-o", (dir / "out").string()});
    std::string all;
    for (const auto& entry : std::set<fs::path>(fs::directory_iterator(dir / "out"), fs::directory_iterator()))
      all += "==> " + entry.filename().string() + " <==\n" + read_file(entry);
    check_golden(std::string("export/mini.") + format, all);
  }
}

TEST_CASE("export: node-link JSON round trip through mlkg import is identical") {
  for (const Graphs& g : all_graphs) {
    CAPTURE(g.name);
    TempDir dir;
    std::vector<std::string> args = {"--format", "json", "-o", (dir / "a.json").string()};
    args.insert(args.end(), g.slice.begin(), g.slice.end());
    export_ok(g.graph_args, args);
    const auto imported = run_cli({"import", (dir / "a.json").string(), "-o", (dir / "graph").string()});
    INFO(imported.err);
    REQUIRE(imported.code == 0);
    export_ok({"--graph", (dir / "graph").string()}, {"--format", "json", "-o", (dir / "b.json").string()});
    CHECK(read_file(dir / "a.json") == read_file(dir / "b.json"));
    const auto nx =
        run_shell("/usr/bin/python3 " + reader("readers/check_export.py") + " node-link " + (dir / "a.json").string());
    CHECK_MESSAGE(nx.code == 0, nx.out);
  }
}

TEST_CASE("export: anki from a graph re-imported from its node-link JSON is byte-identical") {
  // The node-link file lists edges in another order than the graph files did; the cards must not tell.
  for (const Graphs& g : all_graphs) {
    if (!g.slice.empty()) continue; // a slice's JSON is a smaller graph, whose cards have fewer answers
    CAPTURE(g.name);
    TempDir dir;
    export_ok(g.graph_args, {"--format", "json", "-o", (dir / "g.json").string()});
    const auto imported = run_cli({"import", (dir / "g.json").string(), "-o", (dir / "graph").string()});
    INFO(imported.err);
    REQUIRE(imported.code == 0);
    export_ok(g.graph_args, {"--format", "anki", "-o", (dir / "a.anki").string()});
    export_ok({"--graph", (dir / "graph").string()}, {"--format", "anki", "-o", (dir / "b.anki").string()});
    CHECK(read_file(dir / "a.anki") == read_file(dir / "b.anki"));
  }
}

TEST_CASE("export: import refuses what is not a node-link export") {
  TempDir dir;
  mlkg::test::write_file(dir / "bad.json", "{\"directed\": true,\n \"nodes\": [}");
  auto r = run_cli({"import", (dir / "bad.json").string(), "-o", (dir / "g").string()});
  CHECK(r.code == 1);
  CHECK(r.err.find("bad.json:2:") != std::string::npos);
  mlkg::test::write_file(dir / "other.json", "{\"graph\": {\"format\": \"gexf\"}}");
  r = run_cli({"import", (dir / "other.json").string(), "-o", (dir / "g").string()});
  CHECK(r.code == 1);
  CHECK(r.err.find("/graph/format") != std::string::npos);
  r = run_cli({"import", dir.path().string(), "-o", (dir / "g").string()});
  CHECK(r.code == 4);
  CHECK(r.err == "mlkg: i/o error: " + dir.path().string() + ": a folder, not a node-link file\n");
  // A byte over the limit does not read as the limit (a sparse file: nothing is written or read).
  const fs::path huge = dir / "huge.json";
  { std::ofstream{huge}; }
  fs::resize_file(huge, (std::uintmax_t{512} << 20) + 1);
  r = run_cli({"import", huge.string(), "-o", (dir / "g").string()});
  CHECK(r.code == 4);
  CHECK(r.err == "mlkg: i/o error: " + huge.string() + ": file is 512.1 MiB; the limit is 512 MiB\n");
  // A repeated key is refused where it stands, as in a graph file, not settled by keeping the last.
  mlkg::test::write_file(dir / "twice.json", "{\"graph\": {\"format\": \"mlkg-node-link\"},\n \"graph\": {}}");
  r = run_cli({"import", (dir / "twice.json").string(), "-o", (dir / "g").string()});
  CHECK(r.code == 1);
  CHECK(r.err.rfind("mlkg: invalid graph: " + (dir / "twice.json").string() + ":2:2: ", 0) == 0);
  CHECK(r.err.find("graph") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "g"));
}

// Line and column (1-based) where `part`, which occurs once in `text`, starts.
std::pair<std::size_t, std::size_t> place_of(const std::string& text, const std::string& part) {
  const std::size_t at = text.find(part);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(part, at + 1) == std::string::npos);
  const std::size_t line_start = text.rfind('\n', at) + 1; // npos + 1 == 0 on the first line
  return {static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1,
          at - line_start + 1};
}

std::string line_at(const std::string& text, std::size_t line) {
  std::size_t start = 0;
  for (std::size_t l = 1; l < line; ++l) start = text.find('\n', start) + 1;
  return text.substr(start, text.find('\n', start) - start);
}

TEST_CASE("export: import reports a bad node-link file's problems at its own lines and pointers") {
  TempDir dir;
  export_ok({}, {"--format", "json", "-o", (dir / "good.json").string()});
  // networkx 3.6 and later write the links as "edges"; the problems are placed in that list all the same.
  for (const std::string links : {"links", "edges"}) {
    CAPTURE(links);
    auto doc = nlohmann::ordered_json::parse(read_file(dir / "good.json"));
    if (links == "edges") {
      doc["edges"] = doc["links"];
      doc.erase("links");
    }
    doc["nodes"][5]["type"] = "servce";
    doc[links][3]["target"] = "nope-node";
    doc[links].push_back(doc[links][4]); // a duplicate edge
    const std::string text = doc.dump(1);
    mlkg::test::write_file(dir / "bad.json", text);
    const std::string bad = (dir / "bad.json").string();

    const auto r = run_cli({"import", bad, "-o", (dir / "g").string()});
    CHECK(r.code == 1);
    CHECK(r.err.find("graph.json") == std::string::npos); // the graph files made from it were never written
    const auto [type_line, type_column] = place_of(text, "\"servce\"");
    CHECK(r.err.find(bad + ":" + std::to_string(type_line) + ":" + std::to_string(type_column) +
                     ": /nodes/5/type: unknown node type 'servce' (did you mean 'service'?)\n") != std::string::npos);
    const auto [to_line, to_column] = place_of(text, "\"nope-node\"");
    CHECK(r.err.find(bad + ":" + std::to_string(to_line) + ":" + std::to_string(to_column) + ": /" + links +
                     "/3/target: unknown node 'nope-node'") != std::string::npos);
    // The duplicate names the line where the first of the two edges starts.
    const std::string last = "/" + links + "/" + std::to_string(doc[links].size() - 1) + ": duplicate edge ";
    const std::size_t duplicate = r.err.find(last);
    REQUIRE(duplicate != std::string::npos);
    const std::string first_at = "(first at " + bad + ":";
    const std::size_t first = r.err.find(first_at, duplicate);
    REQUIRE(first != std::string::npos);
    const std::size_t first_line = std::stoul(r.err.substr(first + first_at.size()));
    CHECK(line_at(text, first_line) == "  {");
    CHECK(line_at(text, first_line + 1) == "   \"source\": " + doc[links][4]["source"].dump() + ",");
    CHECK_FALSE(fs::exists(dir / "g"));
  }
  // Both lists: which would be the links is not guessed.
  auto both = nlohmann::ordered_json::parse(read_file(dir / "good.json"));
  both["edges"] = both["links"];
  mlkg::test::write_file(dir / "both.json", both.dump(1));
  const auto r = run_cli({"import", (dir / "both.json").string(), "-o", (dir / "g").string()});
  CHECK(r.code == 1);
  CHECK(r.err.find("/edges: both \"links\" and \"edges\": a node-link file has one list of links") !=
        std::string::npos);
}

TEST_CASE("export: import says a reversed line range is reversed, at its place in the node-link file") {
  TempDir dir;
  export_ok({}, {"--format", "json", "-o", (dir / "good.json").string(), "--section", "AI services"});
  auto doc = nlohmann::ordered_json::parse(read_file(dir / "good.json"));
  doc["nodes"][1]["lines"] = {"240-236"};
  doc["links"][0]["lines"] = {7, "12-9"};
  // A networkx multigraph's key that is not an integer leaves the file to the careful reading, not the quick one.
  for (const bool careful : {false, true}) {
    CAPTURE(careful);
    if (careful) doc["links"][1]["key"] = 1.5;
    const std::string text = doc.dump(1);
    mlkg::test::write_file(dir / "reversed.json", text);
    const std::string file = (dir / "reversed.json").string();
    const auto r = run_cli({"import", file, "-o", (dir / "g").string()});
    CHECK(r.code == 1);
    const auto [node_line, node_column] = place_of(text, "\"240-236\"");
    CHECK(r.err.find(file + ":" + std::to_string(node_line) + ":" + std::to_string(node_column) +
                     ": /nodes/1/lines/0: range \"240-236\" is reversed: write \"236-240\"\n") != std::string::npos);
    const auto [link_line, link_column] = place_of(text, "\"12-9\"");
    CHECK(r.err.find(file + ":" + std::to_string(link_line) + ":" + std::to_string(link_column) +
                     ": /links/0/lines/1: range \"12-9\" is reversed: write \"9-12\"\n") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "g"));
  }
}

TEST_CASE("export: import refuses what it would drop, and keeps the graph folder it writes its own") {
  TempDir dir;
  export_ok({}, {"--format", "json", "-o", (dir / "good.json").string(), "--section", "AI services"});
  auto doc = nlohmann::ordered_json::parse(read_file(dir / "good.json"));
  doc["nodes"][1]["popularity"] = 5;           // would be lost
  doc["links"][0]["key"] = 0;                  // networkx's multigraph key: fine
  doc["links"][2]["relation"] = "feeds\u0007"; // named as the node-link file names it
  doc["graph"]["version"] = 99;
  doc["directed"] = false;
  const std::string text = doc.dump(1);
  mlkg::test::write_file(dir / "odd.json", text);
  const std::string odd = (dir / "odd.json").string();
  auto r = run_cli({"import", odd, "-o", (dir / "g").string()});
  CHECK(r.code == 1);
  const auto [member_line, member_column] = place_of(text, "\"popularity\": 5"); // located at its value, 5
  CHECK(r.err.find(odd + ":" + std::to_string(member_line) + ":" + std::to_string(member_column + 14) +
                   ": /nodes/1/popularity: unknown member 'popularity'\n") != std::string::npos);
  CHECK(r.err.find("/graph/version: unsupported version 99 (this mlkg reads version 1)") != std::string::npos);
  CHECK(r.err.find("/directed: an undirected graph") != std::string::npos);
  CHECK(r.err.find("key") == std::string::npos);
  CHECK(r.err.find("mlkg: 3 problems") != std::string::npos); // the header and members first, all together
  CHECK_FALSE(fs::exists(dir / "g"));
  doc["nodes"][1].erase("popularity");
  doc["graph"]["version"] = 1;
  doc["directed"] = true;
  mlkg::test::write_file(dir / "odd.json", doc.dump(1));
  r = run_cli({"import", odd, "-o", (dir / "g").string()});
  CHECK(r.code == 1);
  CHECK(r.err.find("/links/2/relation: relation contains a control character") != std::string::npos);

  // A folder written by import is a graph folder: an export does not replace it as one of its own.
  doc["links"][2]["relation"] = "feeds";
  doc["links"].erase(0); // leaves a node without edges: a warning, said, not an error
  mlkg::test::write_file(dir / "odd.json", doc.dump(1));
  r = run_cli({"import", odd, "-o", (dir / "g").string()});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.find("warning: mlkg --graph " + (dir / "g").string() + " check lists it") != std::string::npos);
  r = run_cli({"--graph", (dir / "g").string(), "export", "--format", "neo4j-csv", "-o", (dir / "g").string()});
  CHECK(r.code == 4);
  CHECK(fs::exists(dir / "g/graph.json"));
}

TEST_CASE("export: import --help says which folders -o takes, and import takes those and only those") {
  const std::string help = run_cli({"import", "--help"}).out;
  const std::string indent(30, ' ');
  CHECK(help.find(indent + "Graph folder to write (schema.json, graph.json): new, empty, or written by mlkg import;\n" +
                  indent + "in an existing one its files are replaced atomically, and anything else is kept.\n" +
                  indent + "Not '.' or '..'; its parent folder must exist\n") != std::string::npos);
  TempDir dir;
  export_ok({}, {"--format", "json", "-o", (dir / "good.json").string(), "--section", "AI services"});
  const auto import_to = [&](const fs::path& folder) {
    return run_cli({"import", (dir / "good.json").string(), "-o", folder.string()});
  };
  CHECK(import_to(dir / "new").code == 0);
  mlkg::test::write_file(dir / "new/stray.txt", "x\n");
  CHECK(import_to(dir / "new").code == 0); // written by import: its files replaced, the user's kept
  CHECK(read_file(dir / "new/stray.txt") == "x\n");
  fs::create_directory(dir / "empty");
  CHECK(import_to(dir / "empty").code == 0);
  CHECK(fs::exists(dir / "empty/graph.json"));
  fs::create_directory(dir / "mine");
  mlkg::test::write_file(dir / "mine/notes.md", "mine\n");
  CHECK(import_to(dir / "mine").code == 4);
  CHECK(read_file(dir / "mine/notes.md") == "mine\n");
  CHECK(import_to(dir / "new/.").code == 0); // names "new" itself
  CHECK(import_to(dir / "new/..").code == 2);
  CHECK(import_to(dir / "missing/g").code == 4);
  CHECK_FALSE(fs::exists(dir / "missing"));
}

TEST_CASE("export: import reads '-' as standard input, and names it so in its problems") {
  TempDir dir;
  const auto exported = run_cli({"export", "--format", "json"});
  REQUIRE(exported.code == 0);
  auto r = run_cli({"import", "-", "-o", (dir / "g").string()}, exported.out);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(run_cli({"--graph", (dir / "g").string(), "export", "--format", "json"}).out == exported.out);
  std::string bad = exported.out;
  const std::string service = "\"type\": \"service\"";
  bad.replace(bad.find(service), service.size(), "\"type\": \"servce\"");
  r = run_cli({"import", "-", "-o", (dir / "h").string()}, bad);
  CHECK(r.code == 1);
  CHECK(r.err.rfind("mlkg: invalid graph: standard input:", 0) == 0);
  CHECK(r.err.find(": unknown node type 'servce' (did you mean 'service'?)") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "h"));
}

TEST_CASE("export: import counts the warnings check lists, name clashes among them") {
  TempDir dir;
  export_ok({}, {"--format", "json", "-o", (dir / "good.json").string(), "--section", "AI services"});
  auto doc = nlohmann::ordered_json::parse(read_file(dir / "good.json"));
  doc["nodes"][0]["label"] = "Widget plot";
  auto twin = doc["nodes"][0];
  twin["id"] = "twin-node";
  twin["label"] = "Widget plots"; // the same name once plurals are folded
  twin["aliases"] = nlohmann::ordered_json::array();
  doc["nodes"].push_back(twin);
  auto link = doc["links"][0];
  link["source"] = "twin-node";
  doc["links"].push_back(link);
  mlkg::test::write_file(dir / "twin.json", doc.dump(1));
  const auto imported = run_cli({"import", (dir / "twin.json").string(), "-o", (dir / "g").string()});
  INFO(imported.err);
  REQUIRE(imported.code == 0);
  const auto checked = run_cli({"--graph", (dir / "g").string(), "--no-cache", "check"});
  CHECK(checked.code == 1);
  CHECK(checked.err.find("also names") == std::string::npos); // a clash of folded names, a warning
  CHECK(checked.err.find("mlkg: 1 problem\n") != std::string::npos);
  CHECK(imported.err.find("mlkg: it has 1 warning: ") != std::string::npos);
}

TEST_CASE("export: an id too long for a file name still gets its own Obsidian note, and links to it resolve") {
  TempDir dir;
  std::string id = "a";
  while (id.size() < 300) id += "-long";
  mlkg::test::write_file(dir / "graph/g.json", R"({"nodes": [{"id": ")" + id +
                                                   R"(", "label": "Long", "type": "service"},
    {"id": "short", "label": "Short", "type": "service"}],
    "edges": [{"from": "short", "rel": "part-of", "to": ")" +
                                                   id + R"("}]})");
  const std::string graph = (dir / "graph").string();
  export_ok({"--graph", graph}, {"--format", "json", "-o", (dir / "truth.json").string()});
  export_ok({"--graph", graph}, {"--format", "obsidian", "-o", (dir / "vault").string()});
  std::size_t longest = 0;
  for (const auto& entry : fs::directory_iterator(dir / "vault"))
    longest = std::max(longest, entry.path().filename().string().size());
  CHECK(longest == 200); // 180 characters of the id, '-', 16 hex digits, ".md"
  const auto r = run_shell("/usr/bin/python3 " + reader("readers/check_export.py") + " obsidian " +
                           (dir / "truth.json").string() + " " + (dir / "vault").string());
  CHECK_MESSAGE(r.code == 0, r.out);
}

TEST_CASE("export: a CSV value starting or ending with a space or tab is quoted, so Neptune's loader keeps it") {
  TempDir dir;
  mlkg::test::write_file(dir / "graph/g.json", R"({"nodes": [
    {"id": "padded", "label": " Padded ", "type": "service", "summary": "ends with a tab\t", "aliases": [" lead"]},
    {"id": "plain", "label": "Plain", "type": "service"}],
    "edges": [{"from": "padded", "rel": "feeds", "to": "plain", "note": "ends with a space "}]})");
  const std::vector<std::string> graph = {"--graph", (dir / "graph").string()};
  export_ok(graph, {"--format", "json", "-o", (dir / "truth.json").string()});
  export_ok(graph, {"--format", "neptune-csv", "-o", (dir / "neptune").string()});
  const std::string nodes = read_file(dir / "neptune/nodes.csv");
  CHECK(nodes.find(",\" Padded \",") != std::string::npos);
  CHECK(nodes.find(",\"ends with a tab\t\",") != std::string::npos);
  CHECK(read_file(dir / "neptune/edges.csv").find(",\"ends with a space \",") != std::string::npos);
  // The reader trims an unquoted field as the loader does: a padded value left bare would fail it.
  const auto r = run_shell("/usr/bin/python3 " + reader("readers/check_export.py") + " neptune-csv " +
                           (dir / "truth.json").string() + " " + (dir / "neptune").string());
  CHECK_MESSAGE(r.code == 0, r.out);
}

TEST_CASE("export: a query after -- that finds nothing exports nothing (exit 3), as the query would") {
  const auto r = run_cli({"export", "--format", "json", "--", "path", "s3", "fraud-detector", "--max-hops", "1"});
  CHECK(r.code == 3);
  CHECK(r.out.empty());
  CHECK(r.err == "mlkg: no result: No path from s3 to fraud-detector within 1 hop.\n");
  const auto unlinked = run_cli({"export", "--format", "json", "--", "explain", "s3", "fraud-detector"});
  CHECK(unlinked.code == 3);
  CHECK(unlinked.out.empty());
  CHECK(unlinked.err.rfind("mlkg: no result: No direct link between s3 and fraud-detector", 0) == 0);
}

TEST_CASE("export: GraphML, Turtle, CSV and the Obsidian vault read back with their real readers") {
  for (const Graphs& g : all_graphs) {
    CAPTURE(g.name);
    TempDir dir;
    const auto out = [&](const char* format, const char* name) {
      std::vector<std::string> args = {"--format", format, "-o", (dir / name).string()};
      args.insert(args.end(), g.slice.begin(), g.slice.end());
      export_ok(g.graph_args, args);
      return (dir / name).string();
    };
    const std::string truth = out("json", "truth.json");
    const std::pair<const char*, std::string> checks[] = {
        {"graphml", out("graphml", "g.graphml")},       {"turtle", out("turtle", "g.ttl")},
        {"neptune-csv", out("neptune-csv", "neptune")}, {"neo4j-csv", out("neo4j-csv", "neo4j")},
        {"obsidian", out("obsidian", "vault")},
    };
    for (const auto& [kind, path] : checks) {
      CAPTURE(kind);
      const auto r =
          run_shell("/usr/bin/python3 " + reader("readers/check_export.py") + " " + kind + " " + truth + " " + path);
      CHECK_MESSAGE(r.code == 0, r.out);
      CHECK(r.out.rfind("ok: ", 0) == 0);
    }
    const auto rapper = run_shell("rapper --quiet -i turtle -c " + dir.path().string() + "/g.ttl");
    CHECK_MESSAGE(rapper.code == 0, rapper.out);
  }
}

TEST_CASE("export: the readers catch a broken file") {
  TempDir dir;
  export_ok({"--graph", data_dir("export-hostile")}, {"--format", "json", "-o", (dir / "truth.json").string()});
  export_ok({"--graph", data_dir("export-hostile")}, {"--format", "obsidian", "-o", (dir / "vault").string()});
  // A wikilink to a note that does not exist.
  std::string note = read_file(dir / "vault/unicode.md");
  mlkg::test::write_file(dir / "vault/unicode.md", note + "See [[no-such-note]].\n");
  auto r = run_shell("/usr/bin/python3 " + reader("readers/check_export.py") + " obsidian " +
                     (dir / "truth.json").string() + " " + (dir / "vault").string());
  CHECK(r.code == 1);
  CHECK(r.out.find("no-such-note") != std::string::npos);
  // Turtle with a quote left unescaped.
  export_ok({"--graph", data_dir("export-hostile")}, {"--format", "turtle", "-o", (dir / "g.ttl").string()});
  std::string ttl = read_file(dir / "g.ttl");
  const auto at = ttl.find("\\\"hi\\\"");
  REQUIRE(at != std::string::npos);
  ttl.replace(at, 6, "\"hi\"");
  mlkg::test::write_file(dir / "broken.ttl", ttl);
  CHECK(run_shell("rapper --quiet -i turtle -c " + (dir / "broken.ttl").string()).code != 0);
}

TEST_CASE("export: Neo4j's Cypher parser accepts every statement, and rejects a broken one") {
  TempDir dir;
  std::string files;
  for (const Graphs& g : all_graphs) {
    if (g.graph_args.empty() && g.slice.empty()) continue;
    const std::string path = (dir / (std::string(g.name) + ".cypher")).string();
    std::vector<std::string> args = {"--format", "cypher", "-o", path};
    args.insert(args.end(), g.slice.begin(), g.slice.end());
    export_ok(g.graph_args, args);
    files += " '" + path + "'";
  }
  // The full linter (grammar and semantic analysis) on the small exports; the grammar alone on the
  // whole graph, where the semantic pass takes minutes.
  const std::string lint = "node " + reader("js/cypher_lint.cjs");
  auto r = run_shell(lint + files);
  INFO(r.out);
  CHECK(r.code == 0);
  CHECK(r.out.find("hostile.cypher: 8 statements, 0 errors") != std::string::npos);
  export_ok({}, {"--format", "cypher", "-o", (dir / "whole.cypher").string()});
  r = run_shell(lint + " --syntax-only " + (dir / "whole.cypher").string());
  CHECK_MESSAGE(r.code == 0, r.out);
  CHECK(r.out.find("whole.cypher: ") != std::string::npos);
  CHECK(r.out.find(" statements, 0 errors") != std::string::npos);

  // One statement broken: a property map not closed.
  std::string text = read_file(dir / "hostile.cypher");
  const auto at = text.find("'},\n");
  REQUIRE(at != std::string::npos);
  text.replace(at, 4, "',\n");
  mlkg::test::write_file(dir / "broken.cypher", text);
  r = run_shell(lint + " " + (dir / "broken.cypher").string());
  CHECK(r.code == 1);
  CHECK(r.out.find("broken.cypher:") != std::string::npos);
}

TEST_CASE("export: mermaid parses and renders every export in Chromium, labels intact, and fails on a broken one") {
  TempDir dir;
  std::string files;
  for (const Graphs& g : all_graphs) {
    const std::string path = (dir / (std::string(g.name) + ".mmd")).string();
    std::vector<std::string> args = {"--format", "mermaid", "-o", path};
    args.insert(args.end(), g.slice.begin(), g.slice.end());
    export_ok(g.graph_args, args);
    // The hostile graph last of the good ones: the screenshot shows the last drawing made.
    const std::string quoted = " '" + path + "'";
    files = std::string(g.name) == "hostile" ? files + quoted : quoted + files;
  }
  mlkg::test::write_file(dir / "broken.mmd", "flowchart LR\n  n0[\"a \"quoted\" label\"]\n  n0 --> n1\n");
  const fs::path output = fs::current_path() / "test-output"; // the build folder's, beside the explorer's
  fs::create_directories(output);
  const std::string shot = (output / "export-mermaid.png").string();
  const auto r = run_shell("node " + reader("js/mermaid_render.cjs") + " --screenshot '" + shot + "' --labels" + files +
                           " " + (dir / "broken.mmd").string());
  INFO(r.out);
  CHECK(r.code == 1); // broken.mmd, and only it
  const auto stats = nlohmann::json::parse(run_cli({"stats", "--json"}).out);
  CHECK(r.out.find("built-in.mmd: ok, " + stats["nodes"].dump() + " nodes drawn") != std::string::npos);
  CHECK(r.out.find("hostile.mmd: ok, 5 nodes drawn") != std::string::npos);
  CHECK(r.out.find("query slice.mmd: ok") != std::string::npos);
  CHECK(r.out.find("section slice.mmd: ok") != std::string::npos);
  CHECK(r.out.find("broken.mmd: Parse error") != std::string::npos);
  // The hostile label is drawn as the text it is, markup and all.
  CHECK(r.out.find(R"("He said \"hi\" & 'bye' <b>bold</b> <img src=x onerror=alert(1)>")") != std::string::npos);
  CHECK(r.out.find("\"Ünïcödé — 日本語 🚀 ﬁ\"") != std::string::npos);
  // A 9,700-character label is drawn shortened, not as a column taller than the drawing.
  CHECK(r.out.find("\"Very long label word0 word1 word2") != std::string::npos);
  CHECK(r.out.find("word100") == std::string::npos);
  CHECK(r.out.find("\u2026\"") != std::string::npos);
}

TEST_CASE("export: Graphviz's dot parses and lays out every DOT export, hostile labels included") {
  const auto stats = nlohmann::json::parse(run_cli({"stats", "--json"}).out);
  const std::pair<const char*, std::string> expected[] = {
      {"built-in", stats["nodes"].dump()}, {"hostile", "5"}, {"query slice", ""}, {"section slice", ""}};
  for (const Graphs& g : all_graphs) {
    CAPTURE(g.name);
    TempDir dir;
    const std::string path = (dir / "g.dot").string();
    std::vector<std::string> args = {"--format", "dot", "-o", path};
    args.insert(args.end(), g.slice.begin(), g.slice.end());
    export_ok(g.graph_args, args);
    // -Tcanon: dot parses the file, lays it out with the engine it names, and writes it back; the
    // nodes it read come back with their ids.
    const auto r = run_shell("dot -Tcanon '" + path + "' | grep -c 'id=\"node-'");
    CHECK_MESSAGE(r.code == 0, r.out);
    for (const auto& [name, count] : expected)
      if (name == std::string(g.name) && !count.empty()) CHECK(r.out == count + "\n");
  }
  TempDir dir;
  export_ok({"--graph", data_dir("export-hostile")}, {"--format", "dot", "-o", (dir / "h.dot").string()});
  // The hostile label survives as text: dot's own output of the parsed file still holds it.
  const auto parsed = run_shell("dot -Tsvg '" + (dir / "h.dot").string() + "'");
  REQUIRE(parsed.code == 0);
  CHECK(parsed.out.find("He said &quot;hi&quot; &amp; &#39;bye&#39; &lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
  CHECK(parsed.out.find("<img") == std::string::npos);
  // A broken DOT file fails the same check.
  std::string text = read_file(dir / "h.dot");
  text.replace(text.find(" -> "), 4, " -> -> ");
  mlkg::test::write_file(dir / "broken.dot", text);
  CHECK(run_shell("dot -Tcanon '" + (dir / "broken.dot").string() + "' >/dev/null 2>&1").code != 0);
}

TEST_CASE("export: slices") {
  auto count = [](std::vector<std::string> args) {
    args.insert(args.begin(), {"export", "--format", "json"});
    const auto r = run_cli(args);
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    return std::make_pair(j["nodes"].size(), j["links"].size());
  };
  const auto stats = nlohmann::json::parse(run_cli({"stats", "--json"}).out);
  CHECK(count({}) == std::make_pair(stats["nodes"].get<std::size_t>(), stats["edges"].get<std::size_t>()));
  // The nodes and edges the query touched.
  const auto answers = nlohmann::json::parse(run_cli({"what", "mitigates", "overfitting", "--json"}).out);
  const auto what = count({"--", "what", "mitigates", "overfitting"});
  CHECK(what.first == answers["nodes"].size());
  CHECK(what.second == answers["edges"].size());
  const auto services = count({"--type", "service", "--section", "Data engineering"});
  CHECK(services.first > 10);
  const auto pipeline = run_cli({"export", "--format", "mermaid", "--", "pipeline", "glue", "athena", "quicksight"});
  CHECK(pipeline.code == 0);
  CHECK(pipeline.out.find("(\"Amazon QuickSight\")") != std::string::npos); // a service: rounded
}

TEST_CASE("export: bad input is an error, and a failed export leaves the old file intact") {
  TempDir dir;
  const std::string file = (dir / "x.ttl").string();
  mlkg::test::write_file(file, "old\n");
  auto r = run_cli({"export", "--format", "turtle", "-o", file, "--type", "service", "--section", "Modelling", "--",
                    "what", "mitigates", "overfitting"});
  CHECK(r.code == 3);
  CHECK(r.err == "mlkg: no result: nothing to export: the slice has no nodes\n");
  CHECK(read_file(file) == "old\n");
  r = run_cli({"export", "--format", "turtle", "-o", file, "--section", "modeling"});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: unknown name: 'modeling' is not a section; sections: AI services, Data Engineering, "
                 "Deployment, Exploratory Data Analysis, Machine learning, Modelling (did you mean 'Modelling'?)\n");
  r = run_cli({"export", "--format", "turtle", "-o", file, "--", "paht", "a", "b"});
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown query 'paht'") != std::string::npos);
  CHECK(read_file(file) == "old\n");
  // The query's own output options are refused, not run or ignored.
  for (const std::vector<std::string>& shaping : std::vector<std::vector<std::string>>{
           {"--emit", "cypher"}, {"--json"}, {"-o", (dir / "q.svg").string()}, {"--format", "dot"}, {"--no-legend"}}) {
    std::vector<std::string> args{"export", "--format", "turtle", "-o", file, "--", "path", "glue", "athena"};
    args.insert(args.end(), shaping.begin(), shaping.end());
    r = run_cli(args);
    CAPTURE(shaping.front());
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("the query after -- takes no " +
                     (shaping.front() == "-o" ? std::string("--output") : shaping.front()) +
                     ": export writes its answer") != std::string::npos);
  }
  CHECK(!fs::exists(dir / "q.svg"));
  CHECK(read_file(file) == "old\n");

  // Replaced atomically: a new file (inode) renamed over the old one.
  struct stat before {
  }, after{};
  ::stat(file.c_str(), &before);
  export_ok({}, {"--format", "turtle", "-o", file});
  ::stat(file.c_str(), &after);
  CHECK(before.st_ino != after.st_ino);
  CHECK(read_file(file).rfind("@prefix mlkg:", 0) == 0);

  r = run_cli({"export", "--format", "obsidian"});
  CHECK(r.code == 2);
  CHECK(r.err.find("writes a folder") != std::string::npos);
  // A folder export never replaces a folder mlkg did not write.
  fs::create_directories(dir / "mine");
  mlkg::test::write_file(dir / "mine/keep.txt", "mine\n");
  r = run_cli({"export", "--format", "obsidian", "-o", (dir / "mine").string()});
  CHECK(r.code == 4);
  CHECK(read_file(dir / "mine/keep.txt") == "mine\n");
  // ... but replaces its own, whole: no stale notes survive.
  export_ok({}, {"--format", "obsidian", "-o", (dir / "vault").string()});
  CHECK(fs::exists(dir / "vault/glue.md"));
  export_ok({}, {"--format", "obsidian", "-o", (dir / "vault").string(), "--section", "Modelling"});
  CHECK_FALSE(fs::exists(dir / "vault/glue.md"));
  CHECK(fs::exists(dir / "vault/k-means.md"));
  for (const auto& entry : fs::directory_iterator(dir.path()))
    CHECK_MESSAGE(entry.path().filename().string().rfind(".mlkg-", 0) != 0, "temporary left: " << entry.path());
}
