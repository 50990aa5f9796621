// DOT for Graphviz (and Gephi, yEd): the slice drawn as the diagrams draw it (dot.hpp, style.hpp).
#include "mlkg/dot.hpp"

#include "mlkg/export.hpp"

namespace mlkg {

std::string export_dot(const Graph& graph, const Slice& slice) { return to_dot(graph, drawing_of(slice)); }

} // namespace mlkg
