#include "drawing.hpp"

#include "mlkg/atomic_file.hpp"
#include "mlkg/dot.hpp"
#include "mlkg/error.hpp"
#include "mlkg/render.hpp"
#include "mlkg/text.hpp"
#include "safe_output.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

std::shared_ptr<DrawingOptions> add_drawing_options(CLI::App& cmd) {
  auto options = std::make_shared<DrawingOptions>();
  cmd.add_option("-o,--output", options->output, "Draw the answer into FILE (.dot, .svg, .png or .pdf)")
      ->check(named());
  cmd.add_option("--format", options->format,
                 "dot, svg, png or pdf (default: from -o's extension); without -o or with -o -, "
                 "it goes to stdout (png or pdf only when stdout is not a terminal)");
  cmd.add_option("--engine", options->engine,
                 "Layout: dot or sfdp (default: dot up to " + std::to_string(dot_node_limit) + " nodes, else sfdp)");
  cmd.add_option("--cluster", options->cluster, "Group nodes by: none, section or category")
      ->capture_default_str()
      ->each([options](const std::string&) { options->cluster_given = true; });
  cmd.add_flag("--no-legend", options->no_legend, "Leave the legend out");
  options->json = cmd.get_option_no_throw("--json");
  if (CLI::Option* emit = cmd.get_option_no_throw("--emit"))
    for (const char* other : {"--json", "--output", "--format", "--engine", "--cluster", "--no-legend", "--limit"})
      if (CLI::Option* option = cmd.get_option_no_throw(other)) emit->excludes(option);
  return options;
}

bool draw(Context& ctx, const Subgraph& subgraph, const DrawingOptions& options) {
  // Checked whether or not anything is drawn: a misspelt choice, or a drawing's option without a drawing, is a
  // usage error rather than ignored.
  if (!options.engine.empty()) (void)engine_from_name(options.engine);
  (void)cluster_from_name(options.cluster);
  if (!options.wanted()) {
    if (!options.engine.empty() || options.cluster_given || options.no_legend)
      throw Error(ErrorKind::usage, "--engine, --cluster and --no-legend shape a drawing, and none was asked for",
                  "add -o FILE (.svg, .png, .pdf or .dot), or --format dot or svg for standard output");
    return true;
  }
  const bool to_stdout = options.output.empty() || options.output == "-"; // as export takes it
  if (to_stdout && options.json && options.json->count() > 0)
    throw Error(ErrorKind::usage, "--json and the drawing would both go to standard output",
                "draw into a file with -o FILE, and the JSON comes to standard output");
  if (!to_stdout) ctx.refuse_graph_file_as_output(options.output);
  const Format format = options.format.empty() ? format_for_path(options.output) : format_from_name(options.format);
  // Binary bytes go to standard output or a device as they are, but never to a terminal (checked before drawing).
  const bool binary = format == Format::png || format == Format::pdf;
  if (binary && (to_stdout ? ctx.raw_out.terminal : is_terminal(options.output))) {
    const std::string name(format_name(format));
    throw Error(ErrorKind::usage,
                "--format " + name + " is binary, and " +
                    (to_stdout ? std::string("standard output") : "'" + options.output + "'") + " is a terminal",
                "write it to a file: -o FILE." + name + (to_stdout ? ", or redirect standard output" : ""));
  }
  DotOptions dot;
  dot.cluster = cluster_from_name(options.cluster);
  dot.legend = !options.no_legend;
  const Engine engine =
      options.engine.empty() ? choose_engine(subgraph.nodes.size()) : engine_from_name(options.engine);
  dot.engine = engine;
  const std::string drawing = render(to_dot(ctx.graph(), subgraph, dot), format, engine);
  if (to_stdout && binary) {
    // Past the escaping of text output, which would make a PNG's CR and SUB bytes visible.
    ctx.out.flush();
    ctx.raw_out.stream.write(drawing.data(), static_cast<std::streamsize>(drawing.size()));
    return false;
  }
  if (to_stdout) {
    ctx.out << drawing;
    return false;
  }
  write_file_atomically(options.output, drawing);
  ctx.err << "mlkg: wrote " << options.output << " (" << format_name(format) << ", "
          << counted(subgraph.nodes.size(), "node") << ", " << counted(subgraph.edges.size(), "edge") << ", "
          << engine_name(engine) << " layout)\n";
  return true;
}

} // namespace mlkg::cli
