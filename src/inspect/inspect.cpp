#include "mlkg/inspect.hpp"

#include "mlkg/names.hpp"

#include <algorithm>
#include <map>

namespace mlkg {

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// How well one name matches the whole query, in words: equal, a prefix, or contained.
int name_score(const std::string& name_words, const std::string& query_words) {
  if (name_words == query_words) return 1000;
  if (name_words.compare(0, query_words.size(), query_words) == 0) return 500;
  if (contains(name_words, query_words)) return 300;
  return 0;
}

// The query's words written together, and for each of its prefixes the longest proper prefix that is also its
// suffix (Knuth-Morris-Pratt), so a name's words are scanned once whatever they hold.
struct Spelled {
  std::string text;
  std::vector<std::size_t> border;

  explicit Spelled(const std::vector<std::string>& words) : text(join(words, "")), border(text.size(), 0) {
    for (std::size_t i = 1, k = 0; i < text.size(); ++i) {
      while (k > 0 && text[i] != text[k]) k = border[k - 1];
      if (text[i] == text[k]) ++k;
      border[i] = k;
    }
  }
};

// How well a run of one name's words, written together, spells the query's words written together: the whole
// name, its leading words, or words inside it. So a query split at a hyphen finds the name written as one word
// ("k-NN" is KNN, "s-3" is S3) and one written as one word finds the name split ("tsne" is t-SNE), as the
// resolver's keys have it.
int spelled_score(const std::vector<std::string>& words, const Spelled& query) {
  std::string run;
  std::vector<char> word_starts; // for each byte of `run`, and its end: whether a word starts there
  for (const std::string& word : words) {
    word_starts.push_back(1);
    word_starts.resize(run.size() + word.size(), 0);
    run += word;
  }
  word_starts.push_back(1);
  int best = 0;
  const std::string& spelled = query.text;
  for (std::size_t i = 0, k = 0; i < run.size(); ++i) {
    while (k > 0 && run[i] != spelled[k]) k = query.border[k - 1];
    if (run[i] == spelled[k]) ++k;
    if (k < spelled.size()) continue;
    const std::size_t start = i + 1 - k, end = i + 1;
    k = query.border[k - 1];
    if (word_starts[start] && word_starts[end]) best = std::max(best, start > 0 ? 300 : end < run.size() ? 500 : 1000);
  }
  return best;
}

struct NameMatch {
  std::string words; // the name's words, joined by spaces
  int score = 0;
};

NameMatch match_name(std::string_view name, const std::string& query_words, const Spelled& spelled) {
  const std::vector<std::string> words = name_words(name);
  NameMatch match{join(words, " "), 0};
  match.score = std::max(name_score(match.words, query_words), spelled_score(words, spelled));
  return match;
}

} // namespace

NodeReport describe(const Graph& graph, NodeIndex node) {
  NodeReport report{node, {}};
  for (EdgeIndex e : graph.out_edges(node)) report.edges.push_back({e, graph.edge(e).to, true, graph.relation(e).name});
  for (EdgeIndex e : graph.in_edges(node)) {
    const Relation& r = graph.relation(e);
    report.edges.push_back({e, graph.edge(e).from, r.symmetric, r.symmetric ? r.name : r.inverse});
  }
  std::sort(report.edges.begin(), report.edges.end(), [&](const NodeEdge& a, const NodeEdge& b) {
    const Node& x = graph.node(a.other);
    const Node& y = graph.node(b.other);
    return std::tie(a.reading, x.label, x.id, a.edge) < std::tie(b.reading, y.label, y.id, b.edge);
  });
  return report;
}

std::vector<SearchHit> search(const Graph& graph, std::string_view text, std::size_t limit) {
  const std::vector<std::string> query = name_words(text);
  const std::string query_words = join(query, " ");
  const Spelled spelled(query);
  std::vector<SearchHit> hits;
  if (query.empty()) return hits;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const Node& node = graph.node(n);
    const NameMatch id = match_name(node.id, query_words, spelled);
    const NameMatch label = match_name(node.label, query_words, spelled);
    int best_name = std::max(id.score, label.score);
    const char* name_where = "name";
    std::string names = id.words + " | " + label.words;
    for (const std::string& alias : node.aliases) {
      const NameMatch match = match_name(alias, query_words, spelled);
      const int score = match.score * 9 / 10;
      if (score > best_name) {
        best_name = score;
        name_where = "alias";
      }
      names += " | " + match.words;
    }
    const std::string summary = lowercase(node.summary);
    std::string facts;
    for (const std::string& fact : node.facts) facts += lowercase(fact) + " | ";

    int word_score = 0;
    bool every_word = true;
    const char* word_where = nullptr;
    int best_points = 0;
    for (const std::string& word : query) {
      const char* where = contains(names, word)     ? "name"
                          : contains(summary, word) ? "summary"
                          : contains(facts, word)   ? "fact"
                                                    : nullptr;
      const int points = !where ? 0 : where[0] == 'n' ? 50 : where[0] == 's' ? 10 : 5;
      word_score += points;
      every_word = every_word && where;
      // The best place any word matched, whatever the words' order.
      if (points > best_points) {
        best_points = points;
        word_where = where;
      }
    }
    if (best_name == 0 && !every_word) continue;
    hits.push_back({n, best_name + (every_word ? word_score : 0), best_name > 0 ? name_where : word_where});
  }
  std::sort(hits.begin(), hits.end(), [&](const SearchHit& a, const SearchHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return std::tie(graph.node(a.node).label, graph.node(a.node).id) <
           std::tie(graph.node(b.node).label, graph.node(b.node).id);
  });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

std::vector<NodeIndex> list_nodes(const Graph& graph, const ListFilter& filter) {
  std::vector<NodeIndex> result;
  const std::string section = filter.section ? lowercase(*filter.section) : std::string{};
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    if (filter.type && graph.node_type(n) != *filter.type) continue;
    if (filter.section && lowercase(graph.node_section(n)) != section) continue;
    result.push_back(n);
  }
  std::sort(result.begin(), result.end(),
            [&](NodeIndex a, NodeIndex b) { return graph.node_id(a) < graph.node_id(b); });
  return result;
}

std::vector<std::string> sections(const Graph& graph) {
  std::vector<std::string> names;
  for (NodeIndex n = 0; n < graph.node_count(); ++n)
    if (!graph.node_section(n).empty()) names.emplace_back(graph.node_section(n));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

GraphStats stats(const Graph& graph) {
  const Schema& schema = graph.schema();
  GraphStats s;
  s.nodes = graph.node_count();
  s.edges = graph.edge_count();
  std::vector<std::size_t> types(schema.node_types.size()), relations(schema.relations.size());
  std::map<std::string_view, std::size_t> by_section; // views into the graph, which outlives this call
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    ++types[graph.node_type(n)];
    const std::string_view section = graph.node_section(n);
    ++by_section[section.empty() ? "(none)" : section];
  }
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) ++relations[graph.edge(e).rel];
  for (std::size_t i = 0; i < types.size(); ++i) s.by_type.emplace_back(schema.node_types[i].name, types[i]);
  for (std::size_t i = 0; i < relations.size(); ++i) s.by_relation.emplace_back(schema.relations[i].name, relations[i]);
  for (const auto& [section, count] : by_section) s.by_section.emplace_back(section, count);
  return s;
}

} // namespace mlkg
