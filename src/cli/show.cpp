#include "context.hpp"
#include "mlkg/inspect_output.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_show(CLI::App& app, Context& ctx) {
  struct Options {
    std::string name;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("show", "Show a node: type, summary, facts and its relations both ways");
  cmd->add_option("node", options->name, "Node id, label or alias")->required();
  cmd->add_flag("--json", options->json, "Print JSON (see README: JSON output)");
  cmd->callback([&ctx, options] {
    ctx.action = [&ctx, options] {
      const Graph& graph = ctx.graph();
      const NodeReport report = describe(graph, ctx.resolve(options->name));
      ctx.out << (options->json ? show_json(graph, report) : show_text(graph, report));
      return 0;
    };
  });
}

} // namespace mlkg::cli
