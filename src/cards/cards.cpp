// Making cards: every edge is read from both of its ends, every fact and every contrast becomes a
// question; drafts that ask the same thing are pooled before their wording is fixed.
#include "mlkg/cards.hpp"

#include "mlkg/error.hpp"
#include "mlkg/names.hpp"
#include "phrase.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>
#include <unordered_map>

namespace mlkg {

using detail::masked;
using detail::names_of;
using detail::relation_phrase;

namespace {

// The one relation whose meaning the cards depend on: an alternative is an alternative *for a job*,
// so "alternative to A for loading data into C" is a question worth asking.
constexpr std::string_view alternative_relation = "alternative-to";
// Contrasts become their own cards, answered in words.
constexpr std::string_view contrast_relation = "contrasts-with";
// An alternative that feeds more places than this names no single job: it gets no "for loading data
// into" cards (its plain alternative card remains). Without the bound a hub with thousands of
// alternatives and thousands of targets would make their product of cards.
constexpr std::size_t max_alternative_targets = 8;

enum class Form { cloze, which, alternative_for, fact, contrast };

struct Draft {
  CardKind kind = CardKind::relation;
  Form form = Form::which;
  NodeIndex subject = 0;
  std::optional<NodeIndex> context; // alternative_for: the node data is loaded into; contrast: the other node
  std::string phrase;               // the relation read as words; the fact's text
  std::string relation;
  std::set<NodeIndex> answers;
  std::vector<std::pair<NodeIndex, std::string>> notes;
  std::vector<LineRange> source;
};

void add_lines(std::vector<LineRange>& to, LineSpan lines) { to.insert(to.end(), lines.begin(), lines.end()); }

std::vector<LineRange> merged_lines(std::vector<LineRange> lines) {
  std::sort(lines.begin(), lines.end(), [](const LineRange& a, const LineRange& b) {
    return std::tie(a.first, a.last) < std::tie(b.first, b.last);
  });
  std::vector<LineRange> out;
  for (const LineRange& r : lines) {
    if (!out.empty() && r.first <= out.back().last + 1) {
      out.back().last = std::max(out.back().last, r.last);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

// Drafts the cards about the nodes marked in `about` (and every fact, see add_facts), each from the whole
// graph: every edge of a node asked about answers its questions, wherever the answer lies.
class Drafter {
public:
  Drafter(const Graph& graph, const std::vector<char>& about, std::size_t about_count) : graph_(graph), about_(about) {
    // About two drafts an edge, in proportion to the nodes asked about.
    drafts_.reserve((2 * graph.edge_count() / std::max<std::size_t>(graph.node_count(), 1) + 1) * about_count);
  }

  void add_edges() {
    const EdgeIndex edges = static_cast<EdgeIndex>(graph_.edge_count());
    flow_targets_.assign(graph_.node_count(), 0);
    for (EdgeIndex e = 0; e < edges; ++e)
      if (graph_.relation(e).flow) ++flow_targets_[graph_.edge(e).from];
    for (EdgeIndex e = 0; e < edges; ++e) {
      const Edge& edge = graph_.edge(e);
      const Relation& rel = graph_.relation(e);
      if (rel.name == contrast_relation && (about_[edge.from] || about_[edge.to])) add_contrast(e);
      if (rel.symmetric) {
        add_answer(e, "with", edge.from, edge.to, Form::which);
        add_answer(e, "with", edge.to, edge.from, Form::which);
      } else {
        add_answer(e, "out", edge.from, edge.to, Form::cloze);
        add_answer(e, "in", edge.to, edge.from, Form::which);
      }
      if (rel.name == alternative_relation) {
        add_alternatives_for(e, edge.from, edge.to);
        add_alternatives_for(e, edge.to, edge.from);
      }
    }
  }

  // Every node's facts, not only those asked about: a fact card pools the nodes whose facts read alike
  // and is about the first of them by id, which may be any node.
  void add_facts() {
    for (NodeIndex n = 0; n < graph_.node_count(); ++n) {
      const Node& node = graph_.node(n);
      for (const std::string& fact : node.facts) {
        Draft& d = draft("fact:" + join(name_words(fact), "-"));
        d.kind = CardKind::fact;
        d.form = Form::fact;
        if (d.answers.empty() || node.id < graph_.node(d.subject).id) {
          d.subject = n;
          d.phrase = fact; // the subject's wording of the words the nodes share
        }
        d.answers.insert(n);
        add_lines(d.source, node.source);
      }
    }
  }

  // In identity order, so that merging keeps the same card whatever order the files list things in.
  std::vector<std::pair<const std::string, Draft>*> drafts_in_order() {
    std::vector<std::pair<const std::string, Draft>*> order;
    order.reserve(drafts_.size());
    for (auto& entry : drafts_) order.push_back(&entry);
    std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    return order;
  }

private:
  Draft& draft(const std::string& identity) { return drafts_[identity]; }

  // `subject` is asked about, reading the edge `way` ("out", "in", "with"); `answer` answers it.
  void add_answer(EdgeIndex e, std::string_view way, NodeIndex subject, NodeIndex answer, Form form) {
    if (!about_[subject]) return;
    const Relation& rel = graph_.relation(e);
    Draft& d = draft("relation:" + std::string(way) + ":" + rel.name + ":" + graph_.node(subject).id);
    d.form = form;
    d.subject = subject;
    d.phrase = relation_phrase(rel.name);
    d.relation = rel.name;
    d.answers.insert(answer);
    if (!graph_.note(e).empty()) d.notes.emplace_back(answer, std::string(graph_.note(e)));
    add_lines(d.source, graph_.source(e));
  }

  // "Which service is an alternative to Kinesis Data Streams for loading data into Amazon S3?": the
  // flow edges leaving the alternative name the job.
  void add_alternatives_for(EdgeIndex alt_edge, NodeIndex subject, NodeIndex alternative) {
    if (!about_[subject] || flow_targets_[alternative] > max_alternative_targets) return;
    for (EdgeIndex e : graph_.out_edges(alternative)) {
      if (!graph_.relation(e).flow || graph_.edge(e).to == subject) continue;
      const NodeIndex into = graph_.edge(e).to;
      Draft& d = draft("relation:alternative-for:" + graph_.node(subject).id + ":" + graph_.node(into).id);
      d.form = Form::alternative_for;
      d.subject = subject;
      d.context = into;
      d.phrase = relation_phrase(graph_.relation(alt_edge).name);
      d.relation = graph_.relation(alt_edge).name;
      d.answers.insert(alternative);
      add_lines(d.source, graph_.source(alt_edge));
      add_lines(d.source, graph_.source(e));
    }
  }

  void add_contrast(EdgeIndex e) {
    const Edge& edge = graph_.edge(e);
    const std::string& a = graph_.node(edge.from).id;
    const std::string& b = graph_.node(edge.to).id;
    Draft& d = draft("contrast:" + std::min(a, b) + ":" + std::max(a, b));
    // Should edges join the pair both ways, it is asked from the end first by id, whichever edge comes first.
    if (d.kind != CardKind::contrast || a < graph_.node(d.subject).id) {
      d.kind = CardKind::contrast;
      d.form = Form::contrast;
      d.subject = edge.from;
      d.context = edge.to;
      d.relation = graph_.relation(e).name;
    }
    if (!graph_.note(e).empty()) d.notes.emplace_back(edge.from, std::string(graph_.note(e)));
    add_lines(d.source, graph_.source(e));
  }

  const Graph& graph_;
  const std::vector<char>& about_;                // per node: whether its cards are wanted
  std::unordered_map<std::string, Draft> drafts_; // put in order once, at the end (a big graph has millions)
  std::vector<std::size_t> flow_targets_;         // per node: its flow edges
};

std::string type_words(const Graph& graph, NodeIndex n) {
  std::string s = graph.type_name(n);
  std::replace(s.begin(), s.end(), '-', ' ');
  return s;
}

// "Which technique" when every answer is of one type, else "What".
std::string asking(const Graph& graph, const std::vector<NodeIndex>& answers) {
  for (NodeIndex n : answers) {
    if (graph.node(n).type != graph.node(answers.front()).type) return "What";
  }
  return "Which " + type_words(graph, answers.front());
}

std::string count_suffix(std::size_t n) { return n > 1 ? " (name " + std::to_string(n) + ")" : ""; }

std::string question_of(const Graph& graph, const Draft& d, const std::vector<NodeIndex>& answers) {
  const std::string& label = graph.node(d.subject).label;
  const std::string count = count_suffix(answers.size());
  switch (d.form) {
  case Form::cloze: return label + " " + d.phrase + " ___" + count;
  case Form::which: return asking(graph, answers) + " " + d.phrase + " " + label + "?" + count;
  case Form::alternative_for:
    return asking(graph, answers) + " " + d.phrase + " " + label + " for loading data into " +
           graph.node(*d.context).label + "?" + count;
  case Form::fact: {
    std::vector<std::string> hidden;
    for (NodeIndex n : answers) {
      const std::vector<std::string> names = names_of(graph.node(n));
      hidden.insert(hidden.end(), names.begin(), names.end());
    }
    // Longest first, as one node's names are: where two answers' names overlap, the order decides what
    // is hidden, and it must not be the order the answers come in.
    std::sort(hidden.begin(), hidden.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    return asking(graph, answers) + " is this? \"" + masked(d.phrase, hidden) + "\"" + count;
  }
  case Form::contrast: return "How does " + label + " differ from " + graph.node(*d.context).label + "?";
  }
  return {};
}

std::string contrast_answer(const Graph& graph, const Draft& d) {
  std::string text;
  for (const auto& [node, note] : d.notes) text += note + "\n";
  for (NodeIndex n : {d.subject, *d.context}) text += graph.node(n).label + ": " + graph.node(n).summary + "\n";
  if (!text.empty()) text.pop_back();
  return text;
}

// Answers are listed by label, then id.
bool label_order(const Graph& graph, NodeIndex a, NodeIndex b) {
  return std::tie(graph.node(a).label, graph.node(a).id) < std::tie(graph.node(b).label, graph.node(b).id);
}

Card card_of(const Graph& graph, const std::string& identity, Draft&& d) {
  Card card;
  card.identity = identity;
  card.kind = d.kind;
  card.answers.assign(d.answers.begin(), d.answers.end());
  std::sort(card.answers.begin(), card.answers.end(),
            [&](NodeIndex a, NodeIndex b) { return label_order(graph, a, b); });
  // The notes follow the answers they qualify (they came in the order of the graph's edges).
  std::sort(d.notes.begin(), d.notes.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? label_order(graph, a.first, b.first) : a.second < b.second;
  });
  card.subject = d.subject;
  card.question = question_of(graph, d, card.answers);
  if (d.form == Form::contrast) card.answer_text = contrast_answer(graph, d);
  // With several answers, a note says which answer it qualifies.
  for (const auto& [node, note] : d.notes) {
    if (d.form != Form::contrast)
      card.notes.push_back(d.answers.size() > 1 ? graph.node(node).label + ": " + note : note);
  }
  card.source = merged_lines(d.source);
  card.relation = d.kind == CardKind::relation ? d.relation : "";
  return card;
}

// Drafts that ask one thing make one card. Facts pool across nodes (two facts that say the same once
// their nodes' names are hidden); any other draft asks about its subject alone, so it pools only with
// drafts about that node (two relations that read alike): the cards about a node need no other's drafts.
struct MergeKey {
  static constexpr NodeIndex any_subject = std::numeric_limits<NodeIndex>::max(); // a fact's

  std::string question;
  NodeIndex subject = any_subject;

  bool operator==(const MergeKey& other) const { return subject == other.subject && question == other.question; }
};

struct MergeKeyHash {
  std::size_t operator()(const MergeKey& key) const {
    const std::size_t h = std::hash<std::string>{}(key.question);
    return h ^ (key.subject + 0x9e3779b9u + (h << 6) + (h >> 2));
  }
};

MergeKey merge_key(const Graph& graph, const Draft& d, const std::vector<NodeIndex>& answers) {
  return {question_of(graph, d, answers), d.form == Form::fact ? MergeKey::any_subject : d.subject};
}

// Drafts with one merge key: one card, answers pooled, under the first identity.
std::vector<std::pair<std::string, Draft>>
merge_same_questions(const Graph& graph, const std::vector<std::pair<const std::string, Draft>*>& drafts) {
  std::unordered_map<MergeKey, std::size_t, MergeKeyHash> first_with;
  first_with.reserve(drafts.size());
  std::vector<std::pair<std::string, Draft>> out;
  for (auto* entry : drafts) {
    const std::string& identity = entry->first;
    Draft& d = entry->second;
    const std::vector<NodeIndex> answers(d.answers.begin(), d.answers.end());
    auto [it, fresh] = first_with.emplace(merge_key(graph, d, answers), out.size());
    if (fresh) {
      out.emplace_back(identity, std::move(d)); // the drafts are not read again
      continue;
    }
    Draft& kept = out[it->second].second;
    // A merged fact card is about the first (by id) of the nodes it describes.
    if (graph.node(d.subject).id < graph.node(kept.subject).id) kept.subject = d.subject;
    kept.answers.insert(d.answers.begin(), d.answers.end());
    kept.notes.insert(kept.notes.end(), d.notes.begin(), d.notes.end());
    add_lines(kept.source, d.source);
  }
  return out;
}

// The cards about the nodes marked in `about`. The drafts are gone when it returns, before the cards are
// sorted (a big graph's are hundreds of megabytes).
std::vector<Card> unsorted_cards(const Graph& graph, const std::vector<char>& about, std::size_t about_count) {
  Drafter drafter(graph, about, about_count);
  drafter.add_edges();
  drafter.add_facts();
  auto merged = merge_same_questions(graph, drafter.drafts_in_order());
  std::vector<Card> cards;
  cards.reserve(static_cast<std::size_t>(
      std::count_if(merged.begin(), merged.end(), [&](const auto& entry) { return about[entry.second.subject]; })));
  for (auto& [identity, d] : merged) {
    if (about[d.subject]) cards.push_back(card_of(graph, identity, std::move(d)));
  }
  return cards;
}

// By the subject's section, then its id, kind and identity. Sorted through their indices (a Card is costly
// to move) on keys read without making Nodes.
std::vector<Card> in_deck_order(const Graph& graph, std::vector<Card> cards) {
  std::vector<std::uint32_t> order(cards.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t i, std::uint32_t j) {
    const Card& a = cards[i];
    const Card& b = cards[j];
    const auto key = [&graph](const Card& c) {
      return std::make_tuple(graph.node_section(c.subject), graph.node_id(c.subject), c.kind,
                             std::string_view(c.identity));
    };
    return key(a) < key(b);
  });
  std::vector<Card> sorted;
  sorted.reserve(cards.size());
  for (std::uint32_t i : order) sorted.push_back(std::move(cards[i]));
  return sorted;
}

} // namespace

const char* to_string(CardKind kind) {
  switch (kind) {
  case CardKind::relation: return "relation";
  case CardKind::fact: return "fact";
  case CardKind::contrast: return "contrast";
  }
  return "relation";
}

CardKind card_kind_from(std::string_view name) {
  for (CardKind k : {CardKind::relation, CardKind::fact, CardKind::contrast}) {
    if (name == to_string(k)) return k;
  }
  const std::vector<std::string> kinds = {"relation", "fact", "contrast"};
  throw Error(ErrorKind::unknown_name, "'" + std::string(name) + "' is not a card kind; kinds: " + join(kinds),
              did_you_mean(closest_names(name, kinds)));
}

std::vector<Card> make_cards(const Graph& graph) {
  std::vector<NodeIndex> nodes(graph.node_count());
  for (NodeIndex n = 0; n < nodes.size(); ++n) nodes[n] = n;
  return make_cards(graph, nodes);
}

std::vector<Card> make_cards(const Graph& graph, const std::vector<NodeIndex>& subjects) {
  std::vector<char> about(graph.node_count(), 0);
  for (NodeIndex n : subjects) about[n] = 1;
  return in_deck_order(graph, unsorted_cards(graph, about, subjects.size()));
}

std::vector<Card> filter_cards(const Graph& graph, std::vector<Card> cards, const CardFilter& filter) {
  const std::optional<std::string> section =
      filter.section ? std::optional<std::string>(lowercase(*filter.section)) : std::nullopt;
  cards.erase(std::remove_if(cards.begin(), cards.end(),
                             [&](const Card& c) {
                               const Node& subject = graph.node(c.subject);
                               return (section && lowercase(subject.section) != *section) ||
                                      (filter.type && subject.type != *filter.type) ||
                                      (filter.kind && c.kind != *filter.kind);
                             }),
              cards.end());
  return cards;
}

} // namespace mlkg
