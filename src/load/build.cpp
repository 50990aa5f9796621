// The checks that span files, and the graph built in bulk from the records. Every check costs a
// hash probe or an array look-up per node or edge: ids are interned numbers, names and edge keys
// go through open-addressing tables, nothing is keyed by freshly built strings.
#include "graph/arrays.hpp"
#include "graph/hash.hpp"
#include "graph/id_table.hpp"
#include "load/records.hpp"
#include "load/validate.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"

#include <algorithm>
#include <unordered_map>

namespace mlkg::detail {

namespace {

constexpr std::uint32_t unknown_relation = none - 1; // a relation name the schema does not have

// A name from a file as a message quotes it: its first 200 bytes, then how many more there are (an unknown
// id may be a megabyte long, and a hundred such messages should not be as long as the file).
std::string quoted_part(std::string_view text) { return clipped(text, 200); }

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

// A set of hashes, one bit each: a hash it holds may be one it was not given (another shares its bit),
// but a hash it was given is never missed.
class HashBits {
public:
  HashBits(std::size_t expected, std::size_t bits_each) {
    std::size_t bits = 64;
    while (bits < expected * bits_each) bits *= 2;
    words_.assign(bits / 64, 0);
    mask_ = bits - 1;
  }
  // Whether it held the hash already.
  bool insert(std::uint64_t hash) {
    std::uint64_t& w = word(hash);
    const bool held = w & bit(hash);
    w |= bit(hash);
    return held;
  }
  bool contains(std::uint64_t hash) const { return words_[(hash & mask_) >> 6] & bit(hash); }
  const void* place(std::uint64_t hash) const { return &words_[(hash & mask_) >> 6]; }

private:
  static std::uint64_t bit(std::uint64_t hash) { return std::uint64_t{1} << (hash & 63); }
  std::uint64_t& word(std::uint64_t hash) { return words_[(hash & mask_) >> 6]; }

  BigVector<std::uint64_t> words_;
  std::size_t mask_ = 0;
};

// Which of many hashes may occur more than once, in two passes: the first gives every hash (add), each
// looked up in a set of those before it, and keeps the ones met before in a set small enough for the
// caches, which the second pass asks (repeated). The first set does not fit the caches on a big graph, so
// a chunk of hashes is looked up at a time, fetching a little ahead.
class RepeatedHashes {
public:
  explicit RepeatedHashes(std::size_t expected) : seen_(expected, 8) {}
  void add(std::uint64_t hash) {
    pending_.push_back(hash);
    if (pending_.size() == chunk) look_up();
  }
  // The hashes given more than once (and a few others); `keys`: how many of the given keys have them, at most.
  HashBits repeated(std::size_t& keys) {
    look_up();
    HashBits result(again_.size(), 32);
    for (const std::uint64_t h : again_) result.insert(h);
    keys = 2 * again_.size();
    return result;
  }

private:
  static constexpr std::size_t chunk = 256, ahead = 16;
  void look_up() {
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      if (i + ahead < pending_.size()) __builtin_prefetch(seen_.place(pending_[i + ahead]));
      if (seen_.insert(pending_[i])) again_.push_back(pending_[i]);
    }
    pending_.clear();
  }

  HashBits seen_;
  std::vector<std::uint64_t> pending_, again_;
};

// Edges already accepted, by (from, relation, to); symmetric relations by their unordered ends. Each
// slot keeps 32 bits of the key's hash beside the edge, so a probe past another edge's slot does not
// have to read that edge (a cache miss per probe on a big graph).
class EdgeKeys {
public:
  explicit EdgeKeys(std::size_t expected) {
    std::size_t capacity = 16;
    while (capacity * 2 < expected * 3) capacity *= 2; // at most 2/3 full: with the tags, long probes are cheap
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
  }
  // The edge already holding this key, or `edge` after storing it; `key_of(e)` gives edge e's key.
  template <class KeyOf> EdgeIndex insert(const Edge& key, EdgeIndex edge, const KeyOf& key_of) {
    const std::uint64_t h = hash(key);
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

  static std::uint64_t hash(const Edge& key) {
    std::uint64_t h = (std::uint64_t{key.from} << 32 | key.to) * 0x9E3779B97F4A7C15ull ^ key.rel;
    return h ^ (h >> 31);
  }
  // Where a look-up of `key` starts, to fetch early.
  const void* place(const Edge& key) const { return &slots_[hash(key) & mask_]; }

private:
  struct Slot {
    std::uint32_t edge = IdTable::empty;
    std::uint32_t tag = 0;
  };
  BigVector<Slot> slots_;
  std::size_t mask_ = 0;
};

// "did you mean" for unknown node ids: the ids next to it in sorted order and in sorted order of the reversed
// ids (so that a typo near either end is found), then every id when that costs at most about 4 million steps
// of edit distance (a graph of a few thousand nodes; fewer, the longer the id). The nearest come first to
// tighten closest_keys' limit, so that most of the rest are dismissed by their length or letters. With
// suggestions for the first 200 unknown ids only, a big graph with many bad edges stays linear, and a hostile
// one (long ids alike in every letter) costs well under a second.
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
  static constexpr std::size_t every_id_steps = 4000000, neighbours = 16;

  std::string suggest(std::string_view id) {
    if (sorted_.empty()) index();
    std::vector<NameKey> candidates;
    const auto near = [&](const std::vector<Keyed>& order, const std::string& at) {
      const auto first = std::lower_bound(order.begin(), order.end(), at,
                                          [](const Keyed& k, const std::string& s) { return k.first < s; }) -
                         order.begin();
      const auto size = static_cast<std::ptrdiff_t>(order.size()), wide = static_cast<std::ptrdiff_t>(neighbours);
      for (auto i = std::max<std::ptrdiff_t>(0, first - wide); i < std::min(size, first + wide); ++i)
        candidates.push_back(candidate(order[i].second));
    };
    near(sorted_, std::string(id));
    near(reversed_, std::string(id.rbegin(), id.rend()));
    // The edit distance costs about the id's length times twice its limit (half the length) per candidate.
    const std::size_t steps_each = (id.size() + 1) * (id.size() + 3);
    if (graph_.node_count() <= every_id_steps / steps_each)
      for (NodeIndex n = 0; n < graph_.node_count(); ++n) candidates.push_back(candidate(n));
    return did_you_mean(closest_keys(id, candidates));
  }

  // Each list holds its ids (reversed or not) beside their nodes, so sorting compares strings in the list
  // itself (short ones inline), not ids fetched from the graph a node at a time.
  using Keyed = std::pair<std::string, NodeIndex>;
  void index() {
    const std::size_t count = graph_.node_count();
    sorted_.reserve(count);
    reversed_.reserve(count);
    for (NodeIndex n = 0; n < count; ++n) {
      const std::string_view node_id = graph_.node_id(n);
      sorted_.emplace_back(std::string(node_id), n);
      reversed_.emplace_back(std::string(node_id.rbegin(), node_id.rend()), n);
    }
    std::sort(sorted_.begin(), sorted_.end());
    std::sort(reversed_.begin(), reversed_.end());
    keys_.resize(count);
  }
  // Its key, normalized the first time it is a candidate.
  NameKey candidate(NodeIndex n) {
    if (keys_[n].empty()) normalize_name_into(graph_.node_id(n), keys_[n]);
    return {graph_.node_id(n), keys_[n]};
  }

  const Graph& graph_;
  std::vector<Keyed> sorted_, reversed_; // by id, and by reversed id
  std::vector<std::string> keys_;
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

// Normalized names and the node that owns each. Nearly every name is one node's only, and a table of them
// all would not fit the caches on a big graph, so a first pass over every node's names keeps the hashes of
// the names that may be shared (shared_names); a name whose hash is not among them is its own node's. The
// others are interned a chunk of nodes at a time (the interner overlaps the look-ups' cache misses);
// within a chunk, each name is claimed in node order, so the first node to use a name owns it, as if they
// were claimed one by one. The reader hashed each name's key as it read the node (Records::name_keys), so
// only the few names that may be shared are normalized here.
class NameOwners {
public:
  // `keys`: name_key_hash() of every node's names, in node order.
  NameOwners(const NodeTable& table, const BigVector<std::uint32_t>& keys)
      : table_(table), hashes_(keys), shared_(shared_names()) {
    names_.reserve(shared_count_);
    owners_.reserve(shared_count_);
  }
  void clear_chunk() {
    text_.clear();
    ends_.clear();
    kinds_.clear();
  }
  // Adds node i's names (id, label, aliases) to the chunk. Nodes come in table order; one left out (a
  // repeated id) is passed over with skip(i).
  void add(std::uint32_t i) {
    const NodeRecord& record = table_.record(i);
    add_name(hashes_[next_name_++], [&] { return table_.id(i); });
    add_name(hashes_[next_name_++], [&] { return table_.label(i); });
    for (std::uint32_t a = 0; a < record.alias_count; ++a)
      add_name(hashes_[next_name_++], [&] { return table_.alias(i, a); });
  }
  void skip(std::uint32_t i) { next_name_ += 2 + table_.record(i).alias_count; }
  // Interns the chunk's names that may be shared; then owner(k, node) claims its k-th name in turn.
  void intern_chunk() {
    views_.clear();
    for (std::size_t k = 0, first = 0; k < ends_.size(); first = ends_[k++])
      views_.emplace_back(text_.data() + first, ends_[k] - first);
    numbers_.resize(views_.size());
    names_.intern_all(views_.data(), views_.size(), numbers_.data());
    next_ = 0;
  }
  // No letters or digits.
  bool empty(std::size_t k) const { return kinds_[k] == Kind::empty; }
  // The owner of the chunk's k-th name (not empty), after making it `node` if it had none.
  NodeIndex claim(std::size_t k, NodeIndex node) {
    if (kinds_[k] == Kind::unique) return node;
    const std::uint32_t name = numbers_[next_++];
    if (name == owners_.size()) owners_.push_back(node);
    return owners_[name];
  }

private:
  enum class Kind : std::uint8_t { empty, unique, shared };

  template <class NameOf> void add_name(std::uint32_t hash, const NameOf& name_of) {
    if (hash == 0) {
      kinds_.push_back(Kind::empty);
    } else if (!shared_.contains(hash)) {
      kinds_.push_back(Kind::unique);
    } else {
      normalize_name_into(name_of(), key_);
      text_ += key_;
      ends_.push_back(text_.size());
      kinds_.push_back(Kind::shared);
    }
  }

  // The hashes of the names that may be shared: those that met another's bit in a set of them all.
  HashBits shared_names() {
    RepeatedHashes repeated(hashes_.size());
    for (const std::uint32_t hash : hashes_)
      if (hash != 0) repeated.add(hash);
    return repeated.repeated(shared_count_);
  }

  const NodeTable& table_;
  const BigVector<std::uint32_t>& hashes_;
  std::size_t next_name_ = 0;    // of hashes_: the next node's first
  std::size_t shared_count_ = 0; // set while shared_ is made, so declared before it
  HashBits shared_;              // the hashes of the names that may be shared
  Interner names_;               // those names
  BigVector<NodeIndex> owners_;  // by name number
  std::string key_, text_;       // the chunk's shared names end to end
  std::vector<std::size_t> ends_;
  std::vector<Kind> kinds_; // the chunk's names, in the order added
  std::vector<std::string_view> views_;
  std::vector<std::uint32_t> numbers_;
  std::size_t next_ = 0;
};

// Checks the nodes' ids and names, then gives the graph the nodes it keeps (all but repeated ids); returns
// the node of each interned id and the table the graph reads its nodes from.
BigVector<NodeIndex> add_nodes(Graph& graph, Records& r, BigVector<std::uint32_t>& origin_of_node,
                               std::shared_ptr<const NodeTable>& kept) {
  Reporter error(r.errors);
  const NodeTable& table = r.nodes;
  BigVector<NodeIndex> node_of_name(r.names.size(), none);
  // Every id, label and alias, in the form users type them, must name one node only.
  NameOwners owners(table, r.name_keys);
  constexpr std::uint32_t chunk = 1024, ids_ahead = 16;
  std::vector<NodeIndex> node_of; // per node of the chunk: its graph node, or `none` for a repeated id
  for (std::uint32_t begin = 0; begin < table.size(); begin += chunk) {
    const std::uint32_t end = static_cast<std::uint32_t>(std::min<std::size_t>(table.size(), begin + chunk));
    owners.clear_chunk();
    node_of.clear();
    for (std::uint32_t i = begin; i < end; ++i) {
      // Edges named most ids before their nodes did, so the numbers are scattered: fetched a little ahead.
      if (i + ids_ahead < table.size()) __builtin_prefetch(&node_of_name[r.node_origins[i + ids_ahead].name]);
      NodeIndex& n = node_of_name[r.node_origins[i].name];
      if (n != none) {
        node_of.push_back(none);
        owners.skip(i);
        continue;
      }
      n = static_cast<NodeIndex>(origin_of_node.size());
      node_of.push_back(n);
      origin_of_node.push_back(i);
      owners.add(i);
    }
    owners.intern_chunk();
    std::size_t k = 0; // the chunk's names, in the order added
    for (std::uint32_t i = begin; i < end; ++i) {
      const NodeOrigin& o = r.node_origins[i];
      const NodeIndex n = node_of[i - begin];
      if (n == none) {
        const NodeOrigin& first = r.node_origins[origin_of_node[node_of_name[o.name]]];
        error.with_place(o.file, node_pointer(o) + "/id", "duplicate id '" + quoted_part(table.id(i)) + "'",
                         "first defined at ", first.file, node_pointer(first));
        continue;
      }
      // An empty id or label was reported as read (missing, of the wrong type or empty); an empty alias was not.
      const auto claim = [&](std::string_view name, bool alias, const auto& pointer) {
        const std::size_t this_name = k++;
        if (owners.empty(this_name)) {
          if (!name.empty())
            error(o.file, pointer(), "name '" + quoted_part(name) + "' has no letters or digits");
          else if (alias)
            error(o.file, pointer(), "alias is empty");
          return;
        }
        const NodeIndex owner = owners.claim(this_name, n);
        if (owner == n) return;
        const std::uint32_t other = origin_of_node[owner];
        const std::string_view other_label = table.label(other);
        error(o.file, pointer(),
              "name '" + quoted_part(name) + "' also names node '" + quoted_part(table.id(other)) + "'" +
                  (other_label.empty() ? std::string() : " (" + std::string(other_label) + ")"),
              alias ? "names must pick out one node; drop or reword the alias"
                    : "names must pick out one node; reword one of them");
      };
      claim(table.id(i), false, [&] { return node_pointer(o) + "/id"; });
      claim(table.label(i), false, [&] { return node_pointer(o) + "/label"; });
      for (std::uint32_t a = 0; a < table.record(i).alias_count; ++a)
        claim(table.alias(i, a), true, [&] { return node_pointer(o) + "/aliases/" + std::to_string(a); });
    }
  }
  r.name_keys = {}; // read by `owners` only

  if (origin_of_node.size() == table.size())
    kept = std::make_shared<const NodeTable>(std::move(r.nodes));
  else
    kept = std::make_shared<const NodeTable>(table.select(origin_of_node));
  r.nodes = {};
  GraphArrays::adopt_nodes(graph, kept);
  return node_of_name;
}

// Where an unknown node may be, when files could not be read: "it may be defined in a.json, which could
// not be read".
std::string unread_hint(const std::vector<std::string>& unreadable) {
  if (unreadable.empty()) return {};
  std::string names;
  for (std::size_t i = 0; i < unreadable.size() && i < 3; ++i) names += (i ? ", " : "") + unreadable[i];
  if (unreadable.size() > 3) names += " and " + std::to_string(unreadable.size() - 3) + " more";
  return "it may be defined in " + names + (unreadable.size() == 1 ? ", which" : ", which files") +
         " could not be read";
}

// The hashes of the duplicate-edge check's keys that may be shared, as shared_names finds the names: by the
// key `hash_of(edge, relation)` of every edge of a known relation. `count`: how many edges those are at most.
template <class RelationOf, class HashOf>
HashBits shared_edge_keys(const Records& r, const RelationOf& relation_of, const HashOf& hash_of, std::size_t& count) {
  RepeatedHashes hashes(r.edges.size());
  for (const EdgeRecord& e : r.edges) {
    const std::uint32_t rel = relation_of(e.rel_name);
    if (rel != unknown_relation) hashes.add(hash_of(e, rel));
  }
  return hashes.repeated(count);
}

BigVector<std::uint32_t> add_edges(Graph& graph, Records& r, const BigVector<NodeIndex>& node_of_name,
                                   const std::vector<std::string>& unreadable) {
  Reporter error(r.errors);
  const std::string unread = unread_hint(unreadable);
  const Schema& schema = graph.schema();
  const auto from_ok = allowed(schema, true), to_ok = allowed(schema, false);
  BigVector<std::uint32_t> rel_of_name(r.names.size(), none); // none: not looked up yet
  ClosestIds closest_ids(graph);
  const auto suggest_id = [&](const std::string& id) { return unread.empty() ? closest_ids(id) : unread; };
  SuggestionCache closest_relations([&schema] { return schema.relation_names(); });
  const auto relation_of = [&](std::uint32_t name) {
    std::uint32_t& rel = rel_of_name[name];
    if (rel == none) {
      const auto found = schema.find_relation(r.names.view(name));
      rel = found ? *found : unknown_relation;
    }
    return rel;
  };
  const auto key_of = [&](const Edge& e) {
    return schema.relations[e.rel].symmetric ? Edge{std::min(e.from, e.to), std::max(e.from, e.to), e.rel} : e;
  };
  // A key by interned names (a node's id is one name, so edges of one key by nodes have one key here too).
  const auto name_key_hash = [&](const EdgeRecord& e, std::uint32_t rel) {
    return EdgeKeys::hash(key_of({e.from, e.to, static_cast<RelIndex>(rel)}));
  };
  std::size_t shared_count = 0;
  const HashBits shared = shared_edge_keys(r, relation_of, name_key_hash, shared_count);
  EdgeKeys keys(shared_count);
  const auto accepted_key = [&](EdgeIndex e) { return key_of(graph.edge(e)); };
  const auto id_of = [&graph](NodeIndex n) { return std::string(graph.node_id(n)); };
  BigVector<std::uint32_t> record_of_edge;
  record_of_edge.reserve(r.edges.size());
  BigVector<TypeIndex> type_of(graph.node_count()); // read per edge: 2 bytes a node stay in cache, Nodes do not
  for (NodeIndex n = 0; n < graph.node_count(); ++n) type_of[n] = graph.node_type(n);

  // On a big graph the look-ups below miss the cache: the ends of an edge a little ahead and the bit saying
  // whether its key may repeat, then for one nearer the ends' types and, if the key may repeat, its slot in
  // the duplicate check, are fetched early. (In the loop itself: GCC drops a function that only prefetches
  // as having no effect.)
  constexpr std::size_t ends_ahead = 16, types_ahead = 8;
  for (std::uint32_t i = 0; i < r.edges.size(); ++i) {
    if (i + ends_ahead < r.edges.size()) {
      const EdgeRecord& f = r.edges[i + ends_ahead];
      __builtin_prefetch(&node_of_name[f.from]);
      __builtin_prefetch(&node_of_name[f.to]);
      const std::uint32_t rel = relation_of(f.rel_name);
      if (rel != unknown_relation) __builtin_prefetch(shared.place(name_key_hash(f, rel)));
    }
    if (i + types_ahead < r.edges.size()) {
      const EdgeRecord& f = r.edges[i + types_ahead];
      const NodeIndex from = node_of_name[f.from], to = node_of_name[f.to];
      const std::uint32_t rel = relation_of(f.rel_name);
      if (from != none && to != none) {
        __builtin_prefetch(&type_of[from]);
        __builtin_prefetch(&type_of[to]);
        if (rel != unknown_relation && shared.contains(name_key_hash(f, rel)))
          __builtin_prefetch(keys.place(key_of({from, to, static_cast<RelIndex>(rel)})));
      }
    }
    const EdgeRecord& e = r.edges[i];
    const NodeIndex from = node_of_name[e.from], to = node_of_name[e.to];
    const std::uint32_t rel = relation_of(e.rel_name);
    if (from == none || to == none || rel == unknown_relation) {
      const std::string pointer = edge_pointer(e);
      const std::string from_id(r.names.view(e.from)), to_id(r.names.view(e.to)), rel_name(r.names.view(e.rel_name));
      if (from == none)
        error(e.file, pointer + "/from", "unknown node '" + quoted_part(from_id) + "'", suggest_id(from_id));
      if (to == none) error(e.file, pointer + "/to", "unknown node '" + quoted_part(to_id) + "'", suggest_id(to_id));
      if (rel == unknown_relation)
        error(e.file, pointer + "/rel", "unknown relation '" + quoted_part(rel_name) + "'",
              closest_relations.suggest(rel_name));
      continue;
    }
    const Relation& relation = schema.relations[rel];
    if (from == to) {
      error(e.file, edge_pointer(e), "edge links '" + id_of(from) + "' to itself");
      continue;
    }
    const TypeIndex from_type = type_of[from], to_type = type_of[to];
    if (!from_ok[rel][from_type]) {
      error(e.file, edge_pointer(e) + "/from",
            "'" + relation.name + "' cannot start at a " + graph.type_name(from) + " ('" + id_of(from) + "')",
            "allowed: " + join(relation.from_types));
      continue;
    }
    if (!to_ok[rel][to_type]) {
      error(e.file, edge_pointer(e) + "/to",
            "'" + relation.name + "' cannot end at a " + graph.type_name(to) + " ('" + id_of(to) + "')",
            "allowed: " + join(relation.to_types));
      continue;
    }
    const auto rel_index = static_cast<RelIndex>(rel);
    const auto next = static_cast<EdgeIndex>(graph.edge_count());
    const bool may_repeat = shared.contains(name_key_hash(e, rel));
    const EdgeIndex first = may_repeat ? keys.insert(key_of({from, to, rel_index}), next, accepted_key) : next;
    if (first != next) {
      const EdgeRecord& earlier = r.edges[record_of_edge[first]];
      error.with_place(e.file, edge_pointer(e), "duplicate edge " + id_of(from) + " " + relation.name + " " + id_of(to),
                       "first at ", earlier.file, edge_pointer(earlier));
      continue;
    }
    record_of_edge.push_back(i);
    const std::uint32_t note_first = i ? r.edges[i - 1].note_end : 0;
    const std::uint32_t source_first = i ? r.edges[i - 1].source_end : 0;
    graph.add_edge({from, to, rel_index}, std::string_view(r.notes.data() + note_first, e.note_end - note_first),
                   LineSpan(r.sources.data() + source_first, e.source_end - source_first));
  }
  return record_of_edge;
}

// Facts a node states twice (normalized alike): each later one with the first, in the node's order. Each
// node's facts are normalized into strings kept from node to node, and compared pairwise when they are few
// (nearly always: no allocation, no hashing); many are sorted, so a hostile node costs k log k, not k².
class RepeatedFacts {
public:
  template <class Report> void check(const NodeTable& nodes, NodeIndex n, std::uint32_t facts, const Report& report) {
    if (keys_.size() < facts) keys_.resize(facts);
    for (std::uint32_t i = 0; i < facts; ++i) normalize_name_into(nodes.fact(n, i), keys_[i]);
    if (facts <= 16) {
      for (std::uint32_t i = 1; i < facts; ++i)
        for (std::uint32_t j = 0; j < i; ++j)
          if (keys_[j] == keys_[i]) {
            report(i, j);
            break;
          }
      return;
    }
    order_.resize(facts);
    for (std::uint32_t i = 0; i < facts; ++i) order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return keys_[a] < keys_[b]; });
    repeats_.clear();
    for (std::size_t k = 1; k < order_.size(); ++k) {
      std::size_t first = k - 1;
      while (k < order_.size() && keys_[order_[k]] == keys_[order_[first]])
        repeats_.emplace_back(order_[k++], order_[first]);
    }
    std::sort(repeats_.begin(), repeats_.end());
    for (const auto& [later, first] : repeats_) report(later, first);
  }

private:
  std::vector<std::string> keys_; // by fact, capacity kept
  std::vector<std::uint32_t> order_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> repeats_;
};

// An orphan is a node no edge names. When there are errors, edges refused for one count too, so that the errors
// are not echoed as orphans; when there are none, every edge read is in the graph.
void warn_lint(const Graph& graph, const NodeTable& nodes, const Records& r,
               const BigVector<std::uint32_t>& origin_of_node, const BigVector<NodeIndex>& node_of_name,
               std::vector<Problem>& warnings) {
  Reporter warn(warnings);
  BigVector<std::uint32_t> degree(graph.node_count());
  if (r.errors.empty()) {
    for (EdgeIndex e = 0; e < graph.edge_count(); ++e) {
      ++degree[graph.edge(e).from];
      ++degree[graph.edge(e).to];
    }
  } else {
    const auto named = [&](std::uint32_t name) {
      if (name != none && node_of_name[name] != none) ++degree[node_of_name[name]];
    };
    for (const EdgeRecord& e : r.edges) {
      named(e.from);
      named(e.to);
    }
    for (const std::uint32_t name : r.mentioned) named(name);
  }
  // Sized once: a big graph has orphans by the ten thousand, and a vector of problems grown by doubling
  // copies them all, into fresh pages, each time.
  warnings.reserve(warnings.size() + static_cast<std::size_t>(std::count(degree.begin(), degree.end(), 0u)));
  RepeatedFacts repeated;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const NodeOrigin& o = r.node_origins[origin_of_node[n]];
    if (degree[n] == 0)
      warn(o.file, node_pointer(o), "node '" + std::string(graph.node_id(n)) + "' has no edges (orphan)");
    // The same fact may stand on both sides of a contrast, but not twice on one node.
    const std::uint32_t facts = nodes.record(n).fact_count;
    if (facts < 2) continue;
    repeated.check(nodes, n, facts, [&](std::uint32_t later, std::uint32_t first) {
      warn(o.file, node_pointer(o) + "/facts/" + std::to_string(later), "fact repeats fact " + std::to_string(first));
    });
  }
}

} // namespace

Graph build_graph(Schema schema, Records& r, const std::vector<std::string>& unreadable) {
  Graph graph(std::move(schema));
  graph.reserve(0, r.edges.size(), r.notes.size(), r.sources.size());
  BigVector<std::uint32_t> origin_of_node; // graph node -> index into r.node_origins
  origin_of_node.reserve(r.nodes.size());
  std::shared_ptr<const NodeTable> nodes;
  const BigVector<NodeIndex> node_of_name = add_nodes(graph, r, origin_of_node, nodes);
  add_edges(graph, r, node_of_name, unreadable);
  warn_lint(graph, *nodes, r, origin_of_node, node_of_name, r.warnings);
  return graph;
}

} // namespace mlkg::detail
