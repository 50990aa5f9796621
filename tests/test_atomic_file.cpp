#include "mlkg/atomic_file.hpp"
#include "mlkg/error.hpp"
#include "support.hpp"

#include <cerrno>
#include <cstdint>
#include <doctest/doctest.h>
#include <filesystem>
#include <grp.h>
#include <set>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

using mlkg::test::read_file;
using mlkg::test::TempDir;
using mlkg::test::write_file;
namespace fs = std::filesystem;

namespace {

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

const char* const access_acl = "system.posix_acl_access";

// A POSIX ACL as the kernel stores it in `access_acl`: a little-endian version 2 header, then entries of
// {u16 tag, u16 perm, u32 id}, in tag order. Here user::rw- user:65534:r-- group::--- mask::r-- other::---.
std::string acl_reading_for_nobody() {
  std::string value;
  const auto le = [&](std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) value += static_cast<char>((v >> (8 * i)) & 0xff);
  };
  const auto entry = [&](std::uint16_t tag, std::uint16_t perm, std::uint32_t id) {
    le(tag, 2);
    le(perm, 2);
    le(id, 4);
  };
  const std::uint32_t none = 0xffffffff; // ACL_UNDEFINED_ID, for the entries that name no one
  le(2, 4);
  entry(0x01, 6, none);  // USER_OBJ
  entry(0x02, 4, 65534); // USER
  entry(0x04, 0, none);  // GROUP_OBJ
  entry(0x10, 4, none);  // MASK
  entry(0x20, 0, none);  // OTHER
  return value;
}

// The file's access ACL, or "" when it has none.
std::string acl_of(const std::string& file) {
  std::string value(256, '\0');
  const ssize_t n = ::getxattr(file.c_str(), access_acl, value.data(), value.size());
  value.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return value;
}

struct stat stat_of(const std::string& file) {
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  return st;
}

// Writes "old" to `file` and gives it to uid:gid; false, with a message, where that needs root.
bool given_away(const std::string& file, uid_t uid, gid_t gid) {
  write_file(file, "old");
  if (::chown(file.c_str(), uid, gid) == 0) return true;
  MESSAGE("skipped: giving a file away needs root");
  return false;
}

} // namespace

TEST_CASE("atomic write creates and replaces a file, leaving no temporary behind") {
  TempDir dir;
  const std::string file = (dir / "out.txt").string();
  mlkg::write_file_atomically(file, "first");
  CHECK(read_file(file) == "first");
  mlkg::write_file_atomically(file, "second, longer");
  CHECK(read_file(file) == "second, longer");
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("atomic write into a missing folder is an I/O error naming the path") {
  TempDir dir;
  const std::string file = (dir / "no/such/out.svg").string();
  try {
    mlkg::write_file_atomically(file, "x");
    FAIL("expected an error");
  } catch (const mlkg::Error& e) {
    CHECK(e.kind() == mlkg::ErrorKind::io);
    CHECK(e.location().file == file);
  }
  CHECK(entries(dir.path()) == 0);
}

TEST_CASE("atomic write over a folder fails and keeps the folder") {
  TempDir dir;
  fs::create_directories(dir / "taken");
  CHECK_THROWS_AS(mlkg::write_file_atomically((dir / "taken").string(), "x"), mlkg::Error);
  CHECK(fs::is_directory(dir / "taken"));
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a symbolic link is written through: what it names is replaced and the link kept") {
  TempDir dir;
  fs::create_directories(dir / "real");
  mlkg::write_file_atomically((dir / "real/out.ttl").string(), "old");
  fs::create_symlink(dir / "real/out.ttl", dir / "link.ttl");
  mlkg::write_file_atomically((dir / "link.ttl").string(), "new");
  CHECK(fs::is_symlink(dir / "link.ttl"));
  CHECK(read_file(dir / "real/out.ttl") == "new");
  CHECK(entries(dir / "real") == 1);

  mlkg::write_folder_atomically((dir / "real/vault").string(), {{"a.md", "old"}});
  fs::create_directory_symlink(dir / "real/vault", dir / "vault");
  mlkg::write_folder_atomically((dir / "vault").string(), {{"b.md", "new"}});
  CHECK(fs::is_symlink(dir / "vault"));
  CHECK(read_file(dir / "real/vault/b.md") == "new");
  CHECK_FALSE(fs::exists(dir / "real/vault/a.md"));
  CHECK(entries(dir / "real") == 2); // out.ttl and vault: no temporary left
}

TEST_CASE("a dangling symbolic link names the file to create, as a shell's > has it; a loop is refused") {
  TempDir dir;
  fs::create_directories(dir / "real");
  fs::create_symlink("real/new.svg", dir / "relative.svg"); // relative to the link's folder
  mlkg::write_file_atomically((dir / "relative.svg").string(), "drawn");
  CHECK(fs::is_symlink(dir / "relative.svg"));
  CHECK(read_file(dir / "real/new.svg") == "drawn");
  fs::create_symlink(dir / "chain.svg", dir / "first.svg"); // a link to a dangling link
  fs::create_symlink(dir / "real/end.svg", dir / "chain.svg");
  mlkg::write_file_atomically((dir / "first.svg").string(), "end");
  CHECK(read_file(dir / "real/end.svg") == "end");
  CHECK(fs::is_symlink(dir / "first.svg"));

  fs::create_symlink(dir / "loop-b", dir / "loop-a");
  fs::create_symlink(dir / "loop-a", dir / "loop-b");
  CHECK_THROWS_WITH_AS(mlkg::write_file_atomically((dir / "loop-a").string(), "x"),
                       doctest::Contains("cannot write: a loop of symbolic links"), mlkg::Error);
  CHECK(fs::is_symlink(dir / "loop-a"));
  CHECK(entries(dir / "real") == 2);
}

TEST_CASE("a replaced file keeps its owner and group, and its setuid and setgid bits") {
  TempDir dir;
  const std::string file = (dir / "shared.txt").string();
  if (!given_away(file, 65534, 65534)) return;
  REQUIRE(::chmod(file.c_str(), 06750) == 0); // after chown, which clears the set-id bits
  mlkg::write_file_atomically(file, "new");
  CHECK(read_file(file) == "new");
  const struct stat st = stat_of(file);
  CHECK(st.st_uid == 65534);
  CHECK(st.st_gid == 65534);
  CHECK((st.st_mode & 07777) == 06750);
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a user replacing a file they do not own makes it theirs, in its group when they belong to it") {
  TempDir dir;
  const std::string file = (dir / "shared.txt").string();
  if (!given_away(file, 0, 65534)) return;
  REQUIRE(::chmod(file.c_str(), 0664) == 0);
  REQUIRE(::chmod(dir.path().c_str(), 0777) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) { // as user 1000, in group 65534 besides its own
    const gid_t groups[] = {65534};
    bool ok = ::setgroups(1, groups) == 0 && ::setgid(1000) == 0 && ::setuid(1000) == 0;
    try {
      mlkg::write_file_atomically(file, "new");
    } catch (...) {
      ok = false;
    }
    std::_Exit(ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(status == 0);
  CHECK(read_file(file) == "new");
  const struct stat st = stat_of(file);
  CHECK(st.st_uid == 1000);
  CHECK(st.st_gid == 65534);
  CHECK((st.st_mode & 07777) == 0664);
}

TEST_CASE("a replaced file keeps its ACL; one with none gets none, not its folder's default") {
  TempDir dir;
  const std::string file = (dir / "acl.txt").string();
  write_file(file, "old");
  const std::string acl = acl_reading_for_nobody();
  if (::setxattr(file.c_str(), access_acl, acl.data(), acl.size(), 0) != 0) {
    REQUIRE(errno == ENOTSUP);
    MESSAGE("skipped: the temp folder's file system has no ACLs");
    return;
  }
  const struct stat before = stat_of(file);
  mlkg::write_file_atomically(file, "new");
  CHECK(read_file(file) == "new");
  CHECK(acl_of(file) == acl);
  const struct stat after = stat_of(file);
  CHECK((after.st_mode & 07777) == (before.st_mode & 07777));

  // A folder's default ACL is what a new file in it gets; a replaced file without an ACL stays without one.
  const std::string plain = (dir / "plain.txt").string();
  write_file(plain, "old");
  REQUIRE(::chmod(plain.c_str(), 0640) == 0);
  const std::string folder = dir.path().string();
  REQUIRE(::setxattr(folder.c_str(), "system.posix_acl_default", acl.data(), acl.size(), 0) == 0);
  mlkg::write_file_atomically(plain, "new");
  CHECK(acl_of(plain).empty());
  const struct stat st = stat_of(plain);
  CHECK((st.st_mode & 07777) == 0640);
}

// A rewritten folder: what mlkg wrote (its marker lists it) is replaced, everything else is kept.

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

std::set<std::string> names_in(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

ino_t inode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_ino;
}

// The user's own entries in a folder mlkg wrote: a hidden settings folder (as Obsidian makes), a note, a folder.
void add_users_entries(const fs::path& folder) {
  fs::create_directories(folder / ".obsidian/plugins");
  write_file(folder / ".obsidian/app.json", "{}\n");
  write_file(folder / ".obsidian/plugins/p.json", "{\"on\": true}\n");
  write_file(folder / "My note.md", "mine\n");
  fs::create_directories(folder / "drafts");
  write_file(folder / "drafts/idea.md", "idea\n");
}

void check_users_entries(const fs::path& folder) {
  CHECK(read_file(folder / ".obsidian/app.json") == "{}\n");
  CHECK(read_file(folder / ".obsidian/plugins/p.json") == "{\"on\": true}\n");
  CHECK(read_file(folder / "My note.md") == "mine\n");
  CHECK(read_file(folder / "drafts/idea.md") == "idea\n");
}

} // namespace

TEST_CASE("a rewritten folder replaces the files mlkg wrote, drops its stale ones and keeps the user's entries") {
  TempDir dir;
  const fs::path vault = dir / "vault";
  mlkg::write_folder_atomically(vault.string(), Files{{"a.md", "old a\n"}, {"b.md", "old b\n"}});
  add_users_entries(vault);
  const ino_t settings = inode_of(vault / ".obsidian");
  const mlkg::KeptEntries kept =
      mlkg::write_folder_atomically(vault.string(), Files{{"a.md", "new a\n"}, {"c.md", "new c\n"}});
  CHECK(kept.count == 3);
  CHECK(kept.unexplained == 0);
  CHECK(read_file(vault / "a.md") == "new a\n");
  CHECK(read_file(vault / "c.md") == "new c\n");
  check_users_entries(vault);
  CHECK(inode_of(vault / ".obsidian") == settings); // moved, not copied
  // b.md, which mlkg wrote and this write does not, is gone; no temporary is left beside the folder.
  CHECK(names_in(vault) == std::set<std::string>{".mlkg-export", ".obsidian", "My note.md", "a.md", "c.md", "drafts"});
  CHECK(names_in(dir.path()) == std::set<std::string>{"vault"});
  // The user's entries stay the user's: a third write keeps them again.
  mlkg::write_folder_atomically(vault.string(), Files{{"b.md", "new b\n"}});
  check_users_entries(vault);
  CHECK(names_in(vault) == std::set<std::string>{".mlkg-export", ".obsidian", "My note.md", "b.md", "drafts"});
  CHECK(names_in(dir.path()) == std::set<std::string>{"vault"});
}

TEST_CASE("a rewritten folder refuses to replace an entry of the user's by a file of its name, and writes nothing") {
  TempDir dir;
  const fs::path vault = dir / "vault";
  mlkg::write_folder_atomically(vault.string(), Files{{"a.md", "old a\n"}});
  write_file(vault / "b.md", "mine\n");
  const std::string marker = read_file(vault / ".mlkg-export");
  CHECK_THROWS_WITH_AS(mlkg::write_folder_atomically(vault.string(), Files{{"a.md", "new a\n"}, {"b.md", "new b\n"}}),
                       doctest::Contains("cannot write folder: mlkg did not write it, and would replace it with a "
                                         "file of the same name: move it away, or choose another folder"),
                       mlkg::Error);
  try {
    mlkg::write_folder_atomically(vault.string(), Files{{"a.md", "new a\n"}, {"b.md", "new b\n"}});
  } catch (const mlkg::Error& e) {
    CHECK(e.kind() == mlkg::ErrorKind::usage);
    CHECK(e.location().file == (vault / "b.md").string());
  }
  CHECK(read_file(vault / "a.md") == "old a\n");
  CHECK(read_file(vault / "b.md") == "mine\n");
  CHECK(read_file(vault / ".mlkg-export") == marker);
  // Several are named in order: the first as the place, the next three after it.
  for (const char* name : {"e.md", "d.md", "c.md", "f.md"}) write_file(vault / name, "mine\n");
  Files clashing{{"a.md", "new a\n"}};
  for (const char* name : {"f.md", "e.md", "d.md", "c.md", "b.md"}) clashing.emplace_back(name, "new\n");
  CHECK_THROWS_WITH_AS(mlkg::write_folder_atomically(vault.string(), clashing),
                       ((vault / "b.md").string() + ": cannot write folder: mlkg did not write it, and would replace "
                                                    "it with a file of the same name: move it away, or choose another "
                                                    "folder (and 4 more: c.md, d.md, e.md, ...)")
                           .c_str(),
                       mlkg::Error);
  for (const char* name : {"c.md", "d.md", "e.md", "f.md"}) fs::remove(vault / name);
  CHECK(names_in(dir.path()) == std::set<std::string>{"vault"});

  // A file mlkg wrote is replaced, edited or not; one the user turned into a folder is the user's.
  write_file(vault / "a.md", "edited\n");
  mlkg::write_folder_atomically(vault.string(), Files{{"a.md", "new a\n"}});
  CHECK(read_file(vault / "a.md") == "new a\n");
  CHECK(read_file(vault / "b.md") == "mine\n");
  fs::remove(vault / "a.md");
  fs::create_directory(vault / "a.md");
  const std::string refused = (vault / "a.md").string() + ": cannot write folder: mlkg did not write it";
  CHECK_THROWS_WITH_AS(mlkg::write_folder_atomically(vault.string(), Files{{"a.md", "newer a\n"}}),
                       doctest::Contains(refused.c_str()), mlkg::Error);
  CHECK(fs::is_directory(vault / "a.md"));
  CHECK(names_in(dir.path()) == std::set<std::string>{"vault"});
}

TEST_CASE("a folder whose marker an older mlkg wrote, listing no files, keeps what the write does not replace") {
  TempDir dir;
  const fs::path vault = dir / "vault";
  fs::create_directory(vault);
  write_file(vault / ".mlkg-export", "Written by mlkg; mlkg export may replace this folder.\n");
  write_file(vault / "a.md", "old a\n");
  write_file(vault / "b.md", "old b\n"); // mlkg's or the user's: no telling
  add_users_entries(vault);
  mlkg::KeptEntries kept = mlkg::write_folder_atomically(vault.string(), Files{{"a.md", "new a\n"}});
  CHECK(kept.count == 4);       // b.md, My note.md, .obsidian, drafts
  CHECK(kept.unexplained == 2); // the files among them: mlkg never wrote a folder
  CHECK(read_file(vault / "a.md") == "new a\n");
  CHECK(read_file(vault / "b.md") == "old b\n");
  const std::string marker = read_file(vault / ".mlkg-export");
  CHECK(marker.rfind("Written by mlkg; mlkg export may replace this folder.\n", 0) == 0);
  CHECK(marker.find("\nwrote: a.md\nmaybe: My note.md\nmaybe: b.md\n") != std::string::npos);
  check_users_entries(vault);
  CHECK(names_in(vault) == std::set<std::string>{".mlkg-export", ".obsidian", "My note.md", "a.md", "b.md", "drafts"});
  // The files it could not tell stay as the old marker left them: a later write of their name replaces them.
  kept = mlkg::write_folder_atomically(vault.string(), Files{{"b.md", "new b\n"}});
  CHECK(kept.count == 3);
  CHECK(kept.unexplained == 0); // the old marker lists them
  CHECK(read_file(vault / "b.md") == "new b\n");
  check_users_entries(vault);
  CHECK(names_in(vault) == std::set<std::string>{".mlkg-export", ".obsidian", "My note.md", "b.md", "drafts"});
  // An entry the user adds now is the user's.
  write_file(vault / "c.md", "mine too\n");
  CHECK_THROWS_AS(mlkg::write_folder_atomically(vault.string(), Files{{"c.md", "new c\n"}}), mlkg::Error);
  CHECK(read_file(vault / "c.md") == "mine too\n");
  CHECK(names_in(dir.path()) == std::set<std::string>{"vault"});
}
