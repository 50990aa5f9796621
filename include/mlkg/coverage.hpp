#pragma once
// Proof that the graph covers the notes: which content lines no node or edge cites.

#include "mlkg/graph.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

// A line that carries content: not blank, not a lone bullet, and not a heading (at most four
// words with no sentence punctuation, such as "Data Engineering" or "Activation functions").
bool is_content_line(std::string_view line);

struct UncitedLine {
  int line = 0;
  std::string text;
};

struct DanglingCitation {
  int line = 0;         // cited, but past the end of the notes
  std::string cited_by; // "node glue" or "edge glue part-of x"
  int last = 0;         // a cited range's last line, when more than `line` is missing
};

struct CoverageReport {
  LineRange checked; // the lines examined (clamped to the file)
  std::size_t content_lines = 0;
  std::size_t cited_content_lines = 0;
  std::vector<UncitedLine> uncited;       // content lines no node or edge cites, in order
  std::vector<DanglingCitation> dangling; // citations of lines the notes do not have
  double percent() const;
};

// Compares the graph's citations with `notes`; only lines inside `range` count as content to cover
// (a range of {0, 0} means the whole file). Throws Error(usage) when `range` ends past the notes. Costs
// notes lines + citations, whatever the ranges span.
CoverageReport coverage(const Graph& graph, std::string_view notes, LineRange range = {});

std::string coverage_text(const CoverageReport& report);
std::string coverage_json(const CoverageReport& report);

} // namespace mlkg
