#include "mlkg/resolve.hpp"

#include "mlkg/error.hpp"
#include "mlkg/names.hpp"

#include <algorithm>

namespace mlkg {

NameIndex::NameIndex(const Graph& graph) : graph_(&graph) {
  auto add = [this](const std::string& name, NodeIndex n) {
    auto& nodes = by_key_[normalize_name(name)];
    if (std::find(nodes.begin(), nodes.end(), n) == nodes.end()) nodes.push_back(n);
    all_names_.push_back(name);
  };
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const Node& node = graph.node(n);
    add(node.id, n);
    add(node.label, n);
    for (const std::string& alias : node.aliases) add(alias, n);
  }
  for (auto& [key, nodes] : by_key_) std::sort(nodes.begin(), nodes.end());
  std::sort(all_names_.begin(), all_names_.end());
  all_names_.erase(std::unique(all_names_.begin(), all_names_.end()), all_names_.end());
}

std::vector<NodeIndex> NameIndex::matches(std::string_view name) const {
  if (auto exact = graph_->find(name)) return {*exact};
  auto it = by_key_.find(normalize_name(name));
  return it == by_key_.end() ? std::vector<NodeIndex>{} : it->second;
}

std::vector<std::string> NameIndex::closest(std::string_view name, std::size_t count) const {
  // Several names of one node may be close ("Glue", "AWS Glue"); suggest each node once, by id.
  std::vector<std::string> result;
  for (const std::string& candidate : closest_names(name, all_names_, count * 4)) {
    for (NodeIndex n : by_key_.at(normalize_name(candidate))) {
      const std::string& id = graph_->node(n).id;
      if (result.size() < count && std::find(result.begin(), result.end(), id) == result.end()) result.push_back(id);
    }
  }
  return result;
}

NodeIndex NameIndex::resolve(std::string_view name) const {
  const std::vector<NodeIndex> found = matches(name);
  if (found.size() == 1) return found.front();
  if (found.empty()) {
    throw Error(ErrorKind::unknown_name, "unknown node '" + std::string(name) + "'", did_you_mean(closest(name)));
  }
  std::string candidates;
  for (NodeIndex n : found) {
    if (!candidates.empty()) candidates += ", ";
    candidates += graph_->node(n).id + " (" + graph_->node(n).label + ")";
  }
  throw Error(ErrorKind::ambiguous_name, "'" + std::string(name) + "' names several nodes: " + candidates,
              "use one of the ids");
}

RelIndex resolve_relation(const Schema& schema, std::string_view name, bool& inverse) {
  if (auto r = schema.find_relation_or_inverse(name, inverse)) return *r;
  throw Error(ErrorKind::unknown_name, "unknown relation '" + std::string(name) + "'",
              did_you_mean(closest_names(name, schema.relation_names())));
}

TypeIndex resolve_type(const Schema& schema, std::string_view name) {
  if (auto t = schema.find_type(name)) return *t;
  throw Error(ErrorKind::unknown_name, "unknown node type '" + std::string(name) + "'",
              did_you_mean(closest_names(name, schema.type_names())));
}

} // namespace mlkg
