#include "context.hpp"
#include "mlkg/error.hpp"
#include "mlkg/inspect_output.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"
#include "safe_output.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_search(CLI::App& app, Context& ctx) {
  struct Options {
    std::vector<std::string> words;
    std::size_t limit = 20;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("search", "Ranked search over names, aliases, summaries and facts");
  cmd->add_option("text", options->words, "Words to look for (all must occur)")->required();
  cmd->add_option("--limit", options->limit, "Most results to print")
      ->capture_default_str()
      ->check(decimal())
      ->check(CLI::Range(1, 10000));
  cmd->add_flag("--json", options->json, "Print JSON");
  cmd->callback([&ctx, options] {
    ctx.action = [&ctx, options] {
      std::string text;
      for (const std::string& w : options->words) text += (text.empty() ? "" : " ") + w;
      if (name_words(text).empty())
        throw Error(ErrorKind::usage,
                    "nothing to search for: '" + clipped(escape_control(text)) + "' has no letters or digits");
      const Graph& graph = ctx.graph();
      const auto hits = search(graph, text, options->limit);
      ctx.out << (options->json ? search_json(graph, text, hits) : search_text(graph, text, hits));
      return hits.empty() ? 3 : 0;
    };
  });
}

} // namespace mlkg::cli
