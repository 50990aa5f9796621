#include "mlkg/style.hpp"

#include "core/rounding.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace mlkg {

namespace {

struct TypeRow {
  std::string_view type;
  Shape shape;
  std::string_view stroke;
  bool dashed;
};

// Shapes say what a node is at a glance; colours stay clear of the AWS category colours services use.
constexpr std::array<TypeRow, 13> type_table{{
    {"service", Shape::rounded_box, "#545B64", false},
    {"feature", Shape::box, "#545B64", false},
    {"concept", Shape::ellipse, "#5F6B7A", false},
    {"algorithm", Shape::hexagon, "#0972D3", false},
    {"technique", Shape::box, "#B0620E", false},
    {"metric", Shape::note, "#6B40C4", false},
    {"problem", Shape::octagon, "#D13212", false},
    {"task", Shape::ellipse, "#037F0C", false},
    {"data-format", Shape::tab, "#5F6B7A", false},
    {"instance-type", Shape::box3d, "#B0620E", false},
    {"visualization", Shape::component, "#0972D3", false},
    {"framework", Shape::component, "#545B64", false},
    {"option", Shape::ellipse, "#5F6B7A", true},
}};

struct RelationRow {
  std::string_view relation;
  std::string_view colour;
  Line line;
  Arrow head;
  double width;
};

// Colour says a relation's family, line and arrowhead which member it is, so that no two relations look
// alike. Families whose colours readers with protanopia or deuteranopia may confuse (red with green or
// orange; green, grey and purple) never share a line and arrowhead. Arrowheads: ▶ acts on, ● holds or makes,
// ○ looks at or depends on, ┤ works against or falls short, ▷ is a kind of (grey) or ranks against
// (purple), ◇ is a part of. Legends list the relations in this order, so a family stays together.
constexpr std::array<RelationRow, 31> relation_table{{
    // Data, work and messages moving: ink.
    {"feeds", "#232F3E", Line::solid, Arrow::normal, 2.0},
    {"produces", "#232F3E", Line::solid, Arrow::dot, 1.2},
    {"triggers", "#232F3E", Line::dashed, Arrow::normal, 1.2},
    {"transforms", "#232F3E", Line::dashed, Arrow::dot, 1.2},
    {"notifies", "#232F3E", Line::dotted, Arrow::normal, 1.2},
    // What a thing is used for, holds and runs on: blue.
    {"used-for", "#0972D3", Line::solid, Arrow::normal, 1.2},
    {"stores", "#0972D3", Line::solid, Arrow::dot, 1.2},
    {"runs-on", "#0972D3", Line::solid, Arrow::odot, 1.2},
    {"queries", "#0972D3", Line::dashed, Arrow::normal, 1.2},
    {"deploys", "#0972D3", Line::dotted, Arrow::normal, 1.2},
    // Good fits and remedies: bluish green.
    {"suited-for", "#00806B", Line::solid, Arrow::normal, 1.4},
    {"mitigates", "#00806B", Line::solid, Arrow::tee, 1.6},
    {"optimizes", "#00806B", Line::dashed, Arrow::normal, 1.2},
    {"accelerates", "#00806B", Line::dotted, Arrow::normal, 1.2},
    // Problems and shortcomings: red, never drawn as a green relation is.
    {"causes", "#D13212", Line::solid, Arrow::dot, 1.4},
    {"unsuited-for", "#D13212", Line::dashed, Arrow::tee, 1.4},
    {"lacks", "#D13212", Line::dotted, Arrow::tee, 1.2},
    // Watching, measuring and showing: orange.
    {"monitors", "#B35C00", Line::solid, Arrow::odot, 1.2},
    {"visualizes", "#B35C00", Line::dashed, Arrow::odot, 1.2},
    {"detects", "#B35C00", Line::dashed, Arrow::normal, 1.2},
    {"evaluates", "#B35C00", Line::dotted, Arrow::odot, 1.2},
    {"measures", "#B35C00", Line::dotted, Arrow::normal, 1.2},
    // Comparisons: purple.
    {"alternative-to", "#A3308A", Line::solid, Arrow::none, 1.2},
    {"contrasts-with", "#A3308A", Line::dashed, Arrow::none, 1.2},
    {"replaced-by", "#A3308A", Line::dashed, Arrow::empty, 1.2},
    {"preferred-over", "#A3308A", Line::dotted, Arrow::empty, 1.2},
    // What a thing is, is made of, has and needs: grey.
    {"is-a", "#6B7785", Line::solid, Arrow::empty, 1.0},
    {"part-of", "#6B7785", Line::dotted, Arrow::diamond, 1.2},
    {"has-property", "#6B7785", Line::dotted, Arrow::dot, 1.2},
    {"requires", "#6B7785", Line::dashed, Arrow::odot, 1.2},
    {"integrates-with", "#6B7785", Line::dotted, Arrow::none, 1.2},
}};

std::size_t table_rank(std::string_view relation) {
  for (std::size_t i = 0; i < relation_table.size(); ++i)
    if (relation_table[i].relation == relation) return i;
  return relation_table.size();
}

int hex_value(std::string_view colour, std::size_t at) {
  const std::string two(colour.substr(at, 2));
  return static_cast<int>(std::strtol(two.c_str(), nullptr, 16));
}

} // namespace

std::string tint(std::string_view colour, double amount) {
  if (colour.size() != 7 || colour[0] != '#') return std::string(colour);
  char out[8];
  int channel[3];
  for (int i = 0; i < 3; ++i) {
    const double c = hex_value(colour, 1 + 2 * static_cast<std::size_t>(i));
    channel[i] = static_cast<int>(detail::round_to_integer(255.0 - (255.0 - c) * amount));
  }
  std::snprintf(out, sizeof out, "#%02X%02X%02X", channel[0], channel[1], channel[2]);
  return out;
}

NodeStyle type_style(std::string_view type) {
  for (const TypeRow& row : type_table)
    if (row.type == type) return {row.shape, tint(row.stroke, 0.12), std::string(row.stroke), row.dashed};
  return {Shape::box, "#F2F3F3", "#7D8998", false};
}

NodeStyle node_style(const Graph& graph, NodeIndex node) {
  NodeStyle style = type_style(graph.type_name(node));
  if (const Category* category = graph.schema().find_category(graph.node(node).category)) {
    style.stroke = category->color;
    style.fill = tint(category->color, 0.18);
  }
  return style;
}

EdgeStyle relation_style(const Relation& relation) {
  EdgeStyle style{"#545B64", Line::solid, Arrow::normal, 1.0, relation.flow, !relation.symmetric};
  for (const RelationRow& row : relation_table) {
    if (row.relation != relation.name) continue;
    style.colour = std::string(row.colour);
    style.line = row.line;
    style.head = row.head;
    style.width = row.width;
  }
  if (relation.symmetric) style.head = Arrow::none;
  return style;
}

bool drawn_alike(const EdgeStyle& a, const EdgeStyle& b) {
  return a.colour == b.colour && a.line == b.line && a.head == b.head;
}

std::vector<RelationLegendRow> relation_legend(const Schema& schema, std::vector<RelIndex> relations) {
  const auto order = [&](RelIndex r) {
    const std::string& name = schema.relations[r].name;
    return std::make_pair(table_rank(name), std::string_view(name));
  };
  std::sort(relations.begin(), relations.end(), [&](RelIndex a, RelIndex b) { return order(a) < order(b); });
  relations.erase(std::unique(relations.begin(), relations.end()), relations.end());
  std::vector<RelationLegendRow> rows;
  for (RelIndex r : relations) {
    const EdgeStyle style = relation_style(schema.relations[r]);
    const auto row = std::find_if(rows.begin(), rows.end(),
                                  [&](const RelationLegendRow& drawn) { return drawn_alike(drawn.style, style); });
    if (row == rows.end())
      rows.push_back({style, schema.relations[r].name});
    else
      row->names += ", " + schema.relations[r].name;
  }
  return rows;
}

std::string_view legend_line(const EdgeStyle& style) {
  const bool heavy = style.width >= 2.0;
  switch (style.line) {
  case Line::solid: return heavy ? "\u2501\u2501\u2501" : "\u2500\u2500\u2500";
  case Line::dashed: return heavy ? "\u254D\u254D\u254D" : "\u254C\u254C\u254C";
  case Line::dotted: return heavy ? "\u2509\u2509\u2509" : "\u2508\u2508\u2508";
  }
  return "\u2500\u2500\u2500";
}

std::string_view legend_head(Arrow arrow) {
  switch (arrow) {
  case Arrow::normal: return "\u25B6";
  case Arrow::none: return "";
  case Arrow::empty: return "\u25B7";
  case Arrow::diamond: return "\u25C7";
  case Arrow::tee: return "\u2524";
  case Arrow::dot: return "\u25CF";
  case Arrow::odot: return "\u25CB";
  }
  return "";
}

std::string_view graphviz_shape(Shape shape) {
  switch (shape) {
  case Shape::rounded_box:
  case Shape::box: return "box";
  case Shape::ellipse: return "ellipse";
  case Shape::octagon: return "octagon";
  case Shape::hexagon: return "hexagon";
  case Shape::note: return "note";
  case Shape::box3d: return "box3d";
  case Shape::component: return "component";
  case Shape::tab: return "tab";
  case Shape::cylinder: return "cylinder";
  }
  return "box";
}

std::string_view graphviz_line(Line line) {
  switch (line) {
  case Line::solid: return "solid";
  case Line::dashed: return "dashed";
  case Line::dotted: return "dotted";
  }
  return "solid";
}

std::string_view graphviz_arrow(Arrow arrow) {
  switch (arrow) {
  case Arrow::normal: return "normal";
  case Arrow::none: return "none";
  case Arrow::empty: return "empty";
  case Arrow::diamond: return "odiamond";
  case Arrow::tee: return "tee";
  case Arrow::dot: return "dot";
  case Arrow::odot: return "odot";
  }
  return "normal";
}

double graphviz_arrow_size(Arrow arrow) {
  return arrow == Arrow::normal || arrow == Arrow::empty || arrow == Arrow::none ? 0.7 : 1.0;
}

// Mermaid has no octagon, note, 3-D box or component: the nearest shapes that stay apart from the other
// types'. Never "[[": the Obsidian vault embeds these maps, and "[[" reads there as a wikilink.
MermaidBrackets mermaid_shape(Shape shape) {
  switch (shape) {
  case Shape::rounded_box: return {"(", ")"};
  case Shape::box: return {"[", "]"};
  case Shape::ellipse: return {"([", "])"};
  case Shape::octagon: return {">", "]"};
  case Shape::hexagon: return {"{{", "}}"};
  case Shape::note: return {"[/", "\\]"};
  case Shape::box3d: return {"[\\", "/]"};
  case Shape::component: return {"[\\", "\\]"};
  case Shape::tab: return {"[/", "/]"};
  case Shape::cylinder: return {"[(", ")]"};
  }
  return {"[", "]"};
}

// Mermaid draws an arrowhead, a cross, a circle or nothing; heavy links are its thick ones.
std::string_view mermaid_link(const EdgeStyle& style) {
  const bool plain = style.line == Line::solid;
  if (!style.directed || style.head == Arrow::none) return plain ? "---" : "-.-";
  if (style.head == Arrow::tee) return plain ? "--x" : "-.-x";
  if (style.head == Arrow::diamond || style.head == Arrow::dot || style.head == Arrow::odot)
    return plain ? "--o" : "-.-o";
  if (!plain) return "-.->";
  return style.width >= 2.0 ? "==>" : "-->";
}

std::string mermaid_node_css(const NodeStyle& style) {
  std::string css =
      "fill:" + style.fill + ",stroke:" + style.stroke + ",color:" + std::string(text_colour) + ",stroke-width:1.5px";
  if (style.dashed) css += ",stroke-dasharray:5 3";
  return css;
}

std::string mermaid_link_css(const EdgeStyle& style) {
  char width[16];
  std::snprintf(width, sizeof width, "%.1fpx", style.width);
  std::string css = "stroke:" + style.colour + ",stroke-width:" + width + ",color:" + style.colour;
  if (style.line == Line::dashed) css += ",stroke-dasharray:6 4";
  if (style.line == Line::dotted) css += ",stroke-dasharray:2 3";
  return css;
}

} // namespace mlkg
