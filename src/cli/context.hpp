#pragma once
// Private to the command line: what every command shares.

#include "mlkg/cli.hpp"
#include "mlkg/error.hpp"
#include "mlkg/graph.hpp"
#include "mlkg/load.hpp"
#include "mlkg/query.hpp"
#include "mlkg/resolve.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace CLI {
class App;
}

namespace mlkg::cli {

class Context {
public:
  Context(Input input, Output raw_output, std::ostream& out_stream, std::ostream& err_stream)
      : in(input), raw_out(raw_output), out(out_stream), err(err_stream) {}

  Input in;
  // Standard output itself, and whether it is a terminal: for a binary drawing's bytes only, which `out` would
  // escape. Flush `out` first, so what it holds comes before them.
  Output raw_out;
  std::ostream& out; // standard output, every control character but tab and newline escaped
  std::ostream& err;
  std::string graph_dir; // --graph (a folder or a snapshot), else $MLKG_GRAPH, else empty for the built-in graph
  bool no_cache = false; // --no-cache: always read the folder's JSON, never the snapshot cache

  // Refuses (Error(usage)) an output file that the graph is read from: the snapshot --graph names, one of its
  // folder's graph files under any name, or a new name there that later loads would read as one (*.json).
  void refuse_graph_file_as_output(const std::string& output) const;

  // The graph, loaded on first use. Throws Error when it does not load.
  const Graph& graph();
  const std::vector<Diagnostic>& warnings();
  const NameIndex& names();
  NodeIndex resolve(const std::string& name) { return names().resolve(name); }

  // The chosen subcommand's work, set while the arguments are parsed.
  std::function<int()> action;

  // Set while `export ... -- QUERY` runs the query: then a query command hands its Subgraph here
  // (captured() returns true) instead of printing an answer.
  std::function<void(const Subgraph&)> capture;
  // `found`: whether the query found anything. When it found nothing there is nothing to export: that is
  // Error(no_result), exit 3, saying what the query would have said (the first line of `text()`).
  template <class Text> bool captured(const Subgraph& subgraph, bool found, const Text& text) {
    if (!capture) return false;
    if (!found) {
      std::string said = text();
      said.resize(std::min(said.size(), said.find('\n')));
      throw Error(ErrorKind::no_result, said);
    }
    capture(subgraph);
    return true;
  }
  bool captured(const Subgraph& subgraph) {
    return captured(subgraph, true, [] { return std::string(); });
  }

private:
  std::optional<LoadResult> loaded_;
  std::unique_ptr<NameIndex> names_;
};

// Each adds one subcommand (or a few that share a file) to the app.
void add_show(CLI::App& app, Context& ctx);
void add_search(CLI::App& app, Context& ctx);
void add_list(CLI::App& app, Context& ctx);
void add_stats(CLI::App& app, Context& ctx);
void add_check(CLI::App& app, Context& ctx);
void add_coverage(CLI::App& app, Context& ctx);
void add_path(CLI::App& app, Context& ctx);
void add_neighbours(CLI::App& app, Context& ctx); // and its alias, ego
void add_related(CLI::App& app, Context& ctx);
void add_what(CLI::App& app, Context& ctx);
void add_pipeline(CLI::App& app, Context& ctx);
void add_compare(CLI::App& app, Context& ctx);
void add_explain(CLI::App& app, Context& ctx);
void add_render(CLI::App& app, Context& ctx);
void add_quiz(CLI::App& app, Context& ctx);
void add_snapshot(CLI::App& app, Context& ctx);
void add_export(CLI::App& app, Context& ctx);
void add_import(CLI::App& app, Context& ctx);

} // namespace mlkg::cli
