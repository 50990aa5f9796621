#include "mlkg/coverage.hpp"

#include "context.hpp"
#include "input_file.hpp"
#include "mlkg/error.hpp"
#include "mlkg/load.hpp"
#include "safe_output.hpp"

#include <CLI/CLI.hpp>

namespace mlkg::cli {

namespace {
LineRange parse_line_range(const std::string& text) {
  int first = 0, last = 0;
  char dash = 0, extra = 0;
  std::istringstream in(text);
  if (!(in >> first >> dash >> last) || dash != '-' || (in >> extra) || first < 1 || last < first)
    throw Error(ErrorKind::usage, "--lines expects FIRST-LAST with 1 <= FIRST <= LAST, got '" + text + "'",
                "e.g. --lines 40-433");
  return {first, last};
}
} // namespace

void add_coverage(CLI::App& app, Context& ctx) {
  struct Options {
    std::string notes;
    std::string lines;
    double min = 0;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("coverage", "List the notes' content lines that no node or edge cites");
  cmd->add_option("--notes", options->notes, "The notes text file")->required();
  cmd->add_option("--lines", options->lines, "Only check lines FIRST-LAST (e.g. skip an introduction)");
  cmd->add_option("--min", options->min, "Exit 1 when coverage is under this percentage")
      ->check(finite())
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_flag("--json", options->json, "Print JSON");
  cmd->callback([&ctx, options] {
    ctx.action = [&ctx, options] {
      const LineRange range = options->lines.empty() ? LineRange{} : parse_line_range(options->lines);
      const std::string text = read_input_file(options->notes, "the notes file", LoadLimits{}.max_file_bytes);
      const CoverageReport report = coverage(ctx.graph(), text, range);
      ctx.out << (options->json ? coverage_json(report) : coverage_text(report));
      return report.percent() < options->min || !report.dangling.empty() ? 1 : 0;
    };
  });
}

} // namespace mlkg::cli
