#include "context.hpp"
#include "mlkg/embedded.hpp"
#include "mlkg/error.hpp"
#include "mlkg/inspect_output.hpp"
#include "mlkg/load.hpp"
#include "mlkg/resolve.hpp"
#include "mlkg/text.hpp"
#include "safe_output.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

namespace mlkg::cli {

namespace {

// Where a name clash is placed: in the graph's files, read again only when there is a clash to place (a
// loaded graph keeps no file positions). A snapshot has no files to point into.
NameIndex::PlaceOf clash_places(Context& ctx) {
  auto places = std::make_shared<std::unique_ptr<NodePlaces>>();
  return [&ctx, places](NodeIndex node, const std::string& member) {
    if (!*places) {
      std::vector<SourceText> files;
      std::error_code ec;
      if (ctx.graph_dir.empty()) {
        files = embedded_graph_files();
      } else if (std::filesystem::is_directory(ctx.graph_dir, ec)) {
        try {
          files = read_graph_dir(ctx.graph_dir);
        } catch (const Error&) {
          // The folder loaded a moment ago; if it cannot be read now, the warning goes without a place.
        }
      }
      *places = std::make_unique<NodePlaces>(std::move(files));
    }
    try {
      return (*places)->locate(ctx.graph().node_id(node), member);
    } catch (const Error&) {
      return Location{}; // the JSON parser cannot be loaded: the warning goes without a place
    }
  };
}

} // namespace

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
          for (Diagnostic& d : ctx.names().clashes(clash_places(ctx))) warnings.push_back(std::move(d));
          ctx.out << check_json(&graph, {}, warnings);
          return warnings.empty() ? 0 : 1;
        } catch (const Error& e) {
          if (e.kind() != ErrorKind::invalid_graph) throw;
          ctx.out << check_json(nullptr, e.diagnostics(), e.warnings());
          return 1;
        }
      }
      // What loads may have warnings; a graph with errors throws them with the load's own warnings (orphans,
      // repeated facts): name clashes need the loaded graph, so they come once the errors are fixed.
      const Graph* graph = nullptr;
      std::vector<Diagnostic> errors, warnings;
      try {
        graph = &ctx.graph();
        warnings = ctx.warnings();
        for (Diagnostic& d : ctx.names().clashes(clash_places(ctx))) warnings.push_back(std::move(d));
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid_graph) throw;
        errors = e.diagnostics();
        warnings = e.warnings();
      }
      print_diagnostics(ctx.err, errors);
      print_diagnostics(ctx.err, warnings, "warning");
      if (const std::size_t problems = errors.size() + warnings.size(); problems > 0) {
        // As for any command's errors, a lone error goes without a count.
        if (problems > 1 || errors.empty()) {
          ctx.err << "mlkg: " << grouped(problems) << " problem" << (problems == 1 ? "" : "s");
          if (!errors.empty() && !warnings.empty())
            ctx.err << ": " << grouped(errors.size()) << " error" << (errors.size() == 1 ? "" : "s") << " and "
                    << grouped(warnings.size()) << " warning" << (warnings.size() == 1 ? "" : "s");
          ctx.err << "\n";
        }
        return 1;
      }
      ctx.out << "ok: " << counted(graph->node_count(), "node") << ", " << counted(graph->edge_count(), "edge") << ", "
              << counted(graph->schema().node_types.size(), "node type") << ", "
              << counted(graph->schema().relations.size(), "relation") << "\n";
      return 0;
    };
  });
}

} // namespace mlkg::cli
