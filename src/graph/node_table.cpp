#include "graph/node_table.hpp"

#include "mlkg/error.hpp"

#include <cstring>
#include <limits>

namespace mlkg::detail {

namespace {
std::uint32_t count32(std::size_t n) {
  if (n > std::numeric_limits<std::uint32_t>::max())
    throw Error(ErrorKind::invalid_graph, "the graph's node texts exceed 4 GiB");
  return static_cast<std::uint32_t>(n);
}
} // namespace

void NodeTable::push_string(std::string_view s) {
  strings_.insert(strings_.end(), s.begin(), s.end());
  string_ends_.push_back(count32(strings_.size()));
}

void NodeTable::add(const std::string_view (&fixed)[fixed_node_strings], const std::vector<std::string_view>& aliases,
                    const std::vector<std::string_view>& facts, const LineRange* lines, std::size_t line_count,
                    TypeIndex type) {
  records_.push_back({count32(string_ends_.size()), count32(aliases.size()), count32(facts.size()),
                      count32(lines_.size()), count32(line_count), type, 0});
  // The node's strings in one piece: the arena grows once per node, not once per string.
  const auto each_string = [&](const auto& visit) {
    for (std::string_view s : fixed) visit(s);
    for (std::string_view s : aliases) visit(s);
    for (std::string_view s : facts) visit(s);
  };
  std::size_t end = strings_.size(), bytes = 0;
  each_string([&](std::string_view s) { bytes += s.size(); });
  strings_.resize(end + bytes);
  count32(strings_.size());
  each_string([&](std::string_view s) {
    if (!s.empty()) std::memcpy(strings_.data() + end, s.data(), s.size());
    end += s.size();
    string_ends_.push_back(static_cast<std::uint32_t>(end));
  });
  lines_.insert(lines_.end(), lines, lines + line_count);
}

void NodeTable::truncate(std::size_t count) {
  if (count >= records_.size()) return;
  const NodeRecord& first = records_[count];
  string_ends_.resize(first.first_string);
  strings_.resize(first.first_string ? string_ends_.back() : 0);
  lines_.resize(first.first_line);
  records_.resize(count);
}

NodeTable NodeTable::select(const BigVector<std::uint32_t>& keep) const {
  NodeTable out;
  for (std::uint32_t n : keep) {
    const NodeRecord& r = records_[n];
    out.records_.push_back({count32(out.string_ends_.size()), r.alias_count, r.fact_count, count32(out.lines_.size()),
                            r.line_count, r.type, 0});
    const std::uint32_t strings = fixed_node_strings + r.alias_count + r.fact_count;
    for (std::uint32_t s = 0; s < strings; ++s) out.push_string(string(r.first_string + s));
    out.lines_.insert(out.lines_.end(), lines_.begin() + r.first_line, lines_.begin() + r.first_line + r.line_count);
  }
  return out;
}

void NodeTable::reserve(std::size_t nodes, std::size_t string_bytes) {
  if (nodes > records_.capacity()) {
    records_.reserve(nodes);
    string_ends_.reserve(nodes * (fixed_node_strings + 1));
    lines_.reserve(nodes);
  }
  if (string_bytes > strings_.capacity()) {
    strings_.reserve(string_bytes);
  }
}

std::unique_ptr<MappedNodes> NodeTable::view() const {
  auto m = std::make_unique<MappedNodes>();
  m->records = records_.data();
  m->count = records_.size();
  m->strings = strings_.data();
  m->strings_size = strings_.size();
  m->string_ends = string_ends_.data();
  m->string_count = string_ends_.size();
  m->lines = lines_.data();
  m->line_count = lines_.size();
  m->made = BigVector<std::atomic<const Node*>>(m->count); // value-initialised: all null
  return m;
}

} // namespace mlkg::detail
