#pragma once
// The same question, asked of the database the graph was exported to: a query as SPARQL 1.1 (property
// paths over the Turtle export's vocabulary) or openCypher (Neo4j and Neptune, over the Cypher and
// CSV exports' labels and relationship types). Each returns the query text, ending in a newline.

#include "mlkg/query.hpp"

#include <string>
#include <string_view>

namespace mlkg {

enum class QueryLanguage { sparql, cypher };

// "sparql" or "cypher"; throws Error(usage) with did-you-mean otherwise.
QueryLanguage query_language(std::string_view name);

// SELECT ?node: every node within `depth` hops, as `neighbours` lists them (the center excluded).
std::string emit_neighbours(const Graph& graph, const NeighbourQuery& query, QueryLanguage language);
// SELECT ?node: the nodes `related` / `what` answer.
std::string emit_related(const Graph& graph, const RelatedQuery& query, QueryLanguage language);
// SELECT ?from ?to: the links of the pipeline that hold (a flow edge, directly or through a part).
std::string emit_pipeline(const Graph& graph, const PipelineQuery& query, QueryLanguage language);
// Loopless chains from `from` to `to` of at most `max_hops` edges (PathQuery::max_hops, else 5) in mlkg's
// order, the first `k` of them: path's tiers (path_tiers: for a bare path, flow chains walked forward,
// then walks over linking relations, then any), each shortest first, ties by node ids hop by hop; honours
// --rel, --any, --directed, --via and --avoid. SPARQL rows carry ?tier (when tiered), ?length, ?x1...
std::string emit_path(const Graph& graph, const PathQuery& query, QueryLanguage language);

inline constexpr int emitted_path_hops = 5; // when the query names no --max-hops

} // namespace mlkg
