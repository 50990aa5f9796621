#include "context.hpp"
#include "mlkg/cli.hpp"
#include "mlkg/error.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"
#include "safe_output.hpp"

#include <cerrno>
#include <CLI/CLI.hpp>
#include <cstring>
#include <initializer_list>
#include <sstream>

namespace mlkg::cli {

namespace {

constexpr const char* exit_codes_help = R"(Exit codes:
  0  success
  1  the graph is invalid (check), a pipeline is broken, coverage is under --min
  2  usage error: bad arguments, unknown or ambiguous names (with "did you mean" suggestions)
  3  a valid query found nothing (no path, no search match, no node in the list, nothing within reach)
  4  a file could not be read or written, or is over the 512 MiB input limit

Names may be ids, labels or aliases, in any case, with or without "Amazon"/"AWS".
The built-in graph is used unless --graph or MLKG_GRAPH names a folder of graph/*.json files or a
snapshot made by `mlkg snapshot`. A folder's graph is cached as a snapshot in $XDG_CACHE_HOME/mlkg
(~/.cache/mlkg), used while no file has changed (size, times, inode); --no-cache skips it.)";

int exit_code_for(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::usage:
  case ErrorKind::unknown_name:
  case ErrorKind::ambiguous_name: return exit_usage;
  case ErrorKind::invalid_graph: return exit_failed;
  case ErrorKind::no_result: return exit_no_result;
  case ErrorKind::io: return exit_io;
  }
  return exit_failed;
}

// Every subcommand, by the names it answers to. Building one costs tens of allocations (options,
// validators, help text), so a run that names its subcommand builds only that one.
struct Command {
  std::initializer_list<const char*> names;
  void (*add)(CLI::App&, Context&);
};
const Command commands[] = {
    {{"show"}, add_show},         {{"search"}, add_search},
    {{"list"}, add_list},         {{"stats"}, add_stats},
    {{"check"}, add_check},       {{"coverage"}, add_coverage},
    {{"path"}, add_path},         {{"neighbours", "ego"}, add_neighbours},
    {{"related"}, add_related},   {{"what"}, add_what},
    {{"pipeline"}, add_pipeline}, {{"compare"}, add_compare},
    {{"explain"}, add_explain},   {{"render"}, add_render},
    {{"quiz"}, add_quiz},         {{"snapshot"}, add_snapshot},
    {{"export"}, add_export},     {{"import"}, add_import},
};

// The first word that is not a global option or its value: the subcommand's name, if the arguments
// are right. Null when there is none (no subcommand, or an option such as --help comes first).
const std::string* first_word(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--graph") {
      ++i;
      continue;
    }
    if (a.rfind("--graph=", 0) == 0 || a == "--no-cache") continue;
    if (a.empty() || a[0] == '-') return nullptr;
    return &a;
  }
  return nullptr;
}

// The subcommand the arguments name. Anything else (no subcommand, --help) gets every subcommand, for
// the overview and the help.
const Command* named_command(const std::string* word) {
  if (word)
    for (const Command& c : commands)
      for (const char* name : c.names)
        if (*word == name) return &c;
  return nullptr;
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const Command& c : commands)
    for (const char* name : c.names) names.emplace_back(name);
  return names;
}

void print_overview(Context& ctx, const CLI::App& app) {
  const Graph& g = ctx.graph();
  ctx.out << app.get_description() << "\n\n"
          << "Graph: " << g.node_count() << " nodes, " << g.edge_count() << " edges, " << g.schema().relations.size()
          << " relations.\n"
          << "Try:   mlkg show glue    mlkg search kinesis    mlkg stats    mlkg --help\n";
}

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::istringstream nothing;
  return run(args, {nothing, false}, out, err);
}

namespace {

int run_command(const std::vector<std::string>& args, Input in, Output raw_out, std::ostream& out, std::ostream& err) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (is_valid_utf8(args[i])) continue;
    err << "mlkg: usage error: argument " << i + 1 << " is not valid UTF-8: '" << escape_control(args[i]) << "'\n";
    return exit_usage;
  }
  Context ctx(in, raw_out, out, err);
  CLI::App app{"mlkg: explore a knowledge graph of AWS machine-learning services and concepts", "mlkg"};
  app.footer(exit_codes_help);
  app.set_version_flag("--version", "mlkg 0.1.0");
  app.add_option("--graph", ctx.graph_dir,
                 "Folder of graph JSON files (or a snapshot file) to use instead of the built-in graph")
      ->envname("MLKG_GRAPH")
      ->check(
          [](const std::string& dir) { return dir.empty() ? std::string("the folder name is empty") : std::string(); });
  app.add_flag("--no-cache", ctx.no_cache,
               "Read the graph folder's JSON even when the snapshot cache ($XDG_CACHE_HOME/mlkg) is up to date");
  app.require_subcommand(0, 1);
  app.fallthrough(); // global options such as --graph may also follow the subcommand
  // CLI11's own errors ("--output is required") read as mlkg's other usage errors do, naming the help to read.
  app.failure_message([](const CLI::App* top, const CLI::Error& e) {
    std::string command = "mlkg";
    for (const CLI::App* sub : top->get_subcommands()) command += " " + sub->get_name();
    return "mlkg: usage error: " + std::string(e.what()) + "; " + command + " --help lists the options\n";
  });
  const std::string* word = first_word(args);
  const Command* named = named_command(word);
  if (word && !named) {
    err << "mlkg: usage error: unknown command '" << clipped(*word) << "'";
    if (const std::string hint = did_you_mean(closest_names(*word, command_names())); !hint.empty())
      err << " (" << hint << ")";
    err << "; mlkg --help lists the commands\n";
    return exit_usage;
  }
  if (named)
    named->add(app, ctx);
  else
    for (const Command& c : commands) c.add(app, ctx);

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);
    return code == 0 ? exit_ok : exit_usage;
  }

  try {
    if (!ctx.action) {
      print_overview(ctx, app);
      return exit_ok;
    }
    // Owned here while it runs, so an action may set ctx.action again (export runs a query command).
    const std::function<int()> action = std::move(ctx.action);
    return action();
  } catch (const Error& e) {
    print_diagnostics(err, e.diagnostics());
    if (e.diagnostics().size() > 1) err << "mlkg: " << grouped(e.diagnostics().size()) << " problems\n";
    return exit_code_for(e.kind());
  } catch (const std::exception& e) {
    err << "mlkg: internal error: " << escape_control(e.what()) << '\n';
    return exit_failed;
  }
}

} // namespace

int run(const std::vector<std::string>& args, Input in, Output output, std::ostream& raw_err) {
  // Everything printed goes through the escaping buffers: graph text and echoed arguments cannot drive the terminal.
  // Only a binary drawing's bytes go to raw_out itself (never a terminal's).
  std::ostream& raw_out = output.stream;
  EscapingBuffer out_buffer(raw_out);
  EscapingBuffer err_buffer(raw_err);
  std::ostream out(&out_buffer);
  std::ostream err(&err_buffer);
  int code = run_command(args, in, output, out, err);
  // An answer that did not reach its reader (a full disk, a closed pipe or descriptor) is a failed write,
  // not a success: the stream's buffers are flushed here to find out.
  errno = 0;
  if (!out.flush() || !raw_out.flush()) {
    const int failed = errno;
    err << "mlkg: i/o error: cannot write the output" << (failed ? std::string(": ") + std::strerror(failed) : "")
        << '\n';
    // An answer lost (a result, "no path", a broken pipeline's report) is the failed write's exit code; a usage
    // error keeps its own, since it was the user's to fix first.
    if (code != exit_usage) code = exit_io;
  }
  return code;
}

} // namespace mlkg::cli
