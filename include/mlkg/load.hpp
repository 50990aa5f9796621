#pragma once

#include "mlkg/error.hpp"
#include "mlkg/graph.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

// A graph file's name and its whole text, read from disk or compiled into the binary.
struct SourceText {
  std::string name;
  std::string text;
};

// Bytes a text keeps free after its end (capacity beyond size), so that the JSON parser (simdjson, which
// reads in 64-byte blocks) can parse it in place; a text without them is copied first.
inline constexpr std::size_t json_padding = 64;

struct LoadLimits {
  std::size_t max_file_bytes = std::size_t{512} << 20; // larger files are refused, not parsed
  std::size_t max_string_bytes = std::size_t{1} << 20; // one label, summary or fact
  int max_depth = 32;                                  // JSON nesting; the format needs 4
};

// A load's warnings. Those of a graph folder are found by the load but given their lines and columns only
// when first read, so commands that never show them do not read big files a second time. Reads as a
// const vector of diagnostics.
class Warnings {
public:
  Warnings() = default;
  Warnings(std::vector<Diagnostic> located) : located_(std::move(located)) {} // implicit: a list is warnings
  explicit Warnings(std::function<std::vector<Diagnostic>()> locate) : locate_(std::move(locate)) {}

  // Throws Error(io) when the files are no longer as they were loaded.
  const std::vector<Diagnostic>& list() const {
    if (locate_) {
      located_ = locate_();
      locate_ = nullptr;
    }
    return located_;
  }
  std::size_t size() const { return list().size(); }
  bool empty() const { return list().empty(); }
  const Diagnostic& operator[](std::size_t i) const { return list()[i]; }
  const Diagnostic& back() const { return list().back(); }
  std::vector<Diagnostic>::const_iterator begin() const { return list().begin(); }
  std::vector<Diagnostic>::const_iterator end() const { return list().end(); }

private:
  mutable std::vector<Diagnostic> located_;
  mutable std::function<std::vector<Diagnostic>()> locate_;
};

struct LoadResult {
  Graph graph;
  Warnings warnings; // the graph is usable, but `mlkg check` is not clean
};

// Where nodes are defined in a graph's files, for warnings worked out from a loaded graph, which keeps no
// file positions. The files are scanned on the first look-up, once.
class NodePlaces {
public:
  explicit NodePlaces(std::vector<SourceText> files);
  ~NodePlaces();
  NodePlaces(const NodePlaces&) = delete;
  NodePlaces& operator=(const NodePlaces&) = delete;

  // File, line, column and pointer of `member` ("label", "aliases/2") of the node with this id; an empty
  // Location when no file defines it (a file changed since the graph loaded).
  Location locate(std::string_view id, const std::string& member);

private:
  struct Index;
  std::vector<SourceText> files_;
  std::unique_ptr<Index> index_; // made on the first look-up
};

// Every *.json file of `dir`, sorted by name. Throws Error(io) when the folder cannot be read.
std::vector<SourceText> read_graph_dir(const std::string& dir, const LoadLimits& limits = {});

// Validates and builds a graph from a schema file ("schema.json"; the built-in schema when absent)
// and node/edge files. Throws Error(invalid_graph) carrying every problem found, each with its
// file, line, column and JSON pointer.
LoadResult load_graph(const std::vector<SourceText>& files, const LoadLimits& limits = {});

// load_graph(read_graph_dir(dir)), reading the files one at a time: only one file's text is in memory at
// once, and a file with problems is read again to locate them (warnings, once first read).
LoadResult load_graph_dir(const std::string& dir, const LoadLimits& limits = {});

// The graph compiled into the binary.
LoadResult load_default_graph();

} // namespace mlkg
