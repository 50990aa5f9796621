#include "mlkg/error.hpp"

namespace mlkg {

const char* to_string(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::usage: return "usage error";
  case ErrorKind::unknown_name: return "unknown name";
  case ErrorKind::ambiguous_name: return "ambiguous name";
  case ErrorKind::invalid_graph: return "invalid graph";
  case ErrorKind::io: return "i/o error";
  case ErrorKind::no_result: return "no result";
  }
  return "error";
}

std::string format(const Diagnostic& d) {
  std::string s;
  const Location& w = d.where;
  if (!w.file.empty()) {
    s += w.file;
    if (w.line > 0) {
      s += ':' + std::to_string(w.line);
      if (w.column > 0) s += ':' + std::to_string(w.column);
    }
    s += ": ";
  }
  if (!w.pointer.empty()) s += w.pointer + ": ";
  s += d.message;
  if (!d.suggestion.empty()) s += " (" + d.suggestion + ")";
  return s;
}

namespace {
std::string summarize(const std::vector<Diagnostic>& all) {
  if (all.empty()) return "error";
  std::string s = format(all.front());
  if (all.size() > 1) s += " (and " + std::to_string(all.size() - 1) + " more)";
  return s;
}
} // namespace

Error::Error(Diagnostic d) : Error(std::vector<Diagnostic>{std::move(d)}) {}

Error::Error(std::vector<Diagnostic> all) : std::runtime_error(summarize(all)), diagnostics_(std::move(all)) {
  if (diagnostics_.empty()) diagnostics_.push_back({ErrorKind::invalid_graph, "error", {}, {}});
}

Error::Error(std::vector<Diagnostic> errors, std::vector<Diagnostic> warnings) : Error(std::move(errors)) {
  warnings_ = std::move(warnings);
}

Error::Error(ErrorKind kind, std::string message, std::string suggestion)
    : Error(Diagnostic{kind, std::move(message), {}, std::move(suggestion)}) {}

Error Error::in_file(ErrorKind kind, std::string file, std::string message, std::string suggestion) {
  Diagnostic d;
  d.kind = kind;
  d.message = std::move(message);
  d.where.file = std::move(file);
  d.suggestion = std::move(suggestion);
  return Error(std::move(d));
}

} // namespace mlkg
