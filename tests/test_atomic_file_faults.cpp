// Faults while writing: a full device, a read-only folder, a missing folder, a process killed mid-write.
// Each leaves the old file as it was and, where the process lives to tell, reports exit 4 with the path;
// where a signal ends it, the temporary goes too.
#include "io/temporaries.hpp"
#include "mlkg/atomic_file.hpp"
#include "mlkg/error.hpp"
#include "support.hpp"

#include <csignal>
#include <filesystem>
#include <optional>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using mlkg::test::read_file;
using mlkg::test::run_cli;
using mlkg::test::TempDir;
using mlkg::test::write_file;
namespace fs = std::filesystem;

namespace {

const std::string old_text = "old content\n";
const std::string new_text(1 << 20, 'n'); // 1 MiB

// Runs `body` in a child process; returns its wait status.
template <class Body> int in_child(Body body) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 1;
    try {
      code = body();
    } catch (...) {
    }
    std::_Exit(code);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// Runs `body` in a child process as "nobody" when run as root (root ignores permissions): its exit code, or
// nothing when it cannot drop to uid 65534, and the test then says it skipped.
template <class Body> std::optional<int> as_nobody(Body body) {
  constexpr int could_not_drop = 3;
  const int status = in_child([&] {
    if (::geteuid() == 0 && ::setuid(65534) != 0) return could_not_drop;
    return body();
  });
  REQUIRE(WIFEXITED(status));
  if (WEXITSTATUS(status) == could_not_drop) {
    MESSAGE("skipped: running as root and cannot drop to uid 65534");
    return std::nullopt;
  }
  return WEXITSTATUS(status);
}

// 4 when the write failed with Error(io) naming `path`, 0 when it succeeded, 1 otherwise.
int write_reporting(const std::string& path, const std::string& text) {
  try {
    mlkg::write_file_atomically(path, text);
    return 0;
  } catch (const mlkg::Error& e) {
    return e.kind() == mlkg::ErrorKind::io && e.location().file == path ? 4 : 1;
  }
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

} // namespace

TEST_CASE("a full device is an I/O error naming it, and the device stays a device") {
  try {
    mlkg::write_file_atomically("/dev/full", "x");
    FAIL("expected an error");
  } catch (const mlkg::Error& e) {
    CHECK(e.kind() == mlkg::ErrorKind::io);
    CHECK(format(e.diagnostics().front()) == "/dev/full: cannot write: write failed: No space left on device");
  }
  CHECK(fs::is_character_file("/dev/full"));
  const auto r = run_cli({"export", "--format", "graphml", "-o", "/dev/full"});
  CHECK(r.code == 4);
  CHECK(r.err == "mlkg: i/o error: /dev/full: cannot write: write failed: No space left on device\n");
}

TEST_CASE("a file too large for the process's limit fails cleanly: old file intact, no temporary left") {
  // RLIMIT_FSIZE works as root too; with SIGXFSZ ignored the write returns EFBIG, like a full disk.
  TempDir dir;
  const std::string file = (dir / "out.txt").string();
  write_file(file, old_text);
  const int status = in_child([&] {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{64 * 1024, 64 * 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    return write_reporting(file, new_text);
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 4);
  CHECK(read_file(file) == old_text);
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a process killed by a signal mid-write leaves the old file intact") {
  // The default action of SIGXFSZ kills the writer at the limit: deterministically in the middle of the data.
  TempDir dir;
  const std::string file = (dir / "out.txt").string();
  write_file(file, old_text);
  const int status = in_child([&] {
    std::signal(SIGXFSZ, SIG_DFL);
    const rlimit limit{64 * 1024, 64 * 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    return write_reporting(file, new_text);
  });
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGXFSZ);
  CHECK(read_file(file) == old_text);
  // The killed process could not remove its temporary file; it is hidden (".mlkg-*") and never the target.
  for (const auto& e : fs::directory_iterator(dir.path()))
    if (e.path() != file) CHECK(e.path().filename().string().rfind(".mlkg-", 0) == 0);
}

TEST_CASE("a read-only folder is an I/O error naming the path, and its old file stays") {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  const fs::path folder = dir / "read-only";
  fs::create_directory(folder);
  const std::string file = (folder / "out.txt").string();
  write_file(file, old_text);
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  // Root ignores permissions, so as root the writer drops to "nobody" first.
  const auto code = as_nobody([&] { return write_reporting(file, new_text); });
  if (!code) return;
  CHECK(*code == 4);
  fs::permissions(folder, fs::perms::owner_all);
  CHECK(read_file(file) == old_text);
  CHECK(entries(folder) == 1);
}

TEST_CASE("a folder whose bits deny its owner writing is replaced with those bits and no temporary is left") {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::all); // for "nobody", below
  const fs::path folder = dir / "read-only";
  // Root ignores permissions, so as root the writer drops to "nobody" first.
  const auto code = as_nobody([&] {
    mlkg::write_folder_atomically(folder.string(), {{"a.txt", old_text}});
    ::chmod(folder.c_str(), 0500);
    mlkg::write_folder_atomically(folder.string() + "/", {{"b.txt", new_text}});
    return 0;
  });
  if (!code) return;
  CHECK(*code == 0);
  struct stat st {};
  REQUIRE(::stat(folder.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0500);
  CHECK(read_file(folder / "b.txt") == new_text);
  CHECK(entries(dir.path()) == 1); // the old folder, swapped out, went too
  fs::permissions(folder, fs::perms::owner_all);
}

TEST_CASE("a missing folder is exit 4 with the path from the command line") {
  TempDir dir;
  const std::string file = (dir / "missing/out.graphml").string();
  const auto r = run_cli({"export", "--format", "graphml", "-o", file});
  CHECK(r.code == 4);
  CHECK(r.err.rfind("mlkg: i/o error: " + file + ": cannot write: ", 0) == 0);
  CHECK(entries(dir.path()) == 0);
}

// With remove_temporaries_on_signals() (mlkg's main() calls it), a signal mid-write takes the temporary with it.

TEST_CASE("a signal mid-write removes the temporary file, keeps the old file, and still ends the process") {
  TempDir dir;
  const std::string file = (dir / "out.txt").string();
  write_file(file, old_text);
  const int status = in_child([&] {
    std::signal(SIGXFSZ, SIG_DFL); // as a shell leaves it, whatever the test runner did
    mlkg::remove_temporaries_on_signals();
    const rlimit limit{64 * 1024, 64 * 1024}; // SIGXFSZ in the middle of the data
    ::setrlimit(RLIMIT_FSIZE, &limit);
    return write_reporting(file, new_text);
  });
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGXFSZ);
  CHECK(read_file(file) == old_text);
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a signal mid-way through a folder removes the temporary folder and keeps the old one") {
  TempDir dir;
  const fs::path folder = dir / "vault";
  const std::vector<std::pair<std::string, std::string>> old_files{{"a.md", old_text}};
  mlkg::write_folder_atomically(folder.string(), old_files);
  const int status = in_child([&] {
    std::signal(SIGXFSZ, SIG_DFL); // as a shell leaves it, whatever the test runner did
    mlkg::remove_temporaries_on_signals();
    const rlimit limit{64 * 1024, 64 * 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    mlkg::write_folder_atomically(folder.string(), {{"a.md", "new\n"}, {"b.md", new_text}});
    return 0;
  });
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGXFSZ);
  CHECK(entries(dir.path()) == 1);
  CHECK(read_file((folder / "a.md").string()) == old_text);
}

TEST_CASE("SIGTERM removes a listed temporary folder with what it holds, and an ignored SIGHUP stays ignored") {
  TempDir dir;
  const auto make_folder = [&] {
    std::string name = (dir / ".mlkg-XXXXXX").string();
    REQUIRE(::mkdtemp(name.data()) != nullptr);
    // What a swapped-out folder may hold: files, and a folder a user's editor added.
    write_file(name + "/a.md", old_text);
    fs::create_directories(name + "/.obsidian/plugins");
    write_file(name + "/.obsidian/plugins/p.json", "{}");
    return name;
  };
  const int killed = in_child([&] {
    std::signal(SIGTERM, SIG_DFL);
    mlkg::remove_temporaries_on_signals();
    const mlkg::detail::ListedTemporary temp(true, make_folder);
    ::raise(SIGTERM);
    return 0;
  });
  REQUIRE(WIFSIGNALED(killed));
  CHECK(WTERMSIG(killed) == SIGTERM);
  CHECK(entries(dir.path()) == 0);

  const int ignored = in_child([&] {
    std::signal(SIGHUP, SIG_IGN); // as under nohup
    mlkg::remove_temporaries_on_signals();
    const mlkg::detail::ListedTemporary temp(true, make_folder);
    ::raise(SIGHUP);
    return 0;
  });
  REQUIRE(WIFEXITED(ignored));
  CHECK(WEXITSTATUS(ignored) == 0);
  CHECK(entries(dir.path()) == 1); // its owner, not the list, removes it; here nobody did
}

TEST_CASE("the mlkg program removes its temporary file when a signal stops an export") {
  TempDir dir;
  // A 16-block file size limit (8 or 16 KiB): the JSON export of the built-in graph is far larger.
  const auto r = mlkg::test::run_shell("cd '" + dir.path().string() + "' && { ulimit -f 16 && " + MLKG_BINARY +
                                       " export --format json -o out.json; } 2>/dev/null; echo \"status=$?\"");
  CHECK(r.out.find("status=" + std::to_string(128 + SIGXFSZ)) != std::string::npos);
  CHECK(entries(dir.path()) == 0);
}

// Rewriting a folder moves the user's entries into the new one before the swap; a failure puts back every one.

TEST_CASE("an entry of the user's that cannot be moved stops the write, and every entry moved is put back") {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::all); // for "nobody", below
  const fs::path folder = dir / "vault";
  // Root may move anything, so as root the writer drops to "nobody" first; moving a folder it may not write
  // into (its ".." changes) is then refused.
  const auto code = as_nobody([&] {
    mlkg::write_folder_atomically(folder.string(), {{"a.md", old_text}});
    write_file(folder / "a-note.md", "mine\n");
    write_file(folder / "z-note.md", "mine too\n");
    fs::create_directory(folder / "m-locked");
    write_file(folder / "m-locked/inside.md", "locked in\n");
    ::chmod((folder / "m-locked").c_str(), 0555);
    try {
      mlkg::write_folder_atomically(folder.string(), {{"a.md", new_text}});
    } catch (const mlkg::Error& e) {
      return e.kind() == mlkg::ErrorKind::io && e.location().file == (folder / "m-locked").string() ? 4 : 1;
    }
    return 0;
  });
  if (!code) return;
  CHECK(*code == 4);
  CHECK(read_file(folder / "a.md") == old_text);
  CHECK(read_file(folder / "a-note.md") == "mine\n");
  CHECK(read_file(folder / "z-note.md") == "mine too\n");
  CHECK(read_file(folder / "m-locked/inside.md") == "locked in\n");
  CHECK(entries(folder) == 5);     // the marker, a.md and the user's three
  CHECK(entries(dir.path()) == 1); // no temporary left
  fs::permissions(folder / "m-locked", fs::perms::owner_all);
}

TEST_CASE("a folder whose bits deny its owner writing keeps the user's entries and its bits when rewritten") {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::all); // for "nobody", below
  const fs::path folder = dir / "vault";
  const auto code = as_nobody([&] {
    mlkg::write_folder_atomically(folder.string(), {{"a.md", old_text}});
    write_file(folder / "note.md", "mine\n");
    fs::create_directory(folder / ".obsidian");
    ::chmod(folder.c_str(), 0500);
    mlkg::write_folder_atomically(folder.string(), {{"b.md", new_text}});
    return 0;
  });
  if (!code) return;
  CHECK(*code == 0);
  struct stat st {};
  REQUIRE(::stat(folder.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0500);
  CHECK(read_file(folder / "b.md") == new_text);
  CHECK(read_file(folder / "note.md") == "mine\n");
  CHECK(fs::is_directory(folder / ".obsidian"));
  CHECK_FALSE(fs::exists(folder / "a.md"));
  CHECK(entries(dir.path()) == 1);
  fs::permissions(folder, fs::perms::owner_all);
}

TEST_CASE("a signal mid-way through rewriting a folder keeps the old one and the user's entries in it") {
  TempDir dir;
  const fs::path folder = dir / "vault";
  mlkg::write_folder_atomically(folder.string(), {{"a.md", old_text}});
  fs::create_directory(folder / ".obsidian");
  write_file(folder / ".obsidian/app.json", "{}\n");
  write_file(folder / "note.md", "mine\n");
  const int status = in_child([&] {
    std::signal(SIGXFSZ, SIG_DFL);
    mlkg::remove_temporaries_on_signals();
    const rlimit limit{64 * 1024, 64 * 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    mlkg::write_folder_atomically(folder.string(), {{"a.md", "new\n"}, {"b.md", new_text}});
    return 0;
  });
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGXFSZ);
  CHECK(entries(dir.path()) == 1);
  CHECK(read_file(folder / "a.md") == old_text);
  CHECK(read_file(folder / ".obsidian/app.json") == "{}\n");
  CHECK(read_file(folder / "note.md") == "mine\n");
}
