#include "context.hpp"

#include "mlkg/error.hpp"
#include "mlkg/snapshot.hpp"

#include <filesystem>

namespace mlkg::cli {

const Graph& Context::graph() {
  if (loaded_) return loaded_->graph;
  if (graph_dir.empty()) {
    loaded_.emplace(load_default_graph());
  } else if (std::error_code ec; std::filesystem::is_regular_file(graph_dir, ec)) { // a snapshot, or says why not
    Snapshot snap = read_snapshot(graph_dir);
    const std::string stale = stale_reason(snap.sources);
    if (!stale.empty())
      throw Error::in_file(ErrorKind::invalid_graph, graph_dir, "snapshot is stale: " + stale + " since it was made",
                           "make it again: mlkg snapshot --graph DIR -o " + graph_dir);
    loaded_.emplace(std::move(snap.loaded));
  } else {
    CachedLoad cached = load_graph_dir_cached(graph_dir, !no_cache);
    for (const std::string& note : cached.notes) err << "mlkg: warning: " << note << '\n';
    loaded_.emplace(std::move(cached.loaded));
  }
  return loaded_->graph;
}

const std::vector<Diagnostic>& Context::warnings() {
  graph();
  return loaded_->warnings.list();
}

const NameIndex& Context::names() {
  if (!names_) names_ = std::make_unique<NameIndex>(graph());
  return *names_;
}

} // namespace mlkg::cli
