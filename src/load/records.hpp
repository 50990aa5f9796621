#pragma once
// Private to the loader: what the graph files say, read straight into compact records (one pass per
// file, no JSON tree kept), and the problems found, whose lines and columns are looked up later in one
// pass per file.

#include "graph/node_table.hpp"
#include "load/interner.hpp"
#include "mlkg/load.hpp"
#include "mlkg/names.hpp"

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg::detail {

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

// A problem at a JSON pointer of a file. `also_*` names a second place ("first defined at"), whose
// file:line is appended to the suggestion once located.
struct Problem {
  std::uint32_t file = 0;
  std::string pointer;
  std::string message;
  std::string suggestion;
  std::uint32_t also_file = none;
  std::string also_pointer;
  bool file_level = false; // a whole-file problem (too large, bad JSON): its location is already known
  Location where;          // for file_level problems
};

// Where a node was read; nodes themselves are kept apart so the graph can take them all at once.
struct NodeOrigin {
  std::uint32_t file;
  std::uint32_t element; // index in the file's "nodes" array
  std::uint32_t name;    // the interned id
};

struct EdgeRecord {
  std::uint32_t from, to; // interned ids
  std::uint32_t rel_name; // interned relation name
  std::uint32_t file;
  std::uint32_t element;    // index in the file's "edges" array
  std::uint32_t note_end;   // end of its note in Records::notes
  std::uint32_t source_end; // end of its lines in Records::sources
};

// 32 bits of the hash of a name's key (normalize_name_into), computed as each node is read, while its names
// are in the caches: the name-clash check then sifts these instead of reading every name again (a hash met
// twice only sends its names to the exact check). No letters or digits: 0; every other key's hash has its
// top bit set.
inline std::uint32_t name_key_hash(std::string_view name, NameKeyReader& keys) {
  const std::string_view key = keys.key_of(name);
  return key.empty() ? 0 : static_cast<std::uint32_t>(hash_text(key)) | std::uint32_t{1} << 31;
}

struct Records {
  NodeTable nodes;
  BigVector<NodeOrigin> node_origins;
  BigVector<std::uint32_t> name_keys; // name_key_hash() of each node's id, label and aliases, in node order
  BigVector<EdgeRecord> edges;
  BigVector<char> notes; // every edge's note, end to end
  BigVector<LineRange> sources;
  Interner names;                     // node ids and relation names as written
  BigVector<std::uint32_t> mentioned; // interned ids named by edges too broken to keep, so not orphans
  std::vector<Problem> errors;
  std::vector<Problem> warnings;
};

// Reads node/edge files into records, checking each member's type and name, and appending problems
// to records.errors in the order the reading meets them. One JSON parser serves every file: its
// buffers (several times the file's size) are sized once for the largest file and reused, because
// fresh buffers per file cost as much in page faults as the parse itself.
class GraphFileReader {
public:
  // `total_bytes`: of all the files to be read, which sizes the record arrays once (see reserve_records).
  GraphFileReader(const Schema& schema, const LoadLimits& limits, std::size_t largest_file_bytes,
                  std::size_t total_bytes);
  ~GraphFileReader();
  GraphFileReader(const GraphFileReader&) = delete;
  GraphFileReader& operator=(const GraphFileReader&) = delete;

  // Reads one file (file number `file`) into `records`.
  void read(const SourceText& text, std::uint32_t file, Records& records);

private:
  struct Parser;
  const Schema& schema_;
  const LoadLimits& limits_;
  std::unique_ptr<Parser> parser_;
  std::size_t total_bytes_ = 0; // of all the files to be read
  std::size_t bytes_seen_ = 0;  // of the files read so far
};

// Checks what spans files (duplicate ids and names, edge endpoints and relations, types at each end,
// duplicate edges), builds the graph in bulk, and adds lint warnings (orphans, repeated facts).
// `unreadable`: files that could not be read as JSON; an edge's unknown node may be defined in one, and
// its error says so instead of suggesting a name.
Graph build_graph(Schema schema, Records& records, const std::vector<std::string>& unreadable = {});

// Turns problems into diagnostics with file, line, column and pointer: one pass over each file
// that has problems, however many it has, reading each such file once.
class GraphSources;
std::vector<Diagnostic> locate_problems(const std::vector<Problem>& problems, GraphSources& files);

} // namespace mlkg::detail
