#include "mlkg/coverage.hpp"

#include "context.hpp"
#include "mlkg/error.hpp"
#include "safe_output.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

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
      std::error_code ec;
      if (std::filesystem::is_directory(options->notes, ec))
        throw Error::in_file(ErrorKind::io, options->notes, "a folder, not the notes file");
      std::ifstream in(options->notes, std::ios::binary);
      if (!in) throw Error::in_file(ErrorKind::io, options->notes, "cannot read the notes file");
      std::ostringstream text;
      text << in.rdbuf();
      if (in.bad()) throw Error::in_file(ErrorKind::io, options->notes, "cannot read the notes file");
      const CoverageReport report = coverage(ctx.graph(), text.str(), range);
      ctx.out << (options->json ? coverage_json(report) : coverage_text(report));
      return report.percent() < options->min || !report.dangling.empty() ? 1 : 0;
    };
  });
}

} // namespace mlkg::cli
