// How -o names an output: a folder with trailing slashes is the folder itself, a file name cannot end in '/',
// a replaced output keeps its permissions, and a failure names the user's problem, not mlkg's temporaries.
#include "support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <set>
#include <sys/stat.h>

using mlkg::test::CliResult;
using mlkg::test::mini;
using mlkg::test::mini_dir;
using mlkg::test::read_file;
using mlkg::test::run_cli;
using mlkg::test::source_dir;
using mlkg::test::TempDir;
using mlkg::test::write_file;
namespace fs = std::filesystem;

namespace {

// The mini graph as a node-link file, for import to read.
std::string node_link_file(const TempDir& dir) {
  const std::string file = (dir / "g.json").string();
  REQUIRE(mini({"export", "--format", "json", "-o", file}).code == 0);
  return file;
}

// What a folder holds, by name: an exact list shows that no .mlkg-* temporary was left beside an output.
std::set<std::string> names_in(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

unsigned mode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777U;
}

// The mode an ordinary create gives: `requested` less the umask.
unsigned created_mode(unsigned requested) {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return requested & ~mask;
}

const std::set<std::string> imported_files = {".mlkg-import", "graph.json", "schema.json"};
const std::set<std::string> exported_files = {".mlkg-export", "nodes.csv", "relationships.csv"};

CliResult import_to(const std::string& input, const std::string& output) {
  return run_cli({"import", input, "-o", output});
}
CliResult export_folder_to(const std::string& output) {
  return mini({"export", "--format", "neo4j-csv", "-o", output});
}
CliResult export_file_to(const std::string& output) { return mini({"export", "--format", "json", "-o", output}); }

} // namespace

TEST_CASE("a folder output named with trailing slashes or a trailing /. is the folder itself") {
  for (const std::string ending : {"/", "//", "/.", "/./", "/.//."}) {
    CAPTURE(ending);
    TempDir dir;
    const std::string input = node_link_file(dir);
    const std::string graph = (dir / "graph").string() + ending;
    const std::string csv = (dir / "csv").string() + ending;
    for (const char* round : {"new", "replaced"}) {
      CAPTURE(round);
      auto r = import_to(input, graph);
      CHECK(r.code == 0);
      CHECK(r.err == "mlkg: wrote graph folder " + graph + " (9 nodes, 7 edges)\n");
      r = export_folder_to(csv);
      CHECK(r.code == 0);
      CHECK(r.err == "mlkg: wrote 2 files to " + csv + " (9 nodes, 7 edges)\n");
      CHECK(names_in(dir.path()) == std::set<std::string>{"csv", "g.json", "graph"});
      CHECK(names_in(dir / "graph") == imported_files);
      CHECK(names_in(dir / "csv") == exported_files);
    }
  }
}

TEST_CASE("a folder output named '..' or '.' is a usage error and nothing is written") {
  TempDir dir;
  const std::string input = node_link_file(dir);
  fs::create_directory(dir / "empty");
  const std::string why = ": cannot write folder: name the folder itself, not '.' or '..'\n";
  // Only trailing slashes and "/." parts go: "empty/./.." is shown as it was typed.
  for (const auto& [name, shown_as] : std::vector<std::pair<std::string, std::string>>{{"empty/..", "empty/.."},
                                                                                       {"empty/./..", "empty/./.."},
                                                                                       {"empty/../", "empty/.."},
                                                                                       {"empty/..//.", "empty/.."}}) {
    CAPTURE(name);
    const std::string refused = "mlkg: usage error: " + (dir / shown_as).string() + why;
    auto r = import_to(input, (dir / name).string());
    CHECK(r.code == 2);
    CHECK(r.err == refused);
    r = export_folder_to((dir / name).string());
    CHECK(r.code == 2);
    CHECK(r.err == refused);
  }
  for (const auto& [name, shown_as] :
       std::vector<std::pair<std::string, std::string>>{{".", "."}, {"./", "."}, {"..", ".."}, {"../.", ".."}}) {
    CAPTURE(name);
    const auto r = export_folder_to(name);
    CHECK(r.code == 2);
    CHECK(r.err == "mlkg: usage error: " + shown_as + why);
  }
  CHECK(names_in(dir.path()) == std::set<std::string>{"empty", "g.json"});
  CHECK(fs::is_empty(dir / "empty"));
}

TEST_CASE("a file output name that ends in a slash is a usage error and nothing is written") {
  TempDir dir;
  const std::string name = (dir / "x.json").string() + "/";
  auto r = export_file_to(name);
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: usage error: " + name + ": a file name cannot end in '/'\n");
  const std::string snapshot = (dir / "g.mlkg").string() + "//";
  r = mini({"snapshot", "-o", snapshot});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: usage error: " + snapshot + ": a file name cannot end in '/'\n");
  const std::string drawing = (dir / "x.svg").string() + "/";
  r = mini({"path", "glue", "athena", "--format", "svg", "-o", drawing});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: usage error: " + drawing + ": a file name cannot end in '/'\n");
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("a replaced file keeps its permission bits and a new file gets the usual ones") {
  TempDir dir;
  const fs::path file = dir / "g.json";
  for (const unsigned mode : {0600U, 0640U, 0604U, 0755U}) {
    CAPTURE(mode);
    write_file(file, "old");
    ::chmod(file.c_str(), mode);
    const auto r = export_file_to(file.string());
    CHECK(r.code == 0);
    CHECK(r.err == "mlkg: wrote " + file.string() + " (9 nodes, 7 edges)\n");
    CHECK(mode_of(file) == mode);
    CHECK(read_file(file) != "old");
    CHECK(names_in(dir.path()) == std::set<std::string>{"g.json"});
  }
  // Through a symbolic link, the file it names keeps its bits.
  ::chmod(file.c_str(), 0600);
  fs::create_symlink(file, dir / "link.json");
  CHECK(export_file_to((dir / "link.json").string()).code == 0);
  CHECK(mode_of(file) == 0600U);
  CHECK(fs::is_symlink(dir / "link.json"));
  const fs::path fresh = dir / "new.json";
  CHECK(export_file_to(fresh.string()).code == 0);
  CHECK(mode_of(fresh) == created_mode(0666));
  CHECK(names_in(dir.path()) == std::set<std::string>{"g.json", "link.json", "new.json"});
}

TEST_CASE("a replaced folder keeps its permission bits and a new folder gets the usual ones") {
  TempDir dir;
  const std::string input = node_link_file(dir);
  const fs::path graph = dir / "graph", csv = dir / "csv";
  CHECK(import_to(input, graph.string()).code == 0);
  CHECK(export_folder_to(csv.string()).code == 0);
  CHECK(mode_of(graph) == created_mode(0777));
  CHECK(mode_of(csv) == created_mode(0777));
  for (const unsigned mode : {0700U, 0750U, 0705U, 0500U}) {
    CAPTURE(mode);
    ::chmod(graph.c_str(), mode);
    ::chmod(csv.c_str(), mode);
    auto r = import_to(input, graph.string() + "/");
    CHECK(r.code == 0);
    CHECK(r.err == "mlkg: wrote graph folder " + graph.string() + "/ (9 nodes, 7 edges)\n");
    r = export_folder_to(csv.string());
    CHECK(r.code == 0);
    CHECK(mode_of(graph) == mode);
    CHECK(mode_of(csv) == mode);
    CHECK(names_in(graph) == imported_files);
    CHECK(names_in(csv) == exported_files);
    CHECK(names_in(dir.path()) == std::set<std::string>{"csv", "g.json", "graph"});
  }
  ::chmod(graph.c_str(), 0700);
  ::chmod(csv.c_str(), 0700);
}

TEST_CASE("a file output in a missing folder or over a folder says so and leaves nothing") {
  TempDir dir;
  const std::string missing = (dir / "nodir").string();
  auto r = export_file_to(missing + "/x.json");
  CHECK(r.code == 4);
  CHECK(r.err == "mlkg: i/o error: " + missing + "/x.json: cannot write: the folder " + missing + " does not exist\n");
  r = export_file_to(missing + "/deeper/x.json");
  CHECK(r.code == 4);
  CHECK(r.err == "mlkg: i/o error: " + missing + "/deeper/x.json: cannot write: the folder " + missing +
                     "/deeper does not exist\n");

  const std::string folder = (dir / "adir").string();
  fs::create_directory(folder);
  r = export_file_to(folder);
  CHECK(r.code == 4);
  CHECK(r.err == "mlkg: i/o error: " + folder + ": cannot write: it is a folder, and a file name is needed\n");

  const std::string file = (dir / "afile").string();
  write_file(file, "kept");
  r = export_file_to(file + "/x.json");
  CHECK(r.code == 4);
  CHECK(r.err == "mlkg: i/o error: " + file + "/x.json: cannot write: " + file + " is not a folder\n");
  CHECK(names_in(dir.path()) == std::set<std::string>{"adir", "afile"});
  CHECK(fs::is_empty(folder));
  CHECK(read_file(file) == "kept");
}

TEST_CASE("a folder output in a missing folder or under a file says so and leaves nothing") {
  TempDir dir;
  const std::string input = node_link_file(dir);
  const std::string missing = (dir / "nodir").string();
  const std::string file = (dir / "afile").string();
  write_file(file, "kept");
  for (const std::string ending : {"", "/"}) {
    CAPTURE(ending);
    auto r = import_to(input, missing + "/graph" + ending);
    CHECK(r.code == 4);
    CHECK(r.err ==
          "mlkg: i/o error: " + missing + "/graph: cannot write folder: the folder " + missing + " does not exist\n");
    r = export_folder_to(missing + "/csv" + ending);
    CHECK(r.code == 4);
    CHECK(r.err ==
          "mlkg: i/o error: " + missing + "/csv: cannot write folder: the folder " + missing + " does not exist\n");
    r = import_to(input, file + "/graph" + ending);
    CHECK(r.code == 4);
    CHECK(r.err == "mlkg: i/o error: " + file + "/graph: cannot write folder: " + file + " is not a folder\n");
    r = export_folder_to(file + ending);
    CHECK(r.code == 4);
    CHECK(r.err == "mlkg: i/o error: " + file + ": cannot write folder: it exists and is not a folder\n");
  }
  CHECK(names_in(dir.path()) == std::set<std::string>{"afile", "g.json"});
  CHECK(read_file(file) == "kept");
}

TEST_CASE("an output is never one of the files the graph is read from") {
  TempDir tmp;
  const fs::path graph = mlkg::test::mini_copy(tmp);
  const std::string g = graph.string();
  const std::string before = read_file(graph / "pipeline.json");
  const auto refused = [&](const std::vector<std::string>& args, const std::string& why) {
    CAPTURE(args.back());
    const CliResult r = run_cli(args);
    CHECK(r.code == 2);
    CHECK(r.err.find("will not write " + args.back() + ": " + why) != std::string::npos);
  };
  // A graph file by its name, through a symbolic link, and through a hard link.
  refused({"--graph", g, "--no-cache", "snapshot", "-o", (graph / "pipeline.json").string()}, "it is the graph's file");
  refused({"--graph", g, "--no-cache", "export", "--format", "json", "-o", (graph / "schema.json").string()},
          "it is the graph's file");
  fs::create_symlink(graph / "pipeline.json", tmp / "link.json");
  refused({"--graph", g, "--no-cache", "export", "--format", "dot", "-o", (tmp / "link.json").string()},
          "it is the graph's file");
  fs::create_hard_link(graph / "overfitting.json", tmp / "hard.svg");
  refused({"--graph", g, "--no-cache", "render", "--all", "-o", (tmp / "hard.svg").string()}, "it is the graph's file");
  // A new *.json in the folder would be read as a graph file next time.
  refused({"--graph", g, "--no-cache", "export", "--format", "json", "-o", (graph / "export.json").string()},
          "it would be read as one of the graph's files");
  // So would a folder of that name, which the loader refuses: a folder format does not write one there.
  refused({"--graph", g, "--no-cache", "export", "--format", "neo4j-csv", "-o", (graph / "csv.json").string()},
          "it would be read as one of the graph's files");
  refused({"--graph", g, "import", (tmp / "none.json").string(), "-o", (graph / "imported.json").string()},
          "it would be read as one of the graph's files");
  CHECK(read_file(graph / "pipeline.json") == before);
  CHECK(names_in(graph) == std::set<std::string>{"overfitting.json", "pipeline.json", "schema.json"});

  // What the loader does not read may go there.
  CHECK(
      run_cli({"--graph", g, "--no-cache", "export", "--format", "mermaid", "-o", (graph / "map.md").string()}).code ==
      0);
  CHECK(run_cli({"--graph", g, "--no-cache", "check"}).code == 0);

  // A snapshot is not replaced by what is read from it.
  const std::string snapshot = (tmp / "g.mlkg").string();
  REQUIRE(run_cli({"--graph", g, "--no-cache", "snapshot", "-o", snapshot}).code == 0);
  refused({"--graph", snapshot, "export", "--format", "json", "-o", snapshot},
          "it is the snapshot the graph is read from");
  CHECK(run_cli({"--graph", snapshot, "stats"}).code == 0);
}

TEST_CASE("re-exporting a vault keeps Obsidian's settings and the user's notes, and drops notes no longer exported") {
  TempDir dir;
  const fs::path vault = dir / "vault";
  auto r = mini({"export", "--format", "obsidian", "-o", vault.string()});
  REQUIRE(r.code == 0);
  fs::create_directory(vault / ".obsidian");
  write_file(vault / ".obsidian/app.json", "{}\n");
  write_file(vault / "My note.md", "note\n");
  r = mini({"export", "--format", "obsidian", "-o", vault.string(), "--section", "Machine learning"});
  CHECK(r.code == 0);
  CHECK(r.err == "mlkg: wrote 4 files to " + vault.string() + " (3 nodes, 2 edges)\n");
  CHECK(read_file(vault / ".obsidian/app.json") == "{}\n");
  CHECK(read_file(vault / "My note.md") == "note\n");
  // glue.md, of a node this slice leaves out, went with the old export.
  CHECK(names_in(vault) == std::set<std::string>{".mlkg-export", ".obsidian", "My note.md", "_index.md", "dropout.md",
                                                 "early-stopping.md", "overfitting.md"});
  CHECK(names_in(dir.path()) == std::set<std::string>{"vault"});

  // A note of the user's named as one the export writes is refused, by name, and nothing is written.
  write_file(vault / "glue.md", "my glue\n");
  const std::string index = read_file(vault / "_index.md");
  r = mini({"export", "--format", "obsidian", "-o", vault.string()});
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: usage error: " + (vault / "glue.md").string() +
                     ": cannot write folder: mlkg did not write it, and would replace it with a file of the same "
                     "name: move it away, or choose another folder\n");
  CHECK(read_file(vault / "glue.md") == "my glue\n");
  CHECK(read_file(vault / "_index.md") == index);
  CHECK(names_in(dir.path()) == std::set<std::string>{"vault"});
}

TEST_CASE("every folder format and import keep what mlkg did not write in a folder they replace") {
  TempDir dir;
  const std::string input = node_link_file(dir);
  const fs::path graph = dir / "graph", csv = dir / "csv", neptune = dir / "neptune";
  CHECK(import_to(input, graph.string()).code == 0);
  CHECK(export_folder_to(csv.string()).code == 0);
  CHECK(mini({"export", "--format", "neptune-csv", "-o", neptune.string()}).code == 0);
  for (const fs::path& folder : {graph, csv, neptune}) {
    fs::create_directories(folder / ".git");
    write_file(folder / ".git/HEAD", "ref: refs/heads/main\n");
    write_file(folder / "README.md", "mine\n");
  }
  CHECK(import_to(input, graph.string()).code == 0);
  CHECK(export_folder_to(csv.string()).code == 0);
  CHECK(mini({"export", "--format", "neptune-csv", "-o", neptune.string()}).code == 0);
  for (const fs::path& folder : {graph, csv, neptune}) {
    CAPTURE(folder);
    CHECK(read_file(folder / ".git/HEAD") == "ref: refs/heads/main\n");
    CHECK(read_file(folder / "README.md") == "mine\n");
  }
  CHECK(names_in(graph) == std::set<std::string>{".git", ".mlkg-import", "README.md", "graph.json", "schema.json"});
  CHECK(names_in(csv) == std::set<std::string>{".git", ".mlkg-export", "README.md", "nodes.csv", "relationships.csv"});
  CHECK(run_cli({"--graph", graph.string(), "--no-cache", "check"}).code == 0);
}

TEST_CASE("a vault whose marker an older mlkg wrote, listing no files, keeps what the export does not replace") {
  TempDir dir;
  const fs::path vault = dir / "vault";
  REQUIRE(mini({"export", "--format", "obsidian", "-o", vault.string()}).code == 0);
  write_file(vault / ".mlkg-export", "Written by mlkg; mlkg export may replace this folder.\n"); // as before lists
  write_file(vault / "My note.md", "note\n");
  auto r = mini({"export", "--format", "obsidian", "-o", vault.string(), "--section", "Machine learning"});
  CHECK(r.code == 0);
  CHECK(r.err == "mlkg: wrote 4 files to " + vault.string() + " (3 nodes, 2 edges)\nmlkg: kept 7 files in " +
                     vault.string() +
                     " that an older mlkg may have written (its marker lists no files): remove any stale ones by "
                     "hand\n");
  CHECK(read_file(vault / "My note.md") == "note\n");
  CHECK(fs::exists(vault / "glue.md"));
  // Those it kept are still replaced by an export that writes them, and said no more of.
  r = mini({"export", "--format", "obsidian", "-o", vault.string()});
  CHECK(r.code == 0);
  CHECK(r.err == "mlkg: wrote 10 files to " + vault.string() + " (9 nodes, 7 edges)\n");
  CHECK(read_file(vault / "My note.md") == "note\n");
  CHECK(names_in(dir.path()) == std::set<std::string>{"vault"});
}
