#include "mlkg/snapshot.hpp"

#include "context.hpp"
#include "mlkg/atomic_file.hpp"
#include "mlkg/error.hpp"
#include "mlkg/text.hpp"
#include "safe_output.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_snapshot(CLI::App& app, Context& ctx) {
  auto output = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "snapshot",
      "Write the graph (--graph DIR, else the built-in one) as a binary snapshot that loads in milliseconds");
  cmd->add_option("-o,--output", *output, "The snapshot file to write (FILE.mlkg)")->required()->check(named_path());
  cmd->callback([&ctx, output] {
    ctx.action = [&ctx, output] {
      ctx.refuse_graph_file_as_output(*output);
      if (is_terminal(*output))
        throw Error(ErrorKind::usage, "a snapshot is binary, and '" + *output + "' is a terminal",
                    "write it to a file: -o FILE.mlkg");
      std::vector<SourceStamp> sources;
      LoadResult loaded;
      if (ctx.graph_dir.empty()) {
        loaded = load_default_graph();
      } else if (is_snapshot_file(ctx.graph_dir)) {
        throw Error(ErrorKind::usage, "'" + ctx.graph_dir + "' is already a snapshot",
                    "snapshot takes a folder of graph *.json files");
      } else {
        sources = stamp_graph_dir(ctx.graph_dir);
        loaded = load_graph_dir(ctx.graph_dir);
      }
      write_snapshot(loaded, sources, *output);
      // On stderr, as every command that writes a file names it: stdout is for answers.
      ctx.err << "mlkg: wrote " << *output << " (" << counted(loaded.graph.node_count(), "node") << ", "
              << counted(loaded.graph.edge_count(), "edge") << ")\n";
      return 0;
    };
  });
}

} // namespace mlkg::cli
