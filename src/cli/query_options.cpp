#include "query_options.hpp"

#include "mlkg/error.hpp"
#include "mlkg/inspect.hpp"
#include "mlkg/names.hpp"

#include <algorithm>
#include <CLI/CLI.hpp>

namespace mlkg::cli {

void add_emit_option(CLI::App* cmd, std::string& emit) {
  cmd->add_option("--emit", emit,
                  "Print the equivalent query instead of answering: sparql (over the turtle export) or cypher "
                  "(Neo4j, Neptune)");
}

namespace {

// Like resolve_relation, but an unknown name also lists every relation, since the user needs the vocabulary.
RelationReading resolve_reading(const Schema& schema, const std::string& name) {
  RelationReading r;
  if (auto found = find_relation_as_typed(schema, name, r.inverse)) {
    r.rel = *found;
    return r;
  }
  std::vector<std::string> readings = schema.relation_names();
  for (const Relation& relation : schema.relations)
    if (!relation.symmetric && !relation.inverse.empty()) readings.push_back(relation.inverse);
  std::vector<std::string> names = schema.relation_names();
  std::sort(names.begin(), names.end());
  std::string suggestion = did_you_mean(closest_names(name, readings));
  suggestion +=
      suggestion.empty() ? "valid relations, also by inverse name: " : " Valid relations, also by inverse name: ";
  for (std::size_t i = 0; i < names.size(); ++i) suggestion += (i ? ", " : "") + names[i];
  throw Error(ErrorKind::unknown_name, "'" + name + "' is not a relation", suggestion);
}

} // namespace

std::vector<RelationReading> resolve_readings(const Schema& schema, const std::vector<std::string>& names) {
  std::vector<RelationReading> readings;
  readings.reserve(names.size());
  for (const std::string& name : names) readings.push_back(resolve_reading(schema, name));
  return readings;
}

namespace {
// The relations the readings name, without repeats.
std::vector<RelIndex> relations_of(const std::vector<RelationReading>& readings) {
  std::vector<RelIndex> relations;
  for (const RelationReading& r : readings)
    if (std::find(relations.begin(), relations.end(), r.rel) == relations.end()) relations.push_back(r.rel);
  return relations;
}
} // namespace

std::vector<RelIndex> resolve_relations(const Schema& schema, const std::vector<std::string>& names) {
  return relations_of(resolve_readings(schema, names));
}

std::vector<RelIndex> resolve_one_way_relations(const Schema& schema, const std::vector<std::string>& names,
                                                bool& all_inverse) {
  const std::vector<RelationReading> readings = resolve_readings(schema, names);
  const auto inverse = [&](const RelationReading& r) { return r.inverse && !schema.relations[r.rel].symmetric; };
  all_inverse = !readings.empty() && std::all_of(readings.begin(), readings.end(), inverse);
  if (!all_inverse) {
    for (std::size_t i = 0; i < readings.size(); ++i) {
      if (!inverse(readings[i])) continue;
      const Relation& relation = schema.relations[readings[i].rel];
      throw Error(ErrorKind::usage,
                  "'" + names[i] + "' reads " + relation.name +
                      " edges backwards, and the other relations given are "
                      "read forwards: a walk one way cannot follow both",
                  "walk both ways (drop --in/--out), or ask about '" + names[i] + "' on its own");
    }
  }
  return relations_of(readings);
}

void refuse_inverse_readings(const Schema& schema, const std::vector<std::string>& names, const std::string& why,
                             const std::function<std::string(const Relation&)>& instead) {
  const std::vector<RelationReading> readings = resolve_readings(schema, names);
  for (std::size_t i = 0; i < readings.size(); ++i) {
    const Relation& relation = schema.relations[readings[i].rel];
    if (readings[i].inverse && !relation.symmetric)
      throw Error(ErrorKind::usage, "'" + names[i] + "' reads " + relation.name + " edges backwards, and " + why,
                  instead(relation));
  }
}

std::vector<TypeIndex> resolve_types(const Schema& schema, const std::vector<std::string>& names) {
  std::vector<TypeIndex> types;
  types.reserve(names.size());
  for (const std::string& name : names) types.push_back(resolve_type(schema, name));
  return types;
}

std::vector<NodeIndex> resolve_nodes(Context& ctx, const std::vector<std::string>& names) {
  std::vector<NodeIndex> nodes;
  nodes.reserve(names.size());
  for (const std::string& name : names) nodes.push_back(ctx.resolve(name));
  return nodes;
}

Direction direction_of(bool in, bool out) {
  if (in && !out) return Direction::in;
  if (out && !in) return Direction::out;
  return Direction::both;
}

std::string joined(const std::vector<std::string>& words) {
  std::string s;
  for (const std::string& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

std::string resolve_section(const Graph& graph, const std::string& name) {
  const std::vector<std::string> known = sections(graph);
  for (const std::string& s : known) {
    if (normalize_name(s) == normalize_name(name)) return s;
  }
  const auto near = closest_names(name, known);
  throw Error(ErrorKind::unknown_name, "'" + name + "' is not a section",
              near.empty() ? "sections: " + join(known) : did_you_mean(near));
}

} // namespace mlkg::cli
