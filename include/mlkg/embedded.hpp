#pragma once

#include "mlkg/load.hpp"

#include <string_view>
#include <vector>

namespace mlkg {

// The default graph (graph/*.json at build time), sorted by name.
const std::vector<SourceText>& embedded_graph_files();

// The snapshot of that graph made at build time (empty in the build step that makes it).
std::string_view embedded_graph_snapshot();

} // namespace mlkg
