#include "context.hpp"
#include "mlkg/error.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_check(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("check", "Validate the graph: report every problem with file, line and column");
  cmd->callback([&ctx] {
    ctx.action = [&ctx] {
      // Load errors throw and are printed by run(); what reaches here loaded, perhaps with warnings.
      const Graph& graph = ctx.graph();
      std::vector<Diagnostic> warnings = ctx.warnings();
      for (Diagnostic& d : ctx.names().clashes()) warnings.push_back(std::move(d));
      print_diagnostics(ctx.err, warnings, "warning");
      if (!warnings.empty()) {
        ctx.err << "mlkg: " << warnings.size() << " problem" << (warnings.size() == 1 ? "" : "s") << "\n";
        return 1;
      }
      ctx.out << "ok: " << graph.node_count() << " nodes, " << graph.edge_count() << " edges, "
              << graph.schema().node_types.size() << " node types, " << graph.schema().relations.size()
              << " relations\n";
      return 0;
    };
  });
}

} // namespace mlkg::cli
