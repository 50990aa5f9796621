#pragma once
// Private to libmlkg: the nodes of a graph opened from a snapshot, read in place. Each node is a
// fixed record pointing into one arena of strings; a Node is made from it the first time someone
// asks for it, so opening costs nothing per node.

#include "mlkg/graph.hpp"
#include "mlkg/model.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

namespace mlkg::detail {

// A node's strings are id, label, summary, section, category, its aliases, then its facts.
constexpr std::uint32_t fixed_node_strings = 5;
constexpr std::uint32_t section_string = 3; // its place among them
struct NodeRecord {
  std::uint32_t first_string, alias_count, fact_count, first_line, line_count;
  std::uint16_t type, reserved;
};
static_assert(sizeof(NodeRecord) == 24, "records are written as they lie in memory");

// String i of an arena whose string j ends at ends[j] (and starts where string j - 1 ends).
inline std::string_view arena_string(const char* strings, const std::uint32_t* ends, std::uint64_t i) {
  const std::uint32_t first = i ? ends[i - 1] : 0;
  return {strings + first, ends[i] - first};
}

struct MappedNodes {
  const NodeRecord* records = nullptr;
  std::size_t count = 0;
  const char* strings = nullptr; // every node string end to end
  std::size_t strings_size = 0;
  const std::uint32_t* string_ends = nullptr; // per string: where it ends in `strings`
  std::size_t string_count = 0;
  const LineRange* lines = nullptr;
  std::size_t line_count = 0;

  std::string_view string(std::uint64_t i) const { return arena_string(strings, string_ends, i); }
  std::string_view id(std::uint32_t n) const { return string(records[n].first_string); }
  std::string_view section(std::uint32_t n) const { return string(records[n].first_string + section_string); }
  std::string_view label(std::uint32_t n) const { return string(records[n].first_string + 1); }
  std::string_view alias(std::uint32_t n, std::uint64_t a) const {
    return string(records[n].first_string + fixed_node_strings + a);
  }
  TypeIndex type(std::uint32_t n) const { return records[n].type; }
  Node make(std::uint32_t n) const;

  // Nodes made so far; made once each, also when several threads ask at once.
  mutable BigVector<std::atomic<const Node*>> made;
  ~MappedNodes();
  const Node& node(std::uint32_t n) const;
};

} // namespace mlkg::detail
