#pragma once

#include "mlkg/graph.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mlkg {

// Turns what a user types ("Amazon Kinesis Firehose", "firehose", "kinesis-data-firehose") into a node.
// Matches ids, labels and aliases through normalize_name().
class NameIndex {
public:
  explicit NameIndex(const Graph& graph);

  // Throws Error(unknown_name) with the three closest names, or Error(ambiguous_name) listing candidates.
  NodeIndex resolve(std::string_view name) const;

  // Every node whose id, label or alias normalizes to `name`'s form (sorted, unique).
  std::vector<NodeIndex> matches(std::string_view name) const;

  // Ids of the nodes whose names are closest to `name`, nearest first, each node once.
  std::vector<std::string> closest(std::string_view name, std::size_t count = 3) const;

private:
  const Graph* graph_;
  std::unordered_map<std::string, std::vector<NodeIndex>> by_key_;
  std::vector<std::string> all_names_;
};

// Resolves a relation name (or its inverse reading, setting `inverse`); throws Error(unknown_name)
// listing the closest relations.
RelIndex resolve_relation(const Schema& schema, std::string_view name, bool& inverse);
// Throws Error(unknown_name) unless `name` is a node type of the schema.
TypeIndex resolve_type(const Schema& schema, std::string_view name);

} // namespace mlkg
