#include "context.hpp"
#include "mlkg/error.hpp"
#include "mlkg/inspect_output.hpp"
#include "mlkg/text.hpp"
#include "safe_output.hpp"

#include <CLI/CLI.hpp>
#include <memory>

namespace mlkg::cli {

void add_check(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("check", "Validate the graph: report every problem with file, line and column");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print the report as JSON (every error and warning, with its location)");
  cmd->callback([&ctx, json] {
    ctx.action = [&ctx, json] {
      if (*json) {
        try {
          const Graph& graph = ctx.graph();
          std::vector<Diagnostic> warnings = ctx.warnings();
          for (Diagnostic& d : ctx.names().clashes()) warnings.push_back(std::move(d));
          ctx.out << check_json(&graph, {}, warnings);
          return warnings.empty() ? 0 : 1;
        } catch (const Error& e) {
          if (e.kind() != ErrorKind::invalid_graph) throw;
          ctx.out << check_json(nullptr, e.diagnostics(), {});
          return 1;
        }
      }
      // Load errors throw and are printed by run(); what reaches here loaded, perhaps with warnings.
      const Graph& graph = ctx.graph();
      std::vector<Diagnostic> warnings = ctx.warnings();
      for (Diagnostic& d : ctx.names().clashes()) warnings.push_back(std::move(d));
      print_diagnostics(ctx.err, warnings, "warning");
      if (!warnings.empty()) {
        ctx.err << "mlkg: " << grouped(warnings.size()) << " problem" << (warnings.size() == 1 ? "" : "s") << "\n";
        return 1;
      }
      ctx.out << "ok: " << counted(graph.node_count(), "node") << ", " << counted(graph.edge_count(), "edge") << ", "
              << counted(graph.schema().node_types.size(), "node type") << ", "
              << counted(graph.schema().relations.size(), "relation") << "\n";
      return 0;
    };
  });
}

} // namespace mlkg::cli
