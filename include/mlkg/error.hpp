#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace mlkg {

// What went wrong, coarse enough for the CLI to map to an exit code.
enum class ErrorKind {
  usage,          // bad arguments or options
  unknown_name,   // a node, relation or type that does not exist
  ambiguous_name, // a name that matches several nodes
  invalid_graph,  // the graph files are malformed or inconsistent
  io,             // a file could not be read or written
  no_result,      // a well-formed query with no answer (e.g. no path)
};

const char* to_string(ErrorKind kind);

// Where a problem is: a file plus line/column and/or a JSON pointer. Any part may be empty.
struct Location {
  std::string file;
  int line = 0;   // 1-based; 0 when unknown
  int column = 0; // 1-based; 0 when unknown
  std::string pointer;

  bool empty() const { return file.empty() && line == 0 && pointer.empty(); }
};

// One problem: rendered as "file:line:col: pointer: message (did you mean ...?)".
struct Diagnostic {
  ErrorKind kind = ErrorKind::invalid_graph;
  std::string message;
  Location where;
  std::string suggestion; // e.g. "did you mean 'service'?"; empty when there is none
};

std::string format(const Diagnostic& d);

// The one exception type of the library. Carries one or more diagnostics (a graph load reports all).
class Error : public std::runtime_error {
public:
  explicit Error(Diagnostic d);
  explicit Error(std::vector<Diagnostic> all);
  // A graph's errors, and the warnings found beside them (which `check` prints too).
  Error(std::vector<Diagnostic> errors, std::vector<Diagnostic> warnings);
  Error(ErrorKind kind, std::string message, std::string suggestion = {});
  // A problem with a whole file or folder, where no line applies.
  static Error in_file(ErrorKind kind, std::string file, std::string message, std::string suggestion = {});

  ErrorKind kind() const { return diagnostics_.front().kind; }
  const Location& location() const { return diagnostics_.front().where; }
  const std::string& suggestion() const { return diagnostics_.front().suggestion; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const std::vector<Diagnostic>& warnings() const { return warnings_; }

private:
  std::vector<Diagnostic> diagnostics_;
  std::vector<Diagnostic> warnings_;
};

} // namespace mlkg
