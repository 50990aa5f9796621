#include "context.hpp"

namespace mlkg::cli {

const Graph& Context::graph() {
  if (!loaded_) loaded_.emplace(graph_dir.empty() ? load_default_graph() : load_graph(read_graph_dir(graph_dir)));
  return loaded_->graph;
}

const std::vector<Diagnostic>& Context::warnings() {
  graph();
  return loaded_->warnings;
}

const NameIndex& Context::names() {
  if (!names_) names_ = std::make_unique<NameIndex>(graph());
  return *names_;
}

} // namespace mlkg::cli
