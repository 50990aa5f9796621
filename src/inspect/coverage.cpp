#include "mlkg/coverage.hpp"

#include "core/rounding.hpp"
#include "mlkg/error.hpp"
#include "mlkg/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

namespace mlkg {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

bool has_letters(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

// Counts citations per line with a difference array, so a range costs the same whatever its length; the part of
// a range past the end of the notes is one dangling citation.
void mark(std::vector<int>& starts, std::vector<DanglingCitation>& dangling, LineSpan lines, const std::string& who) {
  const int last_line = static_cast<int>(starts.size()) - 2;
  for (const LineRange& r : lines) {
    if (r.first <= last_line) {
      ++starts[static_cast<std::size_t>(r.first)];
      --starts[static_cast<std::size_t>(std::min(r.last, last_line)) + 1];
    }
    if (r.last > last_line) dangling.push_back({std::max(r.first, last_line + 1), who, r.last});
  }
}

} // namespace

bool is_content_line(std::string_view line) {
  std::string_view s = trim(line);
  const bool bullet = s.rfind('-', 0) == 0 || s.rfind('*', 0) == 0 || s.rfind("\u2022", 0) == 0;
  if (!has_letters(s)) return false;
  if (bullet) return true;
  std::size_t words = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!std::isspace(static_cast<unsigned char>(s[i])) &&
        (i == 0 || std::isspace(static_cast<unsigned char>(s[i - 1]))))
      ++words;
  const bool sentence_punctuation = s.find_first_of(".:;,!?()\"") != std::string_view::npos;
  return words > 4 || sentence_punctuation;
}

double CoverageReport::percent() const {
  return content_lines == 0 ? 100.0
                            : 100.0 * static_cast<double>(cited_content_lines) / static_cast<double>(content_lines);
}

CoverageReport coverage(const Graph& graph, std::string_view notes, LineRange range) {
  const std::vector<std::string> lines = split_lines(notes);
  const int last_line = static_cast<int>(lines.size());
  CoverageReport report;
  if (range.first != 0 && range.last > last_line)
    throw Error(ErrorKind::usage,
                "lines " + std::to_string(range.first) + "-" + std::to_string(range.last) +
                    " end past the notes, which have " + std::to_string(last_line) + " lines",
                "e.g. --lines 1-" + std::to_string(last_line));
  report.checked =
      range.first == 0 ? LineRange{1, last_line} : LineRange{std::max(1, range.first), std::min(range.last, last_line)};

  std::vector<int> starts(lines.size() + 2, 0);
  for (NodeIndex n = 0; n < graph.node_count(); ++n)
    mark(starts, report.dangling, graph.node(n).source, "node " + graph.node(n).id);
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) {
    const Edge& edge = graph.edge(e);
    mark(starts, report.dangling, graph.source(e),
         "edge " + graph.node(edge.from).id + " " + graph.relation(e).name + " " + graph.node(edge.to).id);
  }
  std::sort(report.dangling.begin(), report.dangling.end(), [](const DanglingCitation& a, const DanglingCitation& b) {
    return std::tie(a.line, a.cited_by) < std::tie(b.line, b.cited_by);
  });

  std::vector<bool> cited(lines.size() + 1, false);
  long long citing = 0;
  for (std::size_t line = 1; line < cited.size(); ++line) cited[line] = (citing += starts[line]) > 0;
  for (int line = report.checked.first; line <= report.checked.last; ++line) {
    const std::string& text = lines[static_cast<std::size_t>(line - 1)];
    if (!is_content_line(text)) continue;
    ++report.content_lines;
    if (cited[static_cast<std::size_t>(line)])
      ++report.cited_content_lines;
    else
      report.uncited.push_back({line, std::string(trim(text))});
  }
  return report;
}

std::string coverage_text(const CoverageReport& report) {
  std::ostringstream out;
  for (const UncitedLine& u : report.uncited) out << "uncited " << u.line << ": " << u.text << "\n";
  for (const DanglingCitation& d : report.dangling) {
    if (d.last > d.line)
      out << "no lines " << d.line << "-" << d.last << " in the notes, cited by " << d.cited_by << "\n";
    else
      out << "no line " << d.line << " in the notes, cited by " << d.cited_by << "\n";
  }
  char percent[16];
  std::snprintf(percent, sizeof percent, "%.1f", report.percent());
  out << "coverage: " << percent << "% (" << report.cited_content_lines << " of " << report.content_lines
      << " content lines cited, lines " << report.checked.first << "-" << report.checked.last << ")";
  if (!report.dangling.empty()) out << ", " << report.dangling.size() << " citations of missing lines";
  out << "\n";
  return out.str();
}

std::string coverage_json(const CoverageReport& report) {
  using json = nlohmann::ordered_json;
  json uncited = json::array(), dangling = json::array();
  for (const UncitedLine& u : report.uncited) uncited.push_back({{"line", u.line}, {"text", u.text}});
  for (const DanglingCitation& d : report.dangling) {
    json entry = {{"line", d.line}, {"cited_by", d.cited_by}};
    if (d.last > d.line) entry["last"] = d.last;
    dangling.push_back(std::move(entry));
  }
  json out = {{"lines", {report.checked.first, report.checked.last}},
              {"content_lines", report.content_lines},
              {"cited", report.cited_content_lines},
              {"percent", static_cast<double>(detail::round_to_integer(report.percent() * 10)) / 10},
              {"uncited", std::move(uncited)},
              {"missing_lines", std::move(dangling)}};
  // Notes need not be UTF-8; what the terminal's escaping would rewrite is escaped as JSON first.
  return escape_control_json(out.dump(2, ' ', false, json::error_handler_t::replace)) + "\n";
}

} // namespace mlkg
