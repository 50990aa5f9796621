#pragma once

#include "mlkg/error.hpp"
#include "mlkg/graph.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace mlkg {

// A graph file's name and its whole text, read from disk or compiled into the binary.
struct SourceText {
  std::string name;
  std::string text;
};

struct LoadLimits {
  std::size_t max_file_bytes = std::size_t{512} << 20; // larger files are refused, not parsed
  std::size_t max_string_bytes = std::size_t{1} << 20; // one label, summary or fact
  int max_depth = 32;                                  // JSON nesting; the format needs 4
};

struct LoadResult {
  Graph graph;
  std::vector<Diagnostic> warnings; // the graph is usable, but `mlkg check` is not clean
};

// Every *.json file of `dir`, sorted by name. Throws Error(io) when the folder cannot be read.
std::vector<SourceText> read_graph_dir(const std::string& dir, const LoadLimits& limits = {});

// Validates and builds a graph from a schema file ("schema.json"; the built-in schema when absent)
// and node/edge files. Throws Error(invalid_graph) carrying every problem found, each with its
// file, line, column and JSON pointer.
LoadResult load_graph(const std::vector<SourceText>& files, const LoadLimits& limits = {});

// The graph compiled into the binary.
LoadResult load_default_graph();

} // namespace mlkg
