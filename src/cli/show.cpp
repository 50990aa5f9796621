#include "context.hpp"
#include "mlkg/inspect_output.hpp"
#include "query_options.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_show(CLI::App& app, Context& ctx) {
  struct Options {
    std::vector<std::string> name; // the words of one name: `show AWS Glue` needs no quotes
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("show", "Show a node: type, summary, facts and its relations both ways");
  cmd->add_option("node", options->name, "Node id, label or alias (several words are one name)")->required();
  cmd->add_flag("--json", options->json, "Print JSON (see README: JSON output)");
  cmd->callback([&ctx, options] {
    ctx.action = [&ctx, options] {
      const Graph& graph = ctx.graph();
      const NodeReport report = describe(graph, ctx.resolve(joined(options->name)));
      ctx.out << (options->json ? show_json(graph, report) : show_text(graph, report));
      return 0;
    };
  });
}

} // namespace mlkg::cli
