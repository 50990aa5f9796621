#include "mlkg/snapshot.hpp"

#include "graph/arrays.hpp"
#include "mlkg/atomic_file.hpp"
#include "mlkg/error.hpp"
#include "snapshot/format.hpp"

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mlkg {

namespace fmt = detail::snapshot;
using nlohmann::json;

namespace {

json schema_json(const Schema& schema) {
  json types = json::array(), relations = json::array();
  for (const NodeType& t : schema.node_types) types.push_back({t.name, t.description});
  for (const Relation& r : schema.relations)
    relations.push_back({r.name, r.description, r.inverse, r.symmetric, r.flow, r.from_types, r.to_types, r.in_paths});
  json categories = json::array();
  for (const Category& c : schema.categories) categories.push_back({c.name, c.label, c.color});
  return {types, relations, categories};
}

Schema schema_from(const json& j) {
  Schema schema;
  for (const json& t : j.at(0)) schema.node_types.push_back({t.at(0).get<std::string>(), t.at(1).get<std::string>()});
  for (const json& r : j.at(1)) {
    Relation rel;
    rel.name = r.at(0).get<std::string>();
    rel.description = r.at(1).get<std::string>();
    rel.inverse = r.at(2).get<std::string>();
    rel.symmetric = r.at(3).get<bool>();
    rel.flow = r.at(4).get<bool>();
    rel.from_types = r.at(5).get<std::vector<std::string>>();
    rel.to_types = r.at(6).get<std::vector<std::string>>();
    rel.in_paths = r.at(7).get<bool>();
    schema.relations.push_back(std::move(rel));
  }
  for (const json& c : j.at(2))
    schema.categories.push_back({c.at(0).get<std::string>(), c.at(1).get<std::string>(), c.at(2).get<std::string>()});
  return schema;
}

json diagnostics_json(const std::vector<Diagnostic>& all) {
  json out = json::array();
  for (const Diagnostic& d : all)
    out.push_back({static_cast<int>(d.kind), d.message, d.suggestion, d.where.file, d.where.line, d.where.column,
                   d.where.pointer});
  return out;
}

std::vector<Diagnostic> diagnostics_from(const json& j) {
  std::vector<Diagnostic> all;
  for (const json& x : j) {
    Diagnostic d;
    d.kind = static_cast<ErrorKind>(x.at(0).get<int>());
    d.message = x.at(1).get<std::string>();
    d.suggestion = x.at(2).get<std::string>();
    d.where.file = x.at(3).get<std::string>();
    d.where.line = x.at(4).get<int>();
    d.where.column = x.at(5).get<int>();
    d.where.pointer = x.at(6).get<std::string>();
    all.push_back(std::move(d));
  }
  return all;
}

class Writer {
public:
  Writer() : bytes_(fmt::header_size + std::size_t{fmt::section_count} * 16, '\0') {}

  template <class T> void section(fmt::Section s, const T* data, std::size_t count) {
    while (bytes_.size() % 8) bytes_.push_back('\0');
    const std::uint64_t offset = bytes_.size(), size = count * sizeof(T);
    if (size) bytes_.append(reinterpret_cast<const char*>(data), size);
    std::memcpy(&bytes_[fmt::header_size + 16 * std::size_t{s}], &offset, 8);
    std::memcpy(&bytes_[fmt::header_size + 16 * std::size_t{s} + 8], &size, 8);
  }
  void section(fmt::Section s, std::string_view text) { section(s, text.data(), text.size()); }

  std::string finish() {
    const std::uint64_t size = bytes_.size();
    const std::uint64_t sum = fmt::checksum(std::string_view(bytes_).substr(fmt::header_size));
    const std::uint32_t count = fmt::section_count;
    std::memcpy(&bytes_[0], fmt::magic, 8);
    std::memcpy(&bytes_[8], &snapshot_version, 4);
    std::memcpy(&bytes_[12], &fmt::byte_order_mark, 4);
    std::memcpy(&bytes_[16], &size, 8);
    std::memcpy(&bytes_[24], &sum, 8);
    std::memcpy(&bytes_[32], &count, 4);
    return std::move(bytes_);
  }

private:
  std::string bytes_;
};

class Reader {
public:
  Reader(std::string_view bytes, const std::string& name) : bytes_(bytes), name_(name) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw Error::in_file(ErrorKind::invalid_graph, name_, "snapshot " + what,
                         "make it again from the graph folder: mlkg snapshot --graph DIR -o FILE");
  }

  void check_header() const {
    if (bytes_.size() < 8 || std::memcmp(bytes_.data(), fmt::magic, 8) != 0) {
      if (bytes_.size() < 8 && std::string_view(fmt::magic, 8).substr(0, bytes_.size()) == bytes_)
        fail("is truncated: " + std::to_string(bytes_.size()) + " bytes, not even a header");
      throw Error::in_file(ErrorKind::invalid_graph, name_, "not an mlkg snapshot (no MLKGSNAP header)",
                           "--graph takes a folder of graph *.json files or a file made by mlkg snapshot");
    }
    if (bytes_.size() < fmt::header_size)
      fail("is truncated: " + std::to_string(bytes_.size()) + " bytes, less than its header");
    const auto order = get<std::uint32_t>(12);
    if (order != fmt::byte_order_mark) {
      if (order == 0x04030201u) fail("was written on a machine of the other byte order");
      fail("is corrupted: bad byte-order mark");
    }
    const auto version = get<std::uint32_t>(8);
    if (version != snapshot_version)
      fail("has format version " + std::to_string(version) + "; this mlkg reads version " +
           std::to_string(snapshot_version));
    const auto size = get<std::uint64_t>(16);
    if (size > bytes_.size())
      fail("is truncated: " + std::to_string(bytes_.size()) + " of " + std::to_string(size) + " bytes");
    if (size < bytes_.size()) fail("is corrupted: " + std::to_string(bytes_.size() - size) + " bytes after its end");
    if (get<std::uint32_t>(32) != fmt::section_count) fail("is corrupted: wrong section count");
    if (get<std::uint64_t>(24) != fmt::checksum(bytes_.substr(fmt::header_size)))
      fail("is corrupted: its checksum does not match its contents");
  }

  template <class T> T get(std::size_t at) const {
    T value;
    std::memcpy(&value, bytes_.data() + at, sizeof value);
    return value;
  }

  // A section as `count` values of T, after checking it lies inside the file.
  template <class T> std::vector<T> array(fmt::Section s) const {
    const std::string_view raw = section(s);
    if (raw.size() % sizeof(T) != 0) fail("is corrupted: a section of the wrong size");
    std::vector<T> out(raw.size() / sizeof(T));
    if (!raw.empty()) std::memcpy(out.data(), raw.data(), raw.size());
    return out;
  }
  std::string_view section(fmt::Section s) const {
    const auto offset = get<std::uint64_t>(fmt::header_size + 16 * std::size_t{s});
    const auto size = get<std::uint64_t>(fmt::header_size + 16 * std::size_t{s} + 8);
    if (offset > bytes_.size() || size > bytes_.size() - offset) fail("is corrupted: a section lies outside the file");
    return bytes_.substr(offset, size);
  }
  json json_section(fmt::Section s) const {
    try {
      return json::parse(section(s));
    } catch (const json::exception&) {
      fail("is corrupted: unreadable metadata");
    }
  }

private:
  std::string_view bytes_;
  const std::string& name_;
};

// Ends must rise and stay within `limit`; then [end[i-1], end[i]) is item i's run.
template <class T> bool ends_ok(const std::vector<T>& ends, std::uint64_t limit) {
  std::uint64_t previous = 0;
  for (T end : ends) {
    if (end < previous || end > limit) return false;
    previous = end;
  }
  return true;
}

} // namespace

std::string snapshot_bytes(const LoadResult& loaded, const std::vector<SourceStamp>& sources) {
  using A = detail::GraphArrays;
  const Graph& graph = loaded.graph;
  std::string strings;
  std::vector<std::uint64_t> string_ends;
  std::vector<fmt::NodeRecord> nodes;
  std::vector<LineRange> node_lines;
  nodes.reserve(graph.node_count());
  const auto add_string = [&](const std::string& s) {
    strings += s;
    string_ends.push_back(strings.size());
  };
  for (const Node& node : A::nodes(graph)) {
    nodes.push_back({static_cast<std::uint32_t>(string_ends.size()), static_cast<std::uint32_t>(node.aliases.size()),
                     static_cast<std::uint32_t>(node.facts.size()), static_cast<std::uint32_t>(node_lines.size()),
                     static_cast<std::uint32_t>(node.source.size()), node.type, 0});
    for (const std::string* s : {&node.id, &node.label, &node.summary, &node.section, &node.category}) add_string(*s);
    for (const std::string& s : node.aliases) add_string(s);
    for (const std::string& s : node.facts) add_string(s);
    node_lines.insert(node_lines.end(), node.source.begin(), node.source.end());
  }
  std::vector<fmt::EdgeRecord> edges;
  edges.reserve(graph.edge_count());
  for (const Edge& e : A::edges(graph)) edges.push_back({e.from, e.to, e.rel});

  json stamps = json::array();
  for (const SourceStamp& s : sources) stamps.push_back({s.path, s.size, s.mtime_ns});

  Writer w;
  w.section(fmt::schema_json, schema_json(graph.schema()).dump());
  w.section(fmt::sources_json, stamps.dump());
  w.section(fmt::warnings_json, diagnostics_json(loaded.warnings).dump());
  w.section(fmt::strings, strings);
  w.section(fmt::string_ends, string_ends.data(), string_ends.size());
  w.section(fmt::node_records, nodes.data(), nodes.size());
  w.section(fmt::node_lines, node_lines.data(), node_lines.size());
  w.section(fmt::edge_records, edges.data(), edges.size());
  w.section(fmt::note_ends, A::note_end(graph).data(), A::note_end(graph).size());
  w.section(fmt::notes, A::notes(graph));
  w.section(fmt::source_ends, A::source_end(graph).data(), A::source_end(graph).size());
  w.section(fmt::edge_lines, A::sources(graph).data(), A::sources(graph).size());
  return w.finish();
}

void write_snapshot(const LoadResult& loaded, const std::vector<SourceStamp>& sources, const std::string& path) {
  write_file_atomically(path, snapshot_bytes(loaded, sources));
}

Snapshot read_snapshot_bytes(std::string_view bytes, const std::string& name) {
  const Reader in(bytes, name);
  in.check_header();

  Snapshot snap;
  Schema schema;
  try {
    schema = schema_from(in.json_section(fmt::schema_json));
    snap.loaded.warnings = diagnostics_from(in.json_section(fmt::warnings_json));
    for (const json& s : in.json_section(fmt::sources_json))
      snap.sources.push_back({s.at(0).get<std::string>(), s.at(1).get<std::uint64_t>(), s.at(2).get<std::int64_t>()});
  } catch (const json::exception&) {
    in.fail("is corrupted: unreadable metadata");
  }

  const std::string_view strings = in.section(fmt::strings);
  const auto string_ends = in.array<std::uint64_t>(fmt::string_ends);
  const auto records = in.array<fmt::NodeRecord>(fmt::node_records);
  const auto node_lines = in.array<LineRange>(fmt::node_lines);
  if (!ends_ok(string_ends, strings.size())) in.fail("is corrupted: node strings out of bounds");

  std::vector<Node> nodes(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const fmt::NodeRecord& r = records[i];
    const std::uint64_t last_string = std::uint64_t{r.first_string} + fmt::fixed_strings + r.alias_count + r.fact_count;
    if (last_string > string_ends.size() || std::uint64_t{r.first_line} + r.line_count > node_lines.size() ||
        r.type >= schema.node_types.size())
      in.fail("is corrupted: a node record out of bounds");
    std::uint32_t at = r.first_string;
    const auto next = [&] {
      const std::uint64_t first = at ? string_ends[at - 1] : 0;
      const std::uint64_t end = string_ends[at++];
      return std::string(strings.substr(first, end - first));
    };
    Node& node = nodes[i];
    node.id = next();
    node.label = next();
    node.summary = next();
    node.section = next();
    node.category = next();
    node.type = r.type;
    node.aliases.reserve(r.alias_count);
    for (std::uint32_t a = 0; a < r.alias_count; ++a) node.aliases.push_back(next());
    node.facts.reserve(r.fact_count);
    for (std::uint32_t f = 0; f < r.fact_count; ++f) node.facts.push_back(next());
    node.source.assign(node_lines.begin() + r.first_line, node_lines.begin() + r.first_line + r.line_count);
  }

  const auto edge_records = in.array<fmt::EdgeRecord>(fmt::edge_records);
  std::vector<Edge> edges;
  edges.reserve(edge_records.size());
  for (const fmt::EdgeRecord& e : edge_records) {
    if (e.from >= nodes.size() || e.to >= nodes.size() || e.rel >= schema.relations.size())
      in.fail("is corrupted: an edge record out of bounds");
    edges.push_back({e.from, e.to, static_cast<RelIndex>(e.rel)});
  }
  const std::string_view notes = in.section(fmt::notes);
  auto note_ends = in.array<std::uint32_t>(fmt::note_ends);
  auto source_ends = in.array<std::uint32_t>(fmt::source_ends);
  auto edge_lines = in.array<LineRange>(fmt::edge_lines);
  if (note_ends.size() != edges.size() || source_ends.size() != edges.size() || !ends_ok(note_ends, notes.size()) ||
      !ends_ok(source_ends, edge_lines.size()))
    in.fail("is corrupted: edge notes or sources out of bounds");

  Graph graph(std::move(schema));
  graph.add_nodes(std::move(nodes));
  if (graph.node_count() != records.size()) in.fail("is corrupted: duplicate node ids");
  detail::GraphArrays::assign_edges(graph, std::move(edges), std::string(notes), std::move(note_ends),
                                    std::move(edge_lines), std::move(source_ends));
  snap.loaded.graph = std::move(graph);
  return snap;
}

Snapshot read_snapshot(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error::in_file(ErrorKind::io, path, std::string("cannot open snapshot: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    throw Error::in_file(ErrorKind::io, path, std::string("cannot read snapshot: ") + std::strerror(errno));
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return read_snapshot_bytes({}, path);
  }
  void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED)
    throw Error::in_file(ErrorKind::io, path, std::string("cannot map snapshot: ") + std::strerror(errno));
  struct Unmap {
    void* at;
    std::size_t size;
    ~Unmap() { ::munmap(at, size); }
  } unmap{mapped, size};
  return read_snapshot_bytes(std::string_view(static_cast<const char*>(mapped), size), path);
}

bool is_snapshot_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  char head[8] = {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  const bool starts = regular && ::read(fd, head, 8) == 8 && std::memcmp(head, fmt::magic, 8) == 0;
  ::close(fd);
  return starts;
}

} // namespace mlkg
