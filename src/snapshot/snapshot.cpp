#include "mlkg/snapshot.hpp"

#include "graph/arrays.hpp"
#include "graph/node_table.hpp"
#include "mlkg/atomic_file.hpp"
#include "mlkg/error.hpp"
#include "query/index.hpp"
#include "snapshot/format.hpp"
#include "snapshot/schema_section.hpp"

#include <cstdlib>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <sys/mman.h>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

namespace mlkg {

namespace fmt = detail::snapshot;
using nlohmann::json;

namespace {

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

// Lays out the sections and hashes them where they lie, without copying them into one buffer: a big
// graph's snapshot is hundreds of MB, and the copy (and the fresh pages it needs) cost as much as the
// write. The parts (the header with the section table, then each section and the zeros before it) stay
// valid while the arrays they point into do.
class Writer {
public:
  Writer() : head_(fmt::data_start, '\0'), size_(fmt::data_start) {}

  template <class T> void section(fmt::Section s, const T* data, std::size_t count) {
    static constexpr char zeros[8] = {};
    if (size_ % 8) add({zeros, 8 - size_ % 8});
    const std::uint64_t offset = size_, size = count * sizeof(T);
    if (size) add({reinterpret_cast<const char*>(data), size});
    std::memcpy(&head_[fmt::header_size + fmt::table_entry_size * std::size_t{s}], &offset, 8);
    std::memcpy(&head_[fmt::header_size + fmt::table_entry_size * std::size_t{s} + 8], &size, 8);
  }
  template <class T, class Allocator> void section(fmt::Section s, const std::vector<T, Allocator>& values) {
    section(s, values.data(), values.size());
  }
  void section(fmt::Section s, std::string_view text) { section(s, text.data(), text.size()); }

  // The file's parts in order, the header filled in.
  std::vector<std::string_view> finish() {
    const std::uint64_t size = size_;
    const std::uint64_t sum = data_sum_.value();
    const std::uint32_t count = fmt::section_count;
    std::memcpy(&head_[0], fmt::magic, 8);
    std::memcpy(&head_[8], &snapshot_version, 4);
    std::memcpy(&head_[12], &fmt::byte_order_mark, 4);
    std::memcpy(&head_[16], &size, 8);
    std::memcpy(&head_[24], &sum, 8);
    std::memcpy(&head_[32], &count, 4);
    const std::uint64_t head = fmt::header_checksum(head_);
    std::memcpy(&head_[40], &head, 8);
    std::vector<std::string_view> parts{head_};
    parts.insert(parts.end(), parts_.begin(), parts_.end());
    return parts;
  }

private:
  void add(std::string_view part) {
    parts_.push_back(part);
    data_sum_.add(part);
    size_ += part.size();
  }
  std::string head_; // the header and the section table
  std::vector<std::string_view> parts_;
  std::uint64_t size_;
  fmt::Checksum data_sum_;
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
    if (get<std::uint32_t>(32) != fmt::section_count || size < fmt::data_start)
      fail("is corrupted: wrong section count");
    if (get<std::uint64_t>(40) != fmt::header_checksum(bytes_))
      fail("is corrupted: its header checksum does not match");
  }

  void check_data() const {
    if (get<std::uint64_t>(24) != fmt::checksum(bytes_.substr(fmt::data_start)))
      fail("is corrupted: its checksum does not match its contents");
  }

  template <class T> T get(std::size_t at) const {
    T value;
    std::memcpy(&value, bytes_.data() + at, sizeof value);
    return value;
  }

  std::string_view section(fmt::Section s) const {
    const auto offset = get<std::uint64_t>(fmt::header_size + fmt::table_entry_size * std::size_t{s});
    const auto size = get<std::uint64_t>(fmt::header_size + fmt::table_entry_size * std::size_t{s} + 8);
    if (offset < fmt::data_start || offset > bytes_.size() || size > bytes_.size() - offset)
      fail("is corrupted: a section lies outside the file");
    return bytes_.substr(offset, size);
  }
  // A section read in place as `count` values of T (the file is mapped 8-byte aligned and so is
  // every section).
  template <class T> std::pair<const T*, std::size_t> array(fmt::Section s) const {
    const std::string_view raw = section(s);
    if (raw.size() % sizeof(T) != 0 || reinterpret_cast<std::uintptr_t>(raw.data()) % alignof(T) != 0)
      fail("is corrupted: a section of the wrong size");
    return {reinterpret_cast<const T*>(raw.data()), raw.size() / sizeof(T)};
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
template <class T> bool ends_ok(const T* ends, std::size_t count, std::uint64_t limit) {
  std::uint64_t previous = 0;
  bool ok = true;
  for (std::size_t i = 0; i < count; ++i) { // no early exit: the loop vectorises
    ok &= ends[i] >= previous && ends[i] <= limit;
    previous = ends[i];
  }
  return ok;
}

// Checks everything the graph and the query index will read in place: every offset and index in
// bounds, so that even a file made to pass the checksum cannot make mlkg read outside it.
class InPlaceCheck {
public:
  explicit InPlaceCheck(const Reader& in) : in_(in) {}

  void nodes(const detail::MappedNodes& m, const Schema& schema) const {
    if (!ends_ok(m.string_ends, m.string_count, m.strings_size)) in_.fail("is corrupted: node strings out of bounds");
    bool ok = true;
    for (std::size_t i = 0; i < m.count; ++i) {
      const detail::NodeRecord& r = m.records[i];
      ok &=
          std::uint64_t{r.first_string} + detail::fixed_node_strings + r.alias_count + r.fact_count <= m.string_count &&
          std::uint64_t{r.first_line} + r.line_count <= m.line_count && r.type < schema.node_types.size();
    }
    if (!ok) in_.fail("is corrupted: a node record out of bounds");
  }

  void edges(const Edge* edges, std::size_t count, std::size_t nodes, std::size_t relations) const {
    bool ok = true;
    for (std::size_t e = 0; e < count; ++e)
      ok &= edges[e].from < nodes && edges[e].to < nodes && edges[e].rel < relations;
    if (!ok) in_.fail("is corrupted: an edge record out of bounds");
  }

  void ids(const std::uint32_t* slots, std::size_t capacity, std::size_t nodes) const {
    std::size_t used = 0;
    bool ok = capacity >= 2 * nodes && (capacity & (capacity - 1)) == 0 && capacity > 0;
    for (std::size_t i = 0; i < capacity; ++i) {
      used += slots[i] != detail::IdTable::empty;
      ok &= slots[i] == detail::IdTable::empty || slots[i] < nodes;
    }
    if (!ok || used != nodes) in_.fail("is corrupted: the id table does not fit the nodes");
  }

  void index(const detail::ArcSpan* spans, const std::uint32_t* ranks, std::size_t nodes, const detail::Arc* arcs,
             std::size_t arc_count, std::size_t edges, std::size_t relations) const {
    bool ok = true;
    std::uint32_t at = 0;
    for (std::size_t v = 0; v < nodes; ++v) {
      const detail::ArcSpan& s = spans[v];
      ok &= s.first == at && s.first <= s.symmetric && s.symmetric <= s.in && s.in <= s.last && ranks[v] < nodes;
      at = s.last;
    }
    ok &= at == arc_count && arc_count == 2 * edges;
    for (std::size_t a = 0; a < arc_count; ++a)
      ok &= arcs[a].node < nodes && arcs[a].edge < edges && arcs[a].rel < relations;
    if (!ok) in_.fail("is corrupted: the query index does not fit the graph");
  }

private:
  const Reader& in_;
};

// Reads a snapshot in place from `bytes`, which `mapping` keeps alive (empty: they outlive the process).
// `built_in`: bytes compiled into this binary by its own build, so the data checksum is skipped (the
// header, bounds and structure are still checked).
Snapshot open_in_place(std::string_view bytes, const std::string& name, std::shared_ptr<const void> mapping,
                       bool built_in = false) {
  const Reader in(bytes, name);
  in.check_header();
  if (!built_in) in.check_data();

  Snapshot snap;
  Schema schema;
  try {
    std::optional<Schema> decoded = fmt::decode_schema(in.section(fmt::schema));
    if (!decoded) in.fail("is corrupted: unreadable metadata");
    schema = std::move(*decoded);
    snap.loaded.warnings = diagnostics_from(in.json_section(fmt::warnings_json));
    for (const json& s : in.json_section(fmt::sources_json))
      snap.sources.push_back({s.at(0).get<std::string>(), s.at(1).get<std::uint64_t>(), s.at(2).get<std::int64_t>(),
                              s.at(3).get<std::int64_t>(), s.at(4).get<std::uint64_t>()});
  } catch (const json::exception&) {
    in.fail("is corrupted: unreadable metadata");
  }
  const InPlaceCheck check(in);

  auto nodes = std::make_unique<detail::MappedNodes>();
  const std::string_view strings = in.section(fmt::strings);
  nodes->strings = strings.data();
  nodes->strings_size = strings.size();
  std::tie(nodes->string_ends, nodes->string_count) = in.array<std::uint32_t>(fmt::string_ends);
  std::tie(nodes->records, nodes->count) = in.array<detail::NodeRecord>(fmt::node_records);
  std::tie(nodes->lines, nodes->line_count) = in.array<LineRange>(fmt::node_lines);
  check.nodes(*nodes, schema);
  const std::size_t node_count = nodes->count;

  detail::GraphArrays::InPlace graph_in;
  std::tie(graph_in.id_slots, graph_in.id_capacity) = in.array<std::uint32_t>(fmt::id_slots);
  check.ids(graph_in.id_slots, graph_in.id_capacity, node_count);
  std::tie(graph_in.edges, graph_in.edge_count) = in.array<Edge>(fmt::edges);
  check.edges(graph_in.edges, graph_in.edge_count, node_count, schema.relations.size());
  const std::string_view notes = in.section(fmt::notes);
  graph_in.notes = notes.data();
  graph_in.note_bytes = notes.size();
  std::size_t note_ends = 0, source_ends = 0;
  std::tie(graph_in.note_end, note_ends) = in.array<std::uint32_t>(fmt::note_ends);
  std::tie(graph_in.source_end, source_ends) = in.array<std::uint32_t>(fmt::source_ends);
  std::tie(graph_in.sources, graph_in.source_count) = in.array<LineRange>(fmt::edge_lines);
  if (note_ends != graph_in.edge_count || source_ends != graph_in.edge_count ||
      !ends_ok(graph_in.note_end, note_ends, notes.size()) ||
      !ends_ok(graph_in.source_end, source_ends, graph_in.source_count))
    in.fail("is corrupted: edge notes or sources out of bounds");

  detail::QueryIndex::InPlace index_in;
  std::size_t span_count = 0, arc_count = 0, rank_count = 0;
  std::tie(index_in.spans, span_count) = in.array<detail::ArcSpan>(fmt::index_spans);
  std::tie(index_in.arcs, arc_count) = in.array<detail::Arc>(fmt::index_arcs);
  std::tie(index_in.rank, rank_count) = in.array<std::uint32_t>(fmt::index_ranks);
  if (span_count != node_count || rank_count != node_count)
    in.fail("is corrupted: the query index does not fit the graph");
  check.index(index_in.spans, index_in.rank, node_count, index_in.arcs, arc_count, graph_in.edge_count,
              schema.relations.size());

  nodes->made = detail::BigVector<std::atomic<const Node*>>(node_count); // value-initialised: all null
  graph_in.nodes = std::move(nodes);
  graph_in.mapping = mapping;
  index_in.mapping = std::move(mapping);

  Graph graph(std::move(schema));
  detail::GraphArrays::open_in_place(graph, std::move(graph_in));
  detail::GraphArrays::install_query_index(graph, std::make_shared<detail::QueryIndex>(graph, index_in));
  snap.loaded.graph = std::move(graph);
  return snap;
}

} // namespace

namespace {
// Makes the snapshot's parts and hands them to `emit` while the arrays they point into are alive.
void emit_snapshot(const LoadResult& loaded, const std::vector<SourceStamp>& sources,
                   const std::function<void(const std::vector<std::string_view>&)>& emit) {
  using A = detail::GraphArrays;
  const Graph& graph = loaded.graph;
  // Nodes already held as records (loaded from files, or opened from a snapshot) are written as they are;
  // a graph built node by node is put into the same records first.
  const detail::MappedNodes* held = A::store(graph).mapped.get();
  detail::NodeTable table;
  std::unique_ptr<detail::MappedNodes> table_view;
  if (!held) {
    std::vector<std::string_view> aliases, facts;
    for (NodeIndex n = 0; n < graph.node_count(); ++n) {
      const Node& node = graph.node(n);
      const std::string_view fixed[detail::fixed_node_strings] = {node.id, node.label, node.summary, node.section,
                                                                  node.category};
      aliases.assign(node.aliases.begin(), node.aliases.end());
      facts.assign(node.facts.begin(), node.facts.end());
      table.add(fixed, aliases, facts, node.source.data(), node.source.size(), node.type);
    }
    table_view = table.view();
    held = table_view.get();
  }
  // Records with their padding zeroed, so that the same graph always makes the same bytes.
  detail::BigVector<Edge> edges(graph.edge_count());
  if (!edges.empty()) std::memset(static_cast<void*>(edges.data()), 0, edges.size() * sizeof(Edge));
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) {
    edges[e].from = graph.edge(e).from;
    edges[e].to = graph.edge(e).to;
    edges[e].rel = graph.edge(e).rel;
  }
  const std::shared_ptr<detail::QueryIndex> index = detail::query_index(graph);
  detail::BigVector<detail::Arc> arcs(index->arc_count());
  if (!arcs.empty()) std::memset(static_cast<void*>(arcs.data()), 0, arcs.size() * sizeof(detail::Arc));
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    const detail::Arc& from = index->all_arcs()[a];
    arcs[a].node = from.node;
    arcs[a].edge = from.edge;
    arcs[a].rel = from.rel;
    arcs[a].forward = from.forward;
  }
  const detail::IdTable& ids = A::store(graph).ids;

  json stamps = json::array();
  for (const SourceStamp& s : sources) stamps.push_back({s.path, s.size, s.mtime_ns, s.ctime_ns, s.inode});

  // A file name need not be UTF-8: such bytes become U+FFFD (that cache then never matches, and is rebuilt).
  const auto dumped = [](const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); };
  const std::string schema_text = fmt::encode_schema(graph.schema()), sources_text = dumped(stamps),
                    warnings_text = dumped(diagnostics_json(loaded.warnings.list()));
  Writer w;
  w.section(fmt::schema, schema_text);
  w.section(fmt::sources_json, sources_text);
  w.section(fmt::warnings_json, warnings_text);
  w.section(fmt::strings, held->strings, held->strings_size);
  w.section(fmt::string_ends, held->string_ends, held->string_count);
  w.section(fmt::node_records, held->records, held->count);
  w.section(fmt::node_lines, held->lines, held->line_count);
  w.section(fmt::edges, edges);
  w.section(fmt::note_ends, A::note_end(graph).data(), A::note_end(graph).size());
  w.section(fmt::notes, A::notes(graph).data(), A::notes(graph).size());
  w.section(fmt::source_ends, A::source_end(graph).data(), A::source_end(graph).size());
  w.section(fmt::edge_lines, A::sources(graph).data(), A::sources(graph).size());
  w.section(fmt::id_slots, ids.slots(), ids.capacity());
  w.section(fmt::index_spans, index->spans(), graph.node_count());
  w.section(fmt::index_arcs, arcs);
  w.section(fmt::index_ranks, index->ranks(), graph.node_count());
  emit(w.finish());
}
} // namespace

std::string snapshot_bytes(const LoadResult& loaded, const std::vector<SourceStamp>& sources) {
  std::string bytes;
  emit_snapshot(loaded, sources, [&bytes](const std::vector<std::string_view>& parts) {
    std::size_t size = 0;
    for (std::string_view part : parts) size += part.size();
    bytes.reserve(size);
    for (std::string_view part : parts) bytes.append(part);
  });
  return bytes;
}

void write_snapshot(const LoadResult& loaded, const std::vector<SourceStamp>& sources, const std::string& path) {
  emit_snapshot(loaded, sources,
                [&path](const std::vector<std::string_view>& parts) { write_file_atomically(path, parts); });
}

Snapshot read_snapshot_bytes(std::string_view bytes, const std::string& name) {
  // A copy the graph reads in place; malloc aligns it for every array in it.
  void* copy = bytes.empty() ? nullptr : std::malloc(bytes.size());
  if (!bytes.empty() && !copy) throw std::bad_alloc();
  std::shared_ptr<const void> owned(copy, [](const void* p) { std::free(const_cast<void*>(p)); });
  if (copy) std::memcpy(copy, bytes.data(), bytes.size());
  return open_in_place({static_cast<const char*>(copy), bytes.size()}, name, std::move(owned));
}

Snapshot read_builtin_snapshot(std::string_view bytes, const std::string& name) {
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % 8 != 0) return read_snapshot_bytes(bytes, name);
  return open_in_place(bytes, name, nullptr, true);
}

Snapshot read_snapshot(const std::string& path) {
  // Non-blocking, so that a FIFO in a snapshot's place is refused below instead of waiting for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw Error::in_file(ErrorKind::io, path, std::string("cannot open snapshot: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    throw Error::in_file(ErrorKind::io, path, std::string("cannot read snapshot: ") + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    throw Error::in_file(ErrorKind::io, path, "not a snapshot: not a regular file");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) { // empty, or a file whose size says nothing (/proc): what it starts with says which
    char head[8];
    const ssize_t got = ::read(fd, head, sizeof head);
    ::close(fd);
    return read_snapshot_bytes(std::string_view(head, got > 0 ? static_cast<std::size_t>(got) : 0), path);
  }
  void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED)
    throw Error::in_file(ErrorKind::io, path, std::string("cannot map snapshot: ") + std::strerror(errno));
  // The graph reads the file where it is mapped, so the mapping lives as long as the graph does.
  std::shared_ptr<const void> mapping(mapped, [size](const void* at) { ::munmap(const_cast<void*>(at), size); });
  return open_in_place(std::string_view(static_cast<const char*>(mapped), size), path, std::move(mapping));
}

bool is_snapshot_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  struct stat st {};
  char head[8] = {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  const bool starts = regular && ::read(fd, head, 8) == 8 && std::memcmp(head, fmt::magic, 8) == 0;
  ::close(fd);
  return starts;
}

} // namespace mlkg
