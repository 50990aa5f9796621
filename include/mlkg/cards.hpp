#pragma once
// Flashcards made from the graph: relations read both ways, facts and contrasts. The quiz asks
// them in the terminal; the Anki writer exports them.

#include "mlkg/graph.hpp"
#include "mlkg/resolve.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

enum class CardKind {
  relation, // "What mitigates overfitting?", "Dropout mitigates ___"
  fact,     // a node's fact, its own names hidden: "Which service ...?"
  contrast, // a contrasts-with pair: "How does Athena differ from Redshift?" (answered in words)
};

const char* to_string(CardKind kind);
// Throws Error(unknown_name) listing the kinds.
CardKind card_kind_from(std::string_view name);

struct Card {
  // What the card asks about, independent of its wording and of where it sits in the list:
  // "relation:in:mitigates:overfitting", "fact:<the fact's words>", "contrast:athena:redshift".
  // The Anki GUID is derived from it, so re-importing updates a card instead of duplicating it.
  std::string identity;
  CardKind kind = CardKind::relation;
  std::string question;           // plain text; list questions end with "(name 3)"
  std::vector<NodeIndex> answers; // the nodes that answer it, sorted by label; empty for a contrast
  std::string answer_text;        // for a contrast: the difference in words; empty otherwise
  std::vector<std::string> notes; // edge notes that qualify an answer: "Dropout: while training"
  std::vector<LineRange> source;  // note lines it comes from, sorted and merged
  NodeIndex subject = 0;          // the node the card is about: its section and type tag the card
  std::string relation;           // for a relation card, the relation's name; empty otherwise

  std::size_t expected() const { return answers.size(); }
};

// Every card of the graph, each question once (cards that would ask the same thing are merged and
// their answers pooled), ordered by the subject's section, then identity. Linear in the graph's size
// plus the length of its text.
std::vector<Card> make_cards(const Graph& graph);
// The cards about `subjects` (a card's subject: the node it asks about; for a fact shared by several
// nodes, the first of them by id), exactly as make_cards(graph) makes them: asked of the whole graph, with
// every answer, wherever it lies. Linear in the graph's size, plus the text of the cards made.
std::vector<Card> make_cards(const Graph& graph, const std::vector<NodeIndex>& subjects);

struct CardFilter {
  std::optional<std::string> section; // subject's section, compared case-insensitively
  std::optional<TypeIndex> type;      // subject's node type
  std::optional<CardKind> kind;
};

std::vector<Card> filter_cards(const Graph& graph, std::vector<Card> cards, const CardFilter& filter);

// A short, stable id for a card: 16 hex digits of a 64-bit FNV-1a hash of its identity.
std::string card_guid(const Card& card);

// The cards as an Anki text import file (tab-separated, HTML fields, GUID, note type, deck and tag
// columns). Throws Error(usage) if two cards' GUIDs collide.
std::string anki_text(const Graph& graph, const std::vector<Card>& cards);

// How a typed answer ("dropout, early stopping") measures up to a card. The whole line is tried as
// one name first (labels may hold commas), then its comma- or semicolon-separated parts, each
// resolved like `mlkg show` resolves a name.
struct Grade {
  std::vector<NodeIndex> right;     // named nodes that answer the card, each once
  std::vector<NodeIndex> wrong;     // named nodes that do not
  std::vector<std::string> unknown; // names of no node, each with its did-you-mean: "'athina' (did you mean 'athena'?)"
  std::size_t expected = 0;

  bool correct() const { return unknown.empty() && wrong.empty() && right.size() == expected; }
};

Grade grade_answer(const NameIndex& names, const Card& card, std::string_view typed);

// A reproducible random order, the same with every standard library: the Mersenne Twister (whose
// output the C++ standard fixes) with our own unbiased bounded draw, Fisher-Yates.
std::vector<std::size_t> shuffled_order(std::size_t count, std::uint32_t seed);

} // namespace mlkg
