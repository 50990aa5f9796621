#include "context.hpp"
#include "mlkg/inspect_output.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_stats(CLI::App& app, Context& ctx) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("stats", "Count nodes by type and section, edges by relation");
  cmd->add_flag("--json", *json, "Print JSON");
  cmd->callback([&ctx, json] {
    ctx.action = [&ctx, json] {
      const GraphStats s = stats(ctx.graph());
      ctx.out << (*json ? stats_json(s) : stats_text(s));
      return 0;
    };
  });
}

} // namespace mlkg::cli
