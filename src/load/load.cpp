#include "mlkg/load.hpp"

#include "load/json_text.hpp"
#include "load/records.hpp"
#include "load/sources.hpp"
#include "load/validate.hpp"
#include "mlkg/embedded.hpp"
#include "mlkg/names.hpp"
#include "mlkg/snapshot.hpp"
#include "mlkg/text.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <unordered_map>

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

bool is_schema_path(const std::string& path) { return fs::path(path).filename() == "schema.json"; }
bool is_schema_file(const SourceText& file) { return is_schema_path(file.name); }

const SourceText& builtin_schema() {
  for (const SourceText& file : embedded_graph_files())
    if (is_schema_file(file)) return file;
  static const SourceText empty{"(built-in schema)", "{}"};
  return empty;
}

// More would overflow the 16-bit type and relation indexes, and every lookup scans the list.
constexpr std::size_t max_vocabulary = 1000;

bool too_many(const json& items, const std::string& pointer, const char* what, FileReporter& report) {
  if (items.size() <= max_vocabulary) return false;
  report.error(pointer, grouped(items.size()) + " " + what + "; the limit is " + grouped(max_vocabulary));
  return true;
}

// A relation's name and its inverse are both ways to name it in queries, so all of them must differ.
void check_inverses(const Schema& schema, const std::vector<std::string>& pointers, FileReporter& report) {
  std::unordered_map<std::string, std::size_t> named;
  for (std::size_t i = 0; i < schema.relations.size(); ++i) named.emplace(schema.relations[i].name, i);
  std::unordered_map<std::string, std::size_t> inverse_of;
  for (std::size_t i = 0; i < schema.relations.size(); ++i) {
    const Relation& r = schema.relations[i];
    const std::string& pointer = pointers[i];
    if (r.symmetric) continue; // its inverse is itself, checked when read
    if (auto it = named.find(r.inverse); it != named.end()) {
      if (it->second == i)
        report.error(pointer, "inverse '" + r.inverse + "' is the relation itself",
                     "a relation that reads the same both ways is \"symmetric\": true");
      else
        report.error(pointer, "inverse '" + r.inverse + "' is also the name of relation '" + r.inverse + "'");
      continue;
    }
    auto [it, inserted] = inverse_of.emplace(r.inverse, i);
    if (!inserted)
      report.error(pointer, "inverse '" + r.inverse + "' is also the inverse of relation '" +
                                schema.relations[it->second].name + "'");
  }
}

Relation read_relation(const std::string& name, const json& spec, const std::string& pointer, const Schema& schema,
                       FileReporter& report, std::string& inverse_pointer) {
  if (!detail::is_kebab_id(name)) report.error(pointer, "relation '" + name + "' is not kebab-case");
  ObjectReader reader(spec, pointer, report, {"description", "inverse", "symmetric", "flow", "paths", "from", "to"});
  Relation r;
  r.name = name;
  r.description = reader.string("description", false, detail::Text::prose).value_or("");
  r.symmetric = reader.boolean("symmetric", false);
  r.flow = reader.boolean("flow", false);
  r.in_paths = reader.boolean("paths", true);
  const std::optional<std::string> inverse = reader.string("inverse");
  r.inverse = inverse.value_or(r.symmetric ? name : name + "-of");
  inverse_pointer = inverse ? reader.member_pointer("inverse") : pointer;
  if (inverse) {
    if (inverse->empty())
      report.error(inverse_pointer, "inverse is empty");
    else if (!detail::is_kebab_id(*inverse))
      report.error(inverse_pointer, "inverse '" + *inverse + "' is not kebab-case (a-z, 0-9, single hyphens)");
    else if (r.symmetric && *inverse != name)
      report.error(inverse_pointer, "a symmetric relation is its own inverse; found '" + *inverse + "'",
                   "drop \"inverse\" or make it '" + name + "'");
  }
  r.from_types = reader.strings("from");
  r.to_types = reader.strings("to");
  for (const char* end : {"from", "to"}) {
    const auto& listed = std::string(end) == "from" ? r.from_types : r.to_types;
    if (spec.is_object() && spec.contains(end) && spec[end].is_array() && spec[end].empty())
      report.error(pointer + "/" + end, "an empty list allows no node type",
                   std::string("leave \"") + end + "\" out to allow any");
    // With no node types read (none given, or too many to read), each would be reported unknown: noise.
    if (schema.node_types.empty()) continue;
    for (std::size_t i = 0; i < listed.size(); ++i) {
      if (schema.find_type(listed[i])) continue;
      report.error(pointer + "/" + end + "/" + std::to_string(i), "unknown node type '" + listed[i] + "'",
                   did_you_mean(closest_names(listed[i], schema.type_names())));
    }
  }
  return r;
}

Schema read_schema(const json& root, FileReporter& report) {
  Schema schema;
  ObjectReader top(root, "", report, {"version", "node_types", "relations", "categories"});
  // Absent means 1; a later version may mean what this reader would get wrong.
  if (const auto version = top.integer("version"); version && *version != 1)
    report.error("/version", "schema version " + std::to_string(*version) + " is not one this mlkg reads",
                 "it reads version 1");

  const json* types = top.object("node_types", true);
  if (types && !too_many(*types, "/node_types", "node types", report)) {
    for (const auto& [name, spec] : types->items()) {
      const std::string pointer = "/node_types/" + detail::pointer_token(name);
      if (!detail::is_kebab_id(name)) report.error(pointer, "node type '" + name + "' is not kebab-case");
      ObjectReader type(spec, pointer, report, {"description"});
      schema.node_types.push_back({name, type.string("description", false, detail::Text::prose).value_or("")});
    }
    if (schema.node_types.empty()) report.error("/node_types", "expected at least one node type");
  }

  const json* relations = top.object("relations", true);
  if (relations && !too_many(*relations, "/relations", "relations", report)) {
    std::vector<std::string> inverse_pointers;
    for (const auto& [name, spec] : relations->items()) {
      const std::string pointer = "/relations/" + detail::pointer_token(name);
      schema.relations.push_back(read_relation(name, spec, pointer, schema, report, inverse_pointers.emplace_back()));
    }
    check_inverses(schema, inverse_pointers, report);
  }
  const json* categories = top.object("categories", false);
  if (categories && !too_many(*categories, "/categories", "categories", report)) {
    for (const auto& [name, spec] : categories->items()) {
      const std::string pointer = "/categories/" + detail::pointer_token(name);
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

const char* file_kind(fs::file_type type) {
  switch (type) {
  case fs::file_type::fifo: return "a FIFO";
  case fs::file_type::character: return "a character device";
  case fs::file_type::block: return "a block device";
  case fs::file_type::socket: return "a socket";
  default: return "an unusual file";
  }
}

// Why the folder entry `path` cannot be read as a graph file; empty when it can. Checked before opening, so that
// a FIFO cannot block the load and a device cannot pass for an empty file.
std::string unreadable_reason(const fs::path& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec) {
    std::error_code link_ec;
    const fs::path target = fs::read_symlink(path, link_ec);
    if (!link_ec && ec == std::errc::no_such_file_or_directory)
      return "a symbolic link to nothing (" + target.string() + ")";
    return "cannot read: " + ec.message();
  }
  if (fs::is_directory(status)) return "a folder, not a graph file";
  if (!fs::is_regular_file(status)) return std::string("not a regular file (") + file_kind(status.type()) + ")";
  return {};
}

} // namespace

namespace {

struct ListedFile {
  std::string path;
  std::size_t size;
};

// The folder's graph files, sorted by name, each checked to be a readable regular file within the size limit.
std::vector<ListedFile> list_graph_dir(const std::string& dir, const LoadLimits& limits) {
  if (dir.empty()) throw Error(ErrorKind::usage, "the graph folder name is empty");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw Error::in_file(ErrorKind::io, dir, fs::exists(dir, ec) ? "not a folder" : "no such folder",
                         "--graph and MLKG_GRAPH name a folder of graph *.json files");
  }
  std::vector<fs::path> paths;
  std::vector<std::string> misnamed; // "nodes.JSON": meant as a graph file, but not read as one
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (name.front() == '.') continue; // hidden, such as an editor's lock file ".#nodes.json"
    if (path.extension() == ".json")
      paths.push_back(path);
    else if (lowercase(path.extension().string()) == ".json")
      misnamed.push_back(name);
  }
  if (ec) throw Error::in_file(ErrorKind::io, dir, "cannot list folder: " + ec.message());
  std::sort(paths.begin(), paths.end());
  std::sort(misnamed.begin(), misnamed.end());

  const std::string misnamed_note =
      misnamed.empty() ? "" : "found " + join(misnamed) + "; graph files end in lower-case .json";
  if (paths.empty())
    throw Error::in_file(ErrorKind::invalid_graph, dir, "no graph files (*.json) in this folder", misnamed_note);
  if (paths.size() == 1 && paths.front().filename() == "schema.json")
    throw Error::in_file(ErrorKind::invalid_graph, dir, "only schema.json: no files of nodes and edges", misnamed_note);

  std::vector<Diagnostic> unreadable;
  for (const fs::path& path : paths) {
    std::string reason = unreadable_reason(path);
    if (!reason.empty()) unreadable.push_back(Error::in_file(ErrorKind::io, path.string(), reason).diagnostics()[0]);
  }
  if (!unreadable.empty()) throw Error(std::move(unreadable));

  std::vector<ListedFile> files;
  for (const fs::path& path : paths) {
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > limits.max_file_bytes) {
      throw Error::in_file(ErrorKind::io, path.string(), over_size_limit(size, limits.max_file_bytes));
    }
    files.push_back({path.string(), ec ? 0 : static_cast<std::size_t>(size)});
  }
  return files;
}

Schema load_schema(const SourceText& schema_source, const LoadLimits& limits) {
  std::vector<Diagnostic> errors;
  Schema schema;
  if (auto root = detail::parse_json_file(schema_source, limits, errors)) {
    detail::FileText schema_text(schema_source);
    FileReporter report(schema_text, errors);
    schema = read_schema(*root, report);
  }
  if (!errors.empty()) throw Error(std::move(errors)); // without a schema nothing else can be checked
  return schema;
}

// A graph that loaded, and its warnings, not yet located.
struct Built {
  Graph graph;
  std::vector<detail::Problem> warnings;
};

// The load's errors and its warnings, located in one pass over each file that has any. A file that could not be
// read leaves the graph partial, and what it would have said is unknown: then no warnings, which may be wrong.
Error errors_and_warnings(detail::Records& records, detail::GraphSources& sources, bool unreadable) {
  const std::size_t errors = records.errors.size();
  std::vector<detail::Problem> problems = std::move(records.errors);
  if (!unreadable)
    problems.insert(problems.end(), std::make_move_iterator(records.warnings.begin()),
                    std::make_move_iterator(records.warnings.end()));
  std::vector<Diagnostic> located = detail::locate_problems(problems, sources);
  std::vector<Diagnostic> warnings(std::make_move_iterator(located.begin() + static_cast<std::ptrdiff_t>(errors)),
                                   std::make_move_iterator(located.end()));
  located.resize(errors);
  return Error(std::move(located), std::move(warnings));
}

// Throws the load's errors, located.
Built load_graph_files(Schema schema, detail::GraphSources& sources, const LoadLimits& limits) {
  detail::Records records;
  std::size_t largest = 0, total = 0;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    largest = std::max(largest, sources.bytes(i));
    total += sources.bytes(i);
  }
  {
    detail::GraphFileReader reader(schema, limits, std::min(largest, limits.max_file_bytes), total);
    for (std::uint32_t i = 0; i < sources.size(); ++i) reader.read(sources.text(i), i, records);
  }
  sources.release(); // not needed to build the graph: the peak of a big load is lower without it
  std::vector<std::string> unreadable;
  for (const detail::Problem& p : records.errors)
    if (p.file_level && (unreadable.empty() || unreadable.back() != sources.name(p.file)))
      unreadable.push_back(sources.name(p.file));
  Graph graph = detail::build_graph(std::move(schema), records, unreadable);
  if (!records.errors.empty()) throw errors_and_warnings(records, sources, !unreadable.empty());
  return {std::move(graph), std::move(records.warnings)};
}

} // namespace

std::vector<SourceText> read_graph_dir(const std::string& dir, const LoadLimits& limits) {
  std::vector<SourceText> files;
  for (ListedFile& listed : list_graph_dir(dir, limits)) {
    SourceText& file = files.emplace_back();
    file.name = std::move(listed.path);
    detail::read_file_into(file.name, file.text);
  }
  return files;
}

LoadResult load_graph_dir(const std::string& dir, const LoadLimits& limits) {
  std::vector<std::string> paths;
  std::vector<std::size_t> sizes;
  SourceText schema_file;
  bool has_schema = false;
  for (ListedFile& listed : list_graph_dir(dir, limits)) {
    if (is_schema_path(listed.path)) {
      schema_file.name = std::move(listed.path);
      detail::read_file_into(schema_file.name, schema_file.text);
      has_schema = true;
      continue;
    }
    paths.push_back(std::move(listed.path));
    sizes.push_back(listed.size);
  }
  Schema schema = load_schema(has_schema ? schema_file : builtin_schema(), limits);
  auto sources = std::make_shared<detail::FileSources>(std::move(paths), std::move(sizes));
  Built built = load_graph_files(std::move(schema), *sources, limits);
  if (built.warnings.empty()) return {std::move(built.graph), {}};
  auto problems = std::make_shared<const std::vector<detail::Problem>>(std::move(built.warnings));
  return {std::move(built.graph),
          Warnings([sources, problems] { return detail::locate_problems(*problems, *sources); })};
}

LoadResult load_graph(const std::vector<SourceText>& files, const LoadLimits& limits) {
  const auto schema_file = std::find_if(files.begin(), files.end(), is_schema_file);
  Schema schema = load_schema(schema_file != files.end() ? *schema_file : builtin_schema(), limits);
  std::vector<const SourceText*> texts; // by file number
  for (const SourceText& file : files)
    if (!is_schema_file(file)) texts.push_back(&file);
  detail::TextSources sources(std::move(texts));
  Built built = load_graph_files(std::move(schema), sources, limits);
  return {std::move(built.graph), detail::locate_problems(built.warnings, sources)};
}

LoadResult load_default_graph() {
  const std::string_view snapshot = embedded_graph_snapshot();
  if (snapshot.empty()) return load_graph(embedded_graph_files());
  return read_builtin_snapshot(snapshot, "(built-in graph)").loaded;
}

} // namespace mlkg
