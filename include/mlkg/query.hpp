#pragma once
// Questions asked of a graph: paths, neighbourhoods, reverse lookups, pipelines, comparisons.
// Every answer carries a Subgraph, from which text, JSON and drawings are made.
// Walks count hops (every edge weighs 1) and, unless told otherwise, follow edges both ways while
// reporting each edge in its true direction.

#include "mlkg/graph.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlkg {

// Which way a walk may follow an edge, seen from the node it stands on.
enum class Direction { both, out, in };

// A relation as the user named it: "mitigates", or its inverse reading "mitigated-by".
struct RelationReading {
  RelIndex rel = 0;
  bool inverse = false;
};

// Bounds that keep a query on a huge graph from running away. Hitting one cuts the answer short
// (QueryResult::truncated) instead of failing.
struct SearchLimits {
  std::size_t max_steps = 50'000'000; // edges examined, summed over every search of one query
  std::size_t max_nodes = 500;        // nodes a neighbourhood may list (its --type's; the center aside)
};

// Limits on what a user may ask for; beyond them a query is a usage error.
inline constexpr int max_k = 1000;
inline constexpr int max_depth = 10;

// The nodes and edges a query touched, and which of them answer it.
struct Subgraph {
  std::vector<NodeIndex> nodes;   // sorted by id
  std::vector<EdgeIndex> edges;   // sorted by (from id, relation name, to id)
  std::vector<NodeIndex> asked;   // the nodes named in the query, in the order given
  std::vector<NodeIndex> answers; // sorted by id
  std::string caption;            // the query in command-line form: "path kinesis-data-streams s3 --k 3"

  bool is_answer(NodeIndex n) const;
};

// What every query result shares.
struct QueryResult {
  Subgraph subgraph;
  bool truncated = false;
  std::string truncation; // why the answer may be incomplete, for the user
};

// A walk without repeated nodes. edges[i] joins nodes[i] and nodes[i + 1], in whichever direction it
// points in the graph.
struct Path {
  std::vector<NodeIndex> nodes;
  std::vector<EdgeIndex> edges;

  std::size_t length() const { return edges.size(); }
};

// The name of edge `e` read starting from `from`: the relation's name when `from` is its source,
// otherwise its inverse ("mitigated-by"). Symmetric relations read the same both ways.
const std::string& reading(const Graph& graph, EdgeIndex e, NodeIndex from);

// ---- path ----

struct PathQuery {
  NodeIndex from = 0;
  NodeIndex to = 0;
  int k = 1;                       // how many shortest loopless paths
  std::vector<RelIndex> relations; // only these; empty: every relation
  std::optional<NodeIndex> via;    // every path passes through it
  std::vector<NodeIndex> avoid;    // no path enters these
  bool directed = false;           // follow edges forward only
  std::optional<int> max_hops;     // no longer paths
  // Without `relations`: paths made only of flow edges (feeds...) walked forward come first, then
  // walks avoiding relations the schema marks "paths": false, then any walk, until k are found.
  // False: plain shortest paths over every relation.
  bool prefer_flow = true;
  SearchLimits limits;
};

struct PathResult : QueryResult {
  PathQuery query;
  // Shortest first; equal lengths ordered by their node ids, compared hop by hop from the start.
  std::vector<Path> paths;
};

// True when every edge of the path is a flow relation walked from its source to its target.
bool follows_flow(const Graph& graph, const Path& path);

// The walks a path query tries in turn, each adding paths the earlier ones did not find, until k: for a
// bare `path`, chains of flow relations walked forward, then walks over relations whose schema has
// "paths" not false, then any walk; with --rel or --any, the one walk asked for.
struct PathTier {
  std::vector<RelIndex> relations; // empty: every relation
  Direction direction = Direction::both;
};
std::vector<PathTier> path_tiers(const Graph& graph, const PathQuery& query);

// Yen's k shortest loopless paths. Throws Error(usage) for a query that makes no sense
// (k < 1, from == to, --via among --avoid, ...).
PathResult find_paths(const Graph& graph, const PathQuery& query);

// ---- neighbours ----

struct NeighbourQuery {
  NodeIndex center = 0;
  int depth = 1;
  std::vector<RelIndex> relations; // walk only these; empty: every relation
  std::vector<TypeIndex> types;    // list only these (the walk passes through any); empty: every type
  Direction direction = Direction::both;
  SearchLimits limits;
};

struct Neighbour {
  NodeIndex node = 0;
  int distance = 0;     // hops from the center
  NodeIndex parent = 0; // the node it was reached from (the smallest id among those one hop closer)
  EdgeIndex edge = 0;   // joins parent and node
};

struct NeighbourResult : QueryResult {
  NeighbourQuery query;
  std::vector<Neighbour> neighbours; // sorted by distance, then id; the center is not listed
};

NeighbourResult find_neighbours(const Graph& graph, const NeighbourQuery& query);

// ---- related / what ----

struct RelatedQuery {
  NodeIndex node = 0;
  std::vector<RelationReading> relations; // at least one
  Direction direction =
      Direction::both;        // relative to each reading: --in with "mitigates" finds what mitigates the node
  bool asked_as_what = false; // `what mitigates X` rather than `related X --rel mitigates --in`
};

struct RelatedNode {
  NodeIndex node = 0;
  EdgeIndex edge = 0;
};

struct RelatedResult : QueryResult {
  RelatedQuery query;
  std::vector<RelatedNode> related; // sorted by reading from the queried node, then id
};

RelatedResult find_related(const Graph& graph, const RelatedQuery& query);

// ---- pipeline ----

struct PipelineQuery {
  std::vector<NodeIndex> stages;   // at least two
  std::vector<RelIndex> relations; // flow relations only; empty: every flow relation of the schema
  SearchLimits limits;
};

// A service works through its parts: A -> B holds "through P" when P is part of A and P feeds B,
// or when A feeds P and P is part of B (one flow edge and one part-of edge).
struct PipelineLink {
  NodeIndex from = 0;
  NodeIndex to = 0;
  // The flow edges from -> to, or, through a part, that part's flow edge and its part-of edge.
  // Empty when the link is broken.
  std::vector<EdgeIndex> edges;
  std::optional<NodeIndex> through; // the part that carries the link
  // For a broken link: the shortest forward chain of flow edges between the two, else the shortest
  // path both ways over relations that link things (not "paths": false traits such as has-property;
  // bridge_is_flow false), else nothing: shared traits are no connection.
  std::optional<Path> bridge;
  bool bridge_is_flow = false;

  bool ok() const { return !edges.empty(); }
};

struct PipelineResult : QueryResult {
  PipelineQuery query;
  std::vector<PipelineLink> links;

  bool valid() const;
};

PipelineResult check_pipeline(const Graph& graph, const PipelineQuery& query);

// ---- slice (render --all / --section / --type) ----

// `nodes` and every edge between two of them: a slice of the graph to draw whole.
Subgraph induced_subgraph(const Graph& graph, std::vector<NodeIndex> nodes, std::string caption);

// ---- compare / explain ----

// A fact of `node` that mentions the other node by id, label or alias.
struct NodeFact {
  NodeIndex node = 0;
  std::string text;
};

struct SharedNeighbour {
  NodeIndex node = 0;
  std::vector<EdgeIndex> a_edges; // how A is linked to it
  std::vector<EdgeIndex> b_edges; // how B is linked to it
};

struct CompareResult : QueryResult {
  NodeIndex a = 0;
  NodeIndex b = 0;
  std::vector<EdgeIndex> between;      // edges joining A and B directly (alternative-to, contrasts-with, ...)
  std::vector<NodeFact> facts;         // facts of either that mention the other
  std::vector<SharedNeighbour> shared; // sorted by id
  std::vector<EdgeIndex> only_a;       // A's edges to nodes B is not linked to, by reading then id
  std::vector<EdgeIndex> only_b;
};

CompareResult compare_nodes(const Graph& graph, NodeIndex a, NodeIndex b);

struct ExplainResult : QueryResult {
  NodeIndex a = 0;
  NodeIndex b = 0;
  std::vector<EdgeIndex> edges; // every edge joining A and B, either way
  std::vector<NodeFact> facts;  // facts of either that mention the other
};

ExplainResult explain_link(const Graph& graph, NodeIndex a, NodeIndex b);

} // namespace mlkg
