#include "mlkg/dot.hpp"

#include "mlkg/error.hpp"
#include "mlkg/names.hpp"
#include "mlkg/style.hpp"

#include <algorithm>
#include <map>
#include <sstream>

namespace mlkg {

std::string dot_quoted(std::string_view text);

namespace {

constexpr std::size_t wrap_width = 22;

// Graphviz unescapes tooltips twice (\\N still names the node), so their backslashes are doubled first.
std::string tooltip_quoted(std::string_view text) {
  std::string doubled;
  for (char c : text) doubled += c == '\\' ? std::string(2, c) : std::string(1, c);
  return dot_quoted(doubled);
}

// Graphviz's style of a node drawn so.
std::string node_look(const NodeStyle& style) {
  std::string look = "filled";
  if (style.shape == Shape::rounded_box) look += ",rounded";
  if (style.dashed) look += ",dashed";
  return look;
}

// Breaks a label into lines of about `wrap_width` characters at spaces.
std::vector<std::string> wrapped(std::string_view text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream words{std::string(text)};
  for (std::string word; words >> word;) {
    if (!line.empty() && line.size() + 1 + word.size() > wrap_width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string subtitle(const Graph& graph, NodeIndex n) {
  if (const Category* category = graph.schema().find_category(graph.node(n).category)) return category->label;
  return graph.type_name(n);
}

struct Writer {
  const Graph& graph;
  const Subgraph& sub;
  const DotOptions& options;
  Engine engine;
  std::ostringstream out;
  std::vector<std::size_t> drawn; // edges drawn per relation, counted once (labelled() is asked per edge)

  bool emphasised(NodeIndex n) const {
    return sub.is_answer(n) || std::find(sub.asked.begin(), sub.asked.end(), n) != sub.asked.end();
  }

  // A relation drawn more than a few times is named by the legend rather than on every edge, which
  // would crowd a star of "mitigates" edges.
  bool labelled(RelIndex rel) {
    if (drawn.empty()) {
      drawn.assign(graph.schema().relations.size(), 0);
      for (EdgeIndex e : sub.edges) ++drawn[graph.edge(e).rel];
    }
    return drawn[rel] <= 4;
  }

  // When data flow is what the picture is about (a third of its edges or more), flow edges alone set
  // the reading order and the rest must not twist it; otherwise every edge helps to lay it out.
  bool flow_sets_ranks() const {
    const auto flows =
        std::count_if(sub.edges.begin(), sub.edges.end(), [&](EdgeIndex e) { return graph.relation(e).flow; });
    return flows > 0 && 3 * static_cast<std::size_t>(flows) >= sub.edges.size();
  }

  void node(NodeIndex n, const std::string& indent) {
    const Node& node = graph.node(n);
    const NodeStyle style = node_style(graph, n);
    const bool strong = emphasised(n);
    std::string label = "<";
    const auto lines = wrapped(node.label);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i) label += "<br/>";
      label += strong ? "<b>" + html_escaped(lines[i]) + "</b>" : html_escaped(lines[i]);
    }
    if (engine == Engine::dot)
      label +=
          "<br/><font point-size=\"9\" color=\"" + style.stroke + "\">" + html_escaped(subtitle(graph, n)) + "</font>";
    label += ">";
    out << indent << dot_quoted(node.id) << " [id=" << dot_quoted("node-" + node.id) << " label=" << label
        << " shape=" << graphviz_shape(style.shape) << " style=" << dot_quoted(node_look(style))
        << " fillcolor=" << dot_quoted(strong ? style.fill : "#FFFFFF") << " color=" << dot_quoted(style.stroke)
        << " penwidth=" << (strong ? "2.5" : "1.2")
        << " tooltip=" << tooltip_quoted(node.summary.empty() ? node.label : node.label + ": " + node.summary) << "]\n";
  }

  void edge(EdgeIndex e, bool constrain_flow_only) {
    const Edge& edge = graph.edge(e);
    const Relation& relation = graph.relation(e);
    const EdgeStyle style = relation_style(relation);
    const std::string& from = graph.node(edge.from).id;
    const std::string& to = graph.node(edge.to).id;
    std::string tooltip = from + " " + relation.name + " " + to;
    if (!graph.note(e).empty()) tooltip += ": " + std::string(graph.note(e));
    out << "  " << dot_quoted(from) << " -> " << dot_quoted(to)
        << " [id=" << dot_quoted("edge-" + from + "-" + relation.name + "-" + to);
    // Edges that do not set ranks carry an xlabel: a label on an edge between nodes of one rank
    // ("flat" edge) makes Graphviz 2.42's dot free memory twice (flat_edges, seen under valgrind).
    const bool constrained = (!constrain_flow_only || style.flow) && style.directed;
    if (engine == Engine::dot && labelled(edge.rel))
      out << (constrained ? " label=" : " xlabel=") << dot_quoted(relation.name)
          << " fontcolor=" << dot_quoted(style.colour);
    out << " color=" << dot_quoted(style.colour) << " style=" << graphviz_line(style.line)
        << " arrowhead=" << graphviz_arrow(style.head) << " penwidth=" << number(style.width);
    if (graphviz_arrow_size(style.head) != graphviz_arrow_size(Arrow::normal))
      out << " arrowsize=" << number(graphviz_arrow_size(style.head));
    if (!style.directed) out << " dir=none";
    if (!constrained) out << " constraint=false";
    out << " tooltip=" << tooltip_quoted(tooltip) << "]\n";
  }

  void legend() {
    std::vector<std::string> types; // type names, or "<category> service"
    std::map<std::string, NodeStyle> type_styles;
    for (NodeIndex n : sub.nodes) {
      const std::string name =
          graph.node(n).category.empty() ? graph.type_name(n) : subtitle(graph, n) + " " + graph.type_name(n);
      if (type_styles.emplace(name, node_style(graph, n)).second) types.push_back(name);
    }
    std::sort(types.begin(), types.end());
    std::vector<RelIndex> drawn_relations;
    for (EdgeIndex e : sub.edges) drawn_relations.push_back(graph.edge(e).rel);

    const std::vector<RelationLegendRow> rows = relation_legend(graph.schema(), std::move(drawn_relations));
    std::string relation_rows;
    for (const RelationLegendRow& row : rows)
      relation_rows += "<tr><td><font color=\"" + row.style.colour + "\">" + std::string(legend_line(row.style)) +
                       std::string(legend_head(row.style.head)) + "</font></td><td align=\"left\">" +
                       html_escaped(row.names) + "</td></tr>";
    // Names start with '_', which no node id has (ids are kebab-case): a node "legend" stays a node of its own.
    if (engine == Engine::dot) {
      // A sample node of each kind, in its own shape and colours, in a column (no edges: one rank), and the
      // relations below them.
      out << "  subgraph cluster_legend {\n    id=\"legend\" label=<<b>Legend</b>> labeljust=l fontsize=11"
          << " style=solid color=\"#D5DBDB\" margin=10 tooltip=\"Legend\"\n";
      for (std::size_t i = 0; i < types.size(); ++i) {
        const NodeStyle& style = type_styles[types[i]];
        out << "    _legend_" << i << " [label=<" << html_escaped(types[i]) << "> shape=" << graphviz_shape(style.shape)
            << " style=" << dot_quoted(node_look(style)) << " fillcolor=" << dot_quoted(style.fill)
            << " color=" << dot_quoted(style.stroke) << " penwidth=1.2 fontsize=10 height=0.3 margin=\"0.1,0.03\""
            << " tooltip=" << tooltip_quoted(types[i]) << "]\n";
      }
      if (!relation_rows.empty())
        out << "    _legend_relations [shape=plaintext tooltip=\"Legend\" label=<<table border=\"0\" "
            << "cellborder=\"0\" cellspacing=\"2\" cellpadding=\"2\">" << relation_rows << "</table>>]\n";
      out << "  }\n";
      return;
    }
    // sfdp lays clusters out as nodes: one table, a sample of each kind in its colours.
    out << "  _legend [id=\"legend\" shape=plaintext tooltip=\"Legend\" label=<"
        << "<table border=\"1\" color=\"#D5DBDB\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"3\">"
        << "<tr><td colspan=\"2\" align=\"left\"><b>Legend</b></td></tr>";
    for (const std::string& type : types) {
      const NodeStyle& style = type_styles[type];
      out << "<tr><td colspan=\"2\" align=\"left\" bgcolor=\"" << style.fill << "\" color=\"" << style.stroke
          << "\" border=\"1\">" << html_escaped(type) << "</td></tr>";
    }
    out << relation_rows << "</table>>]\n";
  }

  std::string cluster_of(NodeIndex n) const {
    if (options.cluster == Cluster::section) return graph.node(n).section;
    if (options.cluster == Cluster::category) {
      const Category* category = graph.schema().find_category(graph.node(n).category);
      return category ? category->label : std::string();
    }
    return {};
  }

  void write() {
    out << "digraph mlkg {\n";
    out << "  graph [layout=" << engine_name(engine) << " label=" << dot_quoted(sub.caption)
        << " labelloc=t fontsize=16 fontname=" << dot_quoted(std::string(font_name))
        << " fontcolor=" << dot_quoted(std::string(text_colour)) << " bgcolor=\"#FFFFFF\" pad=0.3";
    if (engine == Engine::dot)
      out << " rankdir=LR nodesep=0.35 ranksep=0.6";
    else
      out << " overlap=prism overlap_scaling=-4 splines=false outputorder=edgesfirst";
    out << "]\n";
    out << "  node [fontname=" << dot_quoted(std::string(font_name))
        << " fontsize=11 fontcolor=" << dot_quoted(std::string(text_colour)) << " margin=\"0.12,0.06\"]\n";
    out << "  edge [fontname=" << dot_quoted(std::string(font_name))
        << " fontsize=9 arrowsize=" << number(graphviz_arrow_size(Arrow::normal)) << "]\n";

    // Nodes grouped by cluster name (empty: no cluster), clusters in name order, nodes by id.
    std::map<std::string, std::vector<NodeIndex>> groups;
    for (NodeIndex n : sub.nodes) groups[cluster_of(n)].push_back(n);
    std::size_t cluster_number = 0;
    for (const auto& [name, members] : groups) {
      if (name.empty()) {
        for (NodeIndex n : members) node(n, "  ");
        continue;
      }
      out << "  subgraph cluster_" << cluster_number++ << " {\n    label=" << dot_quoted(name)
          << " style=\"rounded,filled\" fillcolor=\"#F8F9FA\" color=\"#D5DBDB\" fontsize=12\n";
      for (NodeIndex n : members) node(n, "    ");
      out << "  }\n";
    }
    const bool flow = flow_sets_ranks();
    for (EdgeIndex e : sub.edges) edge(e, flow);
    if (options.legend) legend();
    out << "}\n";
  }
};

} // namespace

Engine choose_engine(std::size_t nodes) { return nodes <= dot_node_limit ? Engine::dot : Engine::sfdp; }

std::string_view engine_name(Engine engine) { return engine == Engine::dot ? "dot" : "sfdp"; }

Engine engine_from_name(std::string_view name) {
  if (name == "dot") return Engine::dot;
  if (name == "sfdp") return Engine::sfdp;
  std::string suggestion = did_you_mean(closest_names(name, {"dot", "sfdp"}));
  throw Error(ErrorKind::usage, "unknown layout engine '" + std::string(name) + "'",
              suggestion + (suggestion.empty() ? "" : " ") + "Engines: dot, sfdp.");
}

Cluster cluster_from_name(std::string_view name) {
  if (name == "none") return Cluster::none;
  if (name == "section") return Cluster::section;
  if (name == "category") return Cluster::category;
  std::string suggestion = did_you_mean(closest_names(name, {"none", "section", "category"}));
  throw Error(ErrorKind::usage, "unknown --cluster '" + std::string(name) + "'",
              suggestion + (suggestion.empty() ? "" : " ") + "Choices: none, section, category.");
}

std::string to_dot(const Graph& graph, const Subgraph& subgraph, const DotOptions& options) {
  if (subgraph.nodes.empty())
    throw Error(ErrorKind::no_result, "nothing to draw: the answer has no nodes (" + subgraph.caption + ")");
  Writer writer{graph, subgraph, options, options.engine.value_or(choose_engine(subgraph.nodes.size())), {}, {}};
  writer.write();
  return writer.out.str();
}

std::string dot_quoted(std::string_view text) {
  std::string s = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') s += '\\';
    if (c == '\n') {
      s += "\\n";
      continue;
    }
    if (c == '\r') continue;
    s += c;
  }
  return s + "\"";
}

std::string html_escaped(std::string_view text) {
  std::string s;
  for (char c : text) {
    switch (c) {
    case '&': s += "&amp;"; break;
    case '<': s += "&lt;"; break;
    case '>': s += "&gt;"; break;
    case '"': s += "&quot;"; break;
    case '\'': s += "&#39;"; break;
    case '\\': s += "\\\\"; break; // Graphviz expands \N, \G... in HTML text too; \\ is a backslash
    case '\n': s += "<br/>"; break;
    case '\r': break;
    default: s += c;
    }
  }
  return s;
}

} // namespace mlkg
