#pragma once
// Private to the snapshot module: the file layout and its checksum.
//
// header (64 bytes)  magic "MLKGSNAP", u32 version, u32 byte-order mark 0x01020304, u64 file size,
//                    u64 checksum of every byte after the header, u32 section count, zeros
// section table      per section: u64 offset, u64 size (each section starts on an 8-byte boundary)
// sections           see Section; integers in the writer's byte order, which the mark records

#include <cstdint>
#include <cstring>
#include <string_view>

namespace mlkg::detail::snapshot {

constexpr char magic[8] = {'M', 'L', 'K', 'G', 'S', 'N', 'A', 'P'};
constexpr std::uint32_t byte_order_mark = 0x01020304u;
constexpr std::size_t header_size = 64;

enum Section : std::uint32_t {
  schema_json,   // the schema as JSON
  sources_json,  // [{path, size, mtime_ns}]
  warnings_json, // the load's warnings
  strings,       // every node string end to end
  string_ends,   // u64 per string: where it ends in `strings`
  node_records,  // NodeRecord per node
  node_lines,    // LineRange per node source line range
  edge_records,  // EdgeRecord per edge
  note_ends,     // u32 per edge: where its note ends in `notes`
  notes,         // every edge note end to end
  source_ends,   // u32 per edge: where its lines end in `edge_lines`
  edge_lines,    // LineRange per edge source line range
  section_count
};

// A node's strings are id, label, summary, section, category, its aliases, then its facts.
constexpr std::uint32_t fixed_strings = 5;
struct NodeRecord {
  std::uint32_t first_string, alias_count, fact_count, first_line, line_count;
  std::uint16_t type, reserved;
};
struct EdgeRecord {
  std::uint32_t from, to, rel;
};
static_assert(sizeof(NodeRecord) == 24 && sizeof(EdgeRecord) == 12, "records are written as they lie in memory");

// Four independent multiply-fold lanes: a few GB/s, so checking a 50 MB snapshot costs milliseconds.
inline std::uint64_t checksum(std::string_view bytes) {
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
  std::uint64_t lane[4] = {1, 2, 3, 4};
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  for (; n >= 32; n -= 32, p += 32) {
    for (std::size_t i = 0; i < 4; ++i) {
      std::uint64_t w;
      std::memcpy(&w, p + 8 * i, 8);
      lane[i] = (lane[i] ^ w) * k;
      lane[i] ^= lane[i] >> 29;
    }
  }
  std::uint64_t h = bytes.size() * k;
  for (std::uint64_t l : lane) h = (h ^ l) * k;
  for (; n > 0; --n, ++p) h = (h ^ static_cast<unsigned char>(*p)) * k;
  return h ^ (h >> 32);
}

} // namespace mlkg::detail::snapshot
