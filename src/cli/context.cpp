#include "context.hpp"

#include "mlkg/error.hpp"
#include "mlkg/snapshot.hpp"

#include <filesystem>
#include <sys/stat.h>

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

namespace {
bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }
} // namespace

void Context::refuse_graph_file_as_output(const std::string& output) const {
  namespace fs = std::filesystem;
  if (graph_dir.empty() || output.empty() || output == "-") return;
  struct stat graph {
  }, target{};
  if (::stat(graph_dir.c_str(), &graph) != 0) return;
  const bool exists = ::stat(output.c_str(), &target) == 0; // through links, as the writer writes
  const auto refuse = [&](const std::string& why, const char* instead = "write it outside the graph's folder") {
    throw Error(ErrorKind::usage, "will not write " + output + ": " + why, instead);
  };
  if (S_ISREG(graph.st_mode)) {
    if (exists && same_file(target, graph))
      refuse("it is the snapshot the graph is read from (--graph)", "write it under another name");
    return;
  }
  if (!S_ISDIR(graph.st_mode)) return;
  std::error_code ec;
  if (exists && S_ISREG(target.st_mode)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(graph_dir, ec)) {
      struct stat file {};
      if (entry.path().extension() == ".json" && ::stat(entry.path().c_str(), &file) == 0 && same_file(target, file))
        refuse("it is the graph's file " + entry.path().string());
    }
  }
  const fs::path path(output);
  const std::string name = path.filename().string();
  struct stat folder {};
  const std::string parent = path.has_parent_path() ? path.parent_path().string() : std::string(".");
  if (!name.empty() && name.front() != '.' && path.extension() == ".json" && ::stat(parent.c_str(), &folder) == 0 &&
      same_file(folder, graph))
    refuse("it would be read as one of the graph's files (every *.json in " + graph_dir + " is)");
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
