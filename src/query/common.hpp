#pragma once
// Private to the query module: helpers every query uses to shape its result.

#include "mlkg/query.hpp"

#include <string>
#include <vector>

namespace mlkg::detail {

void sort_by_id(const Graph& graph, std::vector<NodeIndex>& nodes);

// Sorted and de-duplicated as Subgraph promises; endpoints of the edges join the nodes.
Subgraph make_subgraph(const Graph& graph, std::vector<NodeIndex> nodes, std::vector<EdgeIndex> edges,
                       std::vector<NodeIndex> asked, std::vector<NodeIndex> answers, std::string caption);

// "a,b,c" for a caption.
std::string id_list(const Graph& graph, const std::vector<NodeIndex>& nodes);
std::string relation_list(const Graph& graph, const std::vector<RelIndex>& relations);

// Throws Error(usage) with `message` unless `ok`.
void require(bool ok, const std::string& message);

} // namespace mlkg::detail
