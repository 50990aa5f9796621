#include "mlkg/resolve.hpp"

#include "mlkg/error.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace mlkg {

namespace {
using Keyed = std::vector<std::pair<std::string, NodeIndex>>;

// The nodes under `key`, sorted.
std::vector<NodeIndex> lookup(const Keyed& keyed, const std::string& key) {
  auto it = std::lower_bound(
      keyed.begin(), keyed.end(), key,
      [](const std::pair<std::string, NodeIndex>& entry, const std::string& k) { return entry.first < k; });
  std::vector<NodeIndex> nodes;
  for (; it != keyed.end() && it->first == key; ++it) nodes.push_back(it->second);
  return nodes;
}

void sort_unique(Keyed& keyed) {
  std::sort(keyed.begin(), keyed.end());
  keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
}

std::string spaced_words(std::string_view name) { return join(loose_name_words(name), " "); }

// The names of a node as written: label, aliases, id.
std::vector<std::string> names_of(const Node& node) {
  std::vector<std::string> names{node.label};
  names.insert(names.end(), node.aliases.begin(), node.aliases.end());
  names.push_back(node.id);
  return names;
}

constexpr std::size_t listed_candidates = 10;
} // namespace

NameIndex::NameIndex(const Graph& graph) : graph_(&graph) {}

void NameIndex::build_keys() const {
  const Graph& graph = *graph_;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    for (const std::string& name : names_of(graph.node(n))) {
      by_key_.emplace_back(normalize_name(name), n);
      by_loose_.emplace_back(loose_name(name), n);
    }
  }
  for (Keyed* keyed : {&by_key_, &by_loose_}) sort_unique(*keyed);
}

void NameIndex::build() const {
  ensure_keys();
  const Graph& graph = *graph_;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const Node& node = graph.node(n);
    for (const std::string& name : names_of(node)) {
      if (name != node.id) exact_.emplace_back(name, n);
      by_words_.emplace_back(spaced_words(name), n);
      all_names_.push_back(name);
    }
  }
  for (Keyed* keyed : {&exact_, &by_words_}) sort_unique(*keyed);
  std::sort(all_names_.begin(), all_names_.end());
  all_names_.erase(std::unique(all_names_.begin(), all_names_.end()), all_names_.end());
}

std::vector<NodeIndex> NameIndex::normalized(std::string_view name) const {
  if (auto found = lookup(by_key_, normalize_name(name)); !found.empty()) return found;
  return lookup(by_loose_, loose_name(name));
}

std::vector<NodeIndex> NameIndex::leading_words(std::string_view name) const {
  const std::string words = spaced_words(name);
  std::vector<NodeIndex> found;
  if (words.empty()) return found;
  const std::string prefix = words + ' ';
  for (auto it = std::lower_bound(by_words_.begin(), by_words_.end(), std::make_pair(prefix, NodeIndex{0}));
       it != by_words_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    found.push_back(it->second);
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

std::vector<NodeIndex> NameIndex::exact_or_normalized(std::string_view name) const {
  const Graph& graph = *graph_;
  const std::string key = normalize_name(name);
  std::string scratch;
  char small[64];
  const auto is_key = [&](std::string_view other) {
    if (other.size() < key.size()) return false; // a key is never longer than its name
    std::string_view other_key;
    if (other.size() <= sizeof small) other_key = normalize_name_in(other, small);
    if (!other_key.data()) {
      normalize_name_into(other, scratch);
      other_key = scratch;
    }
    return other_key == key;
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
  if (!built_.done() && passes_left_.fetch_sub(1) > 0)
    if (auto found = exact_or_normalized(name); !found.empty()) return found;
  ensure_built();
  if (auto found = lookup(exact_, std::string(name)); !found.empty()) return found;
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
  ensure_built();
  std::vector<std::string> result;
  for (const std::string& candidate : closest_names(name, all_names_, count * 4)) {
    for (NodeIndex n : lookup(by_key_, normalize_name(candidate))) {
      const std::string& id = graph_->node(n).id;
      if (result.size() < count && std::find(result.begin(), result.end(), id) == result.end()) result.push_back(id);
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
  ensure_built();
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
  for (const auto& [spaced, node] : by_words_) {
    const NodeIndex n = node; // a lambda cannot capture a structured binding in C++17
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
  ensure_keys();
  std::vector<std::pair<std::string, std::vector<NodeIndex>>> shared;
  for (const Keyed* keyed : {&by_key_, &by_loose_})
    for (auto first = keyed->begin(); first != keyed->end();) {
      auto last = first;
      std::vector<NodeIndex> nodes;
      for (; last != keyed->end() && last->first == first->first; ++last) nodes.push_back(last->second);
      if (nodes.size() > 1) shared.emplace_back(first->first, std::move(nodes));
      first = last;
    }
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
