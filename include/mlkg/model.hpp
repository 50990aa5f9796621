#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

using NodeIndex = std::uint32_t;
using EdgeIndex = std::uint32_t;
using TypeIndex = std::uint16_t;
using RelIndex = std::uint16_t;

struct NodeType {
  std::string name;
  std::string description;
};

struct Relation {
  std::string name;
  std::string description;
  std::string inverse; // how the relation reads backwards ("mitigated-by")
  bool symmetric = false;
  bool flow = false;                   // data moves along it (pipelines follow flow relations)
  std::vector<std::string> from_types; // empty: any type
  std::vector<std::string> to_types;   // empty: any type
  bool in_paths = true;                // false: path queries walk it only as a last resort (shared traits)

  bool allows_from(std::string_view type) const;
  bool allows_to(std::string_view type) const;
};

// An AWS architecture-icon category a service belongs to ("analytics"), with its icon colour.
struct Category {
  std::string name;
  std::string label; // "Analytics"
  std::string color; // "#8C4FFF"
};

// The vocabulary a graph is written in: node types, relations and service categories. Data, not code.
struct Schema {
  std::vector<NodeType> node_types;
  std::vector<Relation> relations;
  std::vector<Category> categories;

  std::optional<TypeIndex> find_type(std::string_view name) const;
  std::optional<RelIndex> find_relation(std::string_view name) const;
  // Accepts a relation's name or its inverse name; says which one matched.
  std::optional<RelIndex> find_relation_or_inverse(std::string_view name, bool& inverse) const;
  std::vector<std::string> type_names() const;
  std::vector<std::string> relation_names() const;
  const Category* find_category(std::string_view name) const;
  std::vector<std::string> category_names() const;
};

// Lines of the notes a node or edge was taken from (inclusive, 1-based).
struct LineRange {
  int first = 0;
  int last = 0;
  bool operator==(const LineRange& o) const { return first == o.first && last == o.last; }
};

// Line ranges read in place: a node's own list, or an edge's run in the graph's one array of them.
class LineSpan {
public:
  LineSpan() = default;
  LineSpan(const LineRange* first, std::size_t count) : first_(first), count_(count) {}
  LineSpan(const std::vector<LineRange>& lines) : first_(lines.data()), count_(lines.size()) {} // NOLINT: implicit
  const LineRange* begin() const { return first_; }
  const LineRange* end() const { return first_ + count_; }
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  const LineRange& operator[](std::size_t i) const { return first_[i]; }
  std::vector<LineRange> to_vector() const { return {begin(), end()}; }

private:
  const LineRange* first_ = nullptr;
  std::size_t count_ = 0;
};

struct Node {
  std::string id;
  std::string label;
  TypeIndex type = 0;
  std::string category; // a Schema::categories name, or empty
  std::vector<std::string> aliases;
  std::string summary;
  std::string section;
  std::vector<LineRange> source;
  std::vector<std::string> facts;
};

// An edge as stored in the graph: endpoints are node indices, the relation an index into the schema.
struct Edge {
  NodeIndex from = 0;
  NodeIndex to = 0;
  RelIndex rel = 0;
};

// Renders "46, 48-50".
std::string format_lines(LineSpan lines);
// "line 211" or "lines 46, 54" (also "lines 3-5"): format_lines after the word that fits.
std::string cited_lines(LineSpan lines);

} // namespace mlkg
