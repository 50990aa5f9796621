#include "load/validate.hpp"
#include "mlkg/names.hpp"

#include <map>
#include <tuple>
#include <unordered_map>

namespace mlkg::detail {

std::string SuggestionCache::suggest(const std::string& name) {
  if (auto it = suggestions_.find(name); it != suggestions_.end()) return it->second;
  if (suggestions_.size() >= max_names) return {};
  if (!loaded_) {
    candidates_ = load_();
    loaded_ = true;
  }
  return suggestions_.emplace(name, did_you_mean(closest_names(name, candidates_))).first->second;
}

GraphBuilder::GraphBuilder(Schema schema, std::vector<Diagnostic>& errors, std::vector<Diagnostic>& warnings)
    : schema_(std::move(schema)), closest_types_([this] { return schema_.type_names(); }),
      closest_categories_([this] { return schema_.category_names(); }), errors_(&errors), warnings_(&warnings) {}

void GraphBuilder::add_file(FileText& file, const json& root) {
  FileReporter report(file, *errors_);
  ObjectReader top(root, "", report, {"section", "nodes", "edges"});
  const std::string section = top.string("section").value_or("");
  if (const json* nodes = top.array("nodes"))
    for (std::size_t i = 0; i < nodes->size(); ++i)
      read_node((*nodes)[i], "/nodes/" + std::to_string(i), section, report);
  if (const json* edges = top.array("edges"))
    for (std::size_t i = 0; i < edges->size(); ++i) read_edge((*edges)[i], "/edges/" + std::to_string(i), report);
}

void GraphBuilder::read_node(const json& value, const std::string& pointer, const std::string& section,
                             FileReporter& report) {
  ObjectReader reader(value, pointer, report,
                      {"id", "label", "type", "category", "aliases", "summary", "section", "source", "facts"});
  if (!reader.valid()) return;
  Node node;
  node.id = reader.string("id", true).value_or("");
  if (!node.id.empty() && !is_kebab_id(node.id))
    report.error(reader.member_pointer("id"), "id '" + node.id + "' is not kebab-case (a-z, 0-9, single hyphens)");
  node.label = reader.string("label", true).value_or("");
  if (node.label.empty() && value.contains("label")) report.error(reader.member_pointer("label"), "label is empty");
  if (auto type = reader.string("type", true)) {
    if (auto t = schema_.find_type(*type)) {
      node.type = *t;
    } else {
      report.error(reader.member_pointer("type"), "unknown node type '" + *type + "'", closest_types_.suggest(*type));
    }
  }
  node.category = reader.string("category").value_or("");
  if (!node.category.empty() && !schema_.find_category(node.category))
    report.error(reader.member_pointer("category"), "unknown category '" + node.category + "'",
                 closest_categories_.suggest(node.category));
  node.aliases = reader.strings("aliases");
  node.summary = reader.string("summary", false, Text::prose).value_or("");
  node.section = reader.string("section").value_or(section);
  node.source = reader.lines("source");
  node.facts = reader.strings("facts", Text::prose);
  // Kept even when other members were wrong, so its edges are not reported as dangling too.
  if (!node.id.empty()) nodes_.push_back({std::move(node), &report.file(), pointer});
}

void GraphBuilder::read_edge(const json& value, const std::string& pointer, FileReporter& report) {
  ObjectReader reader(value, pointer, report, {"from", "rel", "to", "note", "source"});
  if (!reader.valid()) return;
  const std::size_t errors_before = errors_->size();
  PendingEdge edge;
  edge.from = reader.string("from", true).value_or("");
  edge.rel = reader.string("rel", true).value_or("");
  edge.to = reader.string("to", true).value_or("");
  edge.note = reader.string("note", false, Text::prose).value_or("");
  edge.source = reader.lines("source");
  edge.file = &report.file();
  edge.pointer = pointer;
  if (errors_->size() == errors_before) edges_.push_back(std::move(edge));
}

void GraphBuilder::error_at(FileText* file, const std::string& pointer, std::string message, std::string suggestion) {
  FileReporter(*file, *errors_).error(pointer, std::move(message), std::move(suggestion));
}

std::string GraphBuilder::where_text(FileText* file, const std::string& pointer) const {
  std::vector<Diagnostic> unused;
  const Location at = FileReporter(*file, unused).where(pointer);
  return at.file + ":" + std::to_string(at.line);
}

void GraphBuilder::add_nodes(Graph& graph) {
  // Every id, label and alias, in the form users type them, must name one node only.
  std::unordered_map<std::string, NodeIndex> owner_of_name;
  for (const PendingNode& pending : nodes_) {
    const Node& node = pending.node;
    if (auto existing = graph.find(node.id)) {
      const PendingNode& first = *origin_[*existing];
      error_at(pending.file, pending.pointer + "/id", "duplicate id '" + node.id + "'",
               "first defined at " + where_text(first.file, first.pointer));
      continue;
    }
    const NodeIndex index = graph.add_node(node);
    origin_.push_back(&pending);
    auto claim = [&](const std::string& name, const std::string& pointer) {
      const std::string key = normalize_name(name);
      if (key.empty()) {
        error_at(pending.file, pointer, "name '" + name + "' has no letters or digits");
        return;
      }
      auto [it, inserted] = owner_of_name.emplace(key, index);
      if (inserted || it->second == index) return;
      const Node& other = graph.node(it->second);
      error_at(pending.file, pointer, "name '" + name + "' also names node '" + other.id + "' (" + other.label + ")",
               "names must pick out one node; drop or reword the alias");
    };
    claim(node.id, pending.pointer + "/id");
    claim(node.label, pending.pointer + "/label");
    for (std::size_t i = 0; i < node.aliases.size(); ++i)
      claim(node.aliases[i], pending.pointer + "/aliases/" + std::to_string(i));
  }
}

void GraphBuilder::add_edges(Graph& graph) {
  SuggestionCache closest_ids([&graph] {
    std::vector<std::string> ids;
    ids.reserve(graph.node_count());
    for (NodeIndex n = 0; n < graph.node_count(); ++n) ids.push_back(graph.node(n).id);
    return ids;
  });
  SuggestionCache closest_relations([this] { return schema_.relation_names(); });
  std::map<std::tuple<NodeIndex, RelIndex, NodeIndex>, const PendingEdge*> seen;
  for (PendingEdge& pending : edges_) {
    const auto from = graph.find(pending.from);
    const auto to = graph.find(pending.to);
    const auto rel = schema_.find_relation(pending.rel);
    if (!from)
      error_at(pending.file, pending.pointer + "/from", "unknown node '" + pending.from + "'",
               closest_ids.suggest(pending.from));
    if (!to)
      error_at(pending.file, pending.pointer + "/to", "unknown node '" + pending.to + "'",
               closest_ids.suggest(pending.to));
    if (!rel) {
      error_at(pending.file, pending.pointer + "/rel", "unknown relation '" + pending.rel + "'",
               closest_relations.suggest(pending.rel));
    }
    if (!from || !to || !rel) continue;

    const Relation& relation = schema_.relations[*rel];
    if (*from == *to) {
      error_at(pending.file, pending.pointer, "edge links '" + pending.from + "' to itself");
      continue;
    }
    const std::string& from_type = graph.type_name(*from);
    const std::string& to_type = graph.type_name(*to);
    if (!relation.allows_from(from_type)) {
      error_at(pending.file, pending.pointer + "/from",
               "'" + relation.name + "' cannot start at a " + from_type + " ('" + pending.from + "')",
               "allowed: " + join(relation.from_types));
      continue;
    }
    if (!relation.allows_to(to_type)) {
      error_at(pending.file, pending.pointer + "/to",
               "'" + relation.name + "' cannot end at a " + to_type + " ('" + pending.to + "')",
               "allowed: " + join(relation.to_types));
      continue;
    }
    auto key = relation.symmetric ? std::make_tuple(std::min(*from, *to), *rel, std::max(*from, *to))
                                  : std::make_tuple(*from, *rel, *to);
    auto [it, inserted] = seen.emplace(key, &pending);
    if (!inserted) {
      error_at(pending.file, pending.pointer, "duplicate edge " + pending.from + " " + pending.rel + " " + pending.to,
               "first at " + where_text(it->second->file, it->second->pointer));
      continue;
    }
    graph.add_edge({*from, *to, *rel}, std::move(pending.note), std::move(pending.source));
  }
}

void GraphBuilder::warn_lint(const Graph& graph) {
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const PendingNode& pending = *origin_[n];
    FileReporter report(*pending.file, *warnings_);
    if (graph.degree(n) == 0) report.error(pending.pointer, "node '" + graph.node(n).id + "' has no edges (orphan)");
    // The same fact may stand on both sides of a contrast, but not twice on one node.
    std::unordered_map<std::string, std::size_t> first_of;
    const auto& facts = graph.node(n).facts;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      auto [it, inserted] = first_of.emplace(normalize_name(facts[i]), i);
      if (!inserted)
        report.error(pending.pointer + "/facts/" + std::to_string(i),
                     "fact repeats fact " + std::to_string(it->second));
    }
  }
}

Graph GraphBuilder::build() {
  Graph graph(schema_);
  graph.reserve(nodes_.size(), edges_.size());
  add_nodes(graph);
  add_edges(graph);
  warn_lint(graph);
  return graph;
}

} // namespace mlkg::detail
