// Fuzz target: the snapshot reader (`--graph FILE.mlkg`). The first byte picks the variant: odd, the
// rest is read as it is (the header and checksum must catch it); even, its header's size and checksum
// are first made to fit (reseal_snapshot), so mutations reach the sections behind the checksum. A
// snapshot that reads must give a graph whose every record is in bounds and that snapshots again to
// bytes that read back and snapshot to the same bytes.
#include "fuzz_graph.hpp"
#include "mlkg/resolve.hpp"
#include "mlkg/snapshot.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mlkg;
  if (size == 0) return 0;
  std::string bytes = fuzz::bytes(data + 1, size - 1);
  if (data[0] % 2 == 0) reseal_snapshot(bytes);
  Snapshot snap;
  try {
    snap = read_snapshot_bytes(bytes, "fuzz.mlkg");
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::invalid_graph) fuzz::fail("a bad snapshot is not an invalid_graph error");
    return 0;
  }
  const Graph& graph = snap.loaded.graph;
  std::size_t touched = 0;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) touched += graph.node(n).id.size() + graph.type_name(n).size();
  for (EdgeIndex e = 0; e < graph.edge_count(); ++e) {
    const Edge& edge = graph.edge(e);
    touched += graph.node(edge.from).id.size() + graph.node(edge.to).id.size() + graph.relation(e).name.size() +
               graph.note(e).size() + graph.source(e).size();
  }
  const NameIndex names(graph);
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    try {
      names.resolve(graph.node(n).id);
    } catch (const Error&) { // a corrupt snapshot may hold ids that clash; resolving must still not crash
    }
  }
  const std::string again = snapshot_bytes(snap.loaded, snap.sources);
  try {
    const Snapshot reread = read_snapshot_bytes(again, "again.mlkg");
    if (snapshot_bytes(reread.loaded, reread.sources) != again) fuzz::fail("a snapshot of a snapshot differs");
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    fuzz::fail("a snapshot mlkg wrote does not read back");
  }
  if (touched == static_cast<std::size_t>(-1)) std::abort(); // uses the walk, so it is not optimised away
  return 0;
}
