#include "load/validate.hpp"
#include "mlkg/embedded.hpp"
#include "mlkg/load.hpp"
#include "mlkg/text.hpp"
#include "support.hpp"

#include <algorithm>

using namespace mlkg;
using mlkg::test::read_file;
using mlkg::test::source_dir;

namespace {

SourceText mini_schema() { return {"schema.json", read_file(source_dir() / "tests/data/mini/schema.json")}; }

// Loads the mini schema plus one data file; returns the diagnostics of the failure (none if it loaded).
std::vector<Diagnostic> problems(const std::string& text, const LoadLimits& limits = {}) {
  try {
    load_graph({mini_schema(), {"data.json", text}}, limits);
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}

std::string first_message(const std::string& text) {
  const auto all = problems(text);
  REQUIRE_MESSAGE(!all.empty(), "expected the load to fail");
  return format(all.front());
}

const char* two_nodes = R"({"nodes": [
  {"id": "s3", "label": "Amazon S3", "type": "service"},
  {"id": "athena", "label": "Amazon Athena", "type": "service"}
], "edges": [%EDGES%]})";

std::string with_edges(const std::string& edges) {
  std::string text = two_nodes;
  text.replace(text.find("%EDGES%"), 7, edges);
  return text;
}

} // namespace

TEST_CASE("a valid file loads with its nodes, edges, sources and notes") {
  const LoadResult r = load_graph(
      {mini_schema(),
       {"data.json",
        with_edges(R"({"from": "s3", "rel": "feeds", "to": "athena", "note": "n", "source": [1, "3-4"]})")}});
  CHECK(r.graph.node_count() == 2);
  CHECK(r.graph.edge_count() == 1);
  CHECK(r.warnings.empty());
  CHECK(r.graph.note(0) == "n");
  CHECK(format_lines(r.graph.source(0)) == "1, 3-4");
  CHECK(r.graph.relation(0).name == "feeds");
}

TEST_CASE("members may come in any order, and escaped keys and strings read as what they spell") {
  // Edges before nodes, the section last: the nodes still get the file's section, the edges their ends.
  const LoadResult r = load_graph({mini_schema(), {"data.json", R"({
  "edges": [{"to": "athena", "rel": "feeds", "fr\u006fm": "s\u0033", "source": ["2-3"]}],
  "nodes": [
    {"type": "service", "label": "Amazon \"S3\"", "id": "s3"},
    {"id": "athena", "label": "Amazon Athena", "type": "service", "section": "Own"}
  ],
  "section": "Anal\u0079tics"
})"}});
  REQUIRE(r.graph.node_count() == 2);
  REQUIRE(r.graph.edge_count() == 1);
  CHECK(r.graph.node_id(0) == "s3");
  CHECK(r.graph.node(0).label == "Amazon \"S3\"");
  CHECK(r.graph.node_section(0) == "Analytics");
  CHECK(r.graph.node_section(1) == "Own");
  CHECK(r.graph.edge(0).from == 0);
  CHECK(r.graph.edge(0).to == 1);
  CHECK(format_lines(r.graph.source(0)) == "2-3");
}

TEST_CASE("a section after the nodes that need it: the file is read again, each problem reported once") {
  std::vector<std::string> all;
  for (const Diagnostic& d : problems(
           R"({"nodes": [{"id": "a", "label": "A", "type": "servce"}, {"id": "b", "label": "B", "type": "service"}],)"
           R"( "section": "S\u0031", "extra": 1})"))
    all.push_back(format(d));
  REQUIRE(all.size() == 2);
  CHECK(all[0] == "data.json:1:135: /extra: unknown member 'extra'");
  CHECK(all[1] == "data.json:1:46: /nodes/0/type: unknown node type 'servce' (did you mean 'service'?)");

  const LoadResult r = load_graph(
      {mini_schema(),
       {"data.json", R"({"nodes": [{"id": "a", "label": "A", "type": "service"},)"
                     R"( {"id": "b", "label": "B", "type": "service", "section": "Own"}], "section": "S1"})"}});
  REQUIRE(r.graph.node_count() == 2);
  CHECK(r.graph.node_section(0) == "S1");
  CHECK(r.graph.node_section(1) == "Own");
  CHECK(r.warnings.size() == 2); // the two orphans, once each
}

TEST_CASE("an object's problems come in the order of its known members, whatever the order in the file") {
  std::vector<std::string> all;
  for (const Diagnostic& d :
       problems(R"({"nodes": [{"type": "servce", "label": "", "bogus": 1, "id": "S3 x"}], "extra": 1, "section": 5})"))
    all.push_back(format(d));
  // As the DOM reader reported them, problem for problem.
  REQUIRE(all.size() == 6);
  CHECK(all[0] == "data.json:1:81: /extra: unknown member 'extra'");
  CHECK(all[1] == "data.json:1:95: /section: expected a string, found number");
  CHECK(all[2] == "data.json:1:53: /nodes/0/bogus: unknown member 'bogus'");
  CHECK(all[3] == "data.json:1:62: /nodes/0/id: id 'S3 x' is not kebab-case (a-z, 0-9, single hyphens)");
  CHECK(all[4] == "data.json:1:40: /nodes/0/label: label is empty");
  CHECK(all[5] == "data.json:1:21: /nodes/0/type: unknown node type 'servce' (did you mean 'service'?)");
}

TEST_CASE("one wrong label is one problem, not three: no follow-on 'empty' or 'no letters' problems") {
  const auto only = [](const std::string& node) {
    std::string all;
    for (const Diagnostic& d : problems(R"({"nodes": [)" + node + "]}")) all += format(d) + "\n";
    return all;
  };
  CHECK(only(R"({"id": "a", "label": 42, "type": "service"})") ==
        "data.json:1:33: /nodes/0/label: expected a string, found number\n");
  CHECK(only(R"({"id": "a", "type": "service"})") == "data.json:1:12: /nodes/0: missing required member 'label'\n");
  CHECK(only(R"({"id": "a", "label": "", "type": "service"})") == "data.json:1:33: /nodes/0/label: label is empty\n");
  // An empty alias is said as such; a name of punctuation only, as before.
  CHECK(only(R"({"id": "a", "label": "A", "type": "service", "aliases": ["", "--"]})") ==
        "data.json:1:69: /nodes/0/aliases/0: alias is empty\n"
        "data.json:1:73: /nodes/0/aliases/1: name '--' has no letters or digits\n");
  // A clash with a node whose label is empty names that node without an empty "()"; a label is not an alias.
  CHECK(only(R"({"id": "c", "label": "", "type": "service"}, {"id": "d", "label": "C", "type": "service"})") ==
        "data.json:1:33: /nodes/0/label: label is empty\n"
        "data.json:1:78: /nodes/1/label: name 'C' also names node 'c' (names must pick out one node; reword one of "
        "them)\n");
}

TEST_CASE("values nobody reads are still checked: bad literals, bad escapes, deep nesting, quoted wrong values") {
  const auto node = [](const std::string& member) {
    return R"({"nodes": [{"id": "a", "label": "A", "type": "service", )" + member + "}]}";
  };
  CHECK(first_message(node(R"("extra": [1, tru])")).rfind("data.json:1:", 0) == 0);
  CHECK(first_message(node(R"("extra": {"k": "\q"})")).rfind("data.json:1:", 0) == 0);
  // The root, the nodes, the node and 29 arrays in "extra" are 32 levels: the 30th array is refused where it opens.
  std::string too_deep = "/nodes/0/extra";
  for (int i = 0; i < 29; ++i) too_deep += "/0";
  const std::string before = R"({"nodes": [{"id": "a", "label": "A", "type": "service", "extra": )";
  CHECK(first_message(node("\"extra\": " + std::string(40, '[') + std::string(40, ']'))) ==
        "data.json:1:" + std::to_string(before.size() + 30) + ": " + too_deep + ": JSON nests deeper than 32 levels");
  CHECK(first_message(node(R"("source": [[1, 2], {"a": true}])")) ==
        "data.json:1:68: /nodes/0/source/0: expected a line number (a positive integer) or a range \"first-last\", "
        "found [1,2]");
  CHECK(first_message(node(R"("source": [2.5])")) ==
        "data.json:1:68: /nodes/0/source/0: expected a line number (a positive integer) or a range \"first-last\", "
        "found 2.5");
}

TEST_CASE("bad syntax after a member that is read early is still found (found by fuzzing)") {
  // The section is read before the nodes; the reader used to skip it the second time round, and skipping
  // a value does not check what follows it.
  CHECK(first_message("{\n  \"section\": \"A\": \"b\": \"c\",\n    { \"from\", \"source\": [376] }\n  ]\n}\n") ==
        "data.json:2:17: syntax error while parsing object - unexpected ':'; expected '}'");
  CHECK(first_message(R"({"edges": [] "nodes": []})").rfind("data.json:1:", 0) == 0);
}

TEST_CASE("malformed JSON is reported with line and column") {
  const std::string message = first_message("{\n  \"nodes\": [\n    {\"id\": \"x\",,}\n  ]\n}");
  CHECK(message.rfind("data.json:3:16: ", 0) == 0);
  CHECK(message.find("syntax error") != std::string::npos);
}

TEST_CASE("lines end as editors end them: LF, CR LF, or a CR alone") {
  // Old Mac files end lines with a lone CR, which JSON reads as white space.
  const auto with_line_ends = [](std::string text, const std::string& end) {
    for (std::size_t at = 0; (at = text.find('|', at)) != std::string::npos; at += end.size()) text.replace(at, 1, end);
    return text;
  };
  for (const std::string end : {"\n", "\r\n", "\r"}) {
    const std::string shown = end == "\n" ? "LF" : end == "\r" ? "CR" : "CR LF";
    CHECK_MESSAGE(first_message(with_line_ends("{|  \"nodes\": [|    {\"id\": \"x\",,}|  ]|}", end))
                          .rfind("data.json:3:16: ", 0) == 0,
                  "line end ", shown);
    CHECK_MESSAGE(first_message(with_line_ends("{|\"nodes\": [|{\"id\": \"x\", \"label\": \"X\", \"type\": 5}]}", end))
                          .rfind("data.json:3:", 0) == 0,
                  "line end ", shown);
  }
}

TEST_CASE("an empty file, a non-object and truncated input are errors, not crashes") {
  CHECK(first_message("") == "data.json: file is empty: expected a JSON object");
  CHECK(first_message(" \n\t") == "data.json: file is empty: expected a JSON object");
  CHECK(first_message("[1, 2]") == "data.json:1:1: expected a JSON object at the top, found array");
  CHECK(first_message("{\"nodes\": [").find("data.json:1:") == 0);
}

TEST_CASE("deep nesting is refused quickly") {
  const std::string deep = "{\"nodes\": " + std::string(200000, '[') + std::string(200000, ']') + "}";
  std::string too_deep = "/nodes";
  for (int i = 0; i < 31; ++i) too_deep += "/0";
  CHECK(first_message(deep) == "data.json:1:42: " + too_deep + ": JSON nests deeper than 32 levels");
}

TEST_CASE("bytes that are not UTF-8 are reported") {
  const std::string message = first_message("{\"section\": \"caf\xe9\"}");
  CHECK(message.rfind("data.json:1:", 0) == 0);
  CHECK(message.find("UTF-8") != std::string::npos);
}

TEST_CASE("a parse error shows a byte that is not UTF-8 escaped and stays UTF-8 itself") {
  const std::string message = first_message("{\"section\": \"caf\xe9\"}");
  CHECK(message == "data.json:1:18: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last "
                   "read: '\"caf\\xe9\"'");
  CHECK(is_valid_utf8(message));
}

TEST_CASE("a trailing comma is named at the comma in an array and in an object") {
  CHECK(first_message("{\"nodes\": [1,\n  ]}") == "data.json:1:13: a comma before ']': JSON allows no trailing comma");
  CHECK(first_message("{\"nodes\": [],\n  \"edges\": [], \n}") ==
        "data.json:2:14: a comma before '}': JSON allows no trailing comma");
  // A bracket where a value should be, after something other than a comma, is still nlohmann's message.
  CHECK(first_message("{\"nodes\": [1 2]}").find("syntax error") != std::string::npos);
  CHECK(first_message("{\"nodes\": ]}") ==
        "data.json:1:11: syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal");
}

namespace {
// `ascii` as UTF-16 with the given byte-order mark: a NUL after (little-endian) or before each character.
std::string utf16(const std::string& ascii, bool little_endian, bool with_mark = true) {
  std::string out = with_mark ? (little_endian ? "\xFF\xFE" : "\xFE\xFF") : "";
  for (const char c : ascii) {
    if (!little_endian) out += '\0';
    out += c;
    if (little_endian) out += '\0';
  }
  return out;
}
} // namespace

TEST_CASE("a UTF-16 file is named as such, with or without a byte-order mark, not as a NUL byte") {
  const std::string text = "{\"nodes\": []}\r\n";
  const std::string expected = "data.json: the file is UTF-16; save it as UTF-8";
  CHECK(first_message(utf16(text, true)) == expected);
  CHECK(first_message(utf16(text, false)) == expected);
  CHECK(first_message(utf16(text, true, false)) == expected);
  CHECK(first_message(utf16(text, false, false)) == expected);
  CHECK(first_message(std::string("{\"section\": \"a\0b\"}", 19)) ==
        "data.json:1:15: a NUL byte, which JSON text cannot contain");
}

TEST_CASE("a UTF-32 file is named as such, with or without a byte-order mark, not as UTF-16") {
  const std::string text = "{\"nodes\": []}\n";
  const auto utf32 = [&](bool little_endian, bool with_mark) {
    std::string out = with_mark ? std::string(little_endian ? "\xFF\xFE\0\0" : "\0\0\xFE\xFF", 4) : "";
    for (const char c : text)
      out += little_endian ? std::string(1, c) + std::string(3, '\0') : std::string(3, '\0') + c;
    return out;
  };
  const std::string expected = "data.json: the file is UTF-32; save it as UTF-8";
  for (const bool little_endian : {true, false})
    for (const bool with_mark : {true, false}) CHECK(first_message(utf32(little_endian, with_mark)) == expected);
}

TEST_CASE("files over the size limit are refused before parsing") {
  LoadLimits tiny;
  tiny.max_file_bytes = 1 << 20;
  const std::string big = "{\"section\": \"" + std::string(3 << 20, 'x') + "\"}";
  const auto all = problems(big, tiny);
  REQUIRE(all.size() == 1);
  CHECK(format(all.front()) == "data.json: file is 3.1 MiB; the limit is 1 MiB"); // 3 MiB and 15 bytes
}

TEST_CASE("a 100 MB file with a 100 MB string is refused with a clear error") {
  mlkg::test::TempDir dir;
  mlkg::test::write_file(dir / "schema.json", mini_schema().text);
  mlkg::test::write_file(dir / "big.json",
                         with_edges("").replace(1, 0, "\"section\": \"" + std::string(100 << 20, 'x') + "\", "));
  try {
    load_graph(read_graph_dir(dir.path().string()));
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(format(e.diagnostics().front()) == (dir / "big.json").string() +
                                                 ":1:13: /section: a JSON string of 104,857,600 bytes, 103,809,024 "
                                                 "bytes over the limit of 1,048,576 bytes");
  }
}

TEST_CASE("a large file of many nodes loads") {
  std::string nodes, edges;
  for (int i = 0; i < 20000; ++i) {
    nodes += std::string(i ? "," : "") + R"({"id": "n)" + std::to_string(i) + R"(", "label": "Node )" +
             std::to_string(i) + R"(", "type": "service", "summary": ")" + std::string(100, 's') + "\"}";
    if (i)
      edges += std::string(i > 1 ? "," : "") + R"({"from": "n)" + std::to_string(i - 1) +
               R"(", "rel": "feeds", "to": "n)" + std::to_string(i) + "\"}";
  }
  const LoadResult r =
      load_graph({mini_schema(), {"big.json", "{\"nodes\": [" + nodes + "], \"edges\": [" + edges + "]}"}});
  CHECK(r.graph.node_count() == 20000);
  CHECK(r.graph.edge_count() == 19999);
  CHECK(r.warnings.empty());
}

TEST_CASE("schema violations name the place and suggest a fix") {
  CHECK(first_message(R"({"nodes": [{"id": "s3", "label": "S3", "type": "servce"}]})") ==
        "data.json:1:48: /nodes/0/type: unknown node type 'servce' (did you mean 'service'?)");
  CHECK(first_message(R"({"nodes": [{"id": "S3 bucket", "label": "S3", "type": "service"}]})") ==
        "data.json:1:19: /nodes/0/id: id 'S3 bucket' is not kebab-case (a-z, 0-9, single hyphens)");
  CHECK(first_message(R"({"nodes": [{"label": "S3", "type": "service"}]})") ==
        "data.json:1:12: /nodes/0: missing required member 'id'");
  CHECK(first_message(R"({"nodes": [{"id": "s3", "label": "", "type": "service"}]})") ==
        "data.json:1:34: /nodes/0/label: label is empty");
  CHECK(first_message(R"({"nodes": [{"id": "", "label": "S3", "type": "service"}]})") == // was dropped, unsaid
        "data.json:1:19: /nodes/0/id: id is empty");
  CHECK(first_message(R"({"nodes": [{"id": "s3", "label": "S3", "type": "service", "sumary": "x"}]})") ==
        "data.json:1:69: /nodes/0/sumary: unknown member 'sumary' (did you mean 'summary'?)");
  CHECK(first_message(R"({"nodes": [{"id": "s3", "label": "S3", "type": "service", "aliases": "S"}]})") ==
        "data.json:1:70: /nodes/0/aliases: expected an array, found string");
  CHECK(first_message(R"({"nodes": [{"id": "s3", "label": "S3", "type": "service", "source": [0]}]})") ==
        "data.json:1:70: /nodes/0/source/0: expected a line number (a positive integer) or a range \"first-last\", "
        "found 0");
  CHECK(first_message(R"({"nodes": [{"id": "s3", "label": "S3", "type": "service", "category": "storag"}]})") ==
        "data.json:1:71: /nodes/0/category: unknown category 'storag' (did you mean 'storage'?)");
  CHECK(first_message(R"({"nodez": []})") == "data.json:1:11: /nodez: unknown member 'nodez' (did you mean 'nodes'?)");
}

TEST_CASE("a reversed line range says so and how to write it") {
  const auto node = [](const std::string& range) {
    return R"({"nodes": [{"id": "s3", "label": "S3", "type": "service", "source": [")" + range + R"("]}]})";
  };
  CHECK(first_message(node("240-236")) ==
        "data.json:1:70: /nodes/0/source/0: range \"240-236\" is reversed: write \"236-240\"");
  CHECK(first_message(with_edges(R"({"from": "s3", "rel": "feeds", "to": "athena", "source": [3, "9-4"]})")) ==
        "data.json:4:75: /edges/0/source/1: range \"9-4\" is reversed: write \"4-9\"");
  // Line 0 does not exist, whichever end it is; a line past the limit is that, whichever end it is.
  const std::string expected = "data.json:1:70: /nodes/0/source/0: expected a line number (a positive integer) or a "
                               "range \"first-last\", found ";
  CHECK(first_message(node("0-5")) == expected + "\"0-5\"");
  CHECK(first_message(node("5-0")) == expected + "\"5-0\"");
  CHECK(first_message(node("2000000-5")) ==
        "data.json:1:70: /nodes/0/source/0: line 2000000 is past the limit of 1,000,000 lines");
  CHECK(problems(node("236-240")).empty());
}

TEST_CASE("the schema's JSON reader refuses a bad line range in the graph reader's words") {
  // Graph files are read by read_file.cpp; detail::ObjectReader (the schema's reader) can read "source"
  // too, and must not tell a different story about the same value.
  for (const std::string value :
       {R"("240-236")", R"("0-5")", R"("5-0")", R"("2000000-5")", R"("x")", "0", "2.5", "[1, 2]"}) {
    CAPTURE(value);
    const std::string text =
        R"({"nodes": [{"id": "s3", "label": "S3", "type": "service", "source": [)" + value + "]}]}";
    const SourceText file{"data.json", text};
    detail::FileText located(file);
    std::vector<Diagnostic> found;
    detail::FileReporter report(located, found);
    const detail::json doc = detail::json::parse(text);
    detail::ObjectReader node(doc["nodes"][0], "/nodes/0", report, {"id", "label", "type", "source"});
    CHECK(node.lines("source").empty());
    REQUIRE(found.size() == 1);
    CHECK(format(found[0]) == first_message(text));
  }
}

TEST_CASE("edge problems: dangling ends, unknown relations, duplicates, self-loops, type rules") {
  CHECK(first_message(with_edges(R"({"from": "s3", "rel": "feeds", "to": "athina"})")) ==
        "data.json:4:51: /edges/0/to: unknown node 'athina' (did you mean 'athena'?)");
  CHECK(first_message(with_edges(R"({"from": "s3", "rel": "feed", "to": "athena"})")) ==
        "data.json:4:36: /edges/0/rel: unknown relation 'feed' (did you mean 'feeds'?)");
  CHECK(first_message(with_edges(R"({"from": "s3", "rel": "feeds", "to": "s3"})")) ==
        "data.json:4:14: /edges/0: edge links 's3' to itself");
  CHECK(first_message(with_edges(
            R"({"from": "s3", "rel": "feeds", "to": "athena"}, {"from": "s3", "rel": "feeds", "to": "athena"})")) ==
        "data.json:4:62: /edges/1: duplicate edge s3 feeds athena (first at data.json:4)");
  CHECK(
      first_message(
          with_edges(
              R"({"from": "s3", "rel": "alternative-to", "to": "athena"}, {"from": "athena", "rel": "alternative-to", "to": "s3"})"))
          .find("duplicate edge athena alternative-to s3") != std::string::npos);
  CHECK(first_message(with_edges(R"({"from": "s3", "rel": "mitigates", "to": "athena"})")) ==
        "data.json:4:23: /edges/0/from: 'mitigates' cannot start at a service ('s3') (allowed: technique)");
}

TEST_CASE("duplicate ids and colliding names point at both places") {
  const std::string text = R"({"nodes": [
  {"id": "s3", "label": "Amazon S3", "type": "service"},
  {"id": "s3", "label": "S3 again", "type": "service", "aliases": ["S3 copy", "Glacier"]},
  {"id": "glacier", "label": "S3 Glacier", "type": "feature", "aliases": ["AWS S3"]}
]})";
  const auto all = problems(text);
  REQUIRE(all.size() == 2);
  CHECK(format(all[0]) == "data.json:3:10: /nodes/1/id: duplicate id 's3' (first defined at data.json:2)");
  CHECK(format(all[1]) == "data.json:4:75: /nodes/2/aliases/0: name 'AWS S3' also names node 's3' (Amazon S3) "
                          "(names must pick out one node; drop or reword the alias)");
}

TEST_CASE("every problem of a load is reported, across files") {
  std::vector<Diagnostic> all;
  try {
    load_graph({mini_schema(),
                {"a.json", R"({"nodes": [{"id": "a", "label": "A", "type": "nope"}]})"},
                {"b.json", "{oops"},
                {"c.json", with_edges(R"({"from": "x", "rel": "y", "to": "z"})")}});
  } catch (const Error& e) {
    all = e.diagnostics();
  }
  REQUIRE(all.size() == 5);
  CHECK(all[0].where.file == "a.json");
  CHECK(all[1].where.file == "b.json");
  CHECK(all[2].message == "unknown node 'x'");
  CHECK(all[3].message == "unknown node 'z'");
  CHECK(all[4].message == "unknown relation 'y'");
}

TEST_CASE("orphans and repeated facts are warnings") {
  const LoadResult r = load_graph({mini_schema(), {"data.json", R"({"nodes": [
  {"id": "a", "label": "A", "type": "service", "facts": ["Is fast.", "is fast"]}
]})"}});
  REQUIRE(r.warnings.size() == 2);
  CHECK(format(r.warnings[0]) == "data.json:2:3: /nodes/0: node 'a' has no edges (orphan)");
  CHECK(format(r.warnings[1]) == "data.json:2:70: /nodes/0/facts/1: fact repeats fact 0");
}

TEST_CASE("repeated facts among many are each reported once, in the node's order, against the first") {
  // More than 16 facts take the sorted path; the few above, the pairwise one.
  std::string facts;
  for (int i = 0; i < 20; ++i) {
    const int fact = i == 12 ? 3 : i == 15 ? 1 : i == 18 ? 3 : i; // 12 and 18 repeat 3, 15 repeats 1
    facts += std::string(i ? ", " : "") + "\"Fact number " + std::to_string(fact) + (i == 18 ? "!" : ".") + "\"";
  }
  const LoadResult r = load_graph(
      {mini_schema(),
       {"data.json", R"({"nodes": [{"id": "a", "label": "A", "type": "service", "facts": [)" + facts + "]}]}"}});
  std::vector<std::string> repeats;
  for (const Diagnostic& w : r.warnings)
    if (w.message.rfind("fact repeats", 0) == 0) repeats.push_back(w.where.pointer + ": " + w.message);
  CHECK(repeats == std::vector<std::string>{"/nodes/0/facts/12: fact repeats fact 3",
                                            "/nodes/0/facts/15: fact repeats fact 1",
                                            "/nodes/0/facts/18: fact repeats fact 3"});
}

TEST_CASE("a bad schema is reported before anything else") {
  std::vector<Diagnostic> all;
  try {
    load_graph({{"schema.json",
                 R"({"node_types": {"service": {}}, "relations": {"feeds": {"from": ["servic"], "flow": "yes"}}})"}});
  } catch (const Error& e) {
    all = e.diagnostics();
  }
  REQUIRE(all.size() == 2);
  CHECK(format(all[0]) == "schema.json:1:85: /relations/feeds/flow: expected true or false, found string");
  CHECK(format(all[1]) ==
        "schema.json:1:66: /relations/feeds/from/0: unknown node type 'servic' (did you mean 'service'?)");
}

TEST_CASE("a schema of another version is refused at its version") {
  std::vector<Diagnostic> all;
  try {
    load_graph({{"schema.json", R"({"version": 2, "node_types": {"service": {}}, "relations": {}})"}});
  } catch (const Error& e) {
    all = e.diagnostics();
  }
  REQUIRE(all.size() == 1);
  CHECK(format(all[0]) ==
        "schema.json:1:13: /version: schema version 2 is not one this mlkg reads (it reads version 1)");
  CHECK_NOTHROW(load_graph({{"schema.json", R"({"version": 1, "node_types": {"service": {}}, "relations": {}})"}}));
}

TEST_CASE("schema categories need a label and a #RRGGBB colour") {
  std::vector<Diagnostic> all;
  try {
    load_graph({{"schema.json", R"({"node_types": {"service": {}}, "relations": {},
                 "categories": {"storage": {"color": "green"}}})"}});
  } catch (const Error& e) {
    all = e.diagnostics();
  }
  REQUIRE(all.size() == 2);
  CHECK(format(all[0]).find("/categories/storage: missing required member 'label'") != std::string::npos);
  CHECK(format(all[1]).find("/categories/storage/color: colour 'green' is not #RRGGBB") != std::string::npos);
}

TEST_CASE("folders: missing ones are i/o errors; without schema.json the built-in schema is used") {
  try {
    read_graph_dir("/nonexistent/mlkg");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::io);
    CHECK(format(e.diagnostics().front()).rfind("/nonexistent/mlkg: no such folder", 0) == 0);
  }
  mlkg::test::TempDir dir;
  mlkg::test::write_file(
      dir / "nodes.json",
      R"({"nodes": [{"id": "a", "label": "A", "type": "metric"}, {"id": "b", "label": "B", "type": "task"}],
    "edges": [{"from": "a", "rel": "evaluates", "to": "b"}]})");
  const LoadResult r = load_graph(read_graph_dir(dir.path().string()));
  CHECK(r.graph.schema().find_relation("alternative-to").has_value());
  CHECK(r.graph.edge_count() == 1);
}

TEST_CASE("the shipped graph validates clean and is what the binary embeds") {
  const LoadResult from_disk = load_graph(read_graph_dir((source_dir() / "graph").string()));
  for (const Diagnostic& w : from_disk.warnings) MESSAGE(format(w));
  CHECK(from_disk.warnings.empty());
  const LoadResult embedded = load_default_graph();
  CHECK(embedded.graph.node_count() == from_disk.graph.node_count());
  CHECK(embedded.graph.edge_count() == from_disk.graph.edge_count());
  CHECK(embedded_graph_files().size() == read_graph_dir((source_dir() / "graph").string()).size());
}

namespace {
// Each diagnostic as `check` prints it, with the folder's path taken out.
std::vector<std::string> formatted(const std::vector<Diagnostic>& all, const std::string& folder) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : all) {
    std::string line = format(d);
    for (std::size_t at; (at = line.find(folder)) != std::string::npos;) line.erase(at, folder.size());
    lines.push_back(line);
  }
  return lines;
}

std::vector<Diagnostic> folder_errors(const std::string& folder) {
  try {
    load_graph_dir(folder);
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}
} // namespace

TEST_CASE("a folder read file by file reports what the whole folder in memory does, across files") {
  mlkg::test::TempDir dir;
  mlkg::test::write_file(dir / "schema.json", mini_schema().text);
  mlkg::test::write_file(dir / "a.json", R"({"nodes": [
  {"id": "s3", "label": "Amazon S3", "type": "service"},
  {"id": "lonely", "label": "Lonely", "type": "service"}
]})");
  mlkg::test::write_file(dir / "b.json", R"({"nodes": [
  {"id": "athena", "label": "Amazon Athena", "type": "service", "facts": ["Is fast.", "is fast"]}
], "edges": [{"from": "s3", "rel": "feeds", "to": "athena"}]})");
  const std::string folder = dir.path().string();

  // Warnings in two files, located (from a second reading of each) only when first read.
  const LoadResult streamed = load_graph_dir(folder);
  const LoadResult whole = load_graph(read_graph_dir(folder));
  CHECK(streamed.graph.edge_count() == 1);
  REQUIRE(streamed.warnings.size() == 2);
  CHECK(formatted(streamed.warnings.list(), folder) == formatted(whole.warnings.list(), folder));
  CHECK(formatted(streamed.warnings.list(), folder) ==
        std::vector<std::string>{"/a.json:3:3: /nodes/1: node 'lonely' has no edges (orphan)",
                                 "/b.json:2:87: /nodes/0/facts/1: fact repeats fact 0"});

  // Errors whose suggestion points into another file: each file is read again once, in order.
  mlkg::test::write_file(dir / "c.json", R"({"nodes": [{"id": "s3", "label": "S3 again", "type": "service"}],
"edges": [{"from": "athena", "rel": "feeds", "to": "nowhere"}]})");
  const std::vector<Diagnostic> errors = folder_errors(folder);
  CHECK(formatted(errors, folder) ==
        std::vector<std::string>{"/c.json:1:19: /nodes/0/id: duplicate id 's3' (first defined at /a.json:2)",
                                 "/c.json:2:52: /edges/0/to: unknown node 'nowhere'"});
  std::vector<Diagnostic> in_memory;
  try {
    load_graph(read_graph_dir(folder));
  } catch (const Error& e) {
    in_memory = e.diagnostics();
  }
  CHECK(formatted(errors, folder) == formatted(in_memory, folder));
}

TEST_CASE("a file changed between the load and the reading of its warnings is an error, not wrong lines") {
  mlkg::test::TempDir dir;
  mlkg::test::write_file(dir / "schema.json", mini_schema().text);
  mlkg::test::write_file(dir / "a.json", R"({"nodes": [{"id": "lonely", "label": "Lonely", "type": "service"}]})");
  const LoadResult r = load_graph_dir(dir.path().string());
  mlkg::test::write_file(dir / "a.json", "\n\n\n"
                                         R"({"nodes": [{"id": "lonely", "label": "L", "type": "service"}]})");
  try {
    (void)r.warnings.size();
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::io);
    CHECK(format(e.diagnostics().front()).find("a.json: file changed while the graph was being loaded") !=
          std::string::npos);
  }
}
