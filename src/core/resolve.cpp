#include "mlkg/resolve.hpp"

#include "graph/hash.hpp"
#include "graph/huge_pages.hpp"
#include "mlkg/error.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <set>
#include <tuple>

namespace mlkg {

namespace {
constexpr std::size_t listed_candidates = 10;

// The nodes in `nodes`, sorted, each once.
std::vector<NodeIndex> sorted_unique(std::vector<NodeIndex> nodes) {
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  return nodes;
}

std::string spaced_words(std::string_view name) {
  std::string words;
  loose_words_into(name, words);
  return words;
}

// A look-up table: entries sorted by hash. Arrays of a big graph's size take huge pages (mlkg/graph.hpp).
using Table = detail::BigVector<std::uint64_t>;

// A look-up table's entry: 32 bits of a form's hash above the number of the name it is a form of.
std::uint64_t entry(std::string_view form, std::size_t name) { return (detail::hash_text(form) >> 32) << 32 | name; }

// Sorts entries by hash, keeping names in order within a hash: two stable passes of 16 bits each, which read
// a big graph's millions of entries four times in all. `sorted` is scratch room, reused from table to table.
void sort_by_hash(Table& entries, Table& sorted) {
  sorted.resize(entries.size());
  for (const unsigned shift : {32u, 48u}) {
    std::vector<std::size_t> starts((std::size_t{1} << 16) + 1);
    for (const std::uint64_t e : entries) ++starts[((e >> shift) & 0xFFFF) + 1];
    std::partial_sum(starts.begin(), starts.end(), starts.begin());
    for (const std::uint64_t e : entries) sorted[starts[(e >> shift) & 0xFFFF]++] = e;
    entries.swap(sorted);
  }
}
} // namespace

// Every name of every node (label, aliases, id) in four forms, and tables that find a name by a form. Strings
// live end to end in one buffer and the tables hold numbers, so a big graph's millions of names cost a few
// allocations in all, and building the tables costs no string comparison.
struct NameIndex::Index {
  struct Name {
    std::uint64_t at;                         // where its forms start in `text`
    std::uint32_t written, key, loose, words; // the forms' sizes, in this order in `text`
    NodeIndex node;
  };
  std::string text;
  detail::BigVector<Name> names;
  // Entries (see entry()) sorted by hash: a form's names are among a run of equal hashes. `exact` holds the
  // names as written but ids; `leading`, each run of a name's leading words (spaced) followed by another word.
  Table exact, by_key, by_loose, leading;

  std::string_view written(const Name& n) const { return {text.data() + n.at, n.written}; }
  std::string_view key(const Name& n) const { return {text.data() + n.at + n.written, n.key}; }
  std::string_view loose(const Name& n) const { return {text.data() + n.at + n.written + n.key, n.loose}; }
  std::string_view words(const Name& n) const { return {text.data() + n.at + n.written + n.key + n.loose, n.words}; }

  // Calls `each` with the names in `table` whose entry is `form`'s and that `is_named` accepts.
  template <class IsNamed, class Each>
  void each_named(const Table& table, std::string_view form, const IsNamed& is_named, const Each& each) const {
    const std::uint64_t hash = detail::hash_text(form) >> 32;
    for (auto it = std::lower_bound(table.begin(), table.end(), hash << 32); it != table.end() && *it >> 32 == hash;
         ++it) {
      const Name& name = names[*it & 0xFFFFFFFF];
      if (is_named(name)) each(name);
    }
  }

  // The nodes of the names whose form, as `form_of` reads it, is `form`; sorted, each once.
  template <class FormOf>
  std::vector<NodeIndex> nodes(const Table& table, std::string_view form, const FormOf& form_of) const {
    std::vector<NodeIndex> found;
    each_named(
        table, form, [&](const Name& name) { return form_of(name) == form; },
        [&](const Name& name) { found.push_back(name.node); });
    return sorted_unique(std::move(found));
  }

  explicit Index(const Graph& graph);
  void add(std::string_view name, NodeIndex node, bool as_written, NameKeyReader& keys, std::string& scratch);
};

NameIndex::Index::Index(const Graph& graph) {
  std::size_t count = 0, bytes = 0;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const std::size_t aliases = graph.node_alias_count(n);
    count += 2 + aliases;
    bytes += graph.node_label(n).size() + graph.node_id(n).size();
    for (std::size_t a = 0; a < aliases; ++a) bytes += graph.node_alias(n, a).size();
  }
  // An entry holds a name's number in 32 bits.
  if (count > std::numeric_limits<std::uint32_t>::max())
    throw Error(ErrorKind::invalid_graph,
                "the graph has " + std::to_string(count) + " names, more than can be looked up", "split the graph");
  // No form is longer than its name: the reserve holds all four, and the pages never written cost nothing.
  text.reserve(4 * bytes);
  detail::advise_huge_pages(text.data(), text.capacity());
  names.reserve(count);
  for (Table* table : {&exact, &by_key, &by_loose, &leading}) table->reserve(count);
  NameKeyReader keys;
  std::string scratch;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const std::string_view id = graph.node_id(n), label = graph.node_label(n);
    add(label, n, label != id, keys, scratch);
    for (std::size_t a = 0; a < graph.node_alias_count(n); ++a) {
      const std::string_view alias = graph.node_alias(n, a);
      add(alias, n, alias != id, keys, scratch);
    }
    add(id, n, false, keys, scratch);
  }
  Table scratch_table;
  for (Table* table : {&exact, &by_key, &by_loose, &leading}) sort_by_hash(*table, scratch_table);
}

void NameIndex::Index::add(std::string_view written_name, NodeIndex node, bool as_written, NameKeyReader& keys,
                           std::string& scratch) {
  const std::size_t number = names.size();
  Name name{text.size(), static_cast<std::uint32_t>(written_name.size()), 0, 0, 0, node};
  text += written_name;
  const std::string_view key_text = keys.key_of(written_name);
  name.key = static_cast<std::uint32_t>(key_text.size());
  text += key_text;
  loose_words_into(written_name, scratch);
  const std::size_t loose_at = text.size();
  for (std::size_t at = 0; at < scratch.size();) { // the words without their spaces
    const std::size_t end = std::min(scratch.find(' ', at), scratch.size());
    text.append(scratch, at, end - at);
    at = end + 1;
  }
  name.loose = static_cast<std::uint32_t>(text.size() - loose_at);
  name.words = static_cast<std::uint32_t>(scratch.size());
  text += scratch;
  names.push_back(name);
  if (as_written) exact.push_back(entry(written_name, number));
  by_key.push_back(entry(key(name), number));
  by_loose.push_back(entry(loose(name), number));
  const std::string_view spaced = words(name);
  for (std::size_t space = spaced.find(' '); space != std::string_view::npos; space = spaced.find(' ', space + 1))
    leading.push_back(entry(spaced.substr(0, space), number));
}

NameIndex::NameIndex(const Graph& graph) : graph_(&graph) {}
NameIndex::~NameIndex() = default;

const NameIndex::Index& NameIndex::index() const {
  built_([this] { index_ = std::make_unique<const Index>(*graph_); });
  return *index_;
}

std::vector<NodeIndex> NameIndex::normalized(std::string_view name) const {
  const Index& index = this->index();
  const auto key = [&](const Index::Name& n) { return index.key(n); };
  if (auto found = index.nodes(index.by_key, normalize_name(name), key); !found.empty()) return found;
  return index.nodes(index.by_loose, loose_name(name), [&](const Index::Name& n) { return index.loose(n); });
}

std::vector<NodeIndex> NameIndex::leading_words(std::string_view name) const {
  const Index& index = this->index();
  const std::string words = spaced_words(name);
  std::vector<NodeIndex> found;
  if (words.empty()) return found;
  index.each_named(
      index.leading, words,
      [&](const Index::Name& n) {
        const std::string_view spaced = index.words(n);
        return spaced.size() > words.size() && spaced[words.size()] == ' ' &&
               spaced.compare(0, words.size(), words) == 0;
      },
      [&](const Index::Name& n) { found.push_back(n.node); });
  return sorted_unique(std::move(found));
}

std::vector<NodeIndex> NameIndex::exact_or_normalized(std::string_view name) const {
  const Graph& graph = *graph_;
  const std::string key = normalize_name(name);
  NameKeyReader keys;
  const auto is_key = [&](std::string_view other) {
    return other.size() >= key.size() && keys.key_of(other) == key; // a key is never longer than its name
  };
  std::vector<NodeIndex> exact, normalized;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const std::string_view label = graph.node_label(n);
    const std::size_t aliases = graph.node_alias_count(n);
    bool written = label == name;
    for (std::size_t a = 0; a < aliases && !written; ++a) written = graph.node_alias(n, a) == name;
    if (written) {
      exact.push_back(n);
    } else if (exact.empty()) {
      bool same_key = is_key(label) || is_key(graph.node_id(n));
      for (std::size_t a = 0; a < aliases && !same_key; ++a) same_key = is_key(graph.node_alias(n, a));
      if (same_key) normalized.push_back(n);
    }
  }
  return exact.empty() ? normalized : exact;
}

std::vector<NodeIndex> NameIndex::matches(std::string_view name) const {
  if (auto id = graph_->find(name)) return {*id};
  if (!built_.done() && passes_left_.load(std::memory_order_relaxed) > 0 && passes_left_.fetch_sub(1) > 0)
    if (auto found = exact_or_normalized(name); !found.empty()) return found;
  const Index& index = this->index();
  if (auto found = index.nodes(index.exact, name, [&](const Index::Name& n) { return index.written(n); });
      !found.empty())
    return found;
  std::vector<std::string> forms{std::string(name)};
  if (name.find('_') != std::string_view::npos) {
    forms.push_back(forms.front());
    std::replace(forms.back().begin(), forms.back().end(), '_', ' ');
  }
  for (const std::string& form : forms)
    if (auto found = normalized(form); !found.empty()) return found;
  for (const std::string& form : forms)
    if (auto found = leading_words(form); !found.empty()) return found;
  return {};
}

std::vector<std::string> NameIndex::closest(std::string_view name, std::size_t count) const {
  // Several names of one node may be close ("Glue", "AWS Glue"); suggest each node once, by id.
  const Index& index = this->index();
  NearestNames nearest(name, count * 4);
  for (const Index::Name& n : index.names) nearest.offer({index.written(n), index.key(n)});
  std::vector<std::string> result;
  const auto key = [&](const Index::Name& n) { return index.key(n); };
  for (const std::string& candidate : nearest.nearest()) {
    for (NodeIndex n : index.nodes(index.by_key, normalize_name(candidate), key)) {
      const std::string_view id = graph_->node_id(n);
      if (result.size() < count && std::find(result.begin(), result.end(), id) == result.end()) result.emplace_back(id);
    }
  }
  return result;
}

namespace {
// Whether `words` (spaced) stand in `name` (spaced) as whole words in a row.
bool holds_words(std::string_view name, std::string_view words) {
  for (std::size_t at = name.find(words); at != std::string_view::npos; at = name.find(words, at + 1)) {
    const std::size_t end = at + words.size();
    if ((at == 0 || name[at - 1] == ' ') && (end == name.size() || name[end] == ' ')) return true;
  }
  return false;
}

std::size_t word_count(std::string_view spaced) {
  return static_cast<std::size_t>(std::count(spaced.begin(), spaced.end(), ' ')) + 1;
}

constexpr std::size_t max_suggestions = 5;
} // namespace

std::vector<std::string> NameIndex::containing(std::string_view name, std::size_t count) const {
  const Index& index = this->index();
  const std::string words = spaced_words(name);
  if (words.empty() || count == 0) return {};
  // The best `count` nodes so far, each by its best-fitting name, in order: a common word may be in most of a
  // big graph's names, so none of them is kept beyond these.
  struct Fit {
    std::size_t other_words, length;
    std::string_view id;
    NodeIndex node;
    auto key() const { return std::tie(other_words, length, id); }
  };
  std::vector<Fit> best;
  const std::size_t query_words = word_count(words);
  for (const Index::Name& named : index.names) {
    const NodeIndex n = named.node;
    const std::string_view spaced = index.words(named);
    if (spaced.size() < words.size() || !holds_words(spaced, words)) continue;
    const Fit fit{word_count(spaced) - query_words, spaced.size(), graph_->node_id(n), n};
    const auto same = std::find_if(best.begin(), best.end(), [&](const Fit& f) { return f.node == n; });
    if (same != best.end()) {
      if (!(fit.key() < same->key())) continue;
      best.erase(same);
    } else if (best.size() == count && !(fit.key() < best.back().key())) {
      continue;
    }
    best.insert(
        std::upper_bound(best.begin(), best.end(), fit, [](const Fit& a, const Fit& b) { return a.key() < b.key(); }),
        fit);
    if (best.size() > count) best.pop_back();
  }
  std::vector<std::string> ids;
  ids.reserve(best.size());
  for (const Fit& fit : best) ids.emplace_back(fit.id);
  return ids;
}

std::vector<std::string> NameIndex::suggestions(std::string_view name) const {
  // A word of a name ("tuning") is nearer what was meant than a name a few edits away.
  std::vector<std::string> ids = containing(name, max_suggestions);
  for (std::string& id : closest(name))
    if (ids.size() < max_suggestions && std::find(ids.begin(), ids.end(), id) == ids.end())
      ids.push_back(std::move(id));
  return ids;
}

NodeIndex NameIndex::resolve(std::string_view name) const {
  const std::vector<NodeIndex> found = matches(name);
  if (found.size() == 1) return found.front();
  if (found.empty()) {
    const std::string key = normalize_name(name);
    if (key.empty())
      throw Error(ErrorKind::usage, "'" + clipped(name) + "' is not a node name: it has no letters or digits",
                  "give a node's id, label or alias; `mlkg search TEXT` finds one");
    // A lone prefix word is no name's key: every other name drops it, so no name is near it either.
    if (key == "amazon" || key == "aws")
      throw Error(ErrorKind::unknown_name, "'" + clipped(name) + "' names no node",
                  "Amazon and AWS begin most service names and are left out when names are compared: name the "
                  "service; `mlkg list --type service` lists them");
    throw Error(ErrorKind::unknown_name, "'" + clipped(name) + "' names no node", did_you_mean(suggestions(name)));
  }
  std::string candidates;
  for (std::size_t i = 0; i < found.size() && i < listed_candidates; ++i) {
    if (!candidates.empty()) candidates += ", ";
    candidates += graph_->node(found[i]).id + " (" + graph_->node(found[i]).label + ")";
  }
  if (found.size() > listed_candidates)
    candidates += " and " + std::to_string(found.size() - listed_candidates) + " more";
  throw Error(ErrorKind::ambiguous_name, "'" + clipped(name) + "' names several nodes: " + candidates,
              "use one of the ids");
}

std::vector<Diagnostic> NameIndex::clashes(const PlaceOf& place_of) const {
  const Index& index = this->index();
  std::vector<std::pair<std::string, std::vector<NodeIndex>>> shared;
  const auto share = [&](const Table& table, auto form_of) {
    // Names that share a form share a hash: only a run of equal hashes is read as text.
    std::vector<std::pair<std::string_view, NodeIndex>> run;
    for (auto first = table.begin(); first != table.end();) {
      auto last = first + 1;
      while (last != table.end() && *last >> 32 == *first >> 32) ++last;
      if (last - first > 1) {
        run.clear();
        for (auto it = first; it != last; ++it) {
          const Index::Name& name = index.names[*it & 0xFFFFFFFF];
          run.emplace_back(form_of(name), name.node);
        }
        std::sort(run.begin(), run.end());
        for (auto same = run.begin(); same != run.end();) {
          std::vector<NodeIndex> nodes;
          auto end = same;
          for (; end != run.end() && end->first == same->first; ++end) nodes.push_back(end->second);
          nodes = sorted_unique(std::move(nodes));
          if (nodes.size() > 1) shared.emplace_back(std::string(same->first), std::move(nodes));
          same = end;
        }
      }
      first = last;
    }
  };
  share(index.by_key, [&](const Index::Name& n) { return index.key(n); });
  share(index.by_loose, [&](const Index::Name& n) { return index.loose(n); });
  std::sort(shared.begin(), shared.end());
  std::vector<Diagnostic> warnings;
  std::set<std::vector<NodeIndex>> reported;
  for (const auto& [shared_key, nodes] : shared) {
    if (!reported.insert(nodes).second) continue;
    const std::string& key = shared_key; // a lambda cannot capture a structured binding in C++17
    std::string owners, member;
    for (NodeIndex n : nodes) {
      const Node& node = graph_->node(n);
      const auto written = [&](const std::string& name) {
        return normalize_name(name) == key || loose_name(name) == key;
      };
      // In names_of()'s order: the label, the aliases, the id.
      std::string name = node.id;
      member = "id";
      if (written(node.label)) {
        name = node.label;
        member = "label";
      } else {
        for (std::size_t a = 0; a < node.aliases.size(); ++a)
          if (written(node.aliases[a])) {
            name = node.aliases[a];
            member = "aliases/" + std::to_string(a);
            break;
          }
      }
      if (!owners.empty()) owners += n == nodes.back() ? " and " : ", ";
      owners.append("'").append(name).append("' (node ").append(node.id).append(")");
    }
    Diagnostic d; // built field by field: an aggregate temporary trips GCC 12's maybe-uninitialized at -O2
    if (place_of) d.where = place_of(nodes.back(), member);
    d.kind = ErrorKind::invalid_graph;
    d.message = std::move(owners.append(" normalise to the same name '").append(key).append("'"));
    d.suggestion = "names must pick out one node; drop or reword one of them";
    warnings.push_back(std::move(d));
  }
  return warnings;
}

namespace {
// A schema name's form for comparison: lower case, each run of spaces, underscores and hyphens one hyphen.
std::string schema_name_form(std::string_view name) {
  std::string form;
  bool gap = false;
  for (const char c : name) {
    if (c == ' ' || c == '_' || c == '-' || c == '\t') {
      gap = !form.empty();
      continue;
    }
    if (gap) form += '-';
    gap = false;
    form += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return form;
}
} // namespace

std::optional<RelIndex> find_relation_as_typed(const Schema& schema, std::string_view name, bool& inverse) {
  if (auto r = schema.find_relation_or_inverse(name, inverse)) return r;
  const std::string form = schema_name_form(name);
  return form.empty() || form == name ? std::nullopt : schema.find_relation_or_inverse(form, inverse);
}

std::optional<TypeIndex> find_type_as_typed(const Schema& schema, std::string_view name) {
  if (auto t = schema.find_type(name)) return t;
  const std::string form = schema_name_form(name);
  return form.empty() || form == name ? std::nullopt : schema.find_type(form);
}

RelIndex resolve_relation(const Schema& schema, std::string_view name, bool& inverse) {
  if (auto r = find_relation_as_typed(schema, name, inverse)) return *r;
  throw Error(ErrorKind::unknown_name, "'" + std::string(name) + "' is not a relation",
              did_you_mean(closest_names(name, schema.relation_names())));
}

TypeIndex resolve_type(const Schema& schema, std::string_view name) {
  if (auto t = find_type_as_typed(schema, name)) return *t;
  std::string suggestion = did_you_mean(closest_names(name, schema.type_names()));
  if (suggestion.empty()) suggestion = "node types: " + join(schema.type_names());
  throw Error(ErrorKind::unknown_name, "'" + std::string(name) + "' is not a node type", suggestion);
}

} // namespace mlkg
