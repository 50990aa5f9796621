#pragma once
// Private to the command line: turning what the query commands were given into query inputs.

#include "context.hpp"
#include "mlkg/query.hpp"

#include <functional>
#include <string>
#include <vector>

namespace mlkg::cli {

// Relations named by either reading ("mitigates" or "mitigated-by"); throws Error(unknown_name).
std::vector<RelationReading> resolve_readings(const Schema& schema, const std::vector<std::string>& names);
// The relations themselves, whichever reading named them, without repeats.
std::vector<RelIndex> resolve_relations(const Schema& schema, const std::vector<std::string>& names);
// For a walk that follows edges one way: the relations named, and whether they were all named by their
// inverse reading ("has-part" for part-of), so that the walk must run against the edges. A mix of the two
// readings cannot be walked one way: Error(usage), saying which name is the inverse of what.
std::vector<RelIndex> resolve_one_way_relations(const Schema& schema, const std::vector<std::string>& names,
                                                bool& all_inverse);
// For a walk that follows edges as they are stored (path --directed, pipeline): Error(usage) for the first
// name that is an inverse reading, saying `why` it cannot be walked and, from the relation it reads, what
// to type `instead`.
void refuse_inverse_readings(const Schema& schema, const std::vector<std::string>& names, const std::string& why,
                             const std::function<std::string(const Relation&)>& instead);
std::vector<TypeIndex> resolve_types(const Schema& schema, const std::vector<std::string>& names);
std::vector<NodeIndex> resolve_nodes(Context& ctx, const std::vector<std::string>& names);

// The graph's name for a section given in any case or spacing; throws Error(unknown_name) with
// did-you-mean, or the list of sections.
std::string resolve_section(const Graph& graph, const std::string& name);

// "--in" / "--out" flags as a direction.
Direction direction_of(bool in, bool out);

// --emit sparql|cypher: print the query for the exported graph instead of answering it.
void add_emit_option(CLI::App* cmd, std::string& emit);

// Words given as separate arguments, as one name: `mlkg what mitigates class imbalance`.
std::string joined(const std::vector<std::string>& words);

} // namespace mlkg::cli
