#include "mlkg/error.hpp"

#include <doctest/doctest.h>

using namespace mlkg;

TEST_CASE("a diagnostic renders file:line:col: pointer: message (suggestion)") {
  Diagnostic d{ErrorKind::invalid_graph,
               "unknown node type 'servce'",
               {"graph/x.json", 12, 5, "/nodes/3/type"},
               "did you mean 'service'?"};
  CHECK(format(d) == "graph/x.json:12:5: /nodes/3/type: unknown node type 'servce' (did you mean 'service'?)");
  d.where = {};
  d.suggestion.clear();
  CHECK(format(d) == "unknown node type 'servce'");
}

TEST_CASE("Error carries every diagnostic; what() names the first and counts the rest") {
  Error e(std::vector<Diagnostic>{{ErrorKind::invalid_graph, "one", {"f.json", 1, 2, {}}, {}},
                                  {ErrorKind::invalid_graph, "two", {}, {}}});
  CHECK(e.kind() == ErrorKind::invalid_graph);
  CHECK(e.diagnostics().size() == 2);
  CHECK(std::string(e.what()) == "f.json:1:2: one (and 1 more)");
  CHECK(e.location().line == 1);

  Error usage(ErrorKind::usage, "--k must be at least 1", "try --k 3");
  CHECK(usage.kind() == ErrorKind::usage);
  CHECK(usage.suggestion() == "try --k 3");
  CHECK(std::string(to_string(ErrorKind::no_result)) == "no result");
}
