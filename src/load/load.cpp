#include "mlkg/load.hpp"

#include "load/json_text.hpp"
#include "load/records.hpp"
#include "load/validate.hpp"
#include "mlkg/embedded.hpp"
#include "mlkg/names.hpp"
#include "mlkg/snapshot.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mlkg {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;
using detail::FileReporter;
using detail::ObjectReader;

namespace {

bool is_hex_colour(const std::string& s) {
  return s.size() == 7 && s[0] == '#' &&
         std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

bool is_schema_file(const SourceText& file) { return fs::path(file.name).filename() == "schema.json"; }

const SourceText& builtin_schema() {
  for (const SourceText& file : embedded_graph_files())
    if (is_schema_file(file)) return file;
  static const SourceText empty{"(built-in schema)", "{}"};
  return empty;
}

Schema read_schema(const json& root, FileReporter& report) {
  Schema schema;
  ObjectReader top(root, "", report, {"version", "node_types", "relations", "categories"});
  top.integer("version");

  const json* types = top.object("node_types", true);
  if (types) {
    for (const auto& [name, spec] : types->items()) {
      const std::string pointer = "/node_types/" + name;
      if (!detail::is_kebab_id(name)) report.error(pointer, "node type '" + name + "' is not kebab-case");
      ObjectReader type(spec, pointer, report, {"description"});
      schema.node_types.push_back({name, type.string("description").value_or("")});
    }
    if (schema.node_types.empty()) report.error("/node_types", "expected at least one node type");
  }

  const json* relations = top.object("relations", true);
  if (relations) {
    for (const auto& [name, spec] : relations->items()) {
      const std::string pointer = "/relations/" + name;
      if (!detail::is_kebab_id(name)) report.error(pointer, "relation '" + name + "' is not kebab-case");
      ObjectReader reader(spec, pointer, report,
                          {"description", "inverse", "symmetric", "flow", "paths", "from", "to"});
      Relation r;
      r.name = name;
      r.description = reader.string("description").value_or("");
      r.symmetric = reader.boolean("symmetric", false);
      r.flow = reader.boolean("flow", false);
      r.in_paths = reader.boolean("paths", true);
      r.inverse = reader.string("inverse").value_or(r.symmetric ? name : name + "-of");
      r.from_types = reader.strings("from");
      r.to_types = reader.strings("to");
      for (const char* end : {"from", "to"}) {
        const auto& listed = std::string(end) == "from" ? r.from_types : r.to_types;
        for (std::size_t i = 0; i < listed.size(); ++i) {
          if (schema.find_type(listed[i])) continue;
          report.error(pointer + "/" + end + "/" + std::to_string(i), "unknown node type '" + listed[i] + "'",
                       did_you_mean(closest_names(listed[i], schema.type_names())));
        }
      }
      schema.relations.push_back(std::move(r));
    }
  }
  if (const json* categories = top.object("categories", false)) {
    for (const auto& [name, spec] : categories->items()) {
      const std::string pointer = "/categories/" + name;
      if (!detail::is_kebab_id(name)) report.error(pointer, "category '" + name + "' is not kebab-case");
      ObjectReader reader(spec, pointer, report, {"label", "color"});
      Category c{name, reader.string("label", true).value_or(name), reader.string("color", true).value_or("")};
      if (!c.color.empty() && !is_hex_colour(c.color))
        report.error(pointer + "/color", "colour '" + c.color + "' is not #RRGGBB");
      schema.categories.push_back(std::move(c));
    }
  }
  return schema;
}

std::string read_whole_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error::in_file(ErrorKind::io, path.string(), "cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

std::vector<SourceText> read_graph_dir(const std::string& dir, const LoadLimits& limits) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw Error::in_file(ErrorKind::io, dir, fs::exists(dir, ec) ? "not a folder" : "no such folder",
                         "--graph and MLKG_GRAPH name a folder of graph *.json files");
  }
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json" && entry.is_regular_file(ec)) paths.push_back(entry.path());
  if (ec) throw Error::in_file(ErrorKind::io, dir, "cannot list folder: " + ec.message());
  if (paths.empty()) throw Error::in_file(ErrorKind::invalid_graph, dir, "no *.json files in this folder");
  std::sort(paths.begin(), paths.end());

  std::vector<SourceText> files;
  for (const fs::path& path : paths) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > limits.max_file_bytes) {
      throw Error::in_file(ErrorKind::invalid_graph, path.string(),
                           "file is " + std::to_string(size >> 20) + " MiB; the limit is " +
                               std::to_string(limits.max_file_bytes >> 20) + " MiB");
    }
    files.push_back({path.string(), read_whole_file(path)});
  }
  return files;
}

LoadResult load_graph(const std::vector<SourceText>& files, const LoadLimits& limits) {
  std::vector<Diagnostic> errors;

  const auto schema_file = std::find_if(files.begin(), files.end(), is_schema_file);
  const SourceText& schema_text = schema_file != files.end() ? *schema_file : builtin_schema();
  Schema schema;
  if (auto root = detail::parse_json_file(schema_text, limits, errors)) {
    FileReporter report(schema_text, errors);
    schema = read_schema(*root, report);
  }
  if (!errors.empty()) throw Error(std::move(errors)); // without a schema nothing else can be checked

  detail::Records records;
  std::vector<const SourceText*> sources; // by file number
  for (const SourceText& file : files) {
    if (is_schema_file(file)) continue;
    sources.push_back(&file);
    detail::read_graph_file(file, static_cast<std::uint32_t>(sources.size() - 1), schema, limits, records);
  }
  Graph graph = detail::build_graph(std::move(schema), records);
  if (!records.errors.empty()) throw Error(detail::locate_problems(records.errors, sources));
  return {std::move(graph), detail::locate_problems(records.warnings, sources)};
}

LoadResult load_default_graph() {
  const std::string_view snapshot = embedded_graph_snapshot();
  if (snapshot.empty()) return load_graph(embedded_graph_files());
  return read_snapshot_bytes(snapshot, "(built-in graph)").loaded;
}

} // namespace mlkg
