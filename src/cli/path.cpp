#include "drawing.hpp"
#include "mlkg/cli.hpp"
#include "mlkg/emit.hpp"
#include "mlkg/error.hpp"
#include "mlkg/query_output.hpp"
#include "query_options.hpp"
#include "safe_output.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_path(CLI::App& app, Context& ctx) {
  struct Options {
    std::string from, to, via;
    int k = 1;
    int max_hops = 0;
    std::vector<std::string> relations, avoid;
    bool directed = false;
    bool any = false;
    bool json = false;
    std::string emit;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("path", "Shortest paths between two nodes (how does data get from A to B?)");
  cmd->add_option("from", options->from, "Start node (id, label or alias)")->required();
  cmd->add_option("to", options->to, "End node")->required();
  cmd->add_option("--k", options->k, "How many shortest loopless paths (Yen's algorithm)")
      ->capture_default_str()
      ->check(decimal());
  cmd->add_option("--rel", options->relations, "Walk only these relations (comma-separated)")->delimiter(',');
  cmd->add_option("--via", options->via, "Every path passes through this node");
  cmd->add_option("--avoid", options->avoid, "No path enters these nodes (comma-separated)")->delimiter(',');
  cmd->add_flag("--directed", options->directed, "Follow edges forward only (default: both ways)");
  cmd->add_option("--max-hops", options->max_hops, "No paths longer than this")->check(decimal());
  cmd->add_flag("--any", options->any,
                "Plain shortest paths over every relation (default without --rel: chains of flow edges such as "
                "feeds, walked forward, come first)");
  cmd->add_flag("--json", options->json, "Print JSON (see README: JSON output)");
  add_emit_option(cmd, options->emit);
  auto drawing = add_drawing_options(*cmd);
  cmd->callback([&ctx, options, cmd, drawing] {
    ctx.action = [&ctx, options, cmd, drawing] {
      const Graph& graph = ctx.graph();
      PathQuery query;
      query.from = ctx.resolve(options->from);
      query.to = ctx.resolve(options->to);
      query.k = options->k;
      query.relations = resolve_relations(graph.schema(), options->relations);
      if (options->directed)
        refuse_inverse_readings(graph.schema(), options->relations, "--directed follows edges as they are stored",
                                [&](const Relation& r) {
                                  return "give --rel " + r.name + " and swap the ends: mlkg path " + options->to + " " +
                                         options->from + " --rel " + r.name + " --directed";
                                });
      if (!options->via.empty()) query.via = ctx.resolve(options->via);
      query.avoid = resolve_nodes(ctx, options->avoid);
      query.directed = options->directed;
      query.prefer_flow = !options->any;
      if (cmd->count("--max-hops") > 0) query.max_hops = options->max_hops;
      if (!options->emit.empty()) {
        const QueryLanguage language = query_language(options->emit);
        if (query.from == query.to) throw Error(ErrorKind::usage, "from and to are the same node");
        if (query.k < 1 || query.k > max_k) throw Error(ErrorKind::usage, "--k must be 1 to " + std::to_string(max_k));
        if (query.max_hops && (*query.max_hops < 1 || *query.max_hops > 12))
          throw Error(ErrorKind::usage, "with --emit, --max-hops must be 1 to 12");
        ctx.out << emit_path(graph, query, language);
        return exit_ok;
      }
      const PathResult result = find_paths(graph, query);
      if (ctx.captured(result.subgraph, !result.paths.empty(), [&] { return path_text(graph, result); }))
        return exit_ok;
      if (draw(ctx, result.subgraph, *drawing))
        ctx.out << (options->json ? path_json(graph, result) : path_text(graph, result));
      return result.paths.empty() ? exit_no_result : exit_ok;
    };
  });
}

} // namespace mlkg::cli
