// Hostile and careless graph files: every one is a located error or a warning, never silent loss.
// These guard whatever loader stands (issue 12), so they use only the public loading API and the CLI.
#include "mlkg/load.hpp"
#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <sys/stat.h>

using namespace mlkg;
using mlkg::test::read_file;
using mlkg::test::source_dir;
using mlkg::test::TempDir;
using mlkg::test::write_file;
namespace fs = std::filesystem;

namespace {

std::string mini_schema_text() { return read_file(source_dir() / "tests/data/mini/schema.json"); }
std::string hostile(const std::string& name) { return read_file(source_dir() / "tests/data/hostile" / name); }

std::vector<Diagnostic> problems_of(const std::vector<SourceText>& files, const LoadLimits& limits = {}) {
  try {
    load_graph(files, limits);
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}

std::vector<Diagnostic> problems(const std::string& text, const LoadLimits& limits = {}) {
  return problems_of({{"schema.json", mini_schema_text()}, {"data.json", text}}, limits);
}

std::vector<Diagnostic> schema_problems(const std::string& schema) {
  return problems_of({{"schema.json", schema}, {"data.json", "{}"}});
}

std::string first(const std::vector<Diagnostic>& all) {
  REQUIRE_MESSAGE(!all.empty(), "expected the load to fail");
  return format(all.front());
}

std::vector<std::string> formatted(const std::vector<Diagnostic>& all) {
  std::vector<std::string> out;
  for (const Diagnostic& d : all) out.push_back(format(d));
  return out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Errors of reading the folder, then loading it.
std::vector<std::string> folder_problems(const fs::path& dir, ErrorKind* kind = nullptr) {
  try {
    load_graph(read_graph_dir(dir.string()));
  } catch (const Error& e) {
    if (kind) *kind = e.kind();
    return formatted(e.diagnostics());
  }
  return {};
}

const char* one_node = R"({"id": "a", "label": "A", "type": "service"})";

} // namespace

TEST_CASE("duplicate keys are errors at the second key, in nodes, files and the schema") {
  CHECK(first(problems(hostile("duplicate-label.json"))) ==
        "data.json:3:50: /nodes/0/label: duplicate key 'label' (first at line 3, column 36)");
  CHECK(first(problems(hostile("duplicate-nodes.json"))) ==
        "data.json:4:1: /nodes: duplicate key 'nodes' (first at line 1, column 2)");
  std::string schema = mini_schema_text();
  schema.replace(schema.find("\"alternative-to\""), 0, R"("feeds": { "description": "Again." },
    )");
  CHECK(first(schema_problems(schema)) ==
        "schema.json:15:5: /relations/feeds: duplicate key 'feeds' (first at line 14, column 5)");
}

TEST_CASE("a duplicate key before malformed text is located without hanging (found by fuzzing)") {
  const std::string replay = read_file(source_dir() / "tests/fuzz/corpus/load_file/timeout-duplicate-key-locator");
  CHECK(first(problems(replay)).find("duplicate key") != std::string::npos);
  CHECK(first(problems(R"({"nodes": [{"id": "a", "id": "b"}, }]]} "x)")) ==
        "data.json:1:24: /nodes/0/id: duplicate key 'id' (first at line 1, column 13)");
}

TEST_CASE("anything after the top-level value is an error, with or without a NUL before it") {
  const std::string valid = std::string("{\"nodes\": [") + one_node + "]}";
  CHECK(first(problems(valid + "garbage")).rfind("data.json:1:", 0) == 0);
  CHECK(first(problems(valid + std::string("\0garbage", 8))) ==
        "data.json:1:" + std::to_string(valid.size() + 1) + ": a NUL byte, which JSON text cannot contain");
  CHECK(first(problems(valid + std::string("\0", 1))).find("NUL byte") != std::string::npos);
  CHECK(first(problems(valid + "\n{}")).rfind("data.json:2:1: ", 0) == 0);
}

TEST_CASE("numbers too large for a double are located errors") {
  CHECK(first(problems(hostile("huge-number.json"))) == "data.json:2:20: number overflow parsing '1e400'");
}

TEST_CASE("integers beyond 64 bits are located and quoted as written, and longer ones are clipped") {
  const auto text = [](const std::string& source) {
    return std::string(R"({"nodes": [{"id": "a", "label": "A", "type": "service", "source": [)") + source + "]}]}";
  };
  const std::string expected = "data.json:1:68: /nodes/0/source/0: expected a line number (a positive integer) or a "
                               "range \"first-last\", found ";
  CHECK(first(problems(text("18446744073709551616"))) == expected + "18446744073709551616");
  CHECK(first(problems(text("-92233720368547758080"))) == expected + "-92233720368547758080");
  CHECK(first(problems(text("18446744073709551615"))) == expected + "18446744073709551615");
  // Read but not looked into (an unknown member): still read, and still fine.
  const auto unknown = formatted(
      problems(R"({"nodes": [{"id": "a", "label": "A", "type": "service", "x": 1)" + std::string(30, '0') + "}]}"));
  REQUIRE(unknown.size() == 1);
  CHECK(contains(unknown[0], "/nodes/0/x: unknown member 'x'"));
  const std::string too_long = first(problems(text("1" + std::string(400, '0'))));
  CHECK(too_long.rfind("data.json:1:68: number overflow parsing '1000", 0) == 0);
  CHECK(contains(too_long, " more bytes)"));
  CHECK(too_long.size() < 300);
}

TEST_CASE("a UTF-8 byte-order mark before the text is skipped, and columns on line 1 do not count it") {
  const std::string bom = "\xEF\xBB\xBF";
  const std::string valid = std::string("{\"nodes\": [") + one_node + "]}";
  CHECK(problems(bom + valid).empty());
  const std::string typo = R"({"nodes": [{"id": "a", "label": "A", "type": "servic"}]})";
  const std::string column = std::to_string(typo.find("\"servic\"") + 1);
  CHECK(first(problems(bom + typo)).rfind("data.json:1:" + column + ": /nodes/0/type: unknown node type 'servic'", 0) ==
        0);
  CHECK(first(problems(bom + "\n" + typo)).rfind("data.json:2:" + column + ": /nodes/0/type:", 0) == 0);
  CHECK(first(problems(bom + " {\"nodes\": [}")).rfind("data.json:1:13: ", 0) == 0);
  CHECK(first(problems(bom)) == "data.json: file is empty: expected a JSON object");
}

TEST_CASE("the string limit message says by how much") {
  LoadLimits limits;
  limits.max_string_bytes = 1000;
  const std::string text = "{\"nodes\": [{\"id\": \"a\", \"summary\": \"" + std::string(1003, 's') + "\"}]}";
  CHECK(first(problems(text, limits)) == "data.json:1:35: /nodes/0/summary: a JSON string of 1,003 bytes, 3 bytes "
                                         "over the limit of 1,000 bytes");
}

TEST_CASE("unknown members with / or ~ are reported at an escaped pointer with a line") {
  const auto all = formatted(problems(hostile("slash-member.json")));
  REQUIRE(all.size() == 2);
  CHECK(all[0] == "data.json:3:57: /nodes/0/a~1b: unknown member 'a/b' (did you mean 'id'?)");
  CHECK(all[1] == "data.json:3:67: /nodes/0/c~0d: unknown member 'c~d' (did you mean 'id'?)");
}

TEST_CASE("line numbers and ranges are bounded at load") {
  const auto text = [](const std::string& source) {
    return std::string(R"({"nodes": [{"id": "a", "label": "A", "type": "service", "source": [)") + source + "]}]}";
  };
  CHECK(problems(text("\"1-1000000\"")).empty());
  CHECK(first(problems(text("\"1-10000000\""))) ==
        "data.json:1:68: /nodes/0/source/0: line 10000000 is past the limit of 1,000,000 lines");
  CHECK(first(problems(text("\"1-999999999\""))).find("past the limit") != std::string::npos);
  CHECK(first(problems(text("1000001"))).find("past the limit") != std::string::npos);
}

TEST_CASE("control characters are rejected in every text field; tab and newline only in prose") {
  struct Case {
    const char* member;
    const char* value;
    bool allowed;
  };
  const Case cases[] = {
      {"label", "A\\u001b]0;pwned\\u0007", false},
      {"label", "A\\nB", false},
      {"label", "A\\tB", false},
      {"aliases", "[\"A\\bB\"]", false},
      {"section", "S\\u0000", false},
      {"facts", "[\"fact\\r\"]", false},
      {"facts", "[\"fact\\u0007\"]", false},
      {"facts", "[\"Line one.\\nLine two.\"]", true},
      {"summary", "Text\\u009b31m", false},
      {"summary", "Text\\u202eevil", false},
      {"label", "A\\u200fB", false},
      {"label", "A\\u061cB", false},
      {"summary", "Line\\u2028two", false},
      {"aliases", "[\"\\ufeffA\"]", false},
      {"label", "A\\uffffB", false}, // not allowed in XML: GraphML and SVG would be unreadable
      {"facts", "[\"fact \\ufffe\"]", false},
      {"summary", "Non-character \\ufdd0", false},
      {"summary", "Plane one \\ud83f\\udffe", false}, // U+1FFFE
      {"summary", "Emoji \\ud83d\\ude00 and \\uffef", true},
      {"summary", "Line one.\\nLine two.\\tTabbed.", true},
      {"summary", "caf\\u00e9 \\u2013 ok", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.member);
    CAPTURE(c.value);
    const bool list = c.value[0] == '[';
    const std::string value = list ? c.value : std::string("\"") + c.value + "\"";
    const std::string label = std::string(c.member) == "label" ? "" : R"("label": "A", )";
    const std::string text =
        std::string(R"({"nodes": [{"id": "a", "type": "service", )") + label + "\"" + c.member + "\": " + value + "}]}";
    const auto all = problems(text);
    if (c.allowed) {
      CHECK(all.empty());
      continue;
    }
    REQUIRE(!all.empty());
    const std::string message = format(all.front());
    CHECK(contains(message, "/nodes/0/" + std::string(c.member)));
    CHECK(contains(message, "control character"));
    CHECK(std::none_of(message.begin(), message.end(),
                       [](char ch) { return (static_cast<unsigned char>(ch) < 0x20 && ch != '\n') || ch == 0x7f; }));
  }
  const auto edge = formatted(problems(std::string(R"({"nodes": [)") + one_node +
                                       R"(, {"id": "b", "label": "B", "type": "service"}], "edges": [
    {"from": "a", "rel": "feeds", "to": "b", "note": "x\u001b[2J"}]})"));
  REQUIRE(edge.size() == 1);
  CHECK(contains(edge[0], "/edges/0/note: note contains a control character (\\x1b at character 2)"));
  const auto top = formatted(problems(R"({"section": "S\u0007", "nodes": []})"));
  REQUIRE(top.size() == 1);
  CHECK(contains(top[0], "/section: section contains a control character (\\x07 at character 2)"));

  std::string schema = mini_schema_text();
  schema.replace(schema.find("An AWS service."), 0, "\\u001b");
  CHECK(contains(first(schema_problems(schema)), "/node_types/service/description: description contains a "
                                                 "control character"));
}

TEST_CASE("relation inverses are kebab-case, unique across the vocabulary, and symmetric ones are themselves") {
  const auto schema_with = [](const std::string& relations) {
    return R"({"node_types": {"service": {}}, "relations": {)" + relations + "}}";
  };
  CHECK(schema_problems(schema_with(R"("feeds": {"inverse": "fed-by"}, "peer-of": {"symmetric": true})")).empty());
  CHECK(first(schema_problems(schema_with(R"("feeds": {"inverse": "fed by"})"))) ==
        "schema.json:1:68: /relations/feeds/inverse: inverse 'fed by' is not kebab-case (a-z, 0-9, single hyphens)");
  CHECK(first(schema_problems(schema_with(R"("feeds": {"inverse": ""})"))) ==
        "schema.json:1:68: /relations/feeds/inverse: inverse is empty");
  CHECK(first(schema_problems(schema_with(R"("feeds": {"inverse": "mitigates"}, "mitigates": {})"))) ==
        "schema.json:1:68: /relations/feeds/inverse: inverse 'mitigates' is also the name of relation 'mitigates'");
  CHECK(first(schema_problems(schema_with(R"("mitigates": {}, "feeds": {"inverse": "mitigates"})"))) ==
        "schema.json:1:85: /relations/feeds/inverse: inverse 'mitigates' is also the name of relation 'mitigates'");
  CHECK(first(schema_problems(schema_with(R"("feeds": {"inverse": "x-of"}, "eats": {"inverse": "x-of"})"))) ==
        "schema.json:1:97: /relations/eats/inverse: inverse 'x-of' is also the inverse of relation 'feeds'");
  CHECK(first(schema_problems(schema_with(R"("peer-of": {"symmetric": true, "inverse": "peer-by"})"))) ==
        "schema.json:1:89: /relations/peer-of/inverse: a symmetric relation is its own inverse; found 'peer-by' "
        "(drop \"inverse\" or make it 'peer-of')");
  // The default inverse of "feeds" is "feeds-of": a relation of that name collides with it.
  CHECK(contains(first(schema_problems(schema_with(R"("feeds": {}, "feeds-of": {"inverse": "x"})"))),
                 "/relations/feeds: inverse 'feeds-of' is also the name of relation 'feeds-of'"));
  CHECK(contains(first(schema_problems(schema_with(R"("feeds": {"inverse": "feeds"})"))),
                 "inverse 'feeds' is the relation itself"));
}

TEST_CASE("a schema may not have more relations or node types than the graph can index") {
  std::string relations;
  for (int i = 0; i < 1001; ++i) relations += std::string(i ? ", " : "") + "\"r" + std::to_string(i) + "\": {}";
  const auto all = schema_problems(R"({"node_types": {"service": {}}, "relations": {)" + relations + "}}");
  CHECK(first(all) == "schema.json:1:46: /relations: 1,001 relations; the limit is 1,000");

  // Node types past the limit are not read: a relation's ends are then not called unknown as well.
  std::string types;
  for (int i = 0; i < 1001; ++i) types += std::string(i ? ", " : "") + "\"t" + std::to_string(i) + "\": {}";
  const auto over = schema_problems(R"({"node_types": {)" + types + R"(}, "relations": {"r": {"to": ["t1"]}}})");
  REQUIRE(over.size() == 1);
  CHECK(first(over) == "schema.json:1:16: /node_types: 1,001 node types; the limit is 1,000");
}

TEST_CASE("empty where a value means something: a category, a fact, a relation's list of end types") {
  CHECK(first(problems(R"({"nodes": [{"id": "a", "label": "A", "type": "service", "category": ""}]})")) ==
        "data.json:1:69: /nodes/0/category: category is empty (leave \"category\" out for none)");
  CHECK(first(problems(R"({"nodes": [{"id": "a", "label": "A", "type": "service", "facts": ["One.", ""]}]})")) ==
        "data.json:1:75: /nodes/0/facts/1: fact is empty");
  CHECK(first(schema_problems(R"({"node_types": {"service": {}}, "relations": {"r": {"to": []}}})")) ==
        "schema.json:1:59: /relations/r/to: an empty list allows no node type (leave \"to\" out to allow any)");
}

TEST_CASE("many problems or warnings are all reported, each located (linear cost: see bench/hostile)") {
  SUBCASE("10,000 orphan nodes") {
    std::string nodes;
    for (int i = 0; i < 10000; ++i)
      nodes += std::string(i ? ",\n" : "") + R"({"id": "n)" + std::to_string(i) + R"(", "label": "Node )" +
               std::to_string(i) + R"(", "type": "service"})";
    const LoadResult r =
        load_graph({{"schema.json", mini_schema_text()}, {"data.json", "{\"nodes\": [\n" + nodes + "]}"}});
    REQUIRE(r.warnings.size() == 10000);
    CHECK(format(r.warnings.back()) == "data.json:10001:1: /nodes/9999: node 'n9999' has no edges (orphan)");
  }
  SUBCASE("10,000 nodes sharing a label") {
    std::string nodes;
    for (int i = 0; i < 10000; ++i)
      nodes += std::string(i ? ",\n" : "") + R"({"id": "n)" + std::to_string(i) +
               R"(", "label": "Same", "type": "service"})";
    const auto all = problems("{\"nodes\": [\n" + nodes + "]}");
    REQUIRE(all.size() == 9999);
    CHECK(format(all.back()) == "data.json:10001:26: /nodes/9999/label: name 'Same' also names node 'n0' (Same) "
                                "(names must pick out one node; reword one of them)");
  }
  SUBCASE("3,000 edges with an unknown relation") {
    std::string edges;
    for (int i = 0; i < 3000; ++i) edges += std::string(i ? ",\n" : "") + R"({"from": "a", "rel": "fedes", "to": "b"})";
    const auto all = problems(std::string(R"({"nodes": [)") + one_node +
                              R"(, {"id": "b", "label": "B", "type": "service"}], "edges": [
)" + edges + "]}");
    REQUIRE(all.size() == 3000);
    CHECK(format(all.back()) == "data.json:3001:22: /edges/2999/rel: unknown relation 'fedes' (did you mean 'feeds'?)");
  }
  SUBCASE("10,000 duplicate ids point back at the first") {
    std::string nodes;
    for (int i = 0; i < 10000; ++i) nodes += std::string(i ? ",\n" : "") + one_node;
    const auto all = problems("{\"nodes\": [\n" + nodes + "]}");
    REQUIRE(all.size() == 9999);
    CHECK(format(all.back()) == "data.json:10001:8: /nodes/9999/id: duplicate id 'a' (first defined at data.json:2)");
  }
  SUBCASE("an object of 50,000 unknown members on one line") {
    std::string members;
    for (int i = 0; i < 50000; ++i) members += ", \"m" + std::to_string(i) + "\": 1";
    const auto all = problems("{\"nodes\": [{\"id\": \"a\", \"label\": \"A\", \"type\": \"service\"" + members + "}]}");
    REQUIRE(all.size() == 50000);
    CHECK(contains(format(all.back()), "/nodes/0/m49999: unknown member 'm49999'"));
    CHECK(format(all.back()).rfind("data.json:1:", 0) == 0);
  }
}

TEST_CASE("graph folder entries that are not readable regular files are errors naming each entry") {
  TempDir dir;
  write_file(dir / "a.json", std::string(R"({"nodes": [)") + one_node + "]}");
  fs::create_symlink(dir / "missing-target.json", dir / "dangling.json");
  fs::create_symlink(dir / "loop.json", dir / "loop.json");
  fs::create_directory(dir / "folder.json");
  REQUIRE(mkfifo((dir / "pipe.json").c_str(), 0600) == 0);
  fs::create_symlink("/dev/null", dir / "null.json");
  ErrorKind kind{};
  const auto all = folder_problems(dir.path(), &kind);
  const std::string d = dir.path().string() + "/";
  CHECK(kind == ErrorKind::io);
  CHECK(all == std::vector<std::string>{
                   d + "dangling.json: a symbolic link to nothing (" + d + "missing-target.json)",
                   d + "folder.json: a folder, not a graph file",
                   d + "loop.json: cannot read: Too many levels of symbolic links",
                   d + "null.json: not a regular file (a character device)",
                   d + "pipe.json: not a regular file (a FIFO)",
               });
}

TEST_CASE("a schema.json that is a folder is an error, not the built-in schema") {
  TempDir dir;
  write_file(dir / "a.json", std::string(R"({"nodes": [)") + one_node + "]}");
  fs::create_directory(dir / "schema.json");
  CHECK(folder_problems(dir.path()) ==
        std::vector<std::string>{(dir / "schema.json").string() + ": a folder, not a graph file"});
}

TEST_CASE("an edge to a node of a file that could not be read says so instead of guessing a name") {
  TempDir dir;
  write_file(dir / "schema.json", mini_schema_text());
  write_file(dir / "a.json", "hello world");
  write_file(dir / "b.json", R"({"nodes": [{"id": "glu", "label": "Glu", "type": "service"}],
 "edges": [{"from": "glu", "rel": "feeds", "to": "glue"}]})");
  const auto all = folder_problems(dir.path());
  REQUIRE(all.size() == 2);
  CHECK(all[0].rfind((dir / "a.json").string() + ":1:1: syntax error", 0) == 0);
  CHECK(all[1] == (dir / "b.json").string() + ":2:50: /edges/0/to: unknown node 'glue' (it may be defined in " +
                      (dir / "a.json").string() + ", which could not be read)");
}

TEST_CASE("a folder without graph files is an error, not an empty graph") {
  TempDir dir;
  ErrorKind kind{};
  CHECK(folder_problems(dir.path(), &kind) ==
        std::vector<std::string>{dir.path().string() + ": no graph files (*.json) in this folder"});
  CHECK(kind == ErrorKind::invalid_graph);
  write_file(dir / "Nodes.JSON", "{}");
  write_file(dir / "notes.txt", "x");
  CHECK(folder_problems(dir.path()) ==
        std::vector<std::string>{dir.path().string() + ": no graph files (*.json) in this folder (found Nodes.JSON; "
                                                       "graph files end in lower-case .json)"});
  write_file(dir / "schema.json", mini_schema_text());
  CHECK(folder_problems(dir.path()) ==
        std::vector<std::string>{dir.path().string() + ": only schema.json: no files of nodes and edges (found "
                                                       "Nodes.JSON; graph files end in lower-case .json)"});
}

TEST_CASE("the outcome of a folder does not depend on directory order") {
  // Same entries created in two orders: the same diagnostics, sorted by name.
  std::vector<std::string> results[2];
  for (int order = 0; order < 2; ++order) {
    TempDir dir;
    const std::vector<std::string> names = order ? std::vector<std::string>{"z.json", "m.json", "a.json"}
                                                 : std::vector<std::string>{"a.json", "m.json", "z.json"};
    for (const std::string& name : names) {
      if (name == "m.json")
        fs::create_symlink(dir / "gone.json", dir / name);
      else
        write_file(dir / name, "{\"nodes\": [{\"id\": \"" + name.substr(0, 1) + "\"}]}");
    }
    for (std::string line : folder_problems(dir.path())) {
      for (std::size_t at; (at = line.find(dir.path().string())) != std::string::npos;)
        line.replace(at, dir.path().string().size(), "DIR");
      results[order].push_back(line);
    }
  }
  CHECK(results[0] == results[1]);
  CHECK(results[0].size() == 1);
}

TEST_CASE("--graph '' is a usage error") {
  const auto r = mlkg::test::run_cli({"--graph", "", "stats"});
  CHECK(r.code == 2);
  CHECK(contains(r.err, "--graph"));
  CHECK(contains(r.err, "empty"));
  CHECK(r.out == "");
}

// simdjson's string buffer has room for each string of a file once, and its decoder (built without our
// sanitizers) writes past a string's end within that room; a string decoded twice overflowed it. Valgrind
// sees writes that AddressSanitizer cannot, so the real binary is run under it on such a file. (Found by
// fuzzing: the member names before the section used to be decoded again after it was found.)
TEST_CASE("names and sections with escapes are decoded once: no write past simdjson's buffers (valgrind)") {
#if defined(__SANITIZE_ADDRESS__)
  MESSAGE("skipped: valgrind cannot run a binary built with AddressSanitizer");
#else
  mlkg::test::TempDir dir;
  std::string text = "{";
  for (int i = 0; i < 300; ++i) text += "\"" + std::string(50, 'k') + "\\n" + std::to_string(i) + "\": 1, ";
  text += "\"section\": \"S\\u0065ction " + std::string(200, 's') + "\", \"nodes\": []}";
  mlkg::test::write_file(dir / "schema.json", mini_schema_text());
  mlkg::test::write_file(dir / "data.json", text);
  const auto r = mlkg::test::run_shell("valgrind -q --error-exitcode=99 " + std::string(MLKG_BINARY) +
                                       " --no-cache --graph " + dir.path().string() + " check 2>&1");
  CHECK(r.code == 1); // 300 unknown members; 99 would be valgrind's
  CHECK(contains(r.out, "mlkg: 300 problems"));
  CHECK(!contains(r.out, "Invalid write"));
#endif
}

TEST_CASE("a long unknown name is quoted in part, with how much was left out") {
  const std::string long_id(300000, 'x');
  const auto all = problems(std::string(R"({"nodes": [)") + one_node +
                            R"(], "edges": [{"from": "a", "rel": "feeds", "to": ")" + long_id + R"("}]})");
  REQUIRE(all.size() == 1);
  const std::string message = format(all.front());
  CHECK(message.size() < 1000);
  CHECK(contains(message, "unknown node '" + std::string(200, 'x') + "... (299,800 more bytes)'"));
}
