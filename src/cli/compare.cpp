// compare and explain: two nodes side by side, and what links them directly.
#include "drawing.hpp"
#include "mlkg/cli.hpp"
#include "mlkg/query_output.hpp"
#include "query_options.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

namespace {

struct PairOptions {
  std::string a, b;
  bool json = false;
  std::shared_ptr<DrawingOptions> drawing;
};

CLI::App* add_pair_command(CLI::App& app, const char* name, const char* help, PairOptions& options) {
  CLI::App* cmd = app.add_subcommand(name, help);
  cmd->add_option("a", options.a, "First node (id, label or alias)")->required();
  cmd->add_option("b", options.b, "Second node")->required();
  cmd->add_flag("--json", options.json, "Print JSON (see README: JSON output)");
  options.drawing = add_drawing_options(*cmd);
  return cmd;
}

} // namespace

void add_compare(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<PairOptions>();
  CLI::App* cmd = add_pair_command(
      app, "compare", "Two nodes side by side: type, summary, shared neighbours, links only one has", *options);
  cmd->callback([&ctx, options] {
    ctx.action = [&ctx, options] {
      const Graph& graph = ctx.graph();
      const CompareResult result = compare_nodes(graph, ctx.resolve(options->a), ctx.resolve(options->b));
      if (ctx.captured(result.subgraph)) return exit_ok;
      if (draw(ctx, result.subgraph, *options->drawing))
        ctx.out << (options->json ? compare_json(graph, result) : compare_text(graph, result));
      return exit_ok;
    };
  });
}

void add_explain(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<PairOptions>();
  CLI::App* cmd =
      add_pair_command(app, "explain", "Every edge and fact directly linking two nodes, with sources", *options);
  cmd->callback([&ctx, options] {
    ctx.action = [&ctx, options] {
      const Graph& graph = ctx.graph();
      const ExplainResult result = explain_link(graph, ctx.resolve(options->a), ctx.resolve(options->b));
      const bool found = !result.edges.empty() || !result.facts.empty();
      if (ctx.captured(result.subgraph, found, [&] { return explain_text(graph, result); })) return exit_ok;
      if (draw(ctx, result.subgraph, *options->drawing))
        ctx.out << (options->json ? explain_json(graph, result) : explain_text(graph, result));
      return result.edges.empty() && result.facts.empty() ? exit_no_result : exit_ok;
    };
  });
}

} // namespace mlkg::cli
