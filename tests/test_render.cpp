// Drawings: DOT text (golden, parsed by the real `dot`), SVG (well-formed, stable ids, tooltips),
// PNG and PDF (magic bytes), hostile labels, bad input, and the committed gallery in out/.

#include "mlkg/dot.hpp"
#include "mlkg/error.hpp"
#include "mlkg/load.hpp"
#include "mlkg/render.hpp"
#include "support.hpp"

#include <fstream>
#include <sstream>

using namespace mlkg;
using mlkg::test::CliResult;
using mlkg::test::read_file;
using mlkg::test::run_cli;
using mlkg::test::run_shell;
using mlkg::test::source_dir;
using mlkg::test::TempDir;

namespace {

std::string hostile_dir() { return (source_dir() / "tests/data/render-hostile").string(); }

// Gallery entries of scripts/gallery.list: name and arguments (double quotes group words).
struct GalleryEntry {
  std::string name;
  std::vector<std::string> args;
};

std::vector<GalleryEntry> gallery() {
  std::vector<GalleryEntry> entries;
  std::istringstream lines(read_file(source_dir() / "scripts/gallery.list"));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    GalleryEntry entry;
    entry.name = line.substr(0, line.find(':'));
    std::string word;
    bool quoted = false, any = false;
    for (char c : line.substr(line.find(':') + 1)) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) entry.args.push_back(word);
        word.clear();
        any = false;
      } else {
        word += c;
        any = true;
      }
    }
    if (any) entry.args.push_back(word);
    entries.push_back(entry);
  }
  return entries;
}

std::string shell_quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::vector<std::string> with(std::vector<std::string> args, std::initializer_list<std::string> more) {
  args.insert(args.end(), more);
  return args;
}

} // namespace

TEST_CASE("render: gallery DOT is golden, deterministic, and parsed by the real dot") {
  TempDir dir;
  for (const GalleryEntry& entry : gallery()) {
    CAPTURE(entry.name);
    const CliResult first = run_cli(with(entry.args, {"--format", "dot"}));
    REQUIRE(first.code == 0);
    CHECK(first.err == "");
    CHECK(run_cli(with(entry.args, {"--format", "dot"})).out == first.out);
    mlkg::test::check_golden("dot/" + entry.name + ".dot", first.out);
    const auto path = dir / (entry.name + ".dot");
    mlkg::test::write_file(path, first.out);
    const CliResult parsed = run_shell("dot -Tcanon " + shell_quoted(path.string()) + " >/dev/null");
    CHECK_MESSAGE(parsed.code == 0, parsed.out);
  }
}

TEST_CASE("render: the pipeline's drawing reads left to right, flow edges rank it, parts sit by their service") {
  const std::string dot = run_cli({"pipeline", "glue", "athena", "quicksight", "--format", "dot"}).out;
  CHECK(dot.find("rankdir=LR") != std::string::npos);
  CHECK(dot.find("\"glue-data-catalog\" -> \"athena\" [id=\"edge-glue-data-catalog-feeds-athena\" label=\"feeds\"") !=
        std::string::npos);
  CHECK(dot.find("\"glue-data-catalog\" -> \"glue\" [id=\"edge-glue-data-catalog-part-of-glue\" xlabel=\"part-of\"") !=
        std::string::npos);
  CHECK(dot.find("constraint=false") != std::string::npos); // part-of does not twist the pipeline
  CHECK(dot.find("#8C4FFF") != std::string::npos);          // Analytics services in their AWS colour
  CHECK(dot.find("legend") != std::string::npos);
  CHECK(dot.find("mitigates") == std::string::npos); // the legend lists only what the picture shows
}

TEST_CASE("render: the legend shows a sample of each kind of node in its own shape and colours") {
  const std::string dot = run_cli({"what", "mitigates", "overfitting", "--format", "dot"}).out;
  CHECK(dot.find("subgraph cluster_legend {") != std::string::npos);
  CHECK(dot.find("[label=<problem> shape=octagon style=\"filled\" fillcolor=\"#F9E6E3\" color=\"#D13212\"") !=
        std::string::npos);
  CHECK(dot.find("[label=<concept> shape=ellipse") != std::string::npos);
  CHECK(dot.find(">octagon<") == std::string::npos); // no shape written as a word
  // sfdp lays clusters out as nodes: there the legend is one table, each kind in its colours.
  const std::string sfdp = run_cli({"what", "mitigates", "overfitting", "--engine", "sfdp", "--format", "dot"}).out;
  CHECK(sfdp.find("cluster_legend") == std::string::npos);
  CHECK(sfdp.find("<td colspan=\"2\" align=\"left\" bgcolor=\"#F9E6E3\" color=\"#D13212\" border=\"1\">problem</td>") !=
        std::string::npos);
}

TEST_CASE("render: SVG is well-formed XML with stable ids and tooltips") {
  TempDir dir;
  const auto svg = dir / "gaq.svg";
  const CliResult r = run_cli({"pipeline", "glue", "athena", "quicksight", "-o", svg.string()});
  CHECK(r.code == 0);
  CHECK(r.out.find("ok      glue -> athena through glue-data-catalog") == 0);
  CHECK(r.err == "mlkg: wrote " + svg.string() + " (svg, 4 nodes, 3 edges, dot layout)\n");
  CHECK(run_shell("xmllint --noout " + shell_quoted(svg.string())).code == 0);
  const std::string text = read_file(svg);
  for (const char* id : {"id=\"node-glue\"", "id=\"node-athena\"", "id=\"node-quicksight\"",
                         "id=\"node-glue-data-catalog\"", "id=\"edge-athena-feeds-quicksight\"", "id=\"legend\""})
    CHECK_MESSAGE(text.find(id) != std::string::npos, id);
  CHECK(text.find("xlink:title=\"AWS Glue: Serverless data integration") != std::string::npos);
}

TEST_CASE("render: PNG and PDF have their magic bytes and a plausible size") {
  TempDir dir;
  const auto png = dir / "sagemaker.png";
  const auto pdf = dir / "overfitting.pdf";
  CHECK(run_cli({"neighbours", "sagemaker", "--depth", "1", "-o", png.string()}).code == 0);
  CHECK(run_cli({"what", "mitigates", "overfitting", "-o", pdf.string()}).code == 0);
  const std::string p = read_file(png), d = read_file(pdf);
  CHECK(p.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  CHECK(p.size() > 20'000);
  CHECK(d.substr(0, 5) == "%PDF-");
  CHECK(d.size() > 2'000);
  CHECK(d.find("%%EOF") != std::string::npos);
  // Cairo's time stamp is fixed, so the same drawing is the same bytes whenever it is made.
  CHECK(d.find("/CreationDate (D:19700101000000") != std::string::npos);
  const auto again = dir / "again.pdf";
  CHECK(run_cli({"what", "mitigates", "overfitting", "-o", again.string()}).code == 0);
  CHECK(read_file(again) == d);
}

TEST_CASE("render: hostile labels are escaped: DOT parses and the SVG shows them literally") {
  TempDir dir;
  const CliResult dot = run_cli({"--graph", hostile_dir(), "render", "--all", "--format", "dot"});
  REQUIRE(dot.code == 0);
  mlkg::test::check_golden("dot/hostile.dot", dot.out);
  mlkg::test::write_file(dir / "h.dot", dot.out);
  CHECK(run_shell("dot -Tcanon " + shell_quoted((dir / "h.dot").string()) + " >/dev/null").code == 0);

  const auto svg = dir / "h.svg";
  REQUIRE(run_cli({"--graph", hostile_dir(), "render", "--all", "--cluster", "section", "-o", svg.string()}).code == 0);
  REQUIRE(run_shell("xmllint --noout " + shell_quoted(svg.string())).code == 0);
  const std::string text = read_file(svg);
  CHECK(text.find("Say &quot;hi&quot; \\N \\G \\\\ end</text>") != std::string::npos);
  CHECK(text.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</text>") != std::string::npos);
  CHECK(text.find("<script") == std::string::npos);
  CHECK(text.find("Café — 日本語</text>") != std::string::npos);
  CHECK(text.find("digraph node edge</text>") != std::string::npos);
  CHECK(text.find("with \\N and") != std::string::npos); // tooltips keep backslashes too
  CHECK(text.find("Sec &quot;quoted&quot; &lt;/title&gt;&lt;script&gt;") != std::string::npos);
}

TEST_CASE("render: escaping helpers") {
  CHECK(dot_quoted("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  CHECK(html_escaped("<a href='x'>&\"\\N\n") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;\\\\N<br/>");
}

TEST_CASE("render: bad formats, engines, paths and empty answers are clear errors") {
  TempDir dir;
  CliResult r = run_cli({"pipeline", "glue", "athena", "-o", (dir / "x.svgg").string()});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: usage error: unknown format 'svgg' (did you mean 'svg'? Formats: dot, svg, png, pdf.)\n");
  r = run_cli({"pipeline", "glue", "athena", "--format", "jpg"});
  CHECK(r.code == 2);
  CHECK(r.err.find("Formats: dot, svg, png, pdf.") != std::string::npos);
  r = run_cli({"pipeline", "glue", "athena", "-o", (dir / "noextension").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("cannot tell the format") != std::string::npos);
  std::ostringstream out, err;
  std::istringstream in;
  CHECK(mlkg::cli::run({"pipeline", "glue", "athena", "--format", "png"}, {in, false}, {out, true}, err) == 2);
  CHECK(err.str().find("--format png is binary, and standard output is a terminal") != std::string::npos);
  r = run_cli({"pipeline", "glue", "athena", "--engine", "neatoo", "--format", "dot"});
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown layout engine 'neatoo'") != std::string::npos);
  r = run_cli({"pipeline", "glue", "athena", "--cluster", "sections", "--format", "dot"});
  CHECK(r.code == 2);
  CHECK(r.err.find("did you mean 'section'?") != std::string::npos);

  const auto missing = dir / "no-such-folder" / "x.svg";
  r = run_cli({"pipeline", "glue", "athena", "-o", missing.string()});
  CHECK(r.code == 4);
  CHECK(r.err.find(missing.string()) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(missing));

  // A failed render never clobbers the old file.
  const auto kept = dir / "kept.svg";
  mlkg::test::write_file(kept, "old");
  CHECK(run_cli({"pipeline", "glue", "athena", "-o", kept.string(), "--format", "gif"}).code == 2);
  CHECK(read_file(kept) == "old");

  CHECK(run_cli({"render", "--format", "dot"}).code == 2);
  const LoadResult loaded = load_default_graph();
  Subgraph empty;
  empty.caption = "nothing";
  CHECK_THROWS_AS(to_dot(loaded.graph, empty), Error);
}

TEST_CASE("render: the engine is chosen by size, and --engine overrides it") {
  CHECK(choose_engine(dot_node_limit) == Engine::dot);
  CHECK(choose_engine(dot_node_limit + 1) == Engine::sfdp);
  const std::string all = run_cli({"render", "--all", "--format", "dot"}).out;
  CHECK(all.find("layout=sfdp") != std::string::npos);
  CHECK(all.find("overlap=prism") != std::string::npos);
  CHECK(run_cli({"render", "--type", "problem", "--format", "dot"}).out.find("layout=dot") != std::string::npos);
  CHECK(run_cli({"render", "--type", "problem", "--format", "dot", "--engine", "sfdp"}).out.find("layout=sfdp") !=
        std::string::npos);
}

TEST_CASE("render: the committed gallery in out/ is what the code renders now (scripts/gallery)") {
  // Each drawing in a fresh process: sfdp layouts repeat across processes, not within one.
  TempDir dir;
  for (const GalleryEntry& entry : gallery()) {
    CAPTURE(entry.name);
    std::string command = MLKG_BINARY;
    for (const std::string& a : entry.args) command += " " + shell_quoted(a);
    const auto svg = dir / (entry.name + ".svg");
    const CliResult r = run_shell(command + " -o " + shell_quoted(svg.string()) + " >/dev/null");
    REQUIRE_MESSAGE(r.code == 0, r.out);
    const auto committed = source_dir() / "out" / (entry.name + ".svg");
    REQUIRE_MESSAGE(std::filesystem::exists(committed), "run scripts/gallery");
    CHECK_MESSAGE(read_file(svg) == read_file(committed), "out/ is stale: run scripts/gallery");
  }
}

#if defined(__SANITIZE_ADDRESS__)
TEST_CASE("render: the Graphviz leak suppressions still let a leak of our own through") {
  const std::string options = "LSAN_OPTIONS=suppressions=" + (source_dir() / "tests/lsan.supp").string() +
                              ":fast_unwind_on_malloc=0 ASAN_OPTIONS=detect_leaks=1 ";
  const CliResult r = run_shell(options + MLKG_LEAK_PROBE);
  CHECK(r.code != 0);
  CHECK(r.out.find("detected memory leaks") != std::string::npos);
  CHECK(r.out.find("4242 byte(s)") != std::string::npos);
}
#endif
