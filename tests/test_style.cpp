// The style table's promise, read from real output: a reader can tell every relation apart. Relations
// drawn alike (colour, line and arrowhead) are named together in one legend row, and the legend draws each
// row as its edges are drawn. A graph with one edge per relation of the shipped schema, and two relations
// the table does not know (drawn alike on purpose), goes through the DOT writer, the explorer and Mermaid.

#include "mlkg/dot.hpp"
#include "mlkg/export.hpp"
#include "mlkg/load.hpp"
#include "support.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <tuple>

using namespace mlkg;

namespace {

const std::set<std::string> unknown_relations = {"zz-alike-a", "zz-alike-b"};

Graph one_edge_per_relation() {
  Schema schema = load_default_graph().graph.schema();
  for (const std::string& name : unknown_relations) {
    Relation relation;
    relation.name = name;
    relation.inverse = name + "-inverse";
    schema.relations.push_back(relation);
  }
  Graph graph(schema);
  const auto end = [&](const std::vector<std::string>& types, const std::string& id) {
    Node node;
    node.id = node.label = id;
    node.type = *graph.schema().find_type(types.empty() ? "concept" : types.front());
    return graph.add_node(std::move(node));
  };
  for (RelIndex r = 0; r < graph.schema().relations.size(); ++r) {
    const Relation& relation = graph.schema().relations[r];
    const NodeIndex from = end(relation.from_types, relation.name + "-from");
    graph.add_edge({from, end(relation.to_types, relation.name + "-to"), r});
  }
  return graph;
}

// How an edge looks: colour, Graphviz line style, Graphviz arrowhead.
using Look = std::tuple<std::string, std::string, std::string>;

// Each relation's look, from the DOT edges (the edge from "<relation>-from").
std::map<std::string, Look> edge_looks(const std::string& dot) {
  static const std::regex edge(R"re("([a-z-]+)-from" -> .* color="(#[0-9A-F]{6})" style=(\w+) arrowhead=(\w+) )re");
  std::map<std::string, Look> looks;
  for (std::sregex_iterator it(dot.begin(), dot.end(), edge), done; it != done; ++it)
    looks[(*it)[1]] = {(*it)[2], (*it)[3], (*it)[4]};
  return looks;
}

struct LegendRow {
  Look look;
  std::string head; // the arrowhead as drawn ("▶")
  std::vector<std::string> relations;
};

std::vector<std::string> names_in(const std::string& list) {
  std::vector<std::string> names;
  static const std::regex name("[a-z-]+");
  for (std::sregex_iterator it(list.begin(), list.end(), name), done; it != done; ++it) names.push_back(it->str());
  return names;
}

// The legend's relation rows, their glyphs read back as Graphviz names.
std::vector<LegendRow> legend_rows(const std::string& dot) {
  static const std::map<std::string, std::string> lines = {{"\u2500", "solid"},  {"\u2501", "solid"},
                                                           {"\u254C", "dashed"}, {"\u254D", "dashed"},
                                                           {"\u2508", "dotted"}, {"\u2509", "dotted"}};
  static const std::map<std::string, std::string> heads = {
      {"", "none"},      {"\u25B6", "normal"}, {"\u25B7", "empty"}, {"\u25C7", "odiamond"},
      {"\u2524", "tee"}, {"\u25CF", "dot"},    {"\u25CB", "odot"}};
  // A box-drawing character is three bytes; the line is three of them, the arrowhead the rest.
  static const std::regex row(
      R"re(<tr><td><font color="(#[0-9A-F]{6})">([^<]*)</font></td><td align="left">([^<]*)</td></tr>)re");
  std::vector<LegendRow> rows;
  for (std::sregex_iterator it(dot.begin(), dot.end(), row), done; it != done; ++it) {
    const std::string glyph = (*it)[2];
    REQUIRE(glyph.size() >= 9);
    REQUIRE(glyph.substr(0, 3) == glyph.substr(3, 3));
    REQUIRE(lines.count(glyph.substr(0, 3)) == 1);
    REQUIRE(heads.count(glyph.substr(9)) == 1);
    const std::string head = glyph.substr(9);
    rows.push_back({{(*it)[1], lines.at(glyph.substr(0, 3)), heads.at(head)}, head, names_in((*it)[3])});
  }
  return rows;
}

} // namespace

struct Drawn {
  Graph graph = one_edge_per_relation();
  Slice slice = whole_graph(graph);
  std::string dot = to_dot(graph, drawing_of(slice));
  std::map<std::string, Look> looks = edge_looks(dot);
  std::vector<LegendRow> rows = legend_rows(dot);
};

TEST_CASE("style: relations that look alike share one legend row, drawn as their edges are") {
  const Drawn drawn;
  REQUIRE(drawn.looks.size() == drawn.graph.schema().relations.size());
  std::set<std::string> listed;
  std::set<Look> row_looks;
  for (const LegendRow& row : drawn.rows) {
    CAPTURE(row.relations.front());
    CHECK_MESSAGE(row_looks.insert(row.look).second, "two legend rows draw the same glyph");
    for (const std::string& relation : row.relations) {
      CHECK_MESSAGE(listed.insert(relation).second, relation << " is in two legend rows");
      CHECK_MESSAGE(drawn.looks.at(relation) == row.look, relation << "'s edges are not drawn as its legend row");
    }
  }
  CHECK(listed.size() == drawn.looks.size());
  // So two relations drawn alike are named in one row. The shipped relations are all drawn apart; only the
  // two the table does not know share its plain grey arrow, and one row.
  for (const LegendRow& row : drawn.rows) {
    const bool unknown = unknown_relations.count(row.relations.front()) == 1;
    CHECK(row.relations.size() == (unknown ? unknown_relations.size() : 1));
  }
}

TEST_CASE("style: the HTML explorer's legend has the drawing's rows") {
  const Drawn drawn;
  const std::string html = export_html(drawn.graph, drawn.slice);
  const std::string open = "<script type=\"application/json\" id=\"mlkg-data\">";
  const std::size_t start = html.find(open) + open.size();
  const auto data = nlohmann::json::parse(html.substr(start, html.find("</script>", start) - start));
  REQUIRE(data["relations"].size() == drawn.rows.size());
  for (std::size_t i = 0; i < drawn.rows.size(); ++i) {
    const auto& swatch = data["relations"][i];
    const LegendRow& row = drawn.rows[i];
    CAPTURE(swatch.dump());
    CHECK(names_in(swatch["name"]) == row.relations);
    CHECK(swatch["colour"] == std::get<0>(row.look));
    CHECK(swatch["line"] == std::get<1>(row.look));
    CHECK(swatch["head"] == row.head);
  }
}

TEST_CASE("style: Mermaid draws each relation in its drawing's colour and line") {
  const Drawn drawn;
  const std::string mermaid = export_mermaid(drawn.graph, drawn.slice);
  static const std::regex link(R"re(  n\d+ \S+\|"([a-z-]+)"\| n\d+\n)re");
  std::vector<std::string> order; // the relation of each link, in link order
  for (std::sregex_iterator it(mermaid.begin(), mermaid.end(), link), done; it != done; ++it) order.push_back((*it)[1]);
  REQUIRE(order.size() == drawn.looks.size());
  static const std::regex style(
      R"re(linkStyle (\d+)\S* stroke:(#[0-9A-F]{6}),[^\n]*?(stroke-dasharray:([0-9 ]+))?\n)re");
  std::size_t styled = 0;
  for (std::sregex_iterator it(mermaid.begin(), mermaid.end(), style), done; it != done; ++it, ++styled) {
    const std::string& relation = order.at(std::stoul((*it)[1]));
    CAPTURE(relation);
    const auto& [colour, line, head] = drawn.looks.at(relation);
    CHECK((*it)[2] == colour);
    CHECK((*it)[4] == (line == "solid" ? "" : line == "dashed" ? "6 4" : "2 3"));
  }
  CHECK(styled == drawn.looks.size());
}
