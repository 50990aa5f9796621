// neighbours (ego), related and what: what a node is linked to.
#include "drawing.hpp"
#include "mlkg/cli.hpp"
#include "mlkg/emit.hpp"
#include "mlkg/query_output.hpp"
#include "query_options.hpp"
#include "safe_output.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_neighbours(CLI::App& app, Context& ctx) {
  struct Options {
    std::vector<std::string> node; // the words of one name: `neighbours Amazon S3` needs no quotes
    int depth = 1;
    std::vector<std::string> relations, types;
    bool in = false, out = false, json = false;
    std::string emit;
    std::size_t limit = SearchLimits{}.max_nodes;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("neighbours", "Everything within a few hops of a node");
  cmd->alias("ego");
  cmd->add_option("node", options->node, "Node id, label or alias (several words are one name)")->required();
  cmd->add_option("--depth", options->depth, "How many hops out")->capture_default_str()->check(decimal());
  cmd->add_option("--rel", options->relations, "Walk only these relations (comma-separated)")->delimiter(',');
  cmd->add_option("--type", options->types, "List only nodes of these types (comma-separated)")->delimiter(',');
  CLI::Option* in = cmd->add_flag("--in", options->in, "Follow incoming edges only");
  CLI::Option* out = cmd->add_flag("--out", options->out, "Follow outgoing edges only");
  in->excludes(out);
  cmd->add_option("--limit", options->limit,
                  "List at most this many nodes, nearest first (the center aside; with --type, nodes of other "
                  "types are walked through, not counted)")
      ->capture_default_str()
      ->check(decimal())
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  cmd->add_flag("--json", options->json, "Print JSON (see README: JSON output)");
  add_emit_option(cmd, options->emit);
  auto drawing = add_drawing_options(*cmd);
  cmd->callback([&ctx, options, drawing] {
    ctx.action = [&ctx, options, drawing] {
      const Graph& graph = ctx.graph();
      NeighbourQuery query;
      query.center = ctx.resolve(joined(options->node));
      query.depth = options->depth;
      query.types = resolve_types(graph.schema(), options->types);
      query.direction = direction_of(options->in, options->out);
      if (query.direction == Direction::both) {
        query.relations = resolve_relations(graph.schema(), options->relations);
      } else {
        // `--out --rel has-part` walks part-of edges in: what the node has as parts.
        bool inverse = false;
        query.relations = resolve_one_way_relations(graph.schema(), options->relations, inverse);
        if (inverse) query.direction = query.direction == Direction::in ? Direction::out : Direction::in;
      }
      query.limits.max_nodes = options->limit;
      const NeighbourResult result = find_neighbours(graph, query); // also validates the query
      if (!options->emit.empty()) {
        ctx.out << emit_neighbours(graph, query, query_language(options->emit));
        return exit_ok;
      }
      if (ctx.captured(result.subgraph, !result.neighbours.empty(), [&] { return neighbours_text(graph, result); }))
        return exit_ok;
      if (draw(ctx, result.subgraph, *drawing))
        ctx.out << (options->json ? neighbours_json(graph, result) : neighbours_text(graph, result));
      return result.neighbours.empty() ? exit_no_result : exit_ok;
    };
  });
}

namespace {

int print_related(Context& ctx, const RelatedQuery& query, bool json, const std::string& emit,
                  const DrawingOptions& drawing) {
  const Graph& graph = ctx.graph();
  const RelatedResult result = find_related(graph, query); // also validates the query
  if (!emit.empty()) {
    ctx.out << emit_related(graph, query, query_language(emit));
    return exit_ok;
  }
  if (ctx.captured(result.subgraph, !result.related.empty(), [&] { return related_text(graph, result); }))
    return exit_ok;
  if (draw(ctx, result.subgraph, drawing))
    ctx.out << (json ? related_json(graph, result) : related_text(graph, result));
  return result.related.empty() ? exit_no_result : exit_ok;
}

} // namespace

void add_related(CLI::App& app, Context& ctx) {
  struct Options {
    std::vector<std::string> node; // the words of one name: `neighbours Amazon S3` needs no quotes
    std::vector<std::string> relations;
    bool in = false, out = false, json = false;
    std::string emit;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("related", "Nodes linked to a node by given relations");
  cmd->add_option("node", options->node, "Node id, label or alias (several words are one name)")->required();
  cmd->add_option("--rel", options->relations, "Relations, by name or inverse name (comma-separated)")
      ->delimiter(',')
      ->required();
  CLI::Option* in = cmd->add_flag("--in", options->in, "Only edges pointing at the node, in the reading named");
  CLI::Option* out = cmd->add_flag("--out", options->out, "Only edges leaving the node, in the reading named");
  in->excludes(out);
  cmd->add_flag("--json", options->json, "Print JSON (see README: JSON output)");
  add_emit_option(cmd, options->emit);
  auto drawing = add_drawing_options(*cmd);
  cmd->callback([&ctx, options, drawing] {
    ctx.action = [&ctx, options, drawing] {
      RelatedQuery query;
      query.node = ctx.resolve(joined(options->node));
      query.relations = resolve_readings(ctx.graph().schema(), options->relations);
      query.direction = direction_of(options->in, options->out);
      return print_related(ctx, query, options->json, options->emit, *drawing);
    };
  });
}

void add_what(CLI::App& app, Context& ctx) {
  struct Options {
    std::string relation;
    std::vector<std::string> node;
    bool json = false;
    std::string emit;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "what", "Reverse lookup: `what mitigates overfitting` is `related overfitting --rel mitigates --in`");
  cmd->add_option("relation", options->relation, "Relation, by name or inverse name")->required();
  cmd->add_option("node", options->node, "Node id, label or alias (several words are one name)")->required();
  cmd->add_flag("--json", options->json, "Print JSON (see README: JSON output)");
  add_emit_option(cmd, options->emit);
  auto drawing = add_drawing_options(*cmd);
  cmd->callback([&ctx, options, drawing] {
    ctx.action = [&ctx, options, drawing] {
      RelatedQuery query;
      query.relations = resolve_readings(ctx.graph().schema(), {options->relation});
      query.node = ctx.resolve(joined(options->node));
      query.direction = Direction::in;
      query.asked_as_what = true;
      return print_related(ctx, query, options->json, options->emit, *drawing);
    };
  });
}

} // namespace mlkg::cli
