#pragma once

#include "mlkg/model.hpp"

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace mlkg {

namespace detail {
// Arrays of a megabyte or more come straight from the kernel, aligned to 2 MiB and advised for huge pages
// (a page fault per 4 KiB costs a big graph's load as much as its parse); smaller ones from the heap.
void* allocate_big(std::size_t bytes);
void free_big(void* data, std::size_t bytes) noexcept;
template <class T> struct BigAllocator {
  using value_type = T;
  BigAllocator() noexcept = default;
  template <class U> BigAllocator(const BigAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(allocate_big(n * sizeof(T))); }
  void deallocate(T* data, std::size_t n) noexcept { free_big(data, n * sizeof(T)); }
  friend bool operator==(BigAllocator, BigAllocator) noexcept { return true; }
  friend bool operator!=(BigAllocator, BigAllocator) noexcept { return false; }
};
template <class T> using BigVector = std::vector<T, BigAllocator<T>>;

struct GraphStore;  // the id table and the Boost.Graph adjacency, built on demand; see src/graph/store.hpp
struct GraphArrays; // the snapshot reader and writer's view of the flat arrays; see src/graph/arrays.hpp

// Values a Graph either owns or reads in place from a memory-mapped snapshot it keeps alive. Reading
// is one pointer either way; the first change copies viewed values into the owned vector.
template <class T> class Column {
public:
  const T& operator[](std::size_t i) const { return data_[i]; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return viewing_ ? size_ : owned_.capacity(); }

  void view(const T* data, std::size_t size) {
    owned_ = {};
    data_ = data;
    size_ = size;
    viewing_ = true;
  }
  void push_back(const T& value) {
    own().push_back(value);
    sync();
  }
  void append(const T* first, std::size_t count) {
    BigVector<T>& values = own();
    values.insert(values.end(), first, first + count);
    sync();
  }
  void reserve(std::size_t count) {
    own().reserve(count);
    sync();
  }

private:
  BigVector<T>& own() {
    if (viewing_) {
      owned_.assign(data_, data_ + size_);
      viewing_ = false;
    }
    return owned_;
  }
  void sync() {
    data_ = owned_.data();
    size_ = owned_.size();
  }

  BigVector<T> owned_;
  const T* data_ = nullptr;
  std::size_t size_ = 0;
  bool viewing_ = false;
};
} // namespace detail

// A typed, directed multigraph of knowledge: nodes carry their text, edges a relation from the schema.
// Boost.Graph sits behind this class; nothing of it leaks through this header.
class Graph {
public:
  explicit Graph(Schema schema = {});
  ~Graph();
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  const Schema& schema() const { return schema_; }

  // Ids must be unique; the loader validates before it adds. Edges are kept in flat arrays (their
  // notes and sources too), so adding one allocates nothing once reserve() has sized them.
  NodeIndex add_node(Node node);
  void add_nodes(std::vector<Node> nodes); // in bulk: takes the vector itself when the graph has none yet
  EdgeIndex add_edge(Edge edge, std::string_view note = {}, LineSpan source = {});
  void reserve(std::size_t nodes, std::size_t edges, std::size_t note_bytes = 0, std::size_t source_ranges = 0);

  std::size_t node_count() const { return nodes_.size() + mapped_nodes_; }
  std::size_t edge_count() const { return edges_.size(); }

  // A graph loaded from files or opened from a snapshot keeps its nodes as records in one arena and makes
  // each Node the first time it is asked for.
  const Node& node(NodeIndex n) const { return mapped_nodes_ ? mapped_node(n) : nodes_[n]; }
  // A node's id, type and section without making the Node: whole-graph loops (stats, list filters,
  // slices) read these straight from a snapshot's records.
  std::string_view node_id(NodeIndex n) const { return id_of(n); }
  TypeIndex node_type(NodeIndex n) const { return mapped_nodes_ ? mapped_type(n) : nodes_[n].type; }
  std::string_view node_section(NodeIndex n) const { return mapped_nodes_ ? mapped_section(n) : nodes_[n].section; }
  // Its label and aliases, likewise (a look-up by name scans them on a big graph).
  std::string_view node_label(NodeIndex n) const;
  std::size_t node_alias_count(NodeIndex n) const;
  std::string_view node_alias(NodeIndex n, std::size_t a) const;
  const Edge& edge(EdgeIndex e) const { return edges_[e]; }
  std::string_view note(EdgeIndex e) const {
    const std::uint32_t first = e ? note_end_[e - 1] : 0;
    return {notes_.data() + first, note_end_[e] - first};
  }
  LineSpan source(EdgeIndex e) const {
    const std::uint32_t first = e ? source_end_[e - 1] : 0;
    return {sources_.data() + first, source_end_[e] - first};
  }
  const std::string& type_name(NodeIndex n) const { return schema_.node_types[node_type(n)].name; }
  const Relation& relation(EdgeIndex e) const { return schema_.relations[edges_[e].rel]; }

  std::optional<NodeIndex> find(std::string_view id) const;

  // Edge indices leaving / entering a node, in insertion order (an adjacency index is built on the
  // first call, in one pass over the edges).
  std::vector<EdgeIndex> out_edges(NodeIndex n) const;
  std::vector<EdgeIndex> in_edges(NodeIndex n) const;
  std::size_t degree(NodeIndex n) const;

  // For algorithm modules inside the library (query); not for callers.
  const detail::GraphStore& store() const { return *store_; }

private:
  friend struct detail::GraphArrays;
  const Node& mapped_node(NodeIndex n) const;
  TypeIndex mapped_type(NodeIndex n) const;
  std::string_view mapped_section(NodeIndex n) const;
  std::string_view id_of(NodeIndex n) const;
  void own_everything(); // before a change to a graph opened from a snapshot

  Schema schema_;
  std::vector<Node> nodes_;
  std::size_t mapped_nodes_ = 0; // nodes read in place from records (then nodes_ is empty)
  detail::Column<Edge> edges_;
  detail::Column<char> notes_;               // every edge's note, end to end
  detail::Column<std::uint32_t> note_end_;   // per edge: where its note ends in notes_ (starts: the previous end)
  detail::Column<LineRange> sources_;        // every edge's source lines, end to end
  detail::Column<std::uint32_t> source_end_; // per edge: where its lines end in sources_
  std::unique_ptr<detail::GraphStore> store_;
};

} // namespace mlkg
