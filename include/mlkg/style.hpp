#pragma once
// How diagrams look: one table of node styles by type (services coloured by their AWS category) and
// edge styles by relation. DOT, Mermaid and HTML writers all draw from here.

#include "mlkg/graph.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

inline constexpr std::string_view text_colour = "#232F3E"; // AWS "squid ink"
inline constexpr std::string_view font_name = "DejaVu Sans";

enum class Shape { rounded_box, box, ellipse, octagon, hexagon, note, box3d, component, tab, cylinder };

struct NodeStyle {
  Shape shape = Shape::box;
  std::string fill;   // "#RRGGBB": the background
  std::string stroke; // "#RRGGBB": the border, and the colour the type or category is known by
  bool dashed = false;
};

enum class Line { solid, dashed, dotted };
enum class Arrow { normal, none, empty, diamond, tee, dot, odot };

struct EdgeStyle {
  std::string colour; // "#RRGGBB"
  Line line = Line::solid;
  Arrow head = Arrow::normal;
  double width = 1.0;
  bool flow = false;    // data moves along it: it sets the reading order (ranks) of a drawing
  bool directed = true; // false for symmetric relations (drawn without arrowheads)
};

// The style of a node type (by schema name); unknown types get a neutral grey box.
NodeStyle type_style(std::string_view type);
// The style of one node: its type's, with a service's border and fill taken from its category colour.
NodeStyle node_style(const Graph& graph, NodeIndex node);
// The style of a relation; unknown relations get a plain grey arrow.
EdgeStyle relation_style(const Relation& relation);
// Whether two edge styles look the same in a drawing: colour, line and arrowhead.
bool drawn_alike(const EdgeStyle& a, const EdgeStyle& b);

// A legend row of relations: a look, and the relations drawn with it ("part-of"; "a, b" where relations are
// drawn alike, such as two the table does not know).
struct RelationLegendRow {
  EdgeStyle style;
  std::string names;
};
// The rows for these relations (repeats allowed), in the style table's order so that a family (a colour)
// stays together; relations the table does not know come last, by name.
std::vector<RelationLegendRow> relation_legend(const Schema& schema, std::vector<RelIndex> relations);
// A legend's picture of an edge in characters DejaVu Sans has: the line ("───", "╌╌╌", "┈┈┈"; heavy for a
// heavy edge) and the arrowhead ("▶", "●", "┤", ...; nothing for none).
std::string_view legend_line(const EdgeStyle& style);
std::string_view legend_head(Arrow arrow);

// `colour` mixed with white, `amount` 0 (white) .. 1 (the colour): light fills behind dark text.
std::string tint(std::string_view colour, double amount);

// Graphviz names: "box", "ellipse", ...; "solid", "dashed", "dotted"; "normal", "none", "empty", "dot", ...
std::string_view graphviz_shape(Shape shape);
std::string_view graphviz_line(Line line);
std::string_view graphviz_arrow(Arrow arrow);
// Graphviz's arrowsize for a head: at a triangle's size a bar, circle or diamond is too small to tell apart.
double graphviz_arrow_size(Arrow arrow);

// Mermaid flowchart syntax, in the classic forms every Mermaid version reads: a node shape's opening and
// closing brackets ("([", "])" for a stadium), and the link between two nodes ("-->", "-.-", "==>", "--x").
struct MermaidBrackets {
  std::string_view open, close;
};
MermaidBrackets mermaid_shape(Shape shape);
std::string_view mermaid_link(const EdgeStyle& style);
// Mermaid style properties ("stroke:#037F0C,stroke-width:1.6px,...") for a node and for a link.
std::string mermaid_node_css(const NodeStyle& style);
std::string mermaid_link_css(const EdgeStyle& style);

} // namespace mlkg
