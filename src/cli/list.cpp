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
  // Given empty (`--type "$T"` with T unset), a filter is a usage error, not the whole graph.
  CLI::Option* type = cmd->add_option("--type", options->type, "Only nodes of this type (see `mlkg stats`)");
  CLI::Option* section = cmd->add_option("--section", options->section, "Only nodes of this section of the notes");
  cmd->add_flag("--json", options->json, "Print JSON");
  cmd->callback([&ctx, options, type, section] {
    const bool by_type = type->count() > 0, by_section = section->count() > 0;
    ctx.action = [&ctx, options, by_type, by_section] {
      const Graph& graph = ctx.graph();
      ListFilter filter;
      if (by_type) filter.type = resolve_type(graph.schema(), options->type);
      if (by_section) filter.section = resolve_section(graph, options->section);
      const auto nodes = list_nodes(graph, filter);
      ctx.out << (options->json ? list_json(graph, nodes) : list_text(graph, nodes));
      return nodes.empty() ? exit_no_result : exit_ok; // as every query that finds nothing
    };
  });
}

} // namespace mlkg::cli
