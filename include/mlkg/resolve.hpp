#pragma once

#include "mlkg/error.hpp"
#include "mlkg/graph.hpp"
#include "mlkg/once.hpp"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlkg {

// Turns what a user types ("Amazon Kinesis Firehose", "firehose", "box plots") into a node. The
// first rule that picks out any node decides:
//  1. an id, exactly;
//  2. a label or alias exactly as written (case, underscores and symbols kept);
//  3. a name after normalize_name() ("aws glue" is "AWS Glue");
//  4. a name after loose_name(): plural and singular, British and US spelling alike ("box plots");
//  5. rules 3 and 4 with underscores read as spaces ("kinesis_data_firehose");
//  6. the leading words of a name ("mode imputation", "private workforce").
// A rule that picks out several nodes makes the name ambiguous. Rule 1 needs no index; rules 2 and 3
// are answered by a pass over the names for the first few look-ups, which keeps nothing; the index of
// every name (for a million nodes, about half a second and 240 MB) is built, in one pass, the first time
// a later rule, a suggestion or clashes() needs it.
class NameIndex {
public:
  explicit NameIndex(const Graph& graph);
  ~NameIndex();

  // Throws Error(unknown_name) with suggestions(), or Error(ambiguous_name) listing candidates.
  NodeIndex resolve(std::string_view name) const;

  // The nodes the first matching rule picks out (sorted, unique); empty when no rule matches.
  std::vector<NodeIndex> matches(std::string_view name) const;

  // Ids of the nodes whose names are closest to `name`, nearest first, each node once.
  std::vector<std::string> closest(std::string_view name, std::size_t count = 3) const;

  // Ids of the nodes with a name that holds `name`'s words (loose, as rule 4 reads them) as whole words in a
  // row: "tuning" is in "Automatic model tuning". Fewest other words first, then the shorter name, then by id.
  // One pass over every name.
  std::vector<std::string> containing(std::string_view name, std::size_t count = 5) const;

  // What "did you mean" offers for a name no node has: containing(), then closest(), each node once, at most 5.
  std::vector<std::string> suggestions(std::string_view name) const;

  // Where a node's member ("label", "aliases/2", "id") was written, when the graph's files are at hand.
  using PlaceOf = std::function<Location(NodeIndex node, const std::string& member)>;

  // One warning for each set of nodes that share a name once normalised (rule 3 or 4): a user
  // typing it loosely gets "ambiguous". Sorted by the shared name. Each is placed, through `place_of`,
  // at the name of the last of its nodes (the one most likely added last).
  std::vector<Diagnostic> clashes(const PlaceOf& place_of = {}) const;

private:
  struct Index; // every name's forms and their look-up tables; see resolve.cpp
  std::vector<NodeIndex> leading_words(std::string_view name) const;
  std::vector<NodeIndex> normalized(std::string_view name) const;
  // Rules 2 and 3 by one pass over every node's names, for the first few look-ups before the index is built.
  std::vector<NodeIndex> exact_or_normalized(std::string_view name) const;
  const Index& index() const;

  const Graph* graph_;
  mutable detail::Once built_;
  mutable std::unique_ptr<const Index> index_;
  // A pass costs a few hundredths of building the index: a command that looks up more names builds it.
  mutable std::atomic<int> passes_left_{8};
};

// Relation and type names as a user types them: in any case, with spaces or underscores for hyphens
// ("Data format" is data-format, "MITIGATED BY" is mitigated-by).
std::optional<RelIndex> find_relation_as_typed(const Schema& schema, std::string_view name, bool& inverse);
std::optional<TypeIndex> find_type_as_typed(const Schema& schema, std::string_view name);

// Resolves a relation name (or its inverse reading, setting `inverse`) as typed; throws Error(unknown_name)
// listing the closest relations.
RelIndex resolve_relation(const Schema& schema, std::string_view name, bool& inverse);
// A node type as typed; throws Error(unknown_name) with the closest types, or all of them.
TypeIndex resolve_type(const Schema& schema, std::string_view name);

} // namespace mlkg
