#pragma once

#include "mlkg/load.hpp"

#include <vector>

namespace mlkg {

// The default graph (graph/*.json at build time), sorted by name.
const std::vector<SourceText>& embedded_graph_files();

} // namespace mlkg
