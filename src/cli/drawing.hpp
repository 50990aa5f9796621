#pragma once
// Private to the command line: -o/--format/--engine/--cluster, shared by every query command.

#include "context.hpp"
#include "mlkg/query.hpp"

#include <memory>
#include <string>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace mlkg::cli {

struct DrawingOptions {
  std::string output; // -o FILE
  std::string format; // --format: dot, svg, png, pdf (default: from -o's extension)
  std::string engine; // --engine: dot, sfdp (default: by size)
  std::string cluster = "none";
  bool cluster_given = false; // --cluster on the command line, even as its default
  bool no_legend = false;
  const CLI::Option* json = nullptr; // the command's --json, if it has one

  bool wanted() const { return !output.empty() || !format.empty(); }
};

// Adds -o, --format, --engine, --cluster and --no-legend. A command with --emit (which prints a query, not an
// answer) gets them, and its --json and --limit, excluded by it.
std::shared_ptr<DrawingOptions> add_drawing_options(CLI::App& cmd);

// Draws `subgraph` as asked: into -o FILE (named on stderr), or, with --format and no -o (or -o -), onto stdout;
// PNG and PDF, binary, are refused where they would reach a terminal.
// Returns false when the drawing took stdout's place, so the text answer must not be printed.
bool draw(Context& ctx, const Subgraph& subgraph, const DrawingOptions& options);

} // namespace mlkg::cli
