#pragma once
// Text and JSON renderings of query results. JSON shapes are the stable contract in README.md:
// every document has "query" (the question echoed back), "truncated", and the nodes and edges of
// the answer ({"id","label","type"} and {"from","rel","to"}, edges in their true direction).

#include "mlkg/query.hpp"

#include <string>

namespace mlkg {

std::string path_text(const Graph& graph, const PathResult& result);
std::string path_json(const Graph& graph, const PathResult& result);

std::string neighbours_text(const Graph& graph, const NeighbourResult& result);
std::string neighbours_json(const Graph& graph, const NeighbourResult& result);

std::string related_text(const Graph& graph, const RelatedResult& result);
std::string related_json(const Graph& graph, const RelatedResult& result);

std::string pipeline_text(const Graph& graph, const PipelineResult& result);
std::string pipeline_json(const Graph& graph, const PipelineResult& result);

std::string compare_text(const Graph& graph, const CompareResult& result);
std::string compare_json(const Graph& graph, const CompareResult& result);

std::string explain_text(const Graph& graph, const ExplainResult& result);
std::string explain_json(const Graph& graph, const ExplainResult& result);

} // namespace mlkg
