#include "mlkg/export.hpp"

#include "input_file.hpp"
#include "mlkg/atomic_file.hpp"
#include "mlkg/cli.hpp"
#include "mlkg/error.hpp"
#include "mlkg/resolve.hpp"
#include "mlkg/text.hpp"
#include "query_options.hpp"
#include "safe_output.hpp"

#include <algorithm>
#include <CLI/CLI.hpp>
#include <optional>

namespace mlkg::cli {

namespace {

// Runs the query command given after `--` and returns the nodes and edges it touched.
Subgraph query_subgraph(Context& ctx, const std::vector<std::string>& words) {
  CLI::App app{"the query whose nodes and edges are exported", "mlkg export ... --"};
  app.require_subcommand(1, 1);
  add_path(app, ctx);
  add_neighbours(app, ctx);
  add_related(app, ctx);
  add_what(app, ctx);
  add_pipeline(app, ctx);
  add_compare(app, ctx);
  add_explain(app, ctx);
  ctx.action = nullptr;
  try {
    std::vector<std::string> reversed(words.rbegin(), words.rend());
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    const auto commands = app.get_subcommands([](CLI::App*) { return true; });
    const bool known = !words.empty() && std::any_of(commands.begin(), commands.end(),
                                                     [&](CLI::App* c) { return c->check_name(words.front()); });
    if (!words.empty() && !known) what = "unknown query '" + words.front() + "'";
    throw Error(ErrorKind::usage, "the query after --: " + what,
                "queries: path, neighbours, related, what, pipeline, compare, explain");
  }
  // The query's options that shape its output mean nothing here: export writes what the query found.
  for (const CLI::App* query : app.get_subcommands())
    for (const char* name : {"--emit", "--json", "--output", "--format", "--engine", "--cluster", "--no-legend"})
      if (const CLI::Option* option = query->get_option_no_throw(name); option && option->count() > 0)
        throw Error(ErrorKind::usage, "the query after -- takes no " + std::string(name) + ": export writes its answer",
                    "give export's own --format and -o before --");
  std::optional<Subgraph> got;
  ctx.capture = [&got](const Subgraph& s) { got = s; };
  if (!ctx.action) throw Error(ErrorKind::usage, "no query after --");
  ctx.action();
  ctx.capture = nullptr;
  if (!got) throw Error(ErrorKind::usage, "the query after -- gave no nodes");
  return *got;
}

std::string format_list() {
  std::string s;
  for (const ExportFormat& f : export_formats())
    s += "\n  " + f.name + std::string(14 - std::min<std::size_t>(13, f.name.size()), ' ') + f.description;
  return s;
}

// A folder an older mlkg wrote lists none of its files: what this write did not replace was kept, stale or not.
void tell_unexplained_kept(std::ostream& err, const KeptEntries& kept, const std::string& folder) {
  if (kept.unexplained != 0)
    err << "mlkg: kept " << counted(kept.unexplained, "file") << " in " << folder
        << " that an older mlkg may have written (its marker lists no files): remove any stale ones by hand\n";
}

} // namespace

void add_export(CLI::App& app, Context& ctx) {
  struct Options {
    std::string format, output;
    std::vector<std::string> sections, types, query;
    std::string drawing_value;  // of --cluster or --engine, which export does not take
    bool no_legend = false;     // nor --no-legend
    std::string drawing_option; // the first of them given
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("export", "Write the graph, or a slice of it, for another tool");
  cmd->add_option("--format,-f", options->format, "Output format (see below)")->required();
  cmd->add_option("-o,--output", options->output,
                  "File to write (replaced atomically); a folder for folder formats. Default: standard output")
      ->check(named());
  cmd->add_option("--section", options->sections, "Only nodes of these sections (comma-separated)")->delimiter(',');
  cmd->add_option("--type", options->types, "Only nodes of these types (comma-separated)")->delimiter(',');
  // The options that shape a drawing, hidden: export's DOT is the whole drawing unshaped, and they belong to
  // render: a user who gives them is pointed there, not to export's help, which lists none of them.
  const std::vector<std::pair<std::string, CLI::Option*>> drawing = {
      {"--cluster", cmd->add_option("--cluster", options->drawing_value)->group("")},
      {"--engine", cmd->add_option("--engine", options->drawing_value)->group("")},
      {"--no-legend", cmd->add_flag("--no-legend", options->no_legend)->group("")}};
  cmd->add_option("query", options->query,
                  "After --: a query whose nodes and edges to export, e.g. -- pipeline glue athena quicksight");
  // Before the footer every command has (exit codes, names, the graph), not instead of it.
  cmd->footer("Formats:" + format_list() +
              "\n\nExamples:\n  mlkg export --format turtle -o mlkg.ttl\n"
              "  mlkg export --format mermaid -o x.mmd -- pipeline glue athena quicksight\n"
              "  mlkg export --format obsidian -o vault --section Modelling\n\n" +
              cmd->get_footer());
  cmd->callback([&ctx, options, drawing] {
    for (const auto& [name, option] : drawing)
      if (option->count() > 0 && options->drawing_option.empty()) options->drawing_option = name;
    ctx.action = [&ctx, options] {
      if (const std::string& given = options->drawing_option; !given.empty())
        throw Error(ErrorKind::usage, "export takes no " + given + ": it shapes a drawing; `mlkg render --all " +
                                          given + (given == "--no-legend" ? "" : " ...") +
                                          " -o FILE.dot` draws the graph so");
      const ExportFormat& format = find_export_format(options->format);
      if (format.folder && (options->output.empty() || options->output == "-"))
        throw Error(ErrorKind::usage, "format " + format.name + " writes a folder, not standard output",
                    "name it with -o DIR");
      ctx.refuse_graph_file_as_output(options->output); // a folder named *.json there breaks the graph too
      const Graph& graph = ctx.graph();
      Slice slice = options->query.empty() ? whole_graph(graph) : slice_of(graph, query_subgraph(ctx, options->query));
      slice = filter_slice(graph, slice, options->sections, resolve_types(graph.schema(), options->types));
      if (slice.nodes.empty()) throw Error(ErrorKind::no_result, "nothing to export: the slice has no nodes");
      const std::string counts =
          " (" + counted(slice.nodes.size(), "node") + ", " + counted(slice.edges.size(), "edge") + ")\n";
      if (format.folder) {
        std::vector<std::pair<std::string, std::string>> files;
        for (ExportFile& f : format.folder(graph, slice)) files.emplace_back(std::move(f.path), std::move(f.text));
        const KeptEntries kept = write_folder_atomically(options->output, files);
        ctx.err << "mlkg: wrote " << counted(files.size(), "file") << " to " << options->output << counts;
        tell_unexplained_kept(ctx.err, kept, options->output);
      } else if (options->output.empty() || options->output == "-") {
        ctx.out << format.file(graph, slice);
      } else {
        write_file_atomically(options->output, format.file(graph, slice));
        ctx.err << "mlkg: wrote " << options->output << counts; // as the folder formats, drawings and import say
      }
      return exit_ok;
    };
  });
}

void add_import(CLI::App& app, Context& ctx) {
  struct Options {
    std::string input, output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("import", "Turn a node-link JSON export back into a graph folder (mlkg --graph DIR)");
  cmd->add_option("file", options->input, "A file written by mlkg export --format json ('-': standard input)")
      ->required()
      ->check(named());
  cmd->add_option("-o,--output", options->output,
                  "Graph folder to write (schema.json, graph.json): new, empty, or written by mlkg import;\n"
                  "in an existing one its files are replaced atomically, and anything else is kept.\n"
                  "Not '.' or '..'; its parent folder must exist")
      ->required()
      ->check(named_path());
  cmd->callback([&ctx, options] {
    ctx.action = [&ctx, options] {
      ctx.refuse_graph_file_as_output(options->output);
      const bool piped = options->input == "-";
      const std::size_t limit = LoadLimits{}.max_file_bytes;
      const std::string text = piped ? read_input_stream(ctx.in.stream, ctx.in.terminal, "a node-link file", limit)
                                     : read_input_file(options->input, "a node-link file", limit);
      // Refuses what mlkg check would.
      NodeLinkImport imported = import_node_link(piped ? "standard input" : options->input, text);
      const LoadResult& loaded = imported.loaded;
      std::vector<std::pair<std::string, std::string>> out;
      out.reserve(imported.files.size());
      for (SourceText& f : imported.files) out.emplace_back(std::move(f.name), std::move(f.text));
      // Its own marker: a graph folder is edited by hand, and an export must not replace it as one of its own.
      const KeptEntries kept = write_folder_atomically(options->output, out, ".mlkg-import");
      ctx.err << "mlkg: wrote graph folder " << options->output << " (" << counted(loaded.graph.node_count(), "node")
              << ", " << counted(loaded.graph.edge_count(), "edge") << ")\n";
      tell_unexplained_kept(ctx.err, kept, options->output);
      // Counted as check counts them: the load's warnings and the names that pick out several nodes.
      const std::size_t warnings = loaded.warnings.size() + NameIndex(loaded.graph).clashes().size();
      if (warnings != 0)
        ctx.err << "mlkg: it has " << counted(warnings, "warning") << ": mlkg --graph " << options->output
                << " check lists " << (warnings == 1 ? "it" : "them") << "\n";
      return exit_ok;
    };
  });
}

} // namespace mlkg::cli
