#pragma once
// Drawing a query's Subgraph as Graphviz DOT text: styled by type, category and relation (style.hpp),
// with a legend of what the picture shows. Deterministic: the same input gives the same bytes.

#include "mlkg/graph.hpp"
#include "mlkg/query.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

enum class Cluster { none, section, category };
enum class Engine { dot, sfdp };

// Above this many nodes `dot` gets slow (see bench/render and README), so sfdp draws instead.
inline constexpr std::size_t dot_node_limit = 150;

// The layout engine for a drawing of this size.
Engine choose_engine(std::size_t nodes);
std::string_view engine_name(Engine engine);
// "dot" / "sfdp"; throws Error(usage) with did-you-mean otherwise.
Engine engine_from_name(std::string_view name);
// "none" / "section" / "category"; throws Error(usage) with did-you-mean otherwise.
Cluster cluster_from_name(std::string_view name);

struct DotOptions {
  std::optional<Engine> engine; // default: choose_engine(node count)
  Cluster cluster = Cluster::none;
  bool legend = true;
};

// Throws Error(no_result) for an empty subgraph: an empty picture answers nothing.
std::string to_dot(const Graph& graph, const Subgraph& subgraph, const DotOptions& options = {});

// Escaping, public for tests and other writers.
std::string dot_quoted(std::string_view text);   // "..." with \" and \\ escaped, newlines as \n
std::string html_escaped(std::string_view text); // &amp; &lt; &gt; &quot; &#39;; newlines as <br/>

} // namespace mlkg
