#include "drawing.hpp"
#include "mlkg/cli.hpp"
#include "mlkg/emit.hpp"
#include "mlkg/query_output.hpp"
#include "query_options.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_pipeline(CLI::App& app, Context& ctx) {
  struct Options {
    std::vector<std::string> stages, relations;
    bool json = false;
    std::string emit;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "pipeline", "Check that each stage feeds the next; for a broken link, suggest a bridge (exit 1)");
  cmd->add_option("stages", options->stages, "Two or more nodes, in the order data flows")->required();
  cmd->add_option("--rel", options->relations, "Flow relations that count as a link (default: every flow relation)")
      ->delimiter(',');
  cmd->add_flag("--json", options->json, "Print JSON (see README: JSON output)");
  add_emit_option(cmd, options->emit);
  auto drawing = add_drawing_options(*cmd);
  cmd->callback([&ctx, options, drawing] {
    ctx.action = [&ctx, options, drawing] {
      const Graph& graph = ctx.graph();
      PipelineQuery query;
      query.stages = resolve_nodes(ctx, options->stages);
      refuse_inverse_readings(
          graph.schema(), options->relations, "a pipeline follows flow edges forward",
          [](const Relation& r) { return "give --rel " + r.name + " and list the stages in the order data flows"; });
      query.relations = resolve_relations(graph.schema(), options->relations);
      const PipelineResult result = check_pipeline(graph, query); // also validates the query
      if (!options->emit.empty()) {
        ctx.out << emit_pipeline(graph, query, query_language(options->emit));
        return exit_ok;
      }
      if (ctx.captured(result.subgraph)) return exit_ok;
      if (draw(ctx, result.subgraph, *drawing))
        ctx.out << (options->json ? pipeline_json(graph, result) : pipeline_text(graph, result));
      return result.valid() ? exit_ok : exit_failed;
    };
  });
}

} // namespace mlkg::cli
