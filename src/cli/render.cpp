#include "drawing.hpp"
#include "mlkg/cli.hpp"
#include "mlkg/error.hpp"
#include "mlkg/inspect.hpp"
#include "query_options.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_render(CLI::App& app, Context& ctx) {
  struct Options {
    bool all = false;
    std::string section, type;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("render", "Draw the whole graph (--all) or a slice of it (--section, --type)");
  CLI::Option* all = cmd->add_flag("--all", options->all, "Every node and edge");
  all->excludes(cmd->add_option("--section", options->section, "Only the nodes of this section of the notes"));
  all->excludes(cmd->add_option("--type", options->type, "Only nodes of this type"));
  auto drawing = add_drawing_options(*cmd);
  cmd->callback([&ctx, options, drawing] {
    ctx.action = [&ctx, options, drawing] {
      const Graph& graph = ctx.graph();
      if (!options->all && options->section.empty() && options->type.empty())
        throw Error(ErrorKind::usage, "render needs --all, --section S or --type T");
      if (!drawing->wanted()) throw Error(ErrorKind::usage, "render needs -o FILE, or --format F for standard output");
      ListFilter filter;
      std::string caption = "render";
      if (options->all) caption += " --all";
      if (!options->section.empty()) {
        filter.section = resolve_section(graph, options->section);
        caption += " --section \"" + *filter.section + "\"";
      }
      if (!options->type.empty()) {
        filter.type = resolve_type(graph.schema(), options->type);
        caption += " --type " + graph.schema().node_types[*filter.type].name;
      }
      const Subgraph slice = induced_subgraph(graph, list_nodes(graph, filter), caption);
      draw(ctx, slice, *drawing);
      return exit_ok;
    };
  });
}

} // namespace mlkg::cli
