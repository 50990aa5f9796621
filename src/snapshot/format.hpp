#pragma once
// Private to the snapshot module: the file layout and its checksums.
//
// header (64 bytes)  magic "MLKGSNAP", u32 version, u32 byte-order mark 0x01020304, u64 file size,
//                    u64 checksum of the data (every byte after the section table), u32 section
//                    count, u32 zero, u64 checksum of the header's first 40 bytes and the section
//                    table, zeros
// section table      per section: u64 offset, u64 size (each section starts on an 8-byte boundary)
// sections           see Section; integers in the writer's byte order, which the mark records. Every
//                    array is laid out as the graph and the query index use it in memory, so a
//                    reader points at them where they lie in the mapped file.

#include "graph/mapped.hpp"
#include "mlkg/graph.hpp"
#include "query/index.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace mlkg::detail::snapshot {

constexpr char magic[8] = {'M', 'L', 'K', 'G', 'S', 'N', 'A', 'P'};
constexpr std::uint32_t byte_order_mark = 0x01020304u;
constexpr std::size_t header_size = 64;
constexpr std::size_t table_entry_size = 16;

enum Section : std::uint32_t {
  schema,        // the schema: see schema_section.hpp
  sources_json,  // [[path, size, mtime_ns, ctime_ns, inode]]
  warnings_json, // the load's warnings
  strings,       // every node string end to end
  string_ends,   // u32 per string: where it ends in `strings`
  node_records,  // NodeRecord per node
  node_lines,    // LineRange per node source line range
  edges,         // Edge per edge (padding zeroed)
  note_ends,     // u32 per edge: where its note ends in `notes`
  notes,         // every edge note end to end
  source_ends,   // u32 per edge: where its lines end in `edge_lines`
  edge_lines,    // LineRange per edge source line range
  id_slots,      // u32 per slot of the id table (IdTable; a power of two, empty = 0xffffffff)
  index_spans,   // ArcSpan per node: the query index's adjacency
  index_arcs,    // Arc per edge end (padding zeroed)
  index_ranks,   // u32 per node: its place when nodes are sorted by id
  section_count
};

constexpr std::size_t data_start = header_size + table_entry_size * section_count;

// Edges and arcs are written field by field into zeroed records of exactly their in-memory layout.
static_assert(sizeof(Edge) == 12 && offsetof(Edge, from) == 0 && offsetof(Edge, to) == 4 && offsetof(Edge, rel) == 8);
static_assert(sizeof(Arc) == 12 && offsetof(Arc, node) == 0 && offsetof(Arc, edge) == 4 && offsetof(Arc, rel) == 8 &&
              offsetof(Arc, forward) == 10 && sizeof(bool) == 1);
static_assert(sizeof(ArcSpan) == 16 && sizeof(LineRange) == 8 && sizeof(NodeRecord) == 24);

// Four independent multiply-fold lanes: about memory speed (see README, "Snapshots"). Fed in
// pieces (the writer hashes a snapshot's arrays where they lie), with the same result as in one.
class Checksum {
public:
  explicit Checksum(std::uint64_t seed = 0) : lane_{1 ^ seed, 2, 3, 4} {}

  Checksum& add(std::string_view bytes) {
    const char* p = bytes.data();
    std::size_t n = bytes.size();
    total_ += n;
    if (pending_) {
      const std::size_t take = std::min(n, block - pending_);
      std::memcpy(buffer_ + pending_, p, take);
      pending_ += take;
      p += take;
      n -= take;
      if (pending_ < block) return *this;
      mix(buffer_);
      pending_ = 0;
    }
    for (; n >= block; n -= block, p += block) mix(p);
    std::memcpy(buffer_, p, n);
    pending_ = n;
    return *this;
  }

  std::uint64_t value() const {
    std::uint64_t h = total_ * k;
    for (std::uint64_t l : lane_) h = (h ^ l) * k;
    for (std::size_t i = 0; i < pending_; ++i) h = (h ^ static_cast<unsigned char>(buffer_[i])) * k;
    return h ^ (h >> 32);
  }

private:
  static constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
  static constexpr std::size_t block = 32;
  void mix(const char* p) {
    for (std::size_t i = 0; i < 4; ++i) {
      std::uint64_t w;
      std::memcpy(&w, p + 8 * i, 8);
      lane_[i] = (lane_[i] ^ w) * k;
      lane_[i] ^= lane_[i] >> 29;
    }
  }
  std::uint64_t lane_[4];
  std::uint64_t total_ = 0;
  char buffer_[block] = {};
  std::size_t pending_ = 0;
};

inline std::uint64_t checksum(std::string_view bytes, std::uint64_t seed = 0) {
  return Checksum(seed).add(bytes).value();
}

// The header's first 40 bytes and the section table: what must be right before anything else is read.
// `bytes` holds at least the header and the table.
inline std::uint64_t header_checksum(std::string_view bytes) {
  return checksum(bytes.substr(header_size, data_start - header_size), checksum(bytes.substr(0, 40)));
}

} // namespace mlkg::detail::snapshot
