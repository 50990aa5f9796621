#include "mlkg/emit.hpp"

#include "export/text.hpp"
#include "mlkg/error.hpp"
#include "mlkg/export.hpp"
#include "mlkg/names.hpp"

#include <algorithm>

namespace mlkg {

namespace {

using detail::cypher_name;
using detail::cypher_string;
using detail::turtle_node_term;
using detail::turtle_relation_term;

Direction reversed(Direction d) {
  return d == Direction::out ? Direction::in : d == Direction::in ? Direction::out : Direction::both;
}

// One step over `relation` in direction `d`, as a SPARQL path element.
std::string sparql_step(const Relation& relation, Direction d) {
  const std::string p = turtle_relation_term(relation.name);
  if (relation.symmetric || d == Direction::both) return p + "|^" + p;
  return d == Direction::out ? p : "^" + p;
}

std::vector<RelIndex> or_all(const Graph& graph, const std::vector<RelIndex>& relations) {
  if (!relations.empty()) return relations;
  std::vector<RelIndex> all;
  for (std::size_t r = 0; r < graph.schema().relations.size(); ++r) all.push_back(static_cast<RelIndex>(r));
  return all;
}

// (r1|^r1|r2...): one hop over any of `relations` in direction `d`.
std::string sparql_hop(const Graph& graph, const std::vector<RelIndex>& relations, Direction d) {
  std::string s;
  for (RelIndex r : or_all(graph, relations)) s += (s.empty() ? "" : "|") + sparql_step(graph.schema().relations[r], d);
  return "(" + s + ")";
}

std::string prefixes() {
  return "PREFIX mlkg: <" + std::string(rdf_vocab) + ">\nPREFIX node: <" + std::string(rdf_node) + ">\nPREFIX type: <" +
         std::string(rdf_type) + ">\n";
}

std::string node(const Graph& graph, NodeIndex n) { return turtle_node_term(graph.node(n).id); }
std::string id(const Graph& graph, NodeIndex n) { return cypher_string(graph.node(n).id); }

// [:A|B] for Cypher, empty for every relation.
std::string cypher_types(const Graph& graph, const std::vector<RelIndex>& relations) {
  std::string s;
  for (RelIndex r : relations)
    s += (s.empty() ? ":" : "|") + cypher_name(detail::upper_snake(graph.schema().relations[r].name));
  return s;
}

// ['A', 'B']: relationship type names as a Cypher list of strings, to test type(r) against.
std::string cypher_type_list(const Graph& graph, const std::vector<RelIndex>& relations) {
  std::string types;
  for (RelIndex r : relations)
    types += (types.empty() ? "" : ", ") + cypher_string(detail::upper_snake(graph.schema().relations[r].name));
  return "[" + types + "]";
}

// The symmetric ones of `relations` (every relation when empty): a directed walk of mlkg's takes their edges
// either way, whichever way each is stored.
std::vector<RelIndex> symmetric_of(const Graph& graph, const std::vector<RelIndex>& relations) {
  std::vector<RelIndex> symmetric;
  for (RelIndex r : or_all(graph, relations))
    if (graph.schema().relations[r].symmetric) symmetric.push_back(r);
  return symmetric;
}

// Cypher: `test` holds for every step of p, relationships(p)[i] taken from nodes(p)[i].
std::string cypher_every_step(const std::string& test) {
  return "all(i IN range(0, length(p) - 1) WHERE " + test + ")";
}

// Cypher, a test for cypher_every_step: relationships(p)[i] points the way `d` (out or in) from nodes(p)[i],
// unless it is of one of the `symmetric` relations.
std::string cypher_walked(const Graph& graph, Direction d, const std::vector<RelIndex>& symmetric) {
  std::string way = std::string(d == Direction::out ? "startNode" : "endNode") + "(relationships(p)[i]) = nodes(p)[i]";
  if (symmetric.empty()) return way;
  return "type(relationships(p)[i]) IN " + cypher_type_list(graph, symmetric) + " OR " + way;
}

// Cypher arrows for a direction: left end, right end.
std::pair<const char*, const char*> arrows(Direction d) {
  return d == Direction::out  ? std::make_pair("-", "->")
         : d == Direction::in ? std::make_pair("<-", "-")
                              : std::make_pair("-", "-");
}

} // namespace

QueryLanguage query_language(std::string_view name) {
  if (name == "sparql") return QueryLanguage::sparql;
  if (name == "cypher") return QueryLanguage::cypher;
  throw Error(ErrorKind::usage, "--emit takes sparql or cypher, not '" + std::string(name) + "'",
              did_you_mean(closest_names(name, {"sparql", "cypher"})));
}

std::string emit_neighbours(const Graph& graph, const NeighbourQuery& q, QueryLanguage language) {
  if (language == QueryLanguage::sparql) {
    // {1,depth} is not SPARQL 1.1: one hop, then depth-1 optional ones.
    const std::string hop = sparql_hop(graph, q.relations, q.direction);
    std::string path = hop;
    for (int i = 1; i < q.depth; ++i) path += "/" + hop + "?";
    std::string s =
        prefixes() + "SELECT DISTINCT ?node WHERE {\n  " + node(graph, q.center) + " " + path + " ?node .\n";
    s += "  FILTER(?node != " + node(graph, q.center) + ")\n";
    if (!q.types.empty()) {
      s += "  VALUES ?type {";
      for (TypeIndex t : q.types)
        s += " " + std::string("<") + std::string(rdf_type) + graph.schema().node_types[t].name + ">";
      s += " }\n  ?node a ?type .\n";
    }
    return s + "}\nORDER BY ?node\n";
  }
  // --out and --in walk a symmetric relation either way, as mlkg does, whichever way its edge is stored: the
  // pattern is undirected then, and every other relationship of the path must point the way it is walked.
  const std::vector<RelIndex> symmetric = symmetric_of(graph, q.relations);
  const bool mixed = q.direction != Direction::both && !symmetric.empty();
  const auto [left, right] = arrows(mixed ? Direction::both : q.direction);
  std::string s = std::string("MATCH ") + (mixed ? "p = " : "") + "(c:Node {id: " + id(graph, q.center) + "})" + left +
                  "[" + cypher_types(graph, q.relations) + "*1.." + std::to_string(q.depth) + "]" + right +
                  "(n:Node)\nWHERE n <> c";
  if (!q.types.empty()) {
    s += " AND n.type IN [";
    for (std::size_t i = 0; i < q.types.size(); ++i)
      s += (i ? ", " : "") + cypher_string(graph.schema().node_types[q.types[i]].name);
    s += "]";
  }
  if (mixed) s += "\n  AND " + cypher_every_step(cypher_walked(graph, q.direction, symmetric));
  return s + "\nRETURN DISTINCT n.id AS node\nORDER BY node;\n";
}

std::string emit_related(const Graph& graph, const RelatedQuery& q, QueryLanguage language) {
  // --in and --out are relative to each reading: incoming "mitigated-by" edges are outgoing "mitigates".
  const auto direction_of = [&](const RelationReading& r) {
    const Relation& relation = graph.schema().relations[r.rel];
    return relation.symmetric ? Direction::both : (r.inverse ? reversed(q.direction) : q.direction);
  };
  if (language == QueryLanguage::sparql) {
    std::string path;
    for (const RelationReading& r : q.relations)
      path += (path.empty() ? "" : "|") + sparql_step(graph.schema().relations[r.rel], direction_of(r));
    return prefixes() + "SELECT DISTINCT ?node WHERE {\n  " + node(graph, q.node) + " (" + path +
           ") ?node .\n}\nORDER BY ?node\n";
  }
  std::string s;
  for (const RelationReading& r : q.relations) {
    const auto [left, right] = arrows(direction_of(r));
    if (!s.empty()) s += "UNION\n";
    s += "MATCH (x:Node {id: " + id(graph, q.node) + "})" + left + "[" + cypher_types(graph, {r.rel}) + "]" + right +
         "(n:Node)\nRETURN n.id AS node\n";
  }
  return s + ";\n";
}

std::string emit_pipeline(const Graph& graph, const PipelineQuery& q, QueryLanguage language) {
  std::vector<RelIndex> flows = q.relations;
  if (flows.empty())
    for (std::size_t r = 0; r < graph.schema().relations.size(); ++r)
      if (graph.schema().relations[r].flow) flows.push_back(static_cast<RelIndex>(r));
  const bool has_parts = graph.schema().find_relation("part-of").has_value();
  if (language == QueryLanguage::sparql) {
    const std::string flow = sparql_hop(graph, flows, Direction::out);
    const std::string part = turtle_relation_term("part-of");
    std::string s = prefixes() + "SELECT DISTINCT ?from ?to WHERE {\n  VALUES (?from ?to) {";
    for (std::size_t i = 0; i + 1 < q.stages.size(); ++i)
      s += " (" + node(graph, q.stages[i]) + " " + node(graph, q.stages[i + 1]) + ")";
    s += " }\n  { ?from " + flow + " ?to }\n";
    if (has_parts) {
      s += "  UNION { ?part " + part + " ?from . ?part " + flow + " ?to }\n";
      s += "  UNION { ?from " + flow + " ?part . ?part " + part + " ?to }\n";
    }
    return s + "}\n";
  }
  const std::string f = "[" + cypher_types(graph, flows) + "]";
  std::string s = "UNWIND [";
  for (std::size_t i = 0; i + 1 < q.stages.size(); ++i)
    s += std::string(i ? ", " : "") + "[" + id(graph, q.stages[i]) + ", " + id(graph, q.stages[i + 1]) + "]";
  s += "] AS link\nMATCH (a:Node {id: link[0]}), (b:Node {id: link[1]})\nWHERE (a)-" + f + "->(b)";
  if (has_parts) s += "\n   OR (a)<-[:PART_OF]-(:Node)-" + f + "->(b)\n   OR (a)-" + f + "->(:Node)-[:PART_OF]->(b)";
  return s + "\nRETURN a.id AS source, b.id AS target;\n";
}

namespace {

// What one tier of a bare path walks, in words.
std::string tier_words(const Graph& graph, const PathTier& tier) {
  if (tier.relations.empty()) return "any walk";
  std::string names;
  bool flow = true;
  for (RelIndex r : tier.relations) {
    names += (names.empty() ? "" : ", ") + graph.schema().relations[r].name;
    flow = flow && graph.schema().relations[r].flow;
  }
  if (flow) return "chains of flow relations walked forward (" + names + ")";
  return "walks over relations that link things (schema \"paths\" not false)";
}

// What the emitted path query returns, as comment lines starting with `mark`.
std::string path_comment(const Graph& graph, const PathQuery& q, const std::vector<PathTier>& tiers, int hops,
                         const std::string& mark) {
  std::string s = mark + " mlkg's path: loopless chains of 1 to " + std::to_string(hops) + " hops";
  if (tiers.size() > 1) {
    s += ", in the order of path's tiers:\n";
    for (std::size_t t = 0; t < tiers.size(); ++t)
      s += mark + "   tier " + std::to_string(t + 1) + ": " + tier_words(graph, tiers[t]) + "\n";
    s += mark + " a chain's tier is the first whose rules walk it; within a tier, shortest first";
  } else {
    s += ", shortest first";
  }
  return s + ", then by node ids hop by hop.\n" + mark + " The first " + std::to_string(q.k) +
         " (--k) are mlkg's answer.\n";
}

// The chain at[0] .. at[n] under one tier's walking rules, as SPARQL triple patterns.
std::string sparql_chain(const Graph& graph, const std::vector<std::string>& at, const PathTier& tier) {
  const std::string hop = sparql_hop(graph, tier.relations, tier.direction);
  std::string s;
  for (std::size_t i = 0; i + 1 < at.size(); ++i) s += (i ? " " : "") + at[i] + " " + hop + " " + at[i + 1] + " .";
  return s;
}

// Cypher: true when every relationship of p may be walked under the tier's rules, as p walks it.
std::string cypher_tier_test(const Graph& graph, const PathTier& tier) {
  std::string test = "type(relationships(p)[i]) IN " + cypher_type_list(graph, tier.relations);
  if (tier.direction != Direction::both) {
    const std::vector<RelIndex> symmetric = symmetric_of(graph, tier.relations);
    const std::string walked = cypher_walked(graph, tier.direction, symmetric);
    test += " AND " + (symmetric.empty() ? walked : "(" + walked + ")");
  }
  return cypher_every_step(test);
}

} // namespace

std::string emit_path(const Graph& graph, const PathQuery& q, QueryLanguage language) {
  const int hops = q.max_hops.value_or(emitted_path_hops);
  const std::vector<PathTier> tiers = path_tiers(graph, q);
  // Every chain any tier finds is a chain of the last (widest) tier; the earlier tiers rank them.
  const PathTier& widest = tiers.back();
  const bool tiered = tiers.size() > 1;
  if (language == QueryLanguage::sparql) {
    std::string s = prefixes() + path_comment(graph, q, tiers, hops, "#") +
                    "# A row is one chain: node, ?x1 ... ?x<length-1>, then the end node.\nSELECT DISTINCT";
    if (tiered) s += " ?tier";
    s += " ?length";
    for (int i = 1; i < hops; ++i) s += " ?x" + std::to_string(i);
    s += " WHERE {\n";
    for (int length = 1; length <= hops; ++length) {
      std::vector<std::string> at{node(graph, q.from)};
      for (int i = 1; i < length; ++i) at.push_back("?x" + std::to_string(i));
      at.push_back(node(graph, q.to));
      s += std::string(length == 1 ? "  { " : "  UNION { ") + "BIND(" + std::to_string(length) + " AS ?length) " +
           sparql_chain(graph, at, widest);
      std::string distinct;
      for (std::size_t i = 0; i < at.size(); ++i)
        for (std::size_t j = i + 1; j < at.size(); ++j)
          if (at[i][0] == '?' || at[j][0] == '?') distinct += (distinct.empty() ? "" : " && ") + at[i] + " != " + at[j];
      for (std::size_t i = 1; i + 1 < at.size(); ++i)
        for (NodeIndex a : q.avoid) distinct += (distinct.empty() ? "" : " && ") + at[i] + " != " + node(graph, a);
      if (q.via) {
        std::string via;
        for (std::size_t i = 1; i + 1 < at.size(); ++i)
          via += (via.empty() ? "" : " || ") + at[i] + " = " + node(graph, *q.via);
        distinct += (distinct.empty() ? "" : " && ") + ("(" + (via.empty() ? std::string("false") : via) + ")");
      }
      if (!distinct.empty()) s += " FILTER(" + distinct + ")";
      if (tiered) {
        // The first tier whose rules walk this chain: ?t1 when tier 1's do, ... (OPTIONAL, then COALESCE:
        // EXISTS inside BIND is standard too, but rdflib cannot evaluate it).
        std::string first;
        for (std::size_t t = 0; t + 1 < tiers.size(); ++t) {
          const std::string var = "?t" + std::to_string(t + 1);
          s += "\n    OPTIONAL { " + sparql_chain(graph, at, tiers[t]) + " BIND(" + std::to_string(t + 1) + " AS " +
               var + ") }";
          first += var + ", ";
        }
        s += "\n    BIND(COALESCE(" + first + std::to_string(tiers.size()) + ") AS ?tier)";
      }
      s += " }\n";
    }
    s += "}\nORDER BY";
    if (tiered) s += " ?tier";
    s += " ?length";
    for (int i = 1; i < hops; ++i) s += " ?x" + std::to_string(i);
    return s + "\nLIMIT " + std::to_string(q.k) + "\n";
  }
  // --directed walks a symmetric relation either way, as mlkg does: as for neighbours --out, the pattern is
  // undirected then, and every other relationship must point the way it is walked.
  const std::vector<RelIndex> symmetric = symmetric_of(graph, widest.relations);
  const bool mixed = widest.direction != Direction::both && !symmetric.empty();
  const auto [left, right] = arrows(mixed ? Direction::both : widest.direction);
  std::string s = path_comment(graph, q, tiers, hops, "//") + "MATCH p = (a:Node {id: " + id(graph, q.from) + "})" +
                  left + "[" + cypher_types(graph, widest.relations) + "*1.." + std::to_string(hops) + "]" + right +
                  "(b:Node {id: " + id(graph, q.to) + "})\n" +
                  "WHERE ALL(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))";
  if (mixed) s += "\n  AND " + cypher_every_step(cypher_walked(graph, widest.direction, symmetric));
  for (NodeIndex a : q.avoid) s += "\n  AND NONE(n IN nodes(p) WHERE n.id = " + id(graph, a) + ")";
  if (q.via) s += "\n  AND ANY(n IN nodes(p) WHERE n.id = " + id(graph, *q.via) + ")";
  s += "\nWITH [n IN nodes(p) | n.id] AS path, length(p) AS hops";
  if (tiered) {
    // The same nodes may be joined by other relationships too: a chain's tier is its best one.
    s += ",\n     CASE";
    for (std::size_t t = 0; t + 1 < tiers.size(); ++t)
      s += "\n       WHEN " + cypher_tier_test(graph, tiers[t]) + " THEN " + std::to_string(t + 1);
    s += "\n       ELSE " + std::to_string(tiers.size()) + " END AS tier\nWITH path, hops, min(tier) AS tier";
  } else {
    s += "\nWITH DISTINCT path, hops";
  }
  return s + "\nRETURN path, hops" + (tiered ? ", tier" : "") + "\nORDER BY " + (tiered ? "tier, " : "") +
         "hops, path\nLIMIT " + std::to_string(q.k) + ";\n";
}

} // namespace mlkg
