#include "mlkg/cards.hpp"
#include "mlkg/export.hpp"

namespace mlkg {

std::string export_anki(const Graph& graph, const Slice& slice) {
  return anki_text(graph, make_cards(graph, slice.nodes, slice.edges));
}

} // namespace mlkg
