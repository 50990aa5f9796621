#include "output/common.hpp"

#include "mlkg/text.hpp"

#include <sstream>

namespace mlkg::detail {

// Replacing bytes that are not UTF-8 (U+FFFD) rather than throwing: a file name or a quoted input may hold one,
// and a report must still come out.
std::string dump(const json& value) { return value.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

// What the terminal's escaping would rewrite is escaped as JSON first: DEL would become "\x7f", not JSON.
std::string printed_json(const json& value) { return escape_control_json(dump(value)); }

json node_json(const Graph& graph, NodeIndex n) {
  const Node& node = graph.node(n);
  return {{"id", node.id}, {"label", node.label}, {"type", graph.type_name(n)}};
}

json lines_json(LineSpan lines) {
  json array = json::array();
  for (const LineRange& r : lines) {
    if (r.first == r.last)
      array.push_back(r.first);
    else
      array.push_back(std::to_string(r.first) + "-" + std::to_string(r.last));
  }
  return array;
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

std::string wrap(const std::string& text, std::size_t indent, std::size_t hanging) {
  std::istringstream words(text);
  std::string line, out, word;
  std::size_t margin = indent;
  while (words >> word) {
    if (!line.empty() && margin + line.size() + 1 + word.size() > 78) {
      out += std::string(margin, ' ') + line + "\n";
      line.clear();
      margin = hanging;
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += std::string(margin, ' ') + line + "\n";
  return out;
}

} // namespace mlkg::detail
