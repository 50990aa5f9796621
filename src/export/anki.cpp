#include "mlkg/cards.hpp"
#include "mlkg/export.hpp"

namespace mlkg {

// A slice chooses which cards, not what they say: the cards about its nodes, each asked of the whole
// graph, so a GUID carries the same card in every slice.
std::string export_anki(const Graph& graph, const Slice& slice) {
  return anki_text(graph, make_cards(graph, slice.nodes));
}

} // namespace mlkg
