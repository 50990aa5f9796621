#pragma once
// Private to libmlkg: nodes kept the way a snapshot keeps them (a fixed record each, every string in
// one arena), but owned. The loader reads a graph file's nodes straight into one, so that a big graph
// costs no heap allocation per node; the graph then reads it in place like a mapped snapshot and makes
// a Node only when one is asked for.

#include "graph/mapped.hpp"
#include "mlkg/graph.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mlkg::detail {

class NodeTable {
public:
  std::size_t size() const { return records_.size(); }
  std::size_t text_bytes() const { return strings_.size(); }
  std::string_view string(std::uint64_t i) const { return arena_string(strings_.data(), string_ends_.data(), i); }
  const NodeRecord& record(std::size_t n) const { return records_[n]; }
  std::string_view id(std::size_t n) const { return string(records_[n].first_string); }
  std::string_view label(std::size_t n) const { return string(records_[n].first_string + 1); }
  std::string_view alias(std::size_t n, std::uint32_t a) const {
    return string(records_[n].first_string + fixed_node_strings + a);
  }
  std::string_view fact(std::size_t n, std::uint32_t f) const {
    return string(records_[n].first_string + fixed_node_strings + records_[n].alias_count + f);
  }

  // Appends a node; `fixed` are its id, label, summary, section and category.
  void add(const std::string_view (&fixed)[fixed_node_strings], const std::vector<std::string_view>& aliases,
           const std::vector<std::string_view>& facts, const LineRange* lines, std::size_t line_count, TypeIndex type);
  // Drops the nodes from `count` on (a file read again after all).
  void truncate(std::size_t count);
  // Only the nodes `keep` lists, in that order.
  NodeTable select(const BigVector<std::uint32_t>& keep) const;
  void reserve(std::size_t nodes, std::size_t string_bytes);

  // The table read in place; valid while this table lives and does not change.
  std::unique_ptr<MappedNodes> view() const;

private:
  void push_string(std::string_view s);

  BigVector<char> strings_;
  BigVector<std::uint32_t> string_ends_;
  BigVector<NodeRecord> records_;
  BigVector<LineRange> lines_;
};

} // namespace mlkg::detail
