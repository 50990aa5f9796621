#pragma once

#include "mlkg/load.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

// A graph file as it was when a snapshot was made: absolute path, size and modification time.
// A source file as it stood: its modification time can be set back (`touch -r`, `cp -p`, `tar x`), its change
// time and inode number cannot, so an edit that keeps size and mtime still shows.
struct SourceStamp {
  std::string path;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  bool operator==(const SourceStamp& o) const {
    return path == o.path && size == o.size && mtime_ns == o.mtime_ns && ctime_ns == o.ctime_ns && inode == o.inode;
  }
};

// The *.json files of `dir` as read_graph_dir() would read them, stamped. Throws Error(io) like it.
std::vector<SourceStamp> stamp_graph_dir(const std::string& dir);

// Snapshot format version: a snapshot of another version is refused, never guessed at.
constexpr std::uint32_t snapshot_version = 4;

struct Snapshot {
  LoadResult loaded;                // the graph and the warnings `check` reports for it
  std::vector<SourceStamp> sources; // what it was made from (empty for the built-in graph)
};

// A loaded graph as one binary file: a header (magic, format version, byte order, size, checksums),
// then flat arrays laid out as the graph and its query index use them in memory, so that a reader
// checks them and reads them where they lie: no per-node or per-edge parse, copy or index build.
std::string snapshot_bytes(const LoadResult& loaded, const std::vector<SourceStamp>& sources);
// Writes snapshot_bytes() with write_file_atomically().
void write_snapshot(const LoadResult& loaded, const std::vector<SourceStamp>& sources, const std::string& path);

// Checks and reads a snapshot (from a copy of `bytes`). Throws Error(invalid_graph) naming `name` and
// what is wrong with it: not a snapshot, another format version or byte order, truncated, or
// corrupted (checksums or bounds).
Snapshot read_snapshot_bytes(std::string_view bytes, const std::string& name);
// The snapshot compiled into this binary: read in place (its bytes live as long as the process), with
// header, bounds and structure checked but not its data checksum (they are the binary's own bytes,
// made by its build; hashing them would cost every start-up).
Snapshot read_builtin_snapshot(std::string_view bytes, const std::string& name);
// The same for a file, which is memory-mapped and read in place; Error(io) when it cannot be opened.
Snapshot read_snapshot(const std::string& path);

// Rewrites the header's size and checksum to fit `bytes` as they now are (nothing shorter than a header),
// so tests and the fuzzer can hand read_snapshot_bytes() corrupt contents that pass the checksum.
void reseal_snapshot(std::string& bytes);

// Whether `path` is a file that starts like a snapshot (so `--graph` can take a snapshot or a folder).
bool is_snapshot_file(const std::string& path);

// Why a snapshot no longer matches its sources ("graph/x.json changed"), or empty when it matches.
// A snapshot whose source folder is gone is taken as it is: it was moved or shipped on its own.
std::string stale_reason(const std::vector<SourceStamp>& recorded);

// Loading a graph folder through the cache: $XDG_CACHE_HOME/mlkg (or ~/.cache/mlkg) holds one
// snapshot per folder, named by a hash of its absolute path and used only while every source file's
// path, size and modification time match. Nothing is ever written into the graph folder.
struct CachedLoad {
  LoadResult loaded;
  std::vector<std::string> notes; // for stderr: a cache that could not be written or was corrupt
  bool from_cache = false;
};
CachedLoad load_graph_dir_cached(const std::string& dir, bool use_cache = true, const LoadLimits& limits = {});

// The cache file for a graph folder (whether or not it exists); empty when no cache folder is known.
std::string cache_path_for(const std::string& dir);

} // namespace mlkg
