// The checks that span files, and the graph built in bulk from the records. Every check costs a
// hash probe or an array look-up per node or edge: ids are interned numbers, names and edge keys
// go through open-addressing tables, nothing is keyed by freshly built strings.
#include "graph/hash.hpp"
#include "graph/huge_pages.hpp"
#include "graph/id_table.hpp"
#include "load/records.hpp"
#include "load/validate.hpp"
#include "mlkg/names.hpp"

#include <algorithm>
#include <unordered_map>

namespace mlkg::detail {

namespace {

std::string node_pointer(const NodeOrigin& o) { return "/nodes/" + std::to_string(o.element); }
std::string edge_pointer(const EdgeRecord& e) { return "/edges/" + std::to_string(e.element); }

class Reporter {
public:
  explicit Reporter(std::vector<Problem>& sink) : sink_(&sink) {}
  void operator()(std::uint32_t file, std::string pointer, std::string message, std::string suggestion = {}) {
    Problem p;
    p.file = file;
    p.pointer = std::move(pointer);
    p.message = std::move(message);
    p.suggestion = std::move(suggestion);
    sink_->push_back(std::move(p));
  }
  // The suggestion ends with the file:line of (also_file, also_pointer).
  void with_place(std::uint32_t file, std::string pointer, std::string message, std::string suggestion,
                  std::uint32_t also_file, std::string also_pointer) {
    (*this)(file, std::move(pointer), std::move(message), std::move(suggestion));
    sink_->back().also_file = also_file;
    sink_->back().also_pointer = std::move(also_pointer);
  }

private:
  std::vector<Problem>* sink_;
};

// Normalized names and the node that owns each (the interner's tagged table: a probe past another
// name does not read it).
class NameOwners {
public:
  explicit NameOwners(std::size_t expected) {
    names_.reserve(expected);
    owners_.reserve(expected);
  }
  // The owner of `normalized`, after making it `node` if it had none.
  NodeIndex claim(std::string_view normalized, NodeIndex node) {
    const std::uint32_t name = names_.intern(normalized);
    if (name == owners_.size()) owners_.push_back(node);
    return owners_[name];
  }

private:
  Interner names_;
  std::vector<NodeIndex> owners_; // by name number
};

// Edges already accepted, by (from, relation, to); symmetric relations by their unordered ends. Each
// slot keeps 32 bits of the key's hash beside the edge, so a probe past another edge's slot does not
// have to read that edge (a cache miss per probe on a big graph).
class EdgeKeys {
public:
  explicit EdgeKeys(std::size_t expected) {
    std::size_t capacity = 16;
    while (capacity * 2 < expected * 3) capacity *= 2; // at most 2/3 full: with the tags, long probes are cheap
    slots_.reserve(capacity);
    advise_huge_pages(slots_.data(), capacity * sizeof(Slot));
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
  }
  // The edge already holding this key, or `edge` after storing it; `key_of(e)` gives edge e's key.
  template <class KeyOf> EdgeIndex insert(const Edge& key, EdgeIndex edge, const KeyOf& key_of) {
    std::uint64_t h = (std::uint64_t{key.from} << 32 | key.to) * 0x9E3779B97F4A7C15ull ^ key.rel;
    h ^= h >> 31;
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t at = h & mask_;; at = (at + 1) & mask_) {
      Slot& slot = slots_[at];
      if (slot.edge == IdTable::empty) {
        slot = {edge, tag};
        return edge;
      }
      if (slot.tag != tag) continue;
      const Edge k = key_of(slot.edge);
      if (k.from == key.from && k.to == key.to && k.rel == key.rel) return slot.edge;
    }
  }

private:
  struct Slot {
    std::uint32_t edge = IdTable::empty;
    std::uint32_t tag = 0;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

// "did you mean" for unknown node ids. Up to 20 000 nodes every id is a candidate; above, the ids
// next to it in sorted order and in sorted order of the reversed ids (so that a typo near either
// end is still found), which keeps a million-node graph with many bad edges linear.
class ClosestIds {
public:
  explicit ClosestIds(const Graph& graph) : graph_(graph) {}

  // Like SuggestionCache: remembered per name, and only for the first few hundred names.
  std::string operator()(const std::string& id) {
    if (auto it = given_.find(id); it != given_.end()) return it->second;
    if (given_.size() >= 200) return {};
    return given_.emplace(id, suggest(id)).first->second;
  }

private:
  std::string suggest(std::string_view id) {
    if (graph_.node_count() <= 20000) {
      if (all_.empty())
        for (NodeIndex n = 0; n < graph_.node_count(); ++n) all_.push_back(graph_.node(n).id);
      return did_you_mean(closest_names(id, all_));
    }
    if (sorted_.empty()) {
      for (NodeIndex n = 0; n < graph_.node_count(); ++n) {
        sorted_.push_back(graph_.node(n).id);
        reversed_.emplace_back(graph_.node(n).id.rbegin(), graph_.node(n).id.rend());
      }
      std::sort(sorted_.begin(), sorted_.end());
      std::sort(reversed_.begin(), reversed_.end());
    }
    std::vector<std::string> candidates;
    const auto near = [&](const std::vector<std::string>& list, const std::string& key, bool reverse) {
      const auto at = std::lower_bound(list.begin(), list.end(), key) - list.begin();
      for (auto i = std::max<std::ptrdiff_t>(0, at - 16); i < std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(list.size()), at + 16); ++i)
        candidates.push_back(reverse ? std::string(list[i].rbegin(), list[i].rend()) : list[i]);
    };
    near(sorted_, std::string(id), false);
    near(reversed_, std::string(id.rbegin(), id.rend()), true);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    return did_you_mean(closest_names(id, candidates));
  }

  const Graph& graph_;
  std::vector<std::string> all_, sorted_, reversed_;
  std::unordered_map<std::string, std::string> given_;
};

// Per relation and node type: may an edge of the relation start (or end) there?
std::vector<std::vector<char>> allowed(const Schema& schema, bool from) {
  std::vector<std::vector<char>> result(schema.relations.size(), std::vector<char>(schema.node_types.size()));
  for (std::size_t r = 0; r < schema.relations.size(); ++r)
    for (std::size_t t = 0; t < schema.node_types.size(); ++t) {
      const Relation& rel = schema.relations[r];
      result[r][t] = from ? rel.allows_from(schema.node_types[t].name) : rel.allows_to(schema.node_types[t].name);
    }
  return result;
}

std::vector<NodeIndex> add_nodes(Graph& graph, Records& r, std::vector<std::uint32_t>& origin_of_node) {
  Reporter error(r.errors);
  std::vector<NodeIndex> node_of_name(r.names.size(), none);
  // Every id, label and alias, in the form users type them, must name one node only.
  NameOwners owners(r.nodes.size() * 2);
  std::string key;
  for (std::uint32_t i = 0; i < r.nodes.size(); ++i) {
    const NodeOrigin& o = r.node_origins[i];
    const Node& node = r.nodes[i];
    if (node_of_name[o.name] != none) {
      const NodeOrigin& first = r.node_origins[origin_of_node[node_of_name[o.name]]];
      error.with_place(o.file, node_pointer(o) + "/id", "duplicate id '" + node.id + "'", "first defined at ",
                       first.file, node_pointer(first));
      continue;
    }
    const auto n = static_cast<NodeIndex>(origin_of_node.size());
    node_of_name[o.name] = n;
    origin_of_node.push_back(i);
    const auto claim = [&](const std::string& name, const auto& pointer) {
      normalize_name_into(name, key);
      if (key.empty()) {
        error(o.file, pointer(), "name '" + name + "' has no letters or digits");
        return;
      }
      const NodeIndex owner = owners.claim(key, n);
      if (owner == n) return;
      const Node& other = r.nodes[origin_of_node[owner]];
      error(o.file, pointer(), "name '" + name + "' also names node '" + other.id + "' (" + other.label + ")",
            "names must pick out one node; drop or reword the alias");
    };
    claim(node.id, [&] { return node_pointer(o) + "/id"; });
    claim(node.label, [&] { return node_pointer(o) + "/label"; });
    for (std::size_t a = 0; a < node.aliases.size(); ++a)
      claim(node.aliases[a], [&] { return node_pointer(o) + "/aliases/" + std::to_string(a); });
  }

  if (origin_of_node.size() == r.nodes.size()) {
    graph.add_nodes(std::move(r.nodes));
  } else {
    std::vector<Node> nodes;
    nodes.reserve(origin_of_node.size());
    for (std::uint32_t i : origin_of_node) nodes.push_back(std::move(r.nodes[i]));
    graph.add_nodes(std::move(nodes));
  }
  r.nodes = {};
  return node_of_name;
}

std::vector<std::uint32_t> add_edges(Graph& graph, Records& r, const std::vector<NodeIndex>& node_of_name) {
  Reporter error(r.errors);
  const Schema& schema = graph.schema();
  const auto from_ok = allowed(schema, true), to_ok = allowed(schema, false);
  constexpr std::uint32_t unknown = none - 1;
  std::vector<std::uint32_t> rel_of_name(r.names.size(), none); // none: not looked up yet
  ClosestIds closest_ids(graph);
  SuggestionCache closest_relations([&schema] { return schema.relation_names(); });
  EdgeKeys keys(r.edges.size());
  const auto key_of = [&](const Edge& e) {
    return schema.relations[e.rel].symmetric ? Edge{std::min(e.from, e.to), std::max(e.from, e.to), e.rel} : e;
  };
  const auto accepted_key = [&](EdgeIndex e) { return key_of(graph.edge(e)); };
  std::vector<std::uint32_t> record_of_edge;
  record_of_edge.reserve(r.edges.size());
  std::vector<TypeIndex> type_of(graph.node_count()); // read per edge: 2 bytes a node stay in cache, Nodes do not
  for (NodeIndex n = 0; n < graph.node_count(); ++n) type_of[n] = graph.node(n).type;

  for (std::uint32_t i = 0; i < r.edges.size(); ++i) {
    const EdgeRecord& e = r.edges[i];
    const NodeIndex from = node_of_name[e.from], to = node_of_name[e.to];
    std::uint32_t& rel = rel_of_name[e.rel_name];
    if (rel == none) {
      const auto found = schema.find_relation(r.names.view(e.rel_name));
      rel = found ? *found : unknown;
    }
    if (from == none || to == none || rel == unknown) {
      const std::string pointer = edge_pointer(e);
      const std::string from_id(r.names.view(e.from)), to_id(r.names.view(e.to)), rel_name(r.names.view(e.rel_name));
      if (from == none) error(e.file, pointer + "/from", "unknown node '" + from_id + "'", closest_ids(from_id));
      if (to == none) error(e.file, pointer + "/to", "unknown node '" + to_id + "'", closest_ids(to_id));
      if (rel == unknown)
        error(e.file, pointer + "/rel", "unknown relation '" + rel_name + "'", closest_relations.suggest(rel_name));
      continue;
    }
    const Relation& relation = schema.relations[rel];
    if (from == to) {
      error(e.file, edge_pointer(e), "edge links '" + graph.node(from).id + "' to itself");
      continue;
    }
    const TypeIndex from_type = type_of[from], to_type = type_of[to];
    if (!from_ok[rel][from_type]) {
      error(e.file, edge_pointer(e) + "/from",
            "'" + relation.name + "' cannot start at a " + graph.type_name(from) + " ('" + graph.node(from).id + "')",
            "allowed: " + join(relation.from_types));
      continue;
    }
    if (!to_ok[rel][to_type]) {
      error(e.file, edge_pointer(e) + "/to",
            "'" + relation.name + "' cannot end at a " + graph.type_name(to) + " ('" + graph.node(to).id + "')",
            "allowed: " + join(relation.to_types));
      continue;
    }
    const auto rel_index = static_cast<RelIndex>(rel);
    const auto next = static_cast<EdgeIndex>(graph.edge_count());
    const EdgeIndex first = keys.insert(key_of({from, to, rel_index}), next, accepted_key);
    if (first != next) {
      const EdgeRecord& earlier = r.edges[record_of_edge[first]];
      error.with_place(e.file, edge_pointer(e),
                       "duplicate edge " + graph.node(from).id + " " + relation.name + " " + graph.node(to).id,
                       "first at ", earlier.file, edge_pointer(earlier));
      continue;
    }
    record_of_edge.push_back(i);
    const std::uint32_t note_first = i ? r.edges[i - 1].note_end : 0;
    const std::uint32_t source_first = i ? r.edges[i - 1].source_end : 0;
    graph.add_edge({from, to, rel_index}, std::string_view(r.notes).substr(note_first, e.note_end - note_first),
                   LineSpan(r.sources.data() + source_first, e.source_end - source_first));
  }
  return record_of_edge;
}

void warn_lint(const Graph& graph, const Records& r, const std::vector<std::uint32_t>& origin_of_node,
               std::vector<Problem>& warnings) {
  Reporter warn(warnings);
  std::vector<std::uint32_t> degree(graph.node_count());
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) {
    ++degree[graph.edge(e).from];
    ++degree[graph.edge(e).to];
  }
  std::vector<std::string> keys;
  std::unordered_map<std::string, std::size_t> first_of;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const NodeOrigin& o = r.node_origins[origin_of_node[n]];
    if (degree[n] == 0) warn(o.file, node_pointer(o), "node '" + graph.node(n).id + "' has no edges (orphan)");
    // The same fact may stand on both sides of a contrast, but not twice on one node.
    const auto& facts = graph.node(n).facts;
    if (facts.size() < 2) continue;
    first_of.clear();
    for (std::size_t i = 0; i < facts.size(); ++i) {
      auto [it, inserted] = first_of.emplace(normalize_name(facts[i]), i);
      if (!inserted)
        warn(o.file, node_pointer(o) + "/facts/" + std::to_string(i),
             "fact repeats fact " + std::to_string(it->second));
    }
  }
}

} // namespace

Graph build_graph(Schema schema, Records& r) {
  Graph graph(std::move(schema));
  graph.reserve(0, r.edges.size(), r.notes.size(), r.sources.size());
  std::vector<std::uint32_t> origin_of_node; // graph node -> index into r.node_origins
  origin_of_node.reserve(r.nodes.size());
  const std::vector<NodeIndex> node_of_name = add_nodes(graph, r, origin_of_node);
  add_edges(graph, r, node_of_name);
  warn_lint(graph, r, origin_of_node, r.warnings);
  return graph;
}

} // namespace mlkg::detail
