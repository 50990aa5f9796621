#include "mlkg/error.hpp"
#include "mlkg/snapshot.hpp"
#include "support.hpp"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <tuple>

using namespace mlkg;
using mlkg::test::mini_copy;
using mlkg::test::read_file;
using mlkg::test::run_cli;
using mlkg::test::source_dir;
using mlkg::test::TempDir;
using mlkg::test::write_file;
namespace fs = std::filesystem;

namespace {

std::string error_of(const std::string& bytes) {
  try {
    read_snapshot_bytes(bytes, "x.mlkg");
  } catch (const Error& e) {
    return format(e.diagnostics().front());
  }
  return "(no error)";
}

std::string mini_snapshot(const TempDir& tmp) {
  const fs::path dir = mini_copy(tmp);
  return snapshot_bytes(load_graph(read_graph_dir(dir.string())), stamp_graph_dir(dir.string()));
}

// Sets an environment variable for one scope.
class ScopedEnv {
public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_.empty())
      ::unsetenv(name_);
    else
      ::setenv(name_, old_.c_str(), 1);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  const char* name_;
  std::string old_;
};

} // namespace

TEST_CASE("a snapshot reads back the same graph, warnings and sources") {
  TempDir tmp;
  const fs::path dir = mini_copy(tmp);
  write_file(dir / "lonely.json",
             R"({"nodes": [{"id": "lonely", "label": "Lonely", "type": "service", "facts": ["a", "A"]}]})");
  const LoadResult loaded = load_graph(read_graph_dir(dir.string()));
  REQUIRE(loaded.warnings.size() == 2); // an orphan and a repeated fact
  const Snapshot snap = read_snapshot_bytes(snapshot_bytes(loaded, stamp_graph_dir(dir.string())), "x.mlkg");
  const Graph& a = loaded.graph;
  const Graph& b = snap.loaded.graph;
  REQUIRE(b.node_count() == a.node_count());
  REQUIRE(b.edge_count() == a.edge_count());
  for (NodeIndex n = 0; n < a.node_count(); ++n) {
    CHECK(b.node(n).id == a.node(n).id);
    CHECK(b.node(n).label == a.node(n).label);
    CHECK(b.node(n).aliases == a.node(n).aliases);
    CHECK(b.node(n).facts == a.node(n).facts);
    CHECK(b.node(n).summary == a.node(n).summary);
    CHECK(b.node(n).section == a.node(n).section);
    CHECK(b.node(n).category == a.node(n).category);
    CHECK(b.node(n).source == a.node(n).source);
    CHECK(b.type_name(n) == a.type_name(n));
  }
  for (EdgeIndex e = 0; e < a.edge_count(); ++e) {
    CHECK(b.edge(e).from == a.edge(e).from);
    CHECK(b.edge(e).to == a.edge(e).to);
    CHECK(b.relation(e).name == a.relation(e).name);
    CHECK(b.note(e) == a.note(e));
    CHECK(b.source(e).to_vector() == a.source(e).to_vector());
  }
  CHECK(b.find("glue") == a.find("glue"));
  const Schema &sa = a.schema(), &sb = b.schema();
  REQUIRE(sb.node_types.size() == sa.node_types.size());
  for (std::size_t t = 0; t < sa.node_types.size(); ++t) {
    CHECK(sb.node_types[t].name == sa.node_types[t].name);
    CHECK(sb.node_types[t].description == sa.node_types[t].description);
  }
  REQUIRE(sb.relations.size() == sa.relations.size());
  for (std::size_t r = 0; r < sa.relations.size(); ++r) {
    const Relation &x = sa.relations[r], &y = sb.relations[r];
    CHECK(std::tie(y.name, y.description, y.inverse, y.symmetric, y.flow, y.from_types, y.to_types, y.in_paths) ==
          std::tie(x.name, x.description, x.inverse, x.symmetric, x.flow, x.from_types, x.to_types, x.in_paths));
  }
  REQUIRE(sb.categories.size() == sa.categories.size());
  for (std::size_t c = 0; c < sa.categories.size(); ++c)
    CHECK(std::tie(sb.categories[c].name, sb.categories[c].label, sb.categories[c].color) ==
          std::tie(sa.categories[c].name, sa.categories[c].label, sa.categories[c].color));
  REQUIRE(snap.loaded.warnings.size() == 2);
  CHECK(format(snap.loaded.warnings[0]) == format(loaded.warnings[0]));
  CHECK(snap.sources == stamp_graph_dir(dir.string()));
}

TEST_CASE("the CLI answers the same from a folder, its snapshot file and its cache") {
  TempDir tmp;
  const fs::path dir = mini_copy(tmp);
  const std::string file = (tmp / "mini.mlkg").string();
  const auto made = run_cli({"--graph", dir.string(), "snapshot", "-o", file});
  REQUIRE(made.code == 0);
  CHECK(made.out.empty());
  CHECK(made.err == "mlkg: wrote " + file + " (9 nodes, 7 edges)\n");
  for (const std::vector<std::string>& command : {std::vector<std::string>{"show", "glue"},
                                                  {"stats", "--json"},
                                                  {"path", "s3", "quicksight", "--k", "3"},
                                                  {"check"}}) {
    std::vector<std::string> from_json{"--graph", dir.string(), "--no-cache"}, from_snapshot{"--graph", file},
        cached{"--graph", dir.string()};
    for (auto* args : {&from_json, &from_snapshot, &cached}) args->insert(args->end(), command.begin(), command.end());
    const auto expected = run_cli(from_json);
    CHECK(run_cli(from_snapshot).out == expected.out);
    CHECK(run_cli(cached).out == expected.out); // writes the cache
    CHECK(run_cli(cached).out == expected.out); // reads it
  }
}

TEST_CASE("a truncated, corrupted, other-version or foreign snapshot is refused with the reason") {
  TempDir tmp;
  const std::string good = mini_snapshot(tmp);
  CHECK(error_of(good) == "(no error)");
  CHECK(error_of(good.substr(0, good.size() - 100))
            .find("snapshot is truncated: " + std::to_string(good.size() - 100) + " of " + std::to_string(good.size()) +
                  " bytes") != std::string::npos);
  CHECK(error_of(good.substr(0, 40)).find("snapshot is truncated: 40 bytes, less than its header") !=
        std::string::npos);
  CHECK(error_of(good.substr(0, 5)).find("snapshot is truncated") != std::string::npos);

  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 0x20;
  CHECK(error_of(flipped).find("snapshot is corrupted: its checksum does not match") != std::string::npos);

  std::string other_version = good;
  const std::uint32_t version = 99;
  std::memcpy(&other_version[8], &version, 4);
  CHECK(error_of(other_version)
            .find("snapshot has format version 99; this mlkg reads version " + std::to_string(snapshot_version)) !=
        std::string::npos);

  std::string other_order = good;
  const std::uint32_t swapped = 0x04030201u;
  std::memcpy(&other_order[12], &swapped, 4);
  CHECK(error_of(other_order).find("other byte order") != std::string::npos);

  CHECK(error_of(good + "extra").find("snapshot is corrupted: 5 bytes after its end") != std::string::npos);
  CHECK(error_of("{\"nodes\": []}").find("not an mlkg snapshot") != std::string::npos);

  // Through the CLI: a clear message and exit 1, never a crash.
  const fs::path file = tmp / "cut.mlkg";
  write_file(file, good.substr(0, good.size() / 2));
  const auto r = run_cli({"--graph", file.string(), "stats"});
  CHECK(r.code == 1);
  CHECK(r.err.find(file.string() + ": snapshot is truncated") != std::string::npos);
  CHECK(r.err.find("mlkg snapshot --graph DIR -o FILE") != std::string::npos);
  // A file whose size says nothing (/proc) is judged by what it starts with, not called an empty snapshot.
  const auto proc = run_cli({"--graph", "/proc/self/status", "stats"});
  CHECK(proc.code == 1);
  CHECK(proc.err.find("not an mlkg snapshot") != std::string::npos);
}

TEST_CASE("reseal_snapshot makes the checksum fit, so corrupt contents meet the bounds checks behind it") {
  TempDir tmp;
  const std::string good = mini_snapshot(tmp);
  std::string resealed = good + std::string(8, '\0');
  reseal_snapshot(resealed);
  CHECK(error_of(resealed) == "(no error)"); // bytes no section names are harmless
  std::string table = good;
  table[64 + 15] = '\x7f'; // the top byte of the first section's size: far past the end of the file
  reseal_snapshot(table);
  CHECK(error_of(table).find("snapshot is corrupted: a section lies outside the file") != std::string::npos);
  std::string tiny = "MLKGSNAP";
  reseal_snapshot(tiny); // shorter than a header: left alone
  CHECK(tiny == "MLKGSNAP");
}

TEST_CASE("a snapshot whose sources changed is refused as stale") {
  TempDir tmp;
  const fs::path dir = mini_copy(tmp);
  const std::string file = (tmp / "mini.mlkg").string();
  REQUIRE(run_cli({"--graph", dir.string(), "snapshot", "-o", file}).code == 0);
  REQUIRE(run_cli({"--graph", file, "stats"}).code == 0);

  write_file(dir / "pipeline.json", read_file(dir / "pipeline.json") + "\n");
  auto r = run_cli({"--graph", file, "stats"});
  CHECK(r.code == 1);
  CHECK(r.err.find("snapshot is stale: " + fs::canonical(dir / "pipeline.json").string() +
                   " changed since it was made") != std::string::npos);

  REQUIRE(run_cli({"--graph", dir.string(), "snapshot", "-o", file}).code == 0);
  write_file(dir / "more.json", R"({"nodes": []})");
  r = run_cli({"--graph", file, "stats"});
  CHECK(r.code == 1);
  CHECK(r.err.find("more.json was added") != std::string::npos);

  // Nor is a folder, but the loader refuses one named *.json: the snapshot is stale, as is the cache.
  REQUIRE(run_cli({"--graph", dir.string(), "snapshot", "-o", file}).code == 0);
  fs::create_directory(dir / "folder.json");
  r = run_cli({"--graph", file, "stats"});
  CHECK(r.code == 1);
  CHECK(r.err.find("folder.json was added") != std::string::npos);
  fs::remove(dir / "folder.json");

  // A hidden file is not a graph file, to the loader or to the staleness check.
  REQUIRE(run_cli({"--graph", dir.string(), "snapshot", "-o", file}).code == 0);
  write_file(dir / ".draft.json", "{");
  CHECK(run_cli({"--graph", file, "stats"}).code == 0);

  // Moved away from its folder, a snapshot is used as it is.
  fs::remove_all(dir);
  CHECK(run_cli({"--graph", file, "stats"}).code == 0);
}

TEST_CASE("the cache lives in XDG_CACHE_HOME, follows its sources and is never trusted blindly") {
  TempDir tmp;
  const fs::path dir = mini_copy(tmp);
  ScopedEnv env("XDG_CACHE_HOME", (tmp / "cache").string());
  const std::string cache = cache_path_for(dir.string());
  CHECK(fs::path(cache).parent_path() == tmp / "cache" / "mlkg");

  CHECK_FALSE(load_graph_dir_cached(dir.string(), false).from_cache);
  CHECK_FALSE(fs::exists(cache)); // --no-cache writes nothing
  CHECK_FALSE(load_graph_dir_cached(dir.string()).from_cache);
  CHECK(fs::exists(cache));
  CHECK(load_graph_dir_cached(dir.string()).from_cache);
  for (const auto& entry : fs::directory_iterator(dir)) CHECK(entry.path().extension() == ".json"); // folder untouched

  // A folder named *.json, which the loader refuses, is refused with the cache too (it was served from it).
  fs::create_directory(dir / "folder.json");
  CHECK_THROWS_WITH(load_graph_dir_cached(dir.string()), doctest::Contains("a folder, not a graph file"));
  fs::remove(dir / "folder.json");
  CHECK(load_graph_dir_cached(dir.string()).from_cache);

  // An edit that keeps the size, with the modification time set back (`touch -r`, `cp -p`), is seen too.
  const fs::path edited = dir / "overfitting.json";
  const auto mtime = fs::last_write_time(edited);
  std::string text = read_file(edited);
  REQUIRE(text.find("\"Overfitting\"") != std::string::npos);
  text.replace(text.find("\"Overfitting\""), 13, "\"Overfitting{");
  write_file(edited, text);
  fs::last_write_time(edited, mtime);
  CHECK_THROWS_WITH(load_graph_dir_cached(dir.string()), doctest::Contains("syntax error"));
  write_file(edited, read_file(edited).replace(text.find("\"Overfitting{"), 13, "\"Overfitting\""));
  CHECK_FALSE(load_graph_dir_cached(dir.string()).from_cache);

  // A changed source file (new size) is read again and the cache rewritten.
  write_file(dir / "overfitting.json", read_file(dir / "overfitting.json") + " ");
  CHECK_FALSE(load_graph_dir_cached(dir.string()).from_cache);
  CHECK(load_graph_dir_cached(dir.string()).from_cache);

  // A corrupted cache is reported, ignored and rebuilt.
  std::string bytes = read_file(cache);
  bytes[bytes.size() / 2] ^= 1;
  write_file(cache, bytes);
  CachedLoad rebuilt = load_graph_dir_cached(dir.string());
  CHECK_FALSE(rebuilt.from_cache);
  REQUIRE(rebuilt.notes.size() == 1);
  CHECK(rebuilt.notes[0].find("ignoring the cache: " + cache + ": snapshot is corrupted") == 0);
  CHECK(rebuilt.notes[0].find("mlkg snapshot --graph") == std::string::npos); // no advice to make it by hand
  CHECK(rebuilt.loaded.graph.node_count() == 9);
  CHECK(load_graph_dir_cached(dir.string()).from_cache);

  // Another build's cache of the folder (which may have checked it by other rules) is not read, and goes
  // once this build's is written; so does the unversioned name of earlier builds.
  const std::string name = fs::path(cache).filename().string();
  REQUIRE(name.size() == 16 + 1 + 16 + 5); // folder hash, '-', build hash, ".mlkg"
  const fs::path other = fs::path(cache).parent_path() / (name.substr(0, 17) + "0123456789abcdef.mlkg");
  const fs::path unversioned = fs::path(cache).parent_path() / (name.substr(0, 16) + ".mlkg");
  fs::rename(cache, other);
  fs::copy_file(other, unversioned);
  CHECK_FALSE(load_graph_dir_cached(dir.string()).from_cache);
  CHECK(fs::exists(cache));
  CHECK_FALSE(fs::exists(other));
  CHECK_FALSE(fs::exists(unversioned));

  // A graph that does not load is never cached.
  write_file(dir / "broken.json", "{");
  CHECK_THROWS_AS(load_graph_dir_cached(dir.string()), Error);
}

TEST_CASE("a link, a FIFO or a folder in the cache's place is left alone, neither read nor written through") {
  TempDir tmp;
  const fs::path dir = mini_copy(tmp);
  ScopedEnv env("XDG_CACHE_HOME", (tmp / "cache").string());
  const fs::path cache = cache_path_for(dir.string());
  fs::create_directories(cache.parent_path());
  write_file(tmp / "precious.txt", "notes");
  const auto left_alone = [&] {
    CachedLoad loaded = load_graph_dir_cached(dir.string()); // a FIFO would block here, waiting for a writer
    CHECK_FALSE(loaded.from_cache);
    CHECK(loaded.loaded.graph.node_count() == 9);
    REQUIRE(loaded.notes.size() == 1);
    CHECK(loaded.notes[0] ==
          "ignoring the cache " + cache.string() + ": not a regular file, so left alone; use --no-cache to skip it");
  };
  fs::create_symlink(tmp / "precious.txt", cache);
  left_alone();
  CHECK(read_file(tmp / "precious.txt") == "notes");
  CHECK(fs::is_symlink(fs::symlink_status(cache)));
  fs::remove(cache);
  REQUIRE(::mkfifo(cache.c_str(), 0600) == 0);
  left_alone();
  CHECK(fs::is_fifo(fs::status(cache)));
  fs::remove(cache);
  fs::create_directory(cache);
  left_alone();
  // And a FIFO named as a snapshot is refused at once.
  REQUIRE(::mkfifo((tmp / "fifo.mlkg").c_str(), 0600) == 0);
  CHECK_THROWS_WITH_AS(read_snapshot((tmp / "fifo.mlkg").string()),
                       doctest::Contains("not a snapshot: not a regular file"), Error);
}

TEST_CASE("a dangling link among a folder's files is reported as the loader says, not as an unreadable folder") {
  TempDir tmp;
  fs::create_directory(tmp / "g");
  fs::create_symlink(tmp / "nothing", tmp / "g" / "schema.json"); // the only entry: the last one listed
  // Listed without error, and stamped: no cache then stands in for the load that refuses it.
  CHECK(stamp_graph_dir((tmp / "g").string()).size() == 1);
  fs::copy_file(fs::path(mlkg::test::mini_dir()) / "pipeline.json", tmp / "g" / "pipeline.json");
  const auto r = run_cli({"--graph", (tmp / "g").string(), "stats"});
  CHECK(r.code == 4);
  CHECK(r.err.find("schema.json: a symbolic link to nothing") != std::string::npos);
  CHECK(r.err.find("cannot list folder") == std::string::npos);
}

TEST_CASE("warnings from the cache name files as this run spells the folder, not as the run that wrote it") {
  TempDir tmp;
  const fs::path dir = mini_copy(tmp);
  write_file(dir / "lonely.json", R"({"nodes": [{"id": "lonely", "label": "Lonely", "type": "service"}]})");
  fs::create_directory(tmp / "elsewhere");
  ScopedEnv env("XDG_CACHE_HOME", (tmp / "cache").string());
  const std::string first = dir.string(), second = (tmp / "elsewhere" / ".." / "graph").string();
  const auto orphan_file = [](const CachedLoad& loaded) {
    for (const Diagnostic& d : loaded.loaded.warnings)
      if (d.message.find("'lonely' has no edges") != std::string::npos) return d.where.file;
    return std::string("(none)");
  };
  CHECK(orphan_file(load_graph_dir_cached(first)) == first + "/lonely.json");
  const CachedLoad cached = load_graph_dir_cached(second);
  REQUIRE(cached.from_cache); // one folder, one cache, whatever the spelling
  CHECK(orphan_file(cached) == second + "/lonely.json");
}

TEST_CASE("a cache that cannot be written is a warning, not an error") {
  TempDir tmp;
  const fs::path dir = mini_copy(tmp);
  write_file(tmp / "not-a-folder", "x");
  ScopedEnv env("XDG_CACHE_HOME", (tmp / "not-a-folder").string());
  const auto r = run_cli({"--graph", dir.string(), "stats"});
  CHECK(r.code == 0);
  CHECK(r.out.find("9 nodes") != std::string::npos);
  CHECK(r.err.find("mlkg: warning: cannot write the cache") == 0);
  CHECK(r.err.find("use --no-cache to skip it") != std::string::npos);
  CHECK(run_cli({"--graph", dir.string(), "--no-cache", "stats"}).err.empty());
}
