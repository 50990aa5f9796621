// Snapshots read in place: a generated graph answers the same from its snapshot as from its JSON, and
// a snapshot whose checksums were made to match but whose arrays are wrong is still refused.
#include "mlkg/error.hpp"
#include "mlkg/query.hpp"
#include "mlkg/snapshot.hpp"
#include "snapshot/format.hpp"
#include "support.hpp"

#include <cstring>
#include <filesystem>
#include <set>
#include <sstream>
#include <tuple>

using namespace mlkg;
using mlkg::test::read_file;
using mlkg::test::run_cli;
using mlkg::test::source_dir;
using mlkg::test::TempDir;
using mlkg::test::write_file;
namespace fs = std::filesystem;
namespace fmt = mlkg::detail::snapshot;

namespace {

constexpr int node_total = 3000;
constexpr int edge_total = 15000;

// A deterministic graph over the mini schema in two files: skewed degrees, every relation (one of
// them symmetric), aliases, facts, notes and source lines, a few orphans.
void write_generated_graph(const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy_file(source_dir() / "tests/data/mini/schema.json", dir / "schema.json");
  std::uint64_t state = 12345;
  const auto next = [&](std::uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  };
  const char* types[] = {"service", "feature", "technique", "problem"};
  std::ostringstream nodes, edges;
  for (int i = 0; i < node_total; ++i) {
    nodes << (i ? ",\n" : "") << R"({"id": "n-)" << i << R"(", "label": "Node )" << i << R"(", "type": ")"
          << types[i % 4] << R"(", "section": "Part )" << i % 7 << R"(", "summary": "Summary of node )" << i
          << R"(.", "source": [)" << 1 + i % 50 << "]";
    if (i % 3 == 0) nodes << R"(, "aliases": ["Alias )" << i << R"("])";
    if (i % 5 == 0) nodes << R"(, "facts": ["Fact one of )" << i << R"(.", "Fact two of )" << i << R"(."])";
    if (i % 4 == 0 && i % 8 == 0) nodes << R"(, "category": "analytics")";
    nodes << "}";
  }
  int written = 0;
  std::set<std::tuple<std::uint64_t, char, std::uint64_t>> seen; // duplicate edges are an error
  for (int e = 0; written < edge_total; ++e) {
    // Heavy-tailed ends: a square of a uniform number favours low ids. Node ids above 2990 stay orphans.
    const std::uint64_t a = next(2990), b = next(2990);
    const std::uint64_t from = a * a / 2990, to = (b * 7919 + static_cast<std::uint64_t>(e)) % 2990;
    if (from == to) continue;
    const char* rel = "feeds";
    if (e % 5 == 1) rel = "alternative-to";
    if (e % 5 == 2) rel = "part-of";
    const bool symmetric = e % 5 == 1;
    if (!seen.insert({from, rel[0], to}).second || (symmetric && !seen.insert({to, rel[0], from}).second)) continue;
    std::ostringstream one;
    one << R"({"from": "n-)" << from << R"(", "rel": ")" << rel << R"(", "to": "n-)" << to << R"(")";
    if (e % 6 == 0) one << R"(, "note": "note )" << e << R"(")";
    if (e % 2 == 0) one << R"(, "source": [)" << 1 + e % 90 << ", \"" << 2 + e % 90 << "-" << 3 + e % 90 << "\"]";
    one << "}";
    edges << (written ? ",\n" : "") << one.str();
    ++written;
  }
  write_file(dir / "nodes.json", "{\"nodes\": [\n" + nodes.str() + "\n]}\n");
  write_file(dir / "edges.json", "{\"edges\": [\n" + edges.str() + "\n]}\n");
}

std::string error_of(const std::string& bytes) {
  try {
    read_snapshot_bytes(bytes, "x.mlkg");
  } catch (const Error& e) {
    return format(e.diagnostics().front());
  }
  return "(no error)";
}

template <class T> T get(const std::string& bytes, std::size_t at) {
  T value;
  std::memcpy(&value, bytes.data() + at, sizeof value);
  return value;
}
template <class T> void put(std::string& bytes, std::size_t at, T value) {
  std::memcpy(&bytes[at], &value, sizeof value);
}

std::size_t section_offset(const std::string& bytes, fmt::Section s) {
  return get<std::uint64_t>(bytes, fmt::header_size + fmt::table_entry_size * s);
}

// Makes both checksums match whatever the bytes now hold, as a deliberately forged file would.
std::string resealed(std::string bytes) {
  put(bytes, 24, fmt::checksum(std::string_view(bytes).substr(fmt::data_start)));
  const std::string_view view(bytes);
  put(bytes, 40,
      fmt::checksum(view.substr(fmt::header_size, fmt::data_start - fmt::header_size),
                    fmt::checksum(view.substr(0, 40))));
  return bytes;
}

} // namespace

TEST_CASE("a generated graph answers the same from its snapshot as from its JSON") {
  TempDir tmp;
  const fs::path dir = tmp / "graph";
  write_generated_graph(dir);
  const std::string file = (tmp / "g.mlkg").string();
  const auto made = run_cli({"--graph", dir.string(), "--no-cache", "snapshot", "-o", file});
  REQUIRE(made.code == 0);
  CHECK(made.err.find("(3000 nodes, 15000 edges)") != std::string::npos);

  for (const std::vector<std::string>& command : {std::vector<std::string>{"stats", "--json"},
                                                  {"path", "n-2500", "n-7", "--any", "--json"},
                                                  {"path", "n-1200", "n-31", "--any", "--k", "5", "--json"},
                                                  {"path", "n-1200", "n-31", "--directed"},
                                                  {"neighbours", "n-42", "--depth", "2", "--json"},
                                                  {"show", "n-15"},
                                                  {"show", "alias 300"},
                                                  {"list", "--type", "problem"},
                                                  {"list", "--section", "part 3"},
                                                  {"related", "n-3", "--rel", "alternative-to"},
                                                  {"check", "--json"}}) {
    std::vector<std::string> from_json{"--graph", dir.string(), "--no-cache"}, from_snapshot{"--graph", file};
    from_json.insert(from_json.end(), command.begin(), command.end());
    from_snapshot.insert(from_snapshot.end(), command.begin(), command.end());
    const auto expected = run_cli(from_json);
    const auto actual = run_cli(from_snapshot);
    CAPTURE(command.front());
    CHECK(expected.code == actual.code);
    CHECK(expected.out.size() > 20); // a real answer, not two empty strings
    CHECK(actual.out == expected.out);
  }

  // Queries read the index stored in the snapshot; they agree with one built from the JSON.
  const LoadResult json = load_graph(read_graph_dir(dir.string()));
  const Snapshot snap = read_snapshot(file);
  const Graph& a = json.graph;
  const Graph& b = snap.loaded.graph;
  REQUIRE(b.node_count() == a.node_count());
  for (NodeIndex n = 0; n < a.node_count(); n += 97) {
    CHECK(b.find(a.node(n).id) == n);
    CHECK(b.out_edges(n) == a.out_edges(n));
    CHECK(b.in_edges(n) == a.in_edges(n));
  }
  // The fields whole-graph loops read without making the Node agree with the Node, both ways.
  for (NodeIndex n = 0; n < a.node_count(); ++n) {
    for (const Graph* g : {&a, &b}) {
      CHECK(g->node_id(n) == a.node(n).id);
      CHECK(g->node_type(n) == a.node(n).type);
      CHECK(g->node_section(n) == a.node(n).section);
    }
  }
  CHECK_FALSE(b.find("n-3000").has_value());
}

TEST_CASE("a graph opened from a snapshot can still grow") {
  TempDir tmp;
  const fs::path dir = tmp / "graph";
  write_generated_graph(dir);
  Snapshot snap = read_snapshot_bytes(snapshot_bytes(load_graph(read_graph_dir(dir.string())), {}), "g.mlkg");
  Graph& g = snap.loaded.graph;
  Node extra;
  extra.id = "extra";
  extra.label = "Extra";
  const NodeIndex x = g.add_node(extra);
  g.add_edge({x, 0, 0}, "added", {});
  CHECK(g.node_count() == node_total + 1);
  CHECK(g.edge_count() == edge_total + 1);
  CHECK(g.find("extra") == x);
  CHECK(g.find("n-2999") == NodeIndex{2999});
  CHECK(g.node(5).label == "Node 5");
  CHECK(g.note(edge_total) == "added");
  CHECK(g.in_edges(0).back() == edge_total);
}

TEST_CASE("a snapshot with matching checksums but arrays that do not fit is refused") {
  TempDir tmp;
  const fs::path dir = tmp / "graph";
  write_generated_graph(dir);
  const std::string good = snapshot_bytes(load_graph(read_graph_dir(dir.string())), {});
  REQUIRE(error_of(good) == "(no error)");

  // Each damage is resealed, so only the structural checks stand between it and a read out of bounds.
  std::string edge_out = good;
  put<std::uint32_t>(edge_out, section_offset(good, fmt::edges) + 12 * 10 + 4, node_total + 5); // edge 10's `to`
  CHECK(error_of(resealed(edge_out)).find("snapshot is corrupted: an edge record out of bounds") != std::string::npos);

  std::string arc_out = good;
  put<std::uint32_t>(arc_out, section_offset(good, fmt::index_arcs) + 12 * 77, node_total); // an arc's node
  CHECK(error_of(resealed(arc_out)).find("the query index does not fit the graph") != std::string::npos);

  std::string span_out = good;
  put<std::uint32_t>(span_out, section_offset(good, fmt::index_spans) + 16 * 5 + 12, 0xfffffff0u); // a span's end
  CHECK(error_of(resealed(span_out)).find("the query index does not fit the graph") != std::string::npos);

  std::string id_out = good;
  const std::size_t slots = section_offset(good, fmt::id_slots);
  std::size_t used = slots;
  while (get<std::uint32_t>(good, used) == 0xffffffffu) used += 4;
  put<std::uint32_t>(id_out, used, node_total + 1);
  CHECK(error_of(resealed(id_out)).find("the id table does not fit the nodes") != std::string::npos);

  std::string record_out = good;
  put<std::uint32_t>(record_out, section_offset(good, fmt::node_records) + 24 * 3 + 4, 1u << 30); // alias count
  CHECK(error_of(resealed(record_out)).find("a node record out of bounds") != std::string::npos);

  std::string string_out = good;
  put<std::uint32_t>(string_out, section_offset(good, fmt::string_ends) + 4 * 8, 0xffffff00u);
  CHECK(error_of(resealed(string_out)).find("node strings out of bounds") != std::string::npos);

  // The schema section: a count or a length past its end, a flag that is neither 0 nor 1, the section cut short.
  const std::size_t schema = section_offset(good, fmt::schema);
  std::string types_out = good;
  put<std::uint32_t>(types_out, schema, 0xfffffff0u); // the node type count
  CHECK(error_of(resealed(types_out)).find("snapshot is corrupted: unreadable metadata") != std::string::npos);
  std::string name_out = good;
  put<std::uint32_t>(name_out, schema + 4, 0x7fffffffu); // the first type's name length
  CHECK(error_of(resealed(name_out)).find("snapshot is corrupted: unreadable metadata") != std::string::npos);
  std::string bad_flag = good;
  {
    // The first relation's `symmetric` flag follows its name, description and inverse.
    std::size_t at = schema;
    auto skip_count = [&] { return at += 4, get<std::uint32_t>(good, at - 4); };
    for (std::uint32_t types = skip_count(); types > 0; --types) at += skip_count(), at += skip_count();
    REQUIRE(skip_count() > 0); // relations
    for (int text = 0; text < 3; ++text) at += skip_count();
    REQUIRE((good[at] == '\0' || good[at] == '\1'));
    bad_flag[at] = '\2';
  }
  CHECK(error_of(resealed(bad_flag)).find("snapshot is corrupted: unreadable metadata") != std::string::npos);
  std::string cut = good;
  const std::size_t schema_size_at = fmt::header_size + fmt::table_entry_size * fmt::schema + 8;
  put<std::uint64_t>(cut, schema_size_at, get<std::uint64_t>(good, schema_size_at) - 1);
  CHECK(error_of(resealed(cut)).find("snapshot is corrupted: unreadable metadata") != std::string::npos);

  std::string outside = good;
  put<std::uint64_t>(outside, fmt::header_size + fmt::table_entry_size * fmt::notes, good.size() + 8);
  CHECK(error_of(resealed(outside)).find("a section lies outside the file") != std::string::npos);

  std::string misaligned = good;
  put<std::uint64_t>(misaligned, fmt::header_size + fmt::table_entry_size * fmt::edges,
                     section_offset(good, fmt::edges) + 2);
  put<std::uint64_t>(misaligned, fmt::header_size + fmt::table_entry_size * fmt::edges + 8, 12);
  CHECK(error_of(resealed(misaligned)).find("a section of the wrong size") != std::string::npos);

  // Without resealing: the header checksum guards the section table, the data checksum the rest.
  std::string table = good;
  table[fmt::header_size + 3] ^= 1;
  CHECK(error_of(table).find("snapshot is corrupted: its header checksum does not match") != std::string::npos);
  std::string arcs = good;
  arcs[section_offset(good, fmt::index_arcs) + 100] ^= 1;
  CHECK(error_of(arcs).find("snapshot is corrupted: its checksum does not match its contents") != std::string::npos);
}

TEST_CASE("the snapshot checksum fed in pieces of any size equals the checksum of the whole") {
  namespace snap = mlkg::detail::snapshot;
  std::string bytes(1000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 + i / 7);
  for (std::size_t length : {std::size_t{0}, std::size_t{31}, std::size_t{32}, std::size_t{33}, bytes.size()}) {
    const std::string_view whole = std::string_view(bytes).substr(0, length);
    for (std::size_t piece : {1, 5, 8, 31, 32, 33, 100}) {
      snap::Checksum sum(7);
      for (std::size_t at = 0; at < whole.size(); at += piece) sum.add(whole.substr(at, piece));
      CHECK(sum.value() == snap::checksum(whole, 7));
    }
  }
  CHECK(snap::checksum("a") != snap::checksum("b"));
}
