// Hostile and careless command lines: clear errors with the right exit code, nothing that acts on a terminal,
// and never "internal error".
#include "cli/safe_output.hpp"
#include "mlkg/cli.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"
#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

using mlkg::test::CliResult;
using mlkg::test::mini;
using mlkg::test::mini_dir;
using mlkg::test::read_file;
using mlkg::test::run_cli;
using mlkg::test::source_dir;
using mlkg::test::TempDir;
using mlkg::test::write_file;
namespace fs = std::filesystem;

namespace {

bool has_raw_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
  });
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A graph folder: the mini schema plus `files`.
void make_graph(const TempDir& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  write_file(dir / "schema.json", read_file(source_dir() / "tests/data/mini/schema.json"));
  for (const auto& [name, text] : files) write_file(dir / name, text);
}

} // namespace

TEST_CASE("escape_control makes control characters visible and leaves other text alone") {
  using mlkg::escape_control;
  CHECK(escape_control("a\x1b]0;title\x07z") == "a\\x1b]0;title\\x07z");
  CHECK(escape_control(std::string("nul\0cr\rbs\b", 10)) == "nul\\x00cr\\x0dbs\\x08");
  CHECK(escape_control("C1 \xc2\x9b"
                       "31m and bidi \xe2\x80\xae.") == "C1 \\u009b31m and bidi \\u202e.");
  CHECK(escape_control("bad \xff byte") == "bad \\xff byte");
  // The bidi marks, the line and paragraph separators and the byte order mark act without showing.
  CHECK(escape_control("rlm \xe2\x80\x8f lrm \xe2\x80\x8e alm \xd8\x9c") == "rlm \\u200f lrm \\u200e alm \\u061c");
  CHECK(escape_control("ls \xe2\x80\xa8 ps \xe2\x80\xa9 bom \xef\xbb\xbf") == "ls \\u2028 ps \\u2029 bom \\ufeff");
  CHECK(escape_control("caf\xc3\xa9 \xe2\x80\x93 ok") == "caf\xc3\xa9 \xe2\x80\x93 ok");
  CHECK(escape_control("tab\tnew\n") == "tab\\x09new\\x0a");
  CHECK(escape_control("tab\tnew\n", true) == "tab\tnew\n");
}

TEST_CASE("everything a command prints goes through the escaping buffer") {
  std::ostringstream target;
  {
    mlkg::cli::EscapingBuffer buffer(target);
    std::ostream out(&buffer);
    out << "label \x1b[2J" << '\n' << "split \xe2\x80";
    out << "\xae sequence\n" << std::flush;
    CHECK(target.str() == "label \\x1b[2J\nsplit \\u202e sequence\n");
    out << "unterminated \x07";
  }
  CHECK(target.str() == "label \\x1b[2J\nsplit \\u202e sequence\nunterminated \\x07");
}

TEST_CASE("names typed on the command line are echoed escaped") {
  const auto r = mini({"show", "glue\x1b]0;pwned\x07"});
  CHECK(r.code == 2);
  CHECK(contains(r.err, "glue\\x1b]0;pwned\\x07"));
  CHECK_FALSE(has_raw_control(r.err));
}

TEST_CASE("JSON output stays JSON on a terminal: what the escaping would rewrite is escaped as JSON first") {
  const std::string query = "glue\x7f \xc2\x9b \xe2\x80\xae end";
  const auto r = mini({"search", query, "--json"});
  CHECK_FALSE(has_raw_control(r.out));
  const auto parsed = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed.at("query") == query);
  CHECK(contains(r.out, "glue\\u007f \\u009b \\u202e end"));
}

TEST_CASE("search: nothing to look for is a usage error, and a long query is quoted clipped") {
  for (const std::string text : {"", " ", "--- ..."}) {
    const auto r = mini({"search", text});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "nothing to search for"));
  }
  const auto r = mini({"search", std::string(120000, 'a')});
  CHECK(r.code == 3);
  CHECK(contains(r.out, "(119,880 more bytes)"));
  CHECK(r.out.size() < 1000);
}

TEST_CASE("a name with no letters or digits is a usage error, and a long unknown name is quoted clipped") {
  for (const std::string name : {"", " ", "\x1b", "--- ..."}) {
    const auto r = run_cli({"show", name});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "is not a node name: it has no letters or digits"));
    CHECK(!contains(r.err, "did you mean"));
  }
  const auto r = run_cli({"show", std::string(120000, 'a')});
  CHECK(r.code == 2);
  CHECK(contains(r.err, "unknown name: 'aaaa"));
  CHECK(contains(r.err, "... (119,880 more bytes)' names no node"));
  CHECK(r.err.size() < 1000);
}

TEST_CASE("an edge note's line breaks and tabs do not break the line it is printed in") {
  TempDir dir;
  make_graph(dir, {{"g.json", R"({"nodes": [{"id": "a", "label": "A", "type": "service"},
                                            {"id": "b", "label": "B", "type": "service"}],
                                 "edges": [{"from": "a", "rel": "feeds", "to": "b", "note": "one\n\ttwo\n three"}]})"}});
  const auto show = run_cli({"--graph", dir.path().string(), "show", "a"});
  REQUIRE(show.code == 0);
  CHECK(contains(show.out, "feeds B [b]  (one two three)\n"));
  const auto compare = run_cli({"--graph", dir.path().string(), "compare", "a", "b"});
  REQUIRE(compare.code == 0);
  CHECK(contains(compare.out, "a feeds b  (one two three)\n"));
}

// A stream buffer that takes nothing, as standard output does on a full disk or a closed descriptor.
class RefusingBuffer : public std::streambuf {
protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

TEST_CASE("output that cannot be written is an I/O error (exit 4), not a success") {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"show", "glue"}, {"export", "--format", "json"}, {"list"}, {"--help"}}) {
    RefusingBuffer refusing;
    std::ostream out(&refusing);
    std::ostringstream err;
    CHECK(mlkg::cli::run(args, out, err) == 4);
    CHECK(contains(err.str(), "mlkg: i/o error: cannot write the output"));
  }
  // So is an answer that says nothing was found, or that a pipeline is broken: it was lost too.
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"search", "zzzzqqq"}, {"pipeline", "s3", "athena"}}) {
    RefusingBuffer refusing;
    std::ostream out(&refusing);
    std::ostringstream err;
    CHECK(mlkg::cli::run(args, out, err) == 4);
  }
  // A usage error keeps its own exit code.
  RefusingBuffer refusing;
  std::ostream out(&refusing);
  std::ostringstream err;
  CHECK(mlkg::cli::run({"show", "no-such-node"}, out, err) == 2);
}

TEST_CASE("invalid UTF-8 on the command line is a usage error, not an internal error") {
  const auto r = mini({"search", "\xff", "--json"});
  CHECK(r.code == 2);
  CHECK(r.out == "");
  CHECK(r.err == "mlkg: usage error: argument 4 is not valid UTF-8: '\\xff'\n");
}

TEST_CASE("integer options take decimal digits and --min takes a finite number") {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"path", "glue", "athena", "--k", "0x10"},
           {"path", "glue", "athena", "--k", "1e1"},
           {"path", "glue", "athena", "--max-hops", "+3"},
           {"neighbours", "glue", "--depth", "0b11"},
           {"search", "glue", "--limit", " 5"},
           {"coverage", "--notes", mini_dir() + "/schema.json", "--min", "nan"},
           {"coverage", "--notes", mini_dir() + "/schema.json", "--min", "inf"},
       }) {
    CAPTURE(args.back());
    const auto r = mini(args);
    CHECK(r.code == 2);
    CHECK(contains(r.err, "got '"));
  }
  CHECK(mini({"path", "glue", "athena", "--k", "16"}).code == 0);
  const auto big = mini({"path", "glue", "athena", "--k", "99999999999"});
  CHECK(big.code == 2);
  CHECK(contains(big.err, "--k: '99999999999' is out of range"));
  // Ten digits past an int: the same words, not the parser's "Could not convert".
  for (const char* past_int : {"2147483648", "-2147483649"}) {
    const auto r = mini({"neighbours", "glue", "--depth", past_int});
    CHECK(r.code == 2);
    CHECK(contains(r.err, std::string("--depth: '") + past_int + "' is out of range"));
  }
}

TEST_CASE("a mistyped command is named, with the closest commands") {
  const auto typo = run_cli({"--graph", mini_dir(), "shwo", "glue"});
  CHECK(typo.code == 2);
  CHECK(typo.err ==
        "mlkg: usage error: unknown command 'shwo' (did you mean 'show'?); mlkg --help lists the commands\n");
  CHECK(contains(run_cli({"neighbors", "glue"}).err, "unknown command 'neighbors' (did you mean 'neighbours'?)"));
  const auto none = run_cli({"xyzzy"});
  CHECK(none.code == 2);
  CHECK(none.err == "mlkg: usage error: unknown command 'xyzzy'; mlkg --help lists the commands\n");
  CHECK(run_cli({"--graph", mini_dir(), "show", "glue"}).code == 0);
}

TEST_CASE("a drawing to -o - goes to standard output, as export's does, and never into a file named -") {
  const auto to_dash = run_cli({"path", "glue", "athena", "-o", "-", "--format", "dot"});
  CHECK(to_dash.code == 0);
  CHECK(to_dash.out == run_cli({"path", "glue", "athena", "--format", "dot"}).out);
  CHECK(to_dash.out.rfind("digraph mlkg {", 0) == 0);
  CHECK(!fs::exists("-"));
  // A binary one too, when standard output is not a terminal (tests/test_output_streams.cpp).
  const auto binary = run_cli({"path", "glue", "athena", "-o", "-", "--format", "png"});
  CHECK(binary.code == 0);
  CHECK(binary.out.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
}

TEST_CASE("an empty output name is a usage error for every command that writes one") {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"path", "glue", "athena", "-o", ""},
           {"export", "--format", "json", "-o", ""},
           {"import", "x.json", "-o", ""},
           {"snapshot", "-o", ""},
       }) {
    CAPTURE(args.front());
    const auto r = run_cli(args);
    CHECK(r.code == 2);
    CHECK(contains(r.err, "--output: needs a name, got ''"));
    CHECK(r.out.empty());
  }
}

TEST_CASE("'-' is a usage error where standard output cannot take the output: a snapshot, a folder") {
  TempDir dir;
  struct InFolder { // where a file or folder named '-' would have appeared; left however the test ends
    fs::path saved = fs::current_path();
    explicit InFolder(const fs::path& folder) { fs::current_path(folder); }
    ~InFolder() { fs::current_path(saved); }
  } in_folder(dir.path());
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"snapshot", "-o", "-"},
           {"import", "x.json", "-o", "-"},
       }) {
    CAPTURE(args.front());
    const auto r = run_cli(args);
    CHECK(r.code == 2);
    CHECK(contains(r.err, "--output: needs a path: '-' (standard output) cannot take it"));
  }
  const auto vault = run_cli({"export", "--format", "obsidian", "-o", "-"});
  CHECK(vault.code == 2);
  CHECK(vault.err == "mlkg: usage error: format obsidian writes a folder, not standard output (name it with -o DIR)\n");
  CHECK(vault.out.empty());
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("coverage: a folder as notes is an I/O error; --lines past the notes is a usage error") {
  const auto folder = mini({"coverage", "--notes", mini_dir()});
  CHECK(folder.code == 4);
  CHECK(folder.err == "mlkg: i/o error: " + mini_dir() + ": a folder, not the notes file\n");
  TempDir dir;
  write_file(dir / "notes.txt", "Line one has enough words to count as content.\nSo does line two, with a comma.\n");
  const auto past = mini({"coverage", "--notes", (dir / "notes.txt").string(), "--lines", "1-99"});
  CHECK(past.code == 2);
  CHECK(contains(past.err, "lines 1-99 end past the notes, which have 2 lines"));
}

TEST_CASE("export refuses the drawing options and says which command takes them") {
  const auto r = run_cli({"export", "--format", "dot", "--cluster", "section"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "mlkg: usage error: export takes no --cluster: it shapes a drawing; `mlkg render --all --cluster ... -o "
        "FILE.dot` draws the graph so\n");
  CHECK(run_cli({"export", "--format", "dot", "--no-legend"}).err ==
        "mlkg: usage error: export takes no --no-legend: it shapes a drawing; `mlkg render --all --no-legend -o "
        "FILE.dot` "
        "draws the graph so\n");
  CHECK(run_cli({"export", "--format", "dot", "--bogus"}).err ==
        "mlkg: usage error: The following argument was not expected: --bogus; mlkg export --help lists the options\n");
}

TEST_CASE("a device or a pipe of binary as an input is refused at its first NUL byte, not read to the limit") {
  const auto zero = mini({"coverage", "--notes", "/dev/zero"});
  CHECK(zero.code == 4);
  CHECK(zero.err == "mlkg: i/o error: /dev/zero: not text: the notes file holds a NUL byte at byte 1\n");
  TempDir dir;
  const auto piped = run_cli({"import", "-", "-o", (dir / "g").string()}, std::string("{\"nodes\": [\0]}", 14));
  CHECK(piped.code == 4);
  CHECK(piped.err == "mlkg: i/o error: standard input: not text: a node-link file holds a NUL byte at byte 12\n");
  CHECK(!fs::exists(dir / "g"));
}

TEST_CASE("a graph file over the size limit is an I/O error, as an input file over it is for import and coverage") {
  TempDir dir;
  make_graph(dir, {{"a.json", R"({"nodes": [{"id": "a", "label": "A", "type": "service"}]})"}});
  { std::ofstream{dir / "huge.json"}; }
  fs::resize_file(dir / "huge.json", (std::uintmax_t{512} << 20) + 1); // sparse: nothing is written or read
  const auto r = run_cli({"--graph", dir.path().string(), "--no-cache", "stats"});
  CHECK(r.code == 4);
  CHECK(r.err == "mlkg: i/o error: " + (dir / "huge.json").string() + ": file is 512.1 MiB; the limit is 512 MiB\n");
  CHECK(r.out.empty());
}

TEST_CASE("coverage: a huge cited range is one missing-lines entry, not millions") {
  TempDir dir;
  make_graph(dir, {{"a.json", R"({"nodes": [{"id": "a", "label": "A", "type": "service", "source": ["1-1000000"]},
    {"id": "b", "label": "B", "type": "service", "source": [1]}],
    "edges": [{"from": "a", "rel": "feeds", "to": "b", "source": ["2-999999"]}]})"}});
  write_file(dir / "notes.txt", "Line one has enough words to count as content.\nSo does line two, with a comma.\n");
  const auto r = run_cli({"--graph", dir.path().string(), "coverage", "--notes", (dir / "notes.txt").string()});
  CHECK(r.code == 1);
  CHECK(r.out == "no lines 3-999999 in the notes, cited by edge a feeds b\n"
                 "no lines 3-1000000 in the notes, cited by node a\n"
                 "coverage: 100.0% (2 of 2 content lines cited, lines 1-2), 2 citations of missing lines\n");
}

TEST_CASE("check --json reports every diagnostic with its location") {
  const auto clean = mini({"check", "--json"});
  const auto report = nlohmann::json::parse(clean.out);
  CHECK(report["ok"] == (clean.code == 0));
  CHECK(report["nodes"].is_number());

  TempDir dir;
  make_graph(dir, {{"a.json", R"({"nodes": [{"id": "a", "label": "A\u001b", "type": "servise"}]})"}});
  const auto broken = run_cli({"--graph", dir.path().string(), "check", "--json"});
  CHECK(broken.code == 1);
  CHECK(broken.err == "");
  const auto errors = nlohmann::json::parse(broken.out);
  CHECK(errors["ok"] == false);
  CHECK(errors["nodes"].is_null());
  REQUIRE(errors["errors"].size() == 2);
  CHECK(errors["errors"][0]["pointer"] == "/nodes/0/label");
  CHECK(errors["errors"][0]["line"] == 1);
  CHECK(errors["errors"][0]["column"] == 33);
  CHECK(errors["errors"][1]["suggestion"] == "did you mean 'service'?");
}

TEST_CASE("check --json on a file with a byte that is not UTF-8 reports it as JSON, not an internal error") {
  TempDir dir;
  make_graph(dir, {{"a.json", "{\"nodes\": [{\"id\": \"a\", \"label\": \"Accur\xe9"
                              "cy\", \"type\": \"service\"}]}"}});
  const auto json = run_cli({"--no-cache", "--graph", dir.path().string(), "check", "--json"});
  CHECK(json.code == 1);
  CHECK(json.err == "");
  REQUIRE(mlkg::is_valid_utf8(json.out));
  const auto report = nlohmann::json::parse(json.out);
  REQUIRE(report["errors"].size() == 1);
  CHECK(report["errors"][0]["line"] == 1);
  CHECK(report["errors"][0]["column"] == 40);
  CHECK(report["errors"][0]["message"] ==
        "syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"Accur\\xe9c'");

  const auto text = run_cli({"--no-cache", "--graph", dir.path().string(), "check"});
  CHECK(text.code == 1);
  CHECK(text.err == "mlkg: invalid graph: " + (dir / "a.json").string() +
                        ":1:40: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: "
                        "'\"Accur\\xe9c'\n");
}

TEST_CASE("JSON output stays UTF-8 when a file name or a notes line is not: such bytes become U+FFFD") {
  TempDir dir;
  make_graph(dir, {{"b\xe9.json", R"({"nodes": [{"id": "a", "label": "A", "type": "service"}]})"}});
  write_file(dir / "notes.md", "# Notes\n\nA line about caf\xe9 here\n");
  const std::string graph = dir.path().string();
  for (const bool cache : {false, true}) {
    CAPTURE(cache);
    auto args = std::vector<std::string>{"--graph", graph, "check", "--json"};
    if (!cache) args.insert(args.begin(), "--no-cache");
    const auto check = run_cli(args);
    CHECK(check.code == 1);
    CHECK_FALSE(contains(check.err, "internal error"));
    const auto report = nlohmann::json::parse(check.out);
    REQUIRE(report["warnings"].size() == 1);
    CHECK(report["warnings"][0]["file"] == (dir / "b\xef\xbf\xbd.json").string());
  }
  const auto coverage =
      run_cli({"--no-cache", "--graph", graph, "coverage", "--notes", (dir / "notes.md").string(), "--json"});
  CHECK(coverage.code == 0);
  CHECK(nlohmann::json::parse(coverage.out)["uncited"][0]["text"] == "A line about caf\xef\xbf\xbd here");
}

TEST_CASE("long lists of problems are capped when printed, not when checked") {
  TempDir dir;
  std::string nodes;
  for (int i = 0; i < 150; ++i)
    nodes += std::string(i ? "," : "") + R"({"id": "n)" + std::to_string(i) + R"(", "label": "N)" + std::to_string(i) +
             R"(", "type": "service"})";
  make_graph(dir, {{"a.json", "{\"nodes\": [" + nodes + "]}"}});
  const auto r = run_cli({"--graph", dir.path().string(), "check"});
  CHECK(r.code == 1);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 102);
  CHECK(contains(r.err, "mlkg: and 50 more\nmlkg: 150 problems\n"));
  const auto json = run_cli({"--graph", dir.path().string(), "check", "--json"});
  CHECK(nlohmann::json::parse(json.out)["warnings"].size() == 150);
}

TEST_CASE("did you mean is bounded: long names get no suggestions, the banded distance is exact within its limit") {
  const std::vector<std::string> names{"glue", "athena", "sagemaker"};
  CHECK(mlkg::closest_names(std::string(200000, 'g'), names).empty());
  CHECK(mlkg::closest_names("gleu", names) == std::vector<std::string>{"glue"});
  std::mt19937 random(7);
  for (int i = 0; i < 2000; ++i) {
    std::string a(random() % 12, 'a'), b(random() % 12, 'a');
    for (char& c : a) c = static_cast<char>('a' + random() % 3);
    for (char& c : b) c = static_cast<char>('a' + random() % 3);
    const std::size_t limit = random() % 6;
    const std::size_t exact = mlkg::edit_distance(a, b);
    CAPTURE(a);
    CAPTURE(b);
    CHECK(mlkg::bounded_edit_distance(a, b, limit) == std::min(exact, limit + 1));
  }
  const auto r = mini({"show", std::string(130000, 'x')});
  CHECK(r.code == 2);
}

TEST_CASE("no bad input reaches 'internal error'") {
  // Every hostile graph file, alone beside the mini schema, through every reading command.
  std::vector<std::vector<std::string>> runs;
  std::vector<std::unique_ptr<TempDir>> dirs;
  for (const auto& entry : fs::directory_iterator(source_dir() / "tests/data/hostile")) {
    auto dir = std::make_unique<TempDir>();
    make_graph(*dir, {{"data.json", read_file(entry.path())}});
    for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
             {"check"}, {"check", "--json"}, {"stats"}, {"show", "a"}, {"list", "--json"}, {"search", "a"}}) {
      args.insert(args.begin(), {"--graph", dir->path().string()});
      runs.push_back(args);
    }
    dirs.push_back(std::move(dir));
  }
  // Bad arguments on the mini graph.
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"search", "\xff", "--json"},
           {"show", std::string("\xc3", 1)},
           {"show", ""},
           {"show", "\x1b[2J"},
           {"path", "glue", "glue"},
           {"path", "glue", "athena", "--k", "0"},
           {"path", "glue", "athena", "--k", "99999999999"},
           {"neighbours", "glue", "--depth", "1000000"},
           {"related", "nope", "glue"},
           {"what", "feeds", ""},
           {"pipeline", "glue"},
           {"compare", "glue", "glue"},
           {"explain", "glue", "\x7f"},
           {"coverage", "--notes", "/nonexistent"},
           {"coverage", "--notes", "/dev/null", "--lines", "5-1"},
           {"list", "--type", "\x1b"},
           {"list", "--section", std::string(100000, 's')},
           {"--graph", "", "stats"},
           {"--graph", "/nonexistent", "stats"},
           {"--graph", "/dev/null", "stats"},
       }) {
    std::vector<std::string> with_graph = args;
    if (args.front() != "--graph") with_graph.insert(with_graph.begin(), {"--graph", mini_dir()});
    runs.push_back(with_graph);
  }
  for (const auto& args : runs) {
    CAPTURE(mlkg::escape_control(mlkg::join(args, " ").substr(0, 200)));
    const auto r = run_cli(args);
    CHECK_FALSE(contains(r.out + r.err, "internal error"));
    CHECK_FALSE(has_raw_control(r.out));
    CHECK_FALSE(has_raw_control(r.err));
    CHECK(r.code >= 0);
    CHECK(r.code <= 4);
  }
}
