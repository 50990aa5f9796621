#pragma once
// Private to the loader: typed reads of JSON members with located errors, and the graph builder
// that checks what spans files (ids, names, edge endpoints, relation types, duplicates).

#include "mlkg/error.hpp"
#include "mlkg/graph.hpp"
#include "mlkg/load.hpp"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace mlkg::detail {

using json = nlohmann::ordered_json;

bool is_kebab_id(const std::string& id);

// Reports problems in one file; the JSON pointer is turned into a line and column.
class FileReporter {
public:
  FileReporter(const SourceText& file, std::vector<Diagnostic>& sink) : file_(&file), sink_(&sink) {}
  void error(const std::string& pointer, std::string message, std::string suggestion = {});
  Location where(const std::string& pointer) const;
  const SourceText& file() const { return *file_; }
  std::vector<Diagnostic>& sink() { return *sink_; }

private:
  const SourceText* file_;
  std::vector<Diagnostic>* sink_;
};

// Reads members of one JSON object, reporting wrong types, missing members and unknown keys.
class ObjectReader {
public:
  ObjectReader(const json& value, std::string pointer, FileReporter& report, std::initializer_list<const char*> keys);

  bool valid() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string member_pointer(const char* key) const { return pointer_ + "/" + key; }

  std::optional<std::string> string(const char* key, bool required = false);
  std::optional<long long> integer(const char* key);
  bool boolean(const char* key, bool fallback);
  std::vector<std::string> strings(const char* key);
  std::vector<LineRange> lines(const char* key);
  const json* object(const char* key, bool required);
  const json* array(const char* key);

private:
  const json* member(const char* key, bool required);
  void wrong_type(const char* key, const char* expected, const json& found);

  const json* object_ = nullptr;
  std::string pointer_;
  FileReporter* report_;
};

// Collects nodes and edges file by file, then validates across files and builds the Graph.
class GraphBuilder {
public:
  GraphBuilder(Schema schema, std::vector<Diagnostic>& errors, std::vector<Diagnostic>& warnings);
  void add_file(const SourceText& file, const json& root);
  Graph build();

private:
  struct PendingNode {
    Node node;
    const SourceText* file;
    std::string pointer;
  };
  struct PendingEdge {
    std::string from, rel, to, note;
    std::vector<LineRange> source;
    const SourceText* file;
    std::string pointer;
  };

  void read_node(const json& value, const std::string& pointer, const std::string& section, FileReporter& report);
  void read_edge(const json& value, const std::string& pointer, FileReporter& report);
  void add_nodes(Graph& graph);
  void add_edges(Graph& graph);
  void warn_lint(const Graph& graph);
  void error_at(const SourceText* file, const std::string& pointer, std::string message, std::string suggestion = {});
  std::string where_text(const SourceText* file, const std::string& pointer) const;

  Schema schema_;
  std::vector<PendingNode> nodes_;
  std::vector<PendingEdge> edges_;
  std::vector<const PendingNode*> origin_; // per graph node: where it was read
  std::vector<Diagnostic>* errors_;
  std::vector<Diagnostic>* warnings_;
};

} // namespace mlkg::detail
