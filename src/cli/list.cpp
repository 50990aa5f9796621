#include "mlkg/inspect_output.hpp"
#include "query_options.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_list(CLI::App& app, Context& ctx) {
  struct Options {
    std::string type;
    std::string section;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("list", "List nodes, optionally of one type or section");
  cmd->add_option("--type", options->type, "Only nodes of this type (see `mlkg stats`)");
  cmd->add_option("--section", options->section, "Only nodes of this section of the notes");
  cmd->add_flag("--json", options->json, "Print JSON");
  cmd->callback([&ctx, options] {
    ctx.action = [&ctx, options] {
      const Graph& graph = ctx.graph();
      ListFilter filter;
      if (!options->type.empty()) filter.type = resolve_type(graph.schema(), options->type);
      if (!options->section.empty()) filter.section = resolve_section(graph, options->section);
      const auto nodes = list_nodes(graph, filter);
      ctx.out << (options->json ? list_json(graph, nodes) : list_text(graph, nodes));
      return 0;
    };
  });
}

} // namespace mlkg::cli
