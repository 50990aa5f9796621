#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace mlkg::cli {

// Exit codes of the command line, documented in `mlkg --help`.
enum ExitCode : int {
  exit_ok = 0,
  exit_failed = 1,    // invalid graph (check), broken pipeline, coverage under --min
  exit_usage = 2,     // bad arguments, unknown or ambiguous names
  exit_no_result = 3, // a valid query with no answer (no path, no search match)
  exit_io = 4,        // a file could not be read or written, or is over the input size limit
};

// What a command reads from: `quiz` reads answers from `in`, prompting when `in` is a terminal and
// echoing each answer it reads otherwise, so a piped session reads like a transcript.
struct Input {
  std::istream& stream;
  bool terminal = false;
};

// Where a command's answer goes. Text is escaped on its way to `stream` (no control character reaches a terminal);
// a binary drawing (PNG, PDF) is written to it as it is, and refused when it is a terminal.
struct Output {
  Output(std::ostream& to, bool is_terminal = false) : stream(to), terminal(is_terminal) {} // NOLINT: implicit
  std::ostream& stream;
  bool terminal = false;
};

// Runs the command line `args` (without the program name), reading from `in` and writing to `out`
// and `err`.
int run(const std::vector<std::string>& args, Input in, Output out, std::ostream& err);
// The same with nothing to read.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace mlkg::cli
